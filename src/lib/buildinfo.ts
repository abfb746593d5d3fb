/**
 * Go build info read from the file itself, so verify needs no Go toolchain: the same fields
 * `go version -m -json` prints (Go's debug/buildinfo and runtime/debug.ParseBuildInfo are the
 * reference for the format; this is our own reading of it).
 *
 * Layout (Go 1.18 and newer): a 32-byte header at a 16-byte aligned address, found through the
 * `.go.buildinfo` section or, when the section headers are stripped, by scanning the first
 * writable, non-executable PT_LOAD segment:
 *   0..13  magic "\xff Go buildinf:"
 *   14     pointer size (unused by the inline layout)
 *   15     flags: bit 1 set = strings inline after the header (1.18+), else the old pointer layout
 *   32..   uvarint length + bytes: the Go version, then the module info
 * The module info is framed by two 16-byte sentinels and holds tab-separated lines
 * (`path`, `mod`, `dep`, `=>`, `build`).
 *
 * Every read goes through ElfImage (bounded, checked against the file); a corrupt or truncated
 * file gives a BuildInfoError naming it, never a crash or a hang.
 */
import { ElfError, ElfImage, type ElfInfo } from './elf.js'

export interface GoModule {
  path: string
  version: string
  sum?: string
  replace?: { path: string; version?: string; sum?: string }
}

export interface BuildInfo {
  goVersion: string
  path: string
  main?: GoModule
  deps: GoModule[]
  settings: Record<string, string>
}

export interface VerifiedFile {
  name: string
  kind: 'host' | 'plugin'
  elf: ElfInfo
  buildInfo?: BuildInfo
  /** Why build info could not be read (not a Go binary, `go` failed). */
  buildInfoError?: string
  /**
   * The directory its relative `replace` paths resolve from (its main module's root, or the
   * go.work directory), known in a build run; verify-only does not know it.
   */
  moduleDir?: string
}

export class BuildInfoError extends Error {
  constructor(
    readonly file: string,
    /** What is wrong, without the file name (for check messages that name the file already). */
    readonly reason: string
  ) {
    super(`${file}: ${reason}`)
    this.name = 'BuildInfoError'
  }
}

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1')
const ALIGN = 16
const HEADER_SIZE = 32
const FLAGS_VERSION_INLINE = 0x2
const PF_X = 1
const PF_W = 2
const PT_LOAD = 1
/** Scan chunk: a multiple of ALIGN, so an aligned magic never straddles two chunks. */
const SCAN_CHUNK = 64 * 1024
/** Go puts the header at the start of the data; past this much data it is not a Go binary. */
const MAX_SCAN = 64 * 1024 * 1024
/** The real Bifrost's module info is ~20 KiB; this bounds a hostile length prefix. */
const MAX_STRING = 4 * 1024 * 1024

const NOT_GO = 'not a Go binary (no Go build info in it)'

/**
 * Reads the Go build info of `file` (an executable or a `-buildmode=plugin` .so). Throws a
 * BuildInfoError naming the file when it is not a sound ELF file, not built by Go, built by a
 * Go older than 1.18, or its build info is corrupt.
 */
export async function readBuildInfo(file: string): Promise<BuildInfo> {
  let elf: ElfImage
  try {
    elf = await ElfImage.open(file)
  } catch (e) {
    throw new BuildInfoError(file, describe(e))
  }
  try {
    return await readBuildInfoOf(elf, file)
  } finally {
    await elf.close()
  }
}

/** The same over an ElfImage the caller opened (and closes); `file` names it in errors. */
export async function readBuildInfoOf(elf: ElfImage, file: string): Promise<BuildInfo> {
  try {
    const { version, modinfo } = await readRaw(elf, file)
    return { ...parseModInfoBytes(modinfo), goVersion: version }
  } catch (e) {
    if (e instanceof BuildInfoError) throw e
    throw new BuildInfoError(file, describe(e))
  }
}

function describe(e: unknown): string {
  if (e instanceof ElfError) return e.message
  if (e instanceof ModInfoError) return `corrupt Go build info: ${e.message}`
  const err = e as NodeJS.ErrnoException
  if (err?.code === 'ENOENT') return 'does not exist'
  if (err?.code === 'EACCES') return 'cannot be read (permission denied)'
  return `cannot be read: ${err?.message ?? String(e)}`
}

/** The raw version string and module info text (latin1: one char per byte). */
async function readRaw(elf: ElfImage, file: string): Promise<{ version: string; modinfo: string }> {
  const region = await dataRegion(elf)
  if (!region) throw new BuildInfoError(file, NOT_GO)
  const addr = await searchMagic(elf, region.addr, region.size)
  if (addr === undefined) throw new BuildInfoError(file, NOT_GO)
  const header = await readAt(elf, addr, HEADER_SIZE)
  if (!header || header.length < HEADER_SIZE) throw new BuildInfoError(file, NOT_GO)
  const flags = header[15]
  if ((flags & FLAGS_VERSION_INLINE) === 0)
    throw new BuildInfoError(
      file,
      'was built by a Go older than 1.18 (its build info uses the old pointer layout, without build settings); rebuild it with the Go of the host'
    )
  const v = await decodeString(elf, addr + HEADER_SIZE)
  if (!v) throw new BuildInfoError(file, `${NOT_GO}: the Go version string is cut off`)
  const m = await decodeString(elf, v.next)
  if (!m) throw new BuildInfoError(file, 'corrupt Go build info: the module info is cut off')
  if (v.text === '') throw new BuildInfoError(file, `${NOT_GO}: the Go version is empty`)
  let mod = m.text
  // The module info sits between two 16-byte sentinels; without them it is not there at all.
  if (mod.length >= 33 && mod[mod.length - 17] === '\n') mod = mod.slice(16, mod.length - 16)
  else mod = ''
  return { version: v.text, modinfo: mod }
}

/** Where the header may be: the `.go.buildinfo` section, else the first data segment. */
async function dataRegion(elf: ElfImage): Promise<{ addr: number; size: number } | undefined> {
  for (const s of await elf.sections()) {
    if (s.name === '.go.buildinfo') return { addr: s.addr, size: s.size }
  }
  const seg = elf.segments.find(s => s.type === PT_LOAD && (s.flags & (PF_X | PF_W)) === PF_W)
  return seg ? { addr: seg.vaddr, size: seg.memsz } : undefined
}

/** Up to `length` bytes at virtual address `addr`, as far as its segment holds file data. */
async function readAt(elf: ElfImage, addr: number, length: number): Promise<Buffer | undefined> {
  const at = elf.locate(addr)
  if (!at) return undefined
  const n = Math.min(length, at.available, elf.size - at.offset)
  if (n <= 0) return undefined
  return elf.read(at.offset, n, 'Go build info')
}

/** The first 16-byte aligned magic in [start, start+size), read in bounded chunks. */
async function searchMagic(
  elf: ElfImage,
  start: number,
  size: number
): Promise<number | undefined> {
  const end = start + Math.min(size, MAX_SCAN)
  let pos = Math.ceil(start / ALIGN) * ALIGN
  while (pos < end) {
    const chunk = await readAt(elf, pos, Math.min(SCAN_CHUNK, end - pos))
    if (!chunk) return undefined
    for (let i = chunk.indexOf(MAGIC); i >= 0; i = chunk.indexOf(MAGIC, i + 1)) {
      if (i % ALIGN !== 0) continue
      if (end - (pos + i) < HEADER_SIZE) return undefined
      return pos + i
    }
    pos += chunk.length
    // A short read that is not a multiple of ALIGN would break the alignment of later chunks.
    if (chunk.length % ALIGN !== 0) return undefined
  }
  return undefined
}

/** A uvarint-length-prefixed string at `addr`, or undefined when cut off or implausible. */
async function decodeString(
  elf: ElfImage,
  addr: number
): Promise<{ text: string; next: number } | undefined> {
  const head = await readAt(elf, addr, 10)
  if (!head) return undefined
  const lv = uvarint(head)
  if (!lv || lv.value > MAX_STRING) return undefined
  if (lv.value === 0) return { text: '', next: addr + lv.size }
  const body = await readAt(elf, addr + lv.size, lv.value)
  if (!body || body.length < lv.value) return undefined
  return { text: body.toString('latin1'), next: addr + lv.size + lv.value }
}

/** encoding/binary.Uvarint over at most 10 bytes; undefined on overflow or a cut-off value. */
export function uvarint(b: Buffer): { value: number; size: number } | undefined {
  let value = 0
  let scale = 1
  for (let i = 0; i < b.length && i < 10; i++) {
    const byte = b[i]
    value += (byte & 0x7f) * scale
    if (byte < 0x80) {
      if (!Number.isSafeInteger(value)) return undefined
      return { value, size: i + 1 }
    }
    scale *= 128
  }
  return undefined
}

export class ModInfoError extends Error {
  constructor(line: number, why: string) {
    super(`line ${line}: ${why}`)
    this.name = 'ModInfoError'
  }
}

/** Bytes held one per char (latin1) as the UTF-8 text they encode, like Go's JSON output. */
function utf8(s: string): string {
  // eslint-disable-next-line no-control-regex -- fast path for plain ASCII
  return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, 'latin1').toString('utf8')
}

/**
 * Parses module info text as runtime/debug.ParseBuildInfo does: `path`, `mod`, `dep`, `=>`
 * and `build` lines, tab-separated; other lines are ignored, as is a last line without a
 * newline; quoted build keys and values follow Go's string literal rules. The Go version is
 * not part of this text (the caller adds it; `goVersion` is ''). Throws ModInfoError naming
 * the line.
 */
export function parseModInfo(text: string): BuildInfo {
  return parseModInfoBytes(Buffer.from(text, 'utf8').toString('latin1'))
}

/** parseModInfo over raw bytes held one per char (latin1), as read from the file. */
function parseModInfoBytes(data: string): BuildInfo {
  let path = ''
  let main: GoModule | undefined
  const deps: GoModule[] = []
  const settings: Record<string, string> = {}
  let last: GoModule | undefined
  const lines = data.split('\n')
  lines.pop() // the text after the last newline (Go stops there)
  lines.forEach((line, i) => {
    const n = i + 1
    const cols = (prefix: string) => line.slice(prefix.length).split('\t')
    if (line.startsWith('path\t')) {
      path = utf8(line.slice(5))
    } else if (line.startsWith('mod\t')) {
      main = moduleLine(cols('mod\t'), n)
      last = main
    } else if (line.startsWith('dep\t')) {
      last = moduleLine(cols('dep\t'), n)
      deps.push(last)
    } else if (line.startsWith('=>\t')) {
      const e = cols('=>\t')
      if (e.length !== 3)
        throw new ModInfoError(n, `expected 3 columns for replacement; got ${e.length}`)
      if (!last) throw new ModInfoError(n, 'replacement with no module on previous line')
      last.replace = { path: utf8(e[0]) }
      if (e[1]) last.replace.version = utf8(e[1])
      if (e[2]) last.replace.sum = utf8(e[2])
      last = undefined
    } else if (line.startsWith('build\t')) {
      const [key, value] = buildLine(line.slice(6), n)
      settings[utf8(key)] = utf8(value)
    }
  })
  return {
    goVersion: '',
    path,
    // Like `go version -m -json` read through parseBuildInfo: no main module without a path,
    // no dependency or replacement without one.
    main: main && (main as GoModule).path ? clean(main) : undefined,
    deps: deps.filter(d => d.path).map(clean),
    settings
  }
}

function clean(m: GoModule): GoModule {
  if (!m.replace || m.replace.path) return m
  return { path: m.path, version: m.version, ...(m.sum ? { sum: m.sum } : {}) }
}

function moduleLine(e: string[], n: number): GoModule {
  if (e.length !== 2 && e.length !== 3)
    throw new ModInfoError(n, `expected 2 or 3 columns; got ${e.length}`)
  const m: GoModule = { path: utf8(e[0]), version: utf8(e[1]) }
  if (e[2]) m.sum = utf8(e[2])
  return m
}

const quoteKey = (k: string) => k.length === 0 || /[= \t\r\n"`]/.test(k)
const quoteValue = (v: string) => /[ \t\r\n"`]/.test(v)

/** `key=value` of a build line, with Go's quoting rules for both. */
function buildLine(kv: string, n: number): [string, string] {
  if (kv.length < 1) throw new ModInfoError(n, "build line missing '='")
  let key: string
  let rawValue: string
  if (kv[0] === '=') throw new ModInfoError(n, 'build line with missing key')
  if (kv[0] === '`' || kv[0] === '"') {
    const q = unquote(kv)
    if (!q) throw new ModInfoError(n, 'invalid quoted key in build line')
    if (q.rest.length === 0) throw new ModInfoError(n, "build line missing '=' after quoted key")
    if (q.rest[0] !== '=')
      throw new ModInfoError(
        n,
        `unexpected character after quoted key: ${JSON.stringify(q.rest[0])}`
      )
    key = q.value
    rawValue = q.rest.slice(1)
  } else {
    const eq = kv.indexOf('=')
    if (eq < 0) throw new ModInfoError(n, "build line missing '=' after key")
    key = kv.slice(0, eq)
    rawValue = kv.slice(eq + 1)
    if (quoteKey(key))
      throw new ModInfoError(n, `unquoted key ${JSON.stringify(key)} must be quoted`)
  }
  let value = ''
  if (rawValue.length > 0) {
    if (rawValue[0] === '`' || rawValue[0] === '"') {
      const q = unquote(rawValue)
      if (!q || q.rest !== '') throw new ModInfoError(n, 'invalid quoted value in build line')
      value = q.value
    } else {
      value = rawValue
      if (quoteValue(value))
        throw new ModInfoError(n, `unquoted value ${JSON.stringify(value)} must be quoted`)
    }
  }
  return [key, value]
}

/** A UTF-8 byte sequence as one char per byte. */
function encodeRune(cp: number): string {
  return Buffer.from(String.fromCodePoint(cp), 'utf8').toString('latin1')
}

function validUtf8(bytes: string): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(bytes, 'latin1'))
    return true
  } catch {
    return false
  }
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92
}

/**
 * A Go string literal (`"..."` with escapes, or a `` `raw` `` string) at the start of `s`
 * (one char per byte), as strconv.QuotedPrefix + Unquote read it: its value and the rest.
 */
export function unquote(s: string): { value: string; rest: string } | undefined {
  const quote = s[0]
  if (s.length < 2) return undefined
  if (quote === '`') {
    const end = s.indexOf('`', 1)
    if (end < 0) return undefined
    return { value: s.slice(1, end).replace(/\r/g, ''), rest: s.slice(end + 1) }
  }
  if (quote !== '"') return undefined
  let out = ''
  let i = 1
  for (;;) {
    if (i >= s.length) return undefined
    const c = s[i]
    if (c === '"') break
    if (c === '\n') return undefined
    const code = c.charCodeAt(0)
    if (code >= 0x80) {
      // A multi-byte character is copied as is; an invalid byte stands for U+FFFD, as in Go.
      const len = code >= 0xf0 ? 4 : code >= 0xe0 ? 3 : code >= 0xc0 ? 2 : 1
      const ch = s.slice(i, i + len)
      if (len > 1 && ch.length === len && validUtf8(ch)) {
        out += ch
        i += len
      } else {
        out += encodeRune(0xfffd)
        i++
      }
      continue
    }
    if (c !== '\\') {
      out += c
      i++
      continue
    }
    const e = s[i + 1]
    if (e === undefined) return undefined
    i += 2
    if (e in SIMPLE_ESCAPES) {
      out += String.fromCharCode(SIMPLE_ESCAPES[e])
    } else if (e === '"') {
      out += '"'
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8
      const hex = s.slice(i, i + len)
      if (hex.length < len || !/^[0-9a-fA-F]+$/.test(hex)) return undefined
      const v = parseInt(hex, 16)
      i += len
      if (e === 'x') out += String.fromCharCode(v)
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined
        out += encodeRune(v)
      }
    } else if (e >= '0' && e <= '7') {
      const oct = s.slice(i - 1, i + 2)
      if (!/^[0-7]{3}$/.test(oct)) return undefined
      const v = parseInt(oct, 8)
      if (v > 255) return undefined
      out += String.fromCharCode(v)
      i += 2
    } else {
      return undefined
    }
  }
  return { value: out, rest: s.slice(i + 1) }
}
