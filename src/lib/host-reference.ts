/**
 * The host as a reference without the host binary: the `hostReference` section a build writes
 * into manifest.json (the host's ELF facts and Go build info), and reading it back as the
 * host of verify's static checks. A plugin repository then checks its .so against the Bifrost
 * its team runs from that manifest alone; only the load test needs the real binary.
 *
 * Section version 1 (`hostReference.version`); schema/manifest.schema.json describes it.
 * A new field is added without a bump; a change that breaks readers bumps the version.
 */
import path from 'node:path'
import { TARGET_LIST, TARGETS, targetOfArch, type Arch, type Libc, type Mode } from './targets.js'
import { inputError } from '../errors.js'
import { getText, HttpStatusError, TooLargeError } from '../net/http.js'
import { readBuildInfo } from './buildinfo.js'
import { readElf, glibcFloor, type ElfInfo } from './elf.js'
import type { BuildInfo, VerifiedFile } from './binary.js'
import { readRegularFile } from '../util/read-file.js'

export const HOST_REFERENCE_VERSION = 1
/** manifest.json's own version (schema/manifest.schema.json): a reader refuses any other. */
export const MANIFEST_SCHEMA_VERSION = 1
/** A manifest is a few KiB to a few hundred; anything past this is not one. */
export const MAX_MANIFEST_BYTES = 8 * 1024 * 1024

export interface HostReference {
  version: typeof HOST_REFERENCE_VERSION
  mode: Exclude<Mode, 'auto'>
  libc: Libc
  /** `linux/amd64` or `linux/arm64`. */
  target: string
  host: {
    name: string
    size: number
    sha256: string
    elf: {
      class: 32 | 64
      machine: string
      type: 'exec' | 'dyn' | 'other'
      pie: boolean
      interp?: string
      needed: string[]
      glibcFloor?: string
    }
    buildInfo: BuildInfo
  }
}

/** What the section records about the host file itself, as verify read it. */
export type HostFacts = Omit<HostReference['host'], 'name' | 'sha256'>

/** The host's facts from its ELF facts and build info, already read. */
export function hostFactsOf(elf: ElfInfo, buildInfo: BuildInfo): HostFacts {
  const floor = glibcFloor(elf.versionNeeds)
  return {
    size: elf.size,
    elf: {
      class: elf.elfClass,
      machine: elf.machineName,
      type: elf.type === 2 ? 'exec' : elf.type === 3 ? 'dyn' : 'other',
      pie: elf.pie,
      ...(elf.interp ? { interp: elf.interp } : {}),
      needed: [...elf.needed],
      ...(floor ? { glibcFloor: floor } : {})
    },
    buildInfo
  }
}

/** Reads a host file's facts (verify at level off, and tests). */
export async function readHostFacts(file: string): Promise<HostFacts> {
  const [elf, buildInfo] = await Promise.all([readElf(file), readBuildInfo(file)])
  return hostFactsOf(elf, buildInfo)
}

/** The section for a built host (the package stage writes it from verify's facts). */
export function makeHostReference(
  facts: HostFacts,
  meta: { name: string; sha256: string; mode: Exclude<Mode, 'auto'>; libc: Libc; target: string }
): HostReference {
  return {
    version: HOST_REFERENCE_VERSION,
    mode: meta.mode,
    libc: meta.libc,
    target: meta.target,
    host: {
      name: meta.name,
      size: facts.size,
      sha256: meta.sha256,
      elf: facts.elf,
      buildInfo: facts.buildInfo
    }
  }
}

/** The recorded host as the VerifiedFile the rules take. */
export function referenceHost(ref: HostReference): VerifiedFile {
  const e = ref.host.elf
  const elf: ElfInfo = {
    size: ref.host.size,
    elfClass: e.class,
    littleEndian: true,
    type: e.type === 'exec' ? 2 : e.type === 'dyn' ? 3 : 0,
    machine: targetOfArch(e.machine)?.elfMachine ?? 0,
    machineName: e.machine,
    interp: e.interp,
    hasDynamic: e.needed.length > 0 || e.interp !== undefined,
    needed: [...e.needed],
    // The floor is all the rules read from the version needs.
    versionNeeds: e.glibcFloor ? [{ file: 'libc.so.6', versions: [`GLIBC_${e.glibcFloor}`] }] : [],
    pie: e.pie,
    reads: []
  }
  return { name: ref.host.name, kind: 'host', elf, buildInfo: ref.host.buildInfo }
}

const isUrl = (s: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s)

/**
 * Plain http is refused except to this machine's loopback addresses: a manifest decides
 * what passes, so it must not be swappable on the way.
 */
export function manifestUrlProblem(spec: string): string | undefined {
  let u: URL
  try {
    u = new URL(spec)
  } catch {
    return `${JSON.stringify(spec)} is not a valid URL`
  }
  if (u.protocol === 'https:') return undefined
  if (u.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname))
    return undefined
  return `${u.protocol}// is not allowed (only https://, or http:// to 127.0.0.1 / ::1)`
}

/** Reads (or downloads) a manifest.json and returns its host reference. */
export async function loadHostManifest(
  spec: string,
  opts: {
    workspace: string
    token?: string
    signal?: AbortSignal
    /** Told when the manifest comes over plain http (loopback only). */
    warn?: (message: string) => void
  }
): Promise<{ source: string; reference: HostReference; artifactName?: string }> {
  const input = 'host-manifest'
  let text: string
  let source: string
  if (isUrl(spec)) {
    source = spec
    const problem = manifestUrlProblem(spec)
    if (problem) throw inputError(input, problem, 'give an https URL or a local path')
    if (new URL(spec).protocol === 'http:')
      opts.warn?.(
        `host-manifest ${spec} is fetched over plain http: allowed only from this machine's loopback address (a local mirror, tests); any other http:// URL is refused, use https`
      )
    try {
      text = await getText(spec, {
        token: opts.token,
        signal: opts.signal,
        maxBytes: MAX_MANIFEST_BYTES,
        attempts: 3
      })
    } catch (e) {
      const why =
        e instanceof HttpStatusError
          ? `the server answered HTTP ${e.status}`
          : e instanceof TooLargeError
            ? `it is larger than ${MAX_MANIFEST_BYTES} bytes, not a manifest.json`
            : (e as Error).message
      throw inputError(
        input,
        `cannot download ${spec}: ${why}`,
        'check the URL (a release asset or artifact of the host build), or download it first and give its path'
      )
    }
  } else {
    source = path.resolve(opts.workspace, spec)
    try {
      const buf = await readRegularFile(source, {
        maxBytes: MAX_MANIFEST_BYTES,
        signal: opts.signal
      })
      text = buf.toString('utf8')
    } catch (e) {
      const err = e as NodeJS.ErrnoException
      if (opts.signal?.aborted) throw e
      const why =
        err.code === 'ENOENT'
          ? 'does not exist'
          : err.code === 'EISDIR'
            ? 'is a directory'
            : err.code === 'EFBIG'
              ? `${err.message}, not a manifest.json`
              : err.code === 'ENOTREG'
                ? err.message
                : `cannot be read: ${err.message}`
      throw inputError(
        input,
        `${source} ${why}`,
        "give the path of the host build's manifest.json (from its artifact or release)"
      )
    }
  }
  const { reference, artifactName } = parseHostManifest(text, source)
  return { source, reference, artifactName }
}

/** Validates manifest.json text and returns its host reference; errors name the source. */
export function parseHostManifest(
  text: string,
  source: string
): { reference: HostReference; artifactName?: string } {
  const bad = (what: string, fix = 'give the manifest.json a bifrost-build host build wrote') =>
    inputError('host-manifest', `${source}: ${what}`, fix)
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    throw bad(`is not JSON (${(e as Error).message})`)
  }
  if (!isObject(raw) || raw.generator !== 'bifrost-build')
    throw bad('is not a bifrost-build manifest.json (no "generator": "bifrost-build")')
  // Absent is read as 1 (the hostReference section carries its own version).
  if (raw.schemaVersion !== undefined && raw.schemaVersion !== MANIFEST_SCHEMA_VERSION)
    throw bad(
      `has schemaVersion ${JSON.stringify(raw.schemaVersion)}; this bifrost-build reads schemaVersion ${MANIFEST_SCHEMA_VERSION} only`,
      `give a manifest.json with schemaVersion ${MANIFEST_SCHEMA_VERSION} (rebuild the host with this bifrost-build), or use the bifrost-build release that wrote it`
    )
  const ref = raw.hostReference
  if (ref === undefined)
    throw bad(
      'has no hostReference section (written by an older bifrost-build)',
      'rebuild the host with this version of bifrost-build, or verify against the host binary (host-binary)'
    )
  if (!isObject(ref) || typeof ref.version !== 'number') throw bad('hostReference is malformed')
  if (ref.version !== HOST_REFERENCE_VERSION)
    throw bad(
      `hostReference version ${ref.version} is not ${HOST_REFERENCE_VERSION}`,
      'use the bifrost-build release that wrote the manifest, or rebuild the host with this one'
    )
  const problem = referenceProblem(ref)
  if (problem) throw bad(`hostReference is malformed: ${problem}`)
  return {
    reference: ref as unknown as HostReference,
    artifactName: typeof raw.artifactName === 'string' ? raw.artifactName : undefined
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const str = (v: unknown) => typeof v === 'string'
const optStr = (v: unknown) => v === undefined || typeof v === 'string'

function moduleProblem(m: unknown, where: string): string | undefined {
  if (!isObject(m) || !str(m.path) || !str(m.version) || !optStr(m.sum))
    return `${where} needs path and version strings`
  if (m.replace !== undefined) {
    const r = m.replace
    if (!isObject(r) || !str(r.path) || !optStr(r.version) || !optStr(r.sum))
      return `${where}.replace needs a path string`
  }
  return undefined
}

/** What is wrong with a hostReference object, or undefined (hand-written: no schema library at run time). */
function referenceProblem(ref: Record<string, unknown>): string | undefined {
  if (!['static', 'dynamic'].includes(ref.mode as string)) return 'mode is not static or dynamic'
  if (!['glibc', 'musl'].includes(ref.libc as string)) return 'libc is not glibc or musl'
  if (!TARGETS.some(t => t.name === ref.target)) return `target is not ${TARGET_LIST}`
  const h = ref.host
  if (!isObject(h) || !str(h.name) || typeof h.size !== 'number' || !str(h.sha256))
    return 'host needs name, size and sha256'
  const e = h.elf
  if (
    !isObject(e) ||
    (e.class !== 32 && e.class !== 64) ||
    !str(e.machine) ||
    !['exec', 'dyn', 'other'].includes(e.type as string) ||
    typeof e.pie !== 'boolean' ||
    !optStr(e.interp) ||
    !Array.isArray(e.needed) ||
    !e.needed.every(str) ||
    !optStr(e.glibcFloor)
  )
    return 'host.elf needs class, machine, type, pie and needed'
  const b = h.buildInfo
  if (!isObject(b) || !str(b.goVersion) || !str(b.path) || !Array.isArray(b.deps))
    return 'host.buildInfo needs goVersion, path and deps'
  if (b.main !== undefined) {
    const p = moduleProblem(b.main, 'host.buildInfo.main')
    if (p) return p
  }
  for (const [i, d] of (b.deps as unknown[]).entries()) {
    const p = moduleProblem(d, `host.buildInfo.deps[${i}]`)
    if (p) return p
  }
  if (!isObject(b.settings) || !Object.values(b.settings).every(str))
    return 'host.buildInfo.settings must map names to strings'
  return undefined
}

/** `linux/arm64` -> `arm64`. */
export function referenceArch(ref: HostReference): Arch {
  return ref.target.split('/')[1] as Arch
}
