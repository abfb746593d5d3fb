/** Inputs of `verify-only` / `bifrost-build verify`: files built elsewhere. Owner: verify. */
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Arch, Libc, Mode, Target, VerifyLevel } from '../context.js'
import { inputError, type BuildError } from '../errors.js'
import type { RawInputs } from '../inputs.js'
import type { VerifyInput } from './index.js'

export type VerifyOnlyInput = Omit<VerifyInput, 'goBin' | 'goEnv' | 'reporter' | 'signal'>

function value(raw: RawInputs, name: string): string {
  return (raw[name] ?? '').trim()
}

export function splitList(s: string): string[] {
  return s
    .split(/[\n,]/)
    .map(x => x.trim())
    .filter(Boolean)
}

/**
 * A clean error for a path that cannot be an ELF binary, without reading more than 4 bytes:
 * missing, a directory, empty, or no ELF magic. The stage reads the rest.
 */
export function checkBinaryFile(input: string, file: string): BuildError | undefined {
  const what = input === 'host-binary' ? 'the Bifrost binary' : 'a plugin .so file'
  let st
  try {
    st = statSync(file)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ELOOP')
      return inputError(
        input,
        `${file} is a symlink loop (it leads back to itself)`,
        `point the link at ${what}, or give that file's path`
      )
    if (code === 'EACCES')
      return inputError(input, `${file} cannot be read (EACCES)`, `make ${what} readable`)
    return inputError(input, `${file} does not exist`, `give the path of ${what}`)
  }
  if (st.isDirectory())
    return inputError(
      input,
      `${file} is a directory`,
      `give the path of ${what}, not its directory`
    )
  if (!st.isFile()) return inputError(input, `${file} is not a regular file`, `give ${what}`)
  if (st.size === 0)
    return inputError(input, `${file} is empty (0 bytes)`, `rebuild it; give the path of ${what}`)
  const magic = Buffer.alloc(4)
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    readSync(fd, magic, 0, 4, 0)
  } catch (e) {
    return inputError(
      input,
      `${file} cannot be read: ${(e as Error).message}`,
      'check its permissions'
    )
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
  if (magic.readUInt32BE(0) !== 0x7f454c46)
    return inputError(
      input,
      `${file} is not an ELF binary (no \\x7fELF header)`,
      `give ${what} built for Linux`
    )
  return undefined
}

/** `mode: auto` for files built elsewhere: dynamic with plugins, else what the host is. */
export function detectMode(hostFile: string, plugins: number): Mode {
  if (plugins > 0) return 'dynamic'
  return hasInterp(hostFile) ? 'dynamic' : 'static'
}

/** Whether an ELF64/32 file has a PT_INTERP program header (a few small positional reads). */
function hasInterp(file: string): boolean {
  const fd = openSync(file, 'r')
  try {
    const eh = Buffer.alloc(64)
    const n = readSync(fd, eh, 0, 64, 0)
    if (n < 52) return false
    const is64 = eh[4] === 2
    const le = eh[5] === 1
    const u16 = (b: Buffer, o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o))
    const u32 = (b: Buffer, o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o))
    const phoff = is64 ? Number(le ? eh.readBigUInt64LE(32) : eh.readBigUInt64BE(32)) : u32(eh, 28)
    const phentsize = u16(eh, is64 ? 54 : 42)
    const phnum = Math.min(u16(eh, is64 ? 56 : 44), 4096)
    if (phentsize < 4 || !Number.isSafeInteger(phoff)) return false
    const ph = Buffer.alloc(phentsize)
    for (let i = 0; i < phnum; i++) {
      if (readSync(fd, ph, 0, phentsize, phoff + i * phentsize) < 4) return false
      if (u32(ph, 0) === 3) return true
    }
    return false
  } finally {
    closeSync(fd)
  }
}

function oneOf<T extends string>(raw: RawInputs, name: string, allowed: readonly T[], dflt: T): T {
  const v = value(raw, name) || dflt
  if (!(allowed as readonly string[]).includes(v))
    throw inputError(
      name,
      `"${v}" is not one of ${allowed.join(', ')}`,
      `set ${name} to ${allowed.join(' or ')}`
    )
  return v as T
}

export function parseTarget(s: string, hostArch: Arch): Target {
  if (!s) return { os: 'linux', arch: hostArch }
  const m = /^linux\/(amd64|arm64)$/.exec(s)
  if (!m)
    throw inputError('target', `"${s}" is not a supported target`, 'use linux/amd64 or linux/arm64')
  return { os: 'linux', arch: m[1] as Arch }
}

export function verifyOnlyInput(
  raw: RawInputs,
  opts: { workspace: string; hostArch: Arch }
): VerifyOnlyInput {
  const hostRaw = value(raw, 'host-binary')
  if (!hostRaw)
    throw inputError(
      'host-binary',
      'verify-only needs the Bifrost binary to check',
      'set host-binary (CLI: --host <path>)'
    )
  const host = path.resolve(opts.workspace, hostRaw)
  const hostErr = checkBinaryFile('host-binary', host)
  if (hostErr) throw hostErr

  const plugins: { name: string; path: string }[] = []
  const seen = new Map<string, string>()
  for (const p of splitList(value(raw, 'plugin-binaries'))) {
    const file = path.resolve(opts.workspace, p)
    const err = checkBinaryFile('plugin-binaries', file)
    if (err) throw err
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

  const modeRaw = oneOf(raw, 'mode', ['auto', 'static', 'dynamic'] as const, 'auto')
  const mode: Mode = modeRaw === 'auto' ? detectMode(host, plugins.length) : modeRaw
  const libc: Libc = oneOf(raw, 'libc', ['glibc', 'musl'] as const, 'glibc')
  const target = parseTarget(value(raw, 'target'), opts.hostArch)
  const level: VerifyLevel = oneOf(raw, 'verify', ['full', 'static', 'off'] as const, 'full')

  const timeoutRaw = value(raw, 'verify-timeout') || '60'
  const timeoutSec = Number(timeoutRaw)
  if (!/^\d+$/.test(timeoutRaw) || timeoutSec < 1 || timeoutSec > 3600)
    throw inputError(
      'verify-timeout',
      `"${timeoutRaw}" is not a whole number of seconds between 1 and 3600`,
      'set verify-timeout: 60'
    )

  const glibcMaxRaw = value(raw, 'glibc-max').replace(/^GLIBC_/i, '')
  if (glibcMaxRaw && !/^\d+\.\d+(\.\d+)?$/.test(glibcMaxRaw))
    throw inputError(
      'glibc-max',
      `"${raw['glibc-max']}" is not a glibc version`,
      'use a version like 2.31'
    )

  return {
    host,
    plugins,
    mode,
    libc,
    target,
    level,
    timeoutSec,
    glibcMax: glibcMaxRaw || undefined
  }
}
