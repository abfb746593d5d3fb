/**
 * Inputs of `verify-only` / `bifrost-build verify`: files built elsewhere.
 * Values go through the plan's parsers (the same enums, case-insensitive, and the same
 * glibc-max pattern as a build); files are looked at through the one ELF reader.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import type { Arch, Mode, VerifyInput } from '../context.js'
import { BuildError, inputError } from '../errors.js'
import { writePulledArchive } from '../lib/oci/image.js'
import { pullHostImage } from './image.js'
import { formatImageRef, parseImageRef, pinned } from '../lib/oci/reference.js'
import type { RegistryCredentials } from '../lib/oci/registry.js'
import type { InputName, RawInputs } from '../inputs.js'
import { LIBCS } from '../lib/targets.js'
import { MODES, VERIFY_LEVELS } from './settings.js'
import { parseEnum, parseGlibcMax, parseInteger, parseTargetArch } from './values.js'
import { ElfError, readElf, type ElfInfo } from '../lib/elf.js'
import { loadHostManifest, referenceArch } from '../lib/host-reference.js'

export type VerifyOnlyInput = Omit<VerifyInput, 'reporter' | 'signal'> & {
  /** host-image: the image the host came from, as an OCI archive, for the in-image load test. */
  hostImage?: { name: string; archive: string; id: string; healthcheck?: string[]; appDir?: string }
}

function value(raw: RawInputs, name: InputName): string {
  return (raw[name] ?? '').trim()
}

export function splitList(s: string): string[] {
  return s
    .split(/[\n,]/)
    .map(x => x.trim())
    .filter(Boolean)
}

/**
 * A clean input error for a path that cannot be an ELF binary: missing, a directory, empty,
 * or not ELF. A file that is ELF but damaged passes here: the verify stage reports it as a
 * failed check. Returns the ELF facts when they could be read.
 */
export async function checkBinaryFile(
  input: string,
  file: string
): Promise<{ error?: BuildError; elf?: ElfInfo }> {
  const what = input === 'host-binary' ? 'the Bifrost binary' : 'a plugin .so file'
  let st
  try {
    st = await stat(file)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ELOOP')
      return {
        error: inputError(
          input,
          `${file} is a symlink loop (it leads back to itself)`,
          `point the link at ${what}, or give that file's path`
        )
      }
    if (code === 'EACCES')
      return {
        error: inputError(input, `${file} cannot be read (EACCES)`, `make ${what} readable`)
      }
    return { error: inputError(input, `${file} does not exist`, `give the path of ${what}`) }
  }
  if (st.isDirectory())
    return {
      error: inputError(
        input,
        `${file} is a directory`,
        `give the path of ${what}, not its directory`
      )
    }
  if (!st.isFile())
    return { error: inputError(input, `${file} is not a regular file`, `give ${what}`) }
  if (st.size === 0)
    return {
      error: inputError(input, `${file} is empty (0 bytes)`, `rebuild it; give the path of ${what}`)
    }
  try {
    return { elf: await readElf(file) }
  } catch (e) {
    if (e instanceof ElfError && e.message.startsWith('is not an ELF file'))
      return { error: inputError(input, `${file} ${e.message}`, `give ${what} built for Linux`) }
    if (e instanceof ElfError) return {}
    return {
      error: inputError(
        input,
        `${file} cannot be read: ${(e as Error).message}`,
        'check its permissions'
      )
    }
  }
}

/** `mode: auto` for files built elsewhere: dynamic with plugins, else what the host is. */
export function detectMode(host: ElfInfo | undefined, plugins: number): Exclude<Mode, 'auto'> {
  if (plugins > 0 || !host) return 'dynamic'
  return host.interp ? 'dynamic' : 'static'
}

/** What verify-only needs besides the inputs: where paths are relative to, and how to fetch. */
export interface VerifyOnlyOptions {
  workspace: string
  hostArch: Arch
  token?: string
  signal?: AbortSignal
  warn?: (message: string) => void
  /** host-image: where the image is pulled to, and the credentials for a registry. */
  workDir?: string
  credentials?: (registry: string) => Promise<RegistryCredentials | undefined>
  reporter?: { info(m: string): void }
}

type VerifySettings = Pick<VerifyOnlyInput, 'level' | 'timeoutSec' | 'glibcMax'>

/** verify, verify-timeout and glibc-max, with verify-only's defaults for unset inputs. */
function verifySettings(raw: RawInputs): VerifySettings {
  return {
    level: parseEnum('verify', value(raw, 'verify') || 'full', VERIFY_LEVELS),
    timeoutSec: parseInteger('verify-timeout', value(raw, 'verify-timeout') || '60', 1, 3600),
    glibcMax: parseGlibcMax(value(raw, 'glibc-max'))
  }
}

export async function verifyOnlyInput(
  raw: RawInputs,
  opts: VerifyOnlyOptions
): Promise<VerifyOnlyInput> {
  const imageRaw = value(raw, 'host-image')
  if (imageRaw) {
    for (const other of ['host-binary', 'host-manifest'] as const)
      if (value(raw, other))
        throw inputError(other, `${other} and host-image are both set`, 'give one host')
    return verifyImageInput(raw, imageRaw, opts)
  }
  const hostRaw = value(raw, 'host-binary')
  const manifestRaw = value(raw, 'host-manifest')
  if (hostRaw && manifestRaw)
    throw inputError(
      'host-manifest',
      'both host-binary and host-manifest are set',
      'give the host binary (checks and load test) or its manifest.json (static checks only), not both'
    )
  if (!hostRaw && !manifestRaw)
    throw inputError(
      'host-binary',
      'verify-only needs the Bifrost binary to check, or the manifest.json of its build',
      'set host-binary (CLI: --host <path>) or host-manifest (CLI: --host-manifest <path or https URL>)'
    )
  const plugins = await pluginFiles(raw, opts.workspace)
  const settings = verifySettings(raw)
  if (manifestRaw) return verifyManifestInput(manifestRaw, plugins, opts, settings)
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hostRaw))
    throw inputError(
      'host-binary',
      `${hostRaw} is a URL; verify-only reads the host from a path (a URL works with builds only, checked by host-binary-sha256)`,
      'download the host first and give its path, or give the URL of its manifest.json as host-manifest'
    )
  return verifyFilesInput(raw, path.resolve(opts.workspace, hostRaw), plugins, opts, settings)
}

/** host-manifest: the plugins are checked against the host as its build's manifest.json records it. */
async function verifyManifestInput(
  manifestRaw: string,
  plugins: { name: string; path: string }[],
  opts: VerifyOnlyOptions,
  settings: VerifySettings
): Promise<VerifyOnlyInput> {
  if (plugins.length === 0)
    throw inputError(
      'plugin-binaries',
      'host-manifest is set but no plugin is given: there is nothing to check against it',
      'set plugin-binaries (CLI: --plugin <a.so>)'
    )
  // The host's mode, libc and target are what it was built with: the manifest says so.
  const m = await loadHostManifest(manifestRaw, {
    workspace: opts.workspace,
    token: opts.token,
    signal: opts.signal,
    warn: opts.warn
  })
  return {
    host: m.source,
    hostReference: m.reference,
    plugins,
    mode: m.reference.mode,
    libc: m.reference.libc,
    target: { os: 'linux', arch: referenceArch(m.reference) },
    ...settings
  }
}

/** The plugin-binaries input, each file checked; names must be unique. */
async function pluginFiles(
  raw: RawInputs,
  workspace: string
): Promise<{ name: string; path: string }[]> {
  const plugins: { name: string; path: string }[] = []
  const seen = new Map<string, string>()
  for (const p of splitList(value(raw, 'plugin-binaries'))) {
    const file = path.resolve(workspace, p)
    const name = path.basename(file).replace(/\.so$/, '')
    const prev = seen.get(name)
    if (prev)
      throw inputError(
        'plugin-binaries',
        `two plugins are named ${name} (${prev} and ${file}); the host loads plugins by name`,
        'rename one of the files'
      )
    seen.set(name, file)
    plugins.push({ name, path: file })
  }
  for (const p of plugins) {
    const { error } = await checkBinaryFile('plugin-binaries', p.path)
    if (error) throw error
  }
  return plugins
}

/**
 * host-image: the image pulled (pinned by digest), its /app/main checked like host-binary
 * (libc from its loader), and the image kept as an OCI archive for the in-image load test.
 */
async function verifyImageInput(
  raw: RawInputs,
  text: string,
  opts: VerifyOnlyOptions
): Promise<VerifyOnlyInput> {
  const ref = parseImageRef(text)
  if (typeof ref === 'string')
    throw inputError(
      'host-image',
      `${JSON.stringify(text)} is not an image reference: ${ref}`,
      'write it as ghcr.io/org/bifrost:1.5.1'
    )
  const plugins = await pluginFiles(raw, opts.workspace)
  const arch = parseTargetArch(value(raw, 'target'), opts.hostArch)
  const dir = opts.workDir ?? opts.workspace
  const { img, host } = await pullHostImage(text, ref, arch, dir, {
    credentials: await opts.credentials?.(ref.registry),
    signal: opts.signal
  })
  const name = pinned(ref, img.digest)
  opts.reporter?.info(`host-image ${text} is ${name}`)
  const archive = path.join(dir, 'host-image.oci.tar')
  await writePulledArchive(img, archive, formatImageRef(ref))
  const elf = await readElf(host)
  const input = await verifyFilesInput(
    { ...raw, libc: elf.interp?.includes('musl') ? 'musl' : 'glibc', target: `linux/${arch}` },
    host,
    plugins,
    opts,
    verifySettings(raw)
  )
  return {
    ...input,
    hostImage: {
      name,
      archive,
      id: img.manifest.config.digest,
      healthcheck: img.config.config?.Healthcheck?.Test,
      appDir: img.config.config?.Env?.find(e => e.startsWith('APP_DIR='))?.slice(8) || undefined
    }
  }
}

async function verifyFilesInput(
  raw: RawInputs,
  host: string,
  plugins: { name: string; path: string }[],
  opts: { hostArch: Arch },
  s: VerifySettings
): Promise<VerifyOnlyInput> {
  const { level, timeoutSec, glibcMax } = s
  const hostCheck = await checkBinaryFile('host-binary', host)
  if (hostCheck.error) throw hostCheck.error
  const modeIn = parseEnum('mode', value(raw, 'mode') || 'auto', MODES)
  const mode = modeIn === 'auto' ? detectMode(hostCheck.elf, plugins.length) : modeIn
  const libc = parseEnum('libc', value(raw, 'libc') || 'glibc', LIBCS)
  const arch = parseTargetArch(value(raw, 'target'), opts.hostArch)
  return {
    host,
    plugins,
    mode,
    libc,
    target: { os: 'linux', arch },
    level,
    timeoutSec,
    glibcMax
  }
}
