/**
 * host-binary for a plugin-only build: the host as a local file (the path itself, or an https
 * download checked against host-binary-sha256), and the facts its ELF headers and Go build
 * info give. Kept apart from host-plan.ts, which turns those facts into the plan, because this
 * is the part that touches files and the network.
 */
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Arch, PrebuiltHost } from '../context.js'
import { BuildError, inputError } from '../errors.js'
import type { RawInputs } from '../inputs.js'
import type { Reporter } from '../report.js'
import { downloadFile, idleTimeoutMs, type HttpOptions } from '../net/http.js'
import { BuildInfoError, readBuildInfo } from '../lib/buildinfo.js'
import { ElfError, readElf } from '../lib/elf.js'
import { checkBinaryFile } from './verify-inputs.js'
import { sha256File } from '../util/sha256.js'
import { ensureTempRoot } from '../util/temp-root.js'
import { hostBuildFrom, hostVersionOf, type HostBuild } from './host.js'

/** The real bifrost-http is ~90 MB; a download past this is not a Bifrost host. */
export const MAX_HOST_BYTES = 512 * 1024 * 1024

/** What reading the host and planning from it need (planFromHost's options). */
export interface HostPlanEnv {
  workspace: string
  env: NodeJS.ProcessEnv
  hostArch: Arch
  reporter: Reporter
  signal?: AbortSignal
  which?: (cmd: string) => string | undefined
  /** Registers what the run undoes when it ends (the downloaded host's temp dir). */
  cleanup?: (name: string, undo: () => Promise<void>) => void
}

/** The host as a local file, where it came from, and its checksum and size. */
export interface FetchedHost {
  file: string
  from: string
  sha256: string
  size: number
}

const SHA256 = /^[0-9a-f]{64}$/

/** https anywhere; plain http only to this machine (a local mirror, the tests). */
export function hostUrlProblem(raw: string): string | undefined {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return 'is not a URL'
  }
  if (u.protocol === 'https:') return undefined
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname)
  if (u.protocol === 'http:' && loopback) return undefined
  return `uses ${u.protocol.replace(/:$/, '')}; only https URLs are fetched (plain http only from 127.0.0.1)`
}

/** The host as a local file: the path itself, or a download checked against host-binary-sha256. */
export async function fetchHost(raw: RawInputs, opts: HostPlanEnv): Promise<FetchedHost> {
  const from = (raw['host-binary'] ?? '').trim()
  const want = (raw['host-binary-sha256'] ?? '').trim().toLowerCase()
  if (want && !SHA256.test(want))
    throw inputError(
      'host-binary-sha256',
      `${JSON.stringify(raw['host-binary-sha256'])} is not a SHA-256 (64 hex digits)`,
      "give the host binary's sha256sum, e.g. from the SHA256SUMS of its release"
    )
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(from)) return localHost(from, want, opts.workspace)
  const bad = hostUrlProblem(from)
  if (bad) throw inputError('host-binary', `${from} ${bad}`, 'give an https URL or a path')
  if (!want)
    throw inputError(
      'host-binary-sha256',
      `host-binary is a URL (${from}) but no host-binary-sha256 is set: a downloaded host must be checked before anything is built for it`,
      'set host-binary-sha256 to the sha256 of that file (its release lists it in SHA256SUMS)'
    )
  return downloadHost(from, want, opts)
}

/** host-binary as a path in the workspace, checked against host-binary-sha256 when it is set. */
async function localHost(from: string, want: string, workspace: string): Promise<FetchedHost> {
  const file = path.resolve(workspace, from)
  const { error } = await checkBinaryFile('host-binary', file)
  if (error) throw error
  const sha256 = await sha256File(file)
  if (want && sha256 !== want)
    throw inputError(
      'host-binary-sha256',
      `${file} has sha256 ${sha256}, not ${want}`,
      'give the file whose checksum you set, or correct host-binary-sha256'
    )
  return { file, from, sha256, size: (await stat(file)).size }
}

/** host-binary as a URL: downloaded into a temp dir the run removes, kept only if its sha256 is `want`. */
async function downloadHost(from: string, want: string, opts: HostPlanEnv): Promise<FetchedHost> {
  const root = await ensureTempRoot(opts.env)
  const dir = await mkdtemp(path.join(root, 'bifrost-host-'))
  const removeDir = () => rm(dir, { recursive: true, force: true })
  // The host is used until the load test; the run removes the download when it ends.
  opts.cleanup?.('host download', removeDir)
  const name = path.basename(new URL(from).pathname) || 'bifrost-http'
  const file = path.join(dir, name)
  const http: HttpOptions = {
    signal: opts.signal,
    idleTimeoutMs: idleTimeoutMs(opts.env),
    maxBytes: MAX_HOST_BYTES,
    onRetry: m => opts.reporter.warning(m)
  }
  let got
  try {
    got = await downloadFile(from, file, http)
  } catch (err) {
    await removeDir()
    throw new BuildError(`downloading host-binary ${from} failed: ${(err as Error).message}`, {
      input: 'host-binary',
      fix: 'check the URL (a release asset or artifact download URL) and that this runner can reach it',
      cause: err
    })
  }
  if (got.sha256 !== want) {
    await removeDir()
    throw inputError(
      'host-binary-sha256',
      `${from} downloaded with sha256 ${got.sha256}, not ${want}; nothing was built`,
      'set host-binary-sha256 to the checksum its release publishes, or fix the URL'
    )
  }
  opts.reporter.info(`host-binary ${from} downloaded (${got.bytes} bytes, sha256 ${got.sha256})`)
  await chmod(file, 0o755)
  return { file, from, sha256: got.sha256, size: got.bytes }
}

/** Reads the host's ELF and build info: one clear error when either says it cannot load plugins. */
export async function readHost(file: string): Promise<HostBuild> {
  let elf
  try {
    elf = await readElf(file)
  } catch (err) {
    throw new BuildError(
      `${file} is not a readable ELF binary: ${err instanceof ElfError ? err.message : (err as Error).message}`,
      {
        input: 'host-binary',
        file,
        fix: 'give the bifrost-http binary built for Linux',
        usage: true
      }
    )
  }
  let bi
  try {
    bi = await readBuildInfo(file)
  } catch (err) {
    const why = err instanceof BuildInfoError ? err.reason : (err as Error).message
    throw new BuildError(
      `${file} carries no readable Go build info (${why}), so the Go release, target and module versions its plugins need cannot be known`,
      {
        input: 'host-binary',
        file,
        fix: 'give an unmodified bifrost-http built by Go 1.18 or newer (not post-processed by a tool that drops .go.buildinfo), or build host and plugins together without host-binary',
        usage: true
      }
    )
  }
  return hostBuildFrom(file, elf, bi)
}

export function prebuiltHost(h: HostBuild, fetched: FetchedHost): PrebuiltHost {
  const v = hostVersionOf(h)
  return {
    kind: 'binary',
    from: fetched.from,
    file: fetched.file,
    name: path.basename(fetched.file),
    sha256: fetched.sha256,
    size: fetched.size,
    goVersion: h.goVersion,
    version: v.version,
    versionFrom: v.from,
    ...(h.mainModule ? { mainModule: h.mainModule.path } : {}),
    ...(h.vcsRevision ? { vcsRevision: h.vcsRevision } : {}),
    unknown: h.unknown,
    modules: h.modules
  }
}
