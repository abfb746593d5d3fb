/**
 * Plugin-only builds: `host-binary` (a path, or an https URL with `host-binary-sha256`) plus
 * `plugins`. The host is the one input read before the plan, because the plan is derived from
 * its bytes: its Go build info and ELF headers say which Go, target, CPU level, libc, cgo,
 * -trimpath, tags, GOEXPERIMENT and module versions the plugins need (src/plan/host.ts).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Arch, ImagePlan, PrebuiltHost, Plan, ToolchainRequest } from '../context.js'
import { formatImageRef, pinned } from '../lib/oci/reference.js'
import { credentialsFor, parseImageInputs, parseRef, pullHostImage } from './image.js'
import { BuildError, inputError } from '../errors.js'
import { defaults, type InputName, type RawInputs } from '../inputs.js'
import type { Reporter } from '../report.js'
import { downloadFile, idleTimeoutMs, type HttpOptions } from '../net/http.js'
import { toolchainRequest } from './go-request.js'
import { BuildInfoError, readBuildInfo } from '../lib/buildinfo.js'
import { ElfError, readElf } from '../lib/elf.js'
import { loadHostManifest, referenceHost } from '../lib/host-reference.js'
import { checkBinaryFile } from './verify-inputs.js'
import { sha256File } from '../util/sha256.js'
import { ensureTempRoot } from '../util/temp-root.js'
import { whichOnPath } from '../util/which.js'
import { chooseCompiler } from './compiler.js'
import { hostBuildFrom, hostVersionOf, type HostBuild } from './host.js'
import { MODES, pluginVersionOf, reportedEnv, sharedSettings } from './index.js'
import { resolvePlugins } from './paths.js'
import { parseArtifactName, parseEnum, parseStampVersion, parseTags } from './values.js'
import { parseSourceDateEpoch } from '../util/source-date-epoch.js'

/** The real bifrost-http is ~90 MB; a download past this is not a Bifrost host. */
export const MAX_HOST_BYTES = 512 * 1024 * 1024

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
export async function fetchHost(
  raw: RawInputs,
  opts: HostPlanEnv
): Promise<{ file: string; from: string; sha256: string; size: number }> {
  const from = (raw['host-binary'] ?? '').trim()
  const want = (raw['host-binary-sha256'] ?? '').trim().toLowerCase()
  if (want && !SHA256.test(want))
    throw inputError(
      'host-binary-sha256',
      `${JSON.stringify(raw['host-binary-sha256'])} is not a SHA-256 (64 hex digits)`,
      "give the host binary's sha256sum, e.g. from the SHA256SUMS of its release"
    )
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(from)) {
    const file = path.resolve(opts.workspace, from)
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
  const bad = hostUrlProblem(from)
  if (bad) throw inputError('host-binary', `${from} ${bad}`, 'give an https URL or a path')
  if (!want)
    throw inputError(
      'host-binary-sha256',
      `host-binary is a URL (${from}) but no host-binary-sha256 is set: a downloaded host must be checked before anything is built for it`,
      'set host-binary-sha256 to the sha256 of that file (its release lists it in SHA256SUMS)'
    )
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
  await (await import('node:fs/promises')).chmod(file, 0o755)
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

export function prebuiltHost(
  h: HostBuild,
  fetched: { file: string; from: string; sha256: string; size: number }
): PrebuiltHost {
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

/**
 * An input that the host decides: ignored at its default or at the host's own value, an error
 * when set to something else (a plugin built that way would not load).
 */
function mustMatch(
  raw: RawInputs,
  input: InputName,
  hostValue: string,
  same: (v: string) => boolean = v => v.trim().toLowerCase() === hostValue.toLowerCase()
): void {
  const v = (raw[input] ?? '').trim()
  const dflt = defaults()[input] ?? ''
  if (v === '' || v === dflt.trim() || same(v)) return
  throw inputError(
    input,
    `${input} is ${JSON.stringify(v)}, but the host (host-binary) was built with ${hostValue}: a plugin built with ${JSON.stringify(v)} would not load into it`,
    `remove ${input}: a plugin-only build takes it from the host`
  )
}

/** The toolchain request for the host's exact Go release. */
export function hostToolchainRequest(
  raw: RawInputs,
  h: Pick<HostBuild, 'goVersion'>,
  opts: Pick<HostPlanEnv, 'workspace' | 'env' | 'hostArch'>
): ToolchainRequest {
  const all = { ...defaults(), ...raw }
  mustMatch(all, 'go-version', h.goVersion, v => v.replace(/^go/, '') === h.goVersion)
  if (all['go-version-file'].trim())
    throw inputError(
      'go-version-file',
      `go-version-file is set, but a plugin-only build uses the host's Go (${h.goVersion})`,
      'remove go-version-file'
    )
  return toolchainRequest({ ...all, 'go-version': h.goVersion, 'go-version-file': '' }, opts)
}

/** The plan of a plugin-only build: the plugins from the inputs, every setting from the host. */
export function makeHostPlan(
  rawIn: RawInputs,
  h: HostBuild,
  host: PrebuiltHost,
  opts: Omit<HostPlanEnv, 'reporter'>
): Plan {
  const raw = { ...defaults(), ...rawIn }
  const workspace = path.resolve(opts.workspace)
  const which = opts.which ?? whichOnPath(opts.env)
  for (const input of ['source', 'bifrost-version'] as const)
    if (raw[input].trim())
      throw inputError(
        input,
        `${input} is set together with host-binary: a plugin-only build builds no host`,
        `remove ${input} to build plugins for the given host, or remove host-binary to build both`
      )
  const plugins = resolvePlugins(raw['plugins'], workspace)
  if (plugins.length === 0)
    throw inputError(
      'plugins',
      'host-binary is set but no plugins are listed: a plugin-only build needs plugins to build',
      'list the plugin directories in plugins, or use verify-only to check binaries'
    )
  const mode = parseEnum('mode', raw['mode'], MODES)
  if (mode === 'static')
    throw inputError(
      'mode',
      'mode static with host-binary: plugins load only into a dynamic host',
      'remove mode (the host is dynamic)'
    )
  mustMatch(raw, 'libc', h.libc)
  mustMatch(raw, 'target', `linux/${h.arch}`)
  mustMatch(raw, 'trimpath', String(h.trimpath))
  const tagsIn = parseTags(raw['tags'])
  if (tagsIn.length && [...tagsIn].sort().join(',') !== [...h.tags].sort().join(','))
    throw inputError(
      'tags',
      `tags are ${tagsIn.join(',')}, but the host was built with [${h.tags.join(',')}]: shared packages would compile differently and the plugin would not load`,
      'remove tags: a plugin-only build takes them from the host'
    )
  const env = reportedEnv(opts.env)
  parseSourceDateEpoch(opts.env)
  const levelIn = env[h.archLevel.name]
  if (levelIn !== undefined && levelIn !== h.archLevel.value)
    throw new BuildError(
      `environment variable ${h.archLevel.name}=${levelIn}, but the host was built with ${h.archLevel.name}=${h.archLevel.value}`,
      { fix: `unset ${h.archLevel.name}: a plugin-only build takes it from the host`, usage: true }
    )
  env[h.archLevel.name] = h.archLevel.value
  const cc = chooseCompiler(h.libc, h.arch, opts.hostArch, raw['cc'], workspace, which)

  const version = parseStampVersion('version', raw['version'].trim() || 'dev-build')
  const pluginVersion = pluginVersionOf(raw, version)
  if ((raw['go-work'] ?? 'off').trim().toLowerCase() === 'local')
    throw inputError(
      'go-work',
      'go-work: local with host-binary: a plugin-only build has no host checkout to make a workspace of',
      'remove go-work (the plugin is built on its own go.mod, aligned with the host), or remove host-binary'
    )
  const source = { kind: 'host' as const, host }
  const goEnv: Record<string, string> = { GOEXPERIMENT: h.goexperiment, ...(h.cgoFlags ?? {}) }
  return {
    workspace,
    source,
    goVersion: h.goVersion,
    mode: 'dynamic',
    libc: h.libc,
    target: { os: 'linux', arch: h.arch },
    cc,
    version,
    pluginVersion,
    tags: [...h.tags],
    trimpath: h.trimpath,
    goWork: 'off',
    ui: 'skip',
    ...sharedSettings(raw, workspace, source, plugins),
    artifactName: parseArtifactName(
      raw['artifact-name'],
      `bifrost-plugins-${pluginVersion}-linux-${h.arch}-${h.libc}-for-${host.sha256.slice(0, 12)}`
    ),
    plugins,
    reportedEnv: env,
    goEnv,
    ...imageFor(raw, host, h)
  }
}

/**
 * host-image: the plugins are load-tested in a copy of that very image with them added,
 * tagged as `image` when it is set (a plugin image for that host), else kept for the test
 * only. Otherwise `image` builds on the default base as for a full build.
 */
function imageFor(
  raw: Record<string, string>,
  host: PrebuiltHost,
  h: HostBuild
): { image?: ImagePlan } {
  const own = parseImageInputs(raw, 'dynamic', h.libc)
  if (!host.image) return own ? { image: own } : {}
  if ((raw['image-base'] ?? '').trim())
    throw inputError(
      'image-base',
      'image-base is set together with host-image: the plugins go into the host image itself',
      'remove image-base'
    )
  const base = host.image.ref
  if (own) return { image: { ...own, base, baseFrom: 'host-image' } }
  const ref = {
    registry: 'localhost',
    repository: 'bifrost-build/plugin-test',
    tag: host.image.digest.slice(7, 19)
  }
  return {
    image: {
      ref,
      name: formatImageRef(ref),
      push: false,
      base,
      baseFrom: 'host-image',
      testOnly: true
    }
  }
}

/** The plan's extra lines for a plugin-only build (after describePlan's). */
export function describeHost(plan: Plan): string[] {
  if (plan.source.kind !== 'host') return []
  const h = plan.source.host
  return [
    `Host:           ${h.from} (${h.name}, sha256 ${h.sha256})`,
    `Host version:   ${h.version} (from ${h.versionFrom}), Go ${h.goVersion}`,
    `From the host:  Go ${h.goVersion}, linux/${plan.target.arch} ${Object.entries(plan.reportedEnv)
      .filter(([k]) => k === 'GOAMD64' || k === 'GOARM64')
      .map(([k, v]) => `${k}=${v}`)
      .join(
        ' '
      )}, ${plan.libc} (${plan.cc.command}), trimpath ${plan.trimpath}, tags [${plan.tags.join(',')}], GOEXPERIMENT=${plan.goEnv?.GOEXPERIMENT || '(default)'}, ${h.modules.length} module(s)`,
    ...h.unknown.map(u => `Not recorded:   ${u}`)
  ]
}

/**
 * host-manifest: the host as the manifest.json of its build recorded it (its hostReference
 * section: ELF facts and Go build info), read through the same derivation as a binary.
 */
async function hostFromManifest(
  raw: RawInputs,
  opts: HostPlanEnv
): Promise<{ h: HostBuild; host: PrebuiltHost }> {
  const spec = (raw['host-manifest'] ?? '').trim()
  const m = await loadHostManifest(spec, {
    workspace: opts.workspace,
    token: raw.token?.trim() || undefined,
    signal: opts.signal,
    warn: m => opts.reporter.warning(m)
  })
  const vf = referenceHost(m.reference)
  const h = hostBuildFrom(m.source, vf.elf, vf.buildInfo!)
  const ref = m.reference.host
  const host = prebuiltHost(h, { file: m.source, from: spec, sha256: ref.sha256, size: ref.size })
  return {
    h,
    host: {
      ...host,
      kind: 'manifest',
      name: ref.name,
      unknown: [
        ...h.unknown,
        'the host binary itself is not here (host-manifest): the load test needs it and is skipped; give host-binary to run it'
      ],
      reference: m.reference
    }
  }
}

/**
 * host-image: the host is `/app/main` of a registry image (linux/<target>), pinned by the
 * digest of that platform's manifest; it is taken out of the layers into a temp file and read
 * like host-binary. The image itself becomes the base the plugins are load-tested in.
 */
async function hostFromImage(
  raw: RawInputs,
  opts: HostPlanEnv
): Promise<{ h: HostBuild; host: PrebuiltHost }> {
  const text = (raw['host-image'] ?? '').trim()
  const ref = parseRef('host-image', text, 'ghcr.io/org/bifrost:1.5.1')
  const target = (raw['target'] ?? '').trim()
  const arch = (target.startsWith('linux/') ? target.slice(6) : opts.hostArch) as Arch
  const root = await ensureTempRoot(opts.env)
  const dir = await mkdtemp(path.join(root, 'bifrost-host-image-'))
  // Removed when the run ends: the pulled layers and the host taken out of them.
  opts.cleanup?.('host-image', () => rm(dir, { recursive: true, force: true }))
  const {
    img: pulled,
    host: file,
    size
  } = await pullHostImage(text, ref, arch, dir, {
    credentials: credentialsFor(ref.registry, raw, opts.env),
    signal: opts.signal
  })
  const pinnedName = pinned(ref, pulled.digest)
  opts.reporter.info(`host-image ${text} is ${pinnedName}; host /app/main (${size} bytes)`)
  const h = await readHost(file)
  const host = prebuiltHost(h, { file, from: pinnedName, sha256: await sha256File(file), size })
  return {
    h,
    host: {
      ...host,
      kind: 'image',
      name: 'bifrost-http',
      image: {
        name: formatImageRef(ref),
        ref: { ...ref, digest: pulled.digest },
        digest: pulled.digest,
        pinned: pinnedName
      }
    }
  }
}

/** Everything before the toolchain stage: fetch and read the host, the request for its Go, the plan. */
export async function planFromHost(
  raw: RawInputs,
  opts: HostPlanEnv
): Promise<{ plan: Plan; request: ToolchainRequest }> {
  const fromManifest = (raw['host-manifest'] ?? '').trim() !== ''
  const fromImage = (raw['host-image'] ?? '').trim() !== ''
  const given = (['host-binary', 'host-manifest', 'host-image'] as const).filter(n =>
    (raw[n] ?? '').trim()
  )
  if (given.length > 1)
    throw inputError(
      given[1],
      `${given.join(' and ')} are set`,
      'give one host: host-binary (a file), host-manifest (static checks only) or host-image (a registry image)'
    )
  if (fromManifest && (raw['host-binary'] ?? '').trim())
    throw inputError(
      'host-manifest',
      'both host-binary and host-manifest are set',
      'give host-binary (the load test runs in it) or host-manifest (static checks only), not both'
    )
  let h: HostBuild
  let host: PrebuiltHost
  if (fromManifest) {
    ;({ h, host } = await hostFromManifest(raw, opts))
  } else if (fromImage) {
    ;({ h, host } = await hostFromImage(raw, opts))
  } else {
    const fetched = await fetchHost(raw, opts)
    h = await readHost(fetched.file)
    host = prebuiltHost(h, fetched)
  }
  const request = hostToolchainRequest(raw, h, opts)
  const plan = makeHostPlan(raw, h, host, opts)
  return { plan, request }
}
