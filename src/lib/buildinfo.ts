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
import type { BuildInfo } from './binary.js'
import { ElfError, ElfImage } from './elf.js'
import { ModInfoError, parseModInfoBytes } from './modinfo.js'

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
