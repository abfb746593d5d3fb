/**
 * The ELF file itself, read as hostile input: the header, program headers, section headers
 * on demand and bounded reads at file offsets or virtual addresses (ElfImage), for elf.ts's
 * facts and the Go build info reader. Every offset and count is checked against the file and
 * against fixed caps, so a truncated or corrupted file gives an ElfError, never a crash or a
 * hang.
 */
import { open, stat, type FileHandle } from 'node:fs/promises'

export class ElfError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ElfError'
  }
}

export const PT_LOAD = 1
export const SHT_NOBITS = 8
export const SHN_XINDEX = 0xffff
export const PN_XNUM = 0xffff

// Caps far above anything a real Go binary has; they bound work on hostile input.
export const MAX_PHNUM = 4096
export const MAX_SHNUM = 65535
export const MAX_TABLE_BYTES = 16 * 1024 * 1024
export const MAX_STRING = 4096

export class Reader {
  readonly reads: [number, number][] = []
  constructor(
    private readonly fh: FileHandle,
    readonly size: number,
    readonly le: boolean,
    readonly is64: boolean
  ) {}

  async bytes(offset: number, length: number, what: string): Promise<Buffer> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0)
      throw new ElfError(`${what}: invalid offset ${offset} or size ${length}`)
    if (length > MAX_TABLE_BYTES)
      throw new ElfError(`${what}: ${length} bytes is more than the ${MAX_TABLE_BYTES} allowed`)
    if (offset + length > this.size)
      throw new ElfError(
        `${what} at offset ${offset} (${length} bytes) lies past the end of the file (${this.size} bytes): truncated or corrupt`
      )
    this.reads.push([offset, length])
    const buf = Buffer.alloc(length)
    let done = 0
    while (done < length) {
      const { bytesRead } = await this.fh.read(buf, done, length - done, offset + done)
      if (bytesRead === 0) throw new ElfError(`${what}: file ended early (it changed while read)`)
      done += bytesRead
    }
    return buf
  }

  u16(b: Buffer, o: number): number {
    return this.le ? b.readUInt16LE(o) : b.readUInt16BE(o)
  }
  u32(b: Buffer, o: number): number {
    return this.le ? b.readUInt32LE(o) : b.readUInt32BE(o)
  }
  /** A word: 4 bytes in ELF32, 8 in ELF64, as a bigint. */
  word(b: Buffer, o: number): bigint {
    if (!this.is64) return BigInt(this.u32(b, o))
    return this.le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)
  }
}

export function num(v: bigint, what: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ElfError(`${what} ${v} is out of range`)
  return Number(v)
}

/**
 * A string table read lazily: a program that loads plugins exports every Go symbol, so its
 * .dynstr is hundreds of KiB while we need a dozen names from it.
 */
export class StringTable {
  private readonly cache = new Map<number, string>()
  constructor(
    private readonly r: Reader,
    private readonly offset: number,
    private readonly size: number,
    private readonly what: string
  ) {
    if (offset + size > r.size)
      throw new ElfError(
        `${what} at offset ${offset} (${size} bytes) lies past the end of the file (${r.size} bytes): truncated or corrupt`
      )
  }

  async get(at: number, what: string): Promise<string> {
    const hit = this.cache.get(at)
    if (hit !== undefined) return hit
    if (!Number.isSafeInteger(at) || at < 0 || at >= this.size)
      throw new ElfError(
        `${what}: string offset ${at} is outside the ${this.what} (${this.size} bytes)`
      )
    const len = Math.min(this.size - at, MAX_STRING + 1)
    const b = await this.r.bytes(this.offset + at, len, this.what)
    const end = b.indexOf(0)
    if (end < 0) throw new ElfError(`${what}: unterminated or oversized string at offset ${at}`)
    const s = b.toString('latin1', 0, end)
    this.cache.set(at, s)
    return s
  }
}

/** File offset of a virtual address, through the PT_LOAD segment that holds it in the file. */
export function vaddrToOffset(
  loads: ElfSegment[],
  vaddr: number,
  length: number,
  what: string
): number {
  for (const s of loads) {
    if (vaddr >= s.vaddr && vaddr + length <= s.vaddr + s.filesz)
      return s.offset + (vaddr - s.vaddr)
  }
  throw new ElfError(`${what}: address 0x${vaddr.toString(16)} is in no loaded segment of the file`)
}

/** One program header. `flags` holds PF_X (1), PF_W (2), PF_R (4). */
export interface ElfSegment {
  type: number
  flags: number
  offset: number
  vaddr: number
  filesz: number
  memsz: number
}

/** One section header with its name from the section name table (`''` when unnamed). */
export interface ElfSection {
  name: string
  type: number
  addr: number
  offset: number
  size: number
}

export interface Header {
  type: number
  machine: number
  shoff: number
  shentsize: number
  shnum: number
  shstrndx: number
  segments: ElfSegment[]
  sectionHeaders: (count: number) => Promise<Buffer | undefined>
}

/**
 * An open ELF file for readers that need more than `readElf`'s facts (the Go build info):
 * its program headers, its section headers on demand, and bounded reads at file offsets or
 * virtual addresses. Close it when done.
 */
export class ElfImage {
  private sectionList?: ElfSection[]
  private constructor(
    private readonly fh: FileHandle,
    private readonly r: Reader,
    private readonly header: Header
  ) {}

  static async open(file: string): Promise<ElfImage> {
    const { fh, size } = await openRegular(file)
    try {
      const { r, header } = await readHeader(fh, size)
      return new ElfImage(fh, r, header)
    } catch (e) {
      await fh.close()
      throw e
    }
  }

  get size(): number {
    return this.r.size
  }
  get is64(): boolean {
    return this.r.is64
  }
  get littleEndian(): boolean {
    return this.r.le
  }
  get segments(): readonly ElfSegment[] {
    return this.header.segments
  }
  /** Every [offset, length] read so far. */
  get reads(): readonly [number, number][] {
    return this.r.reads
  }

  /** `length` bytes at file `offset`; an ElfError when that lies outside the file or past the caps. */
  read(offset: number, length: number, what: string): Promise<Buffer> {
    return this.r.bytes(offset, length, what)
  }

  /**
   * The file offset of virtual address `addr` and how many file bytes follow it in the first
   * segment that holds it (as Go's debug/buildinfo maps addresses), or undefined.
   */
  locate(addr: number): { offset: number; available: number } | undefined {
    for (const s of this.header.segments) {
      if (s.filesz > 0 && addr >= s.vaddr && addr < s.vaddr + s.filesz)
        return { offset: s.offset + (addr - s.vaddr), available: s.vaddr + s.filesz - addr }
    }
    return undefined
  }

  /** The section headers with their names; empty when the file has none (stripped). */
  async sections(): Promise<readonly ElfSection[]> {
    if (this.sectionList) return this.sectionList
    const { shoff, shnum, shentsize } = this.header
    const r = this.r
    const list: ElfSection[] = []
    if (shoff !== 0 && shnum > 0 && shnum <= MAX_SHNUM) {
      const sh = await this.header.sectionHeaders(shnum)
      if (sh) {
        const raw = (i: number) => {
          const o = i * shentsize
          return {
            nameAt: r.u32(sh, o),
            type: r.u32(sh, o + 4),
            addr: num(r.word(sh, o + (r.is64 ? 16 : 12)), 'sh_addr'),
            offset: num(r.word(sh, o + (r.is64 ? 24 : 16)), 'sh_offset'),
            size: num(r.word(sh, o + (r.is64 ? 32 : 20)), 'sh_size'),
            link: r.u32(sh, o + (r.is64 ? 40 : 24))
          }
        }
        let strndx = this.header.shstrndx
        if (strndx === SHN_XINDEX) strndx = raw(0).link
        const names =
          strndx > 0 && strndx < shnum && raw(strndx).type !== SHT_NOBITS
            ? new StringTable(r, raw(strndx).offset, raw(strndx).size, 'section name table')
            : undefined
        for (let i = 0; i < shnum; i++) {
          const s = raw(i)
          const name = names && s.nameAt > 0 ? await names.get(s.nameAt, 'section name') : ''
          list.push({ name, type: s.type, addr: s.addr, offset: s.offset, size: s.size })
        }
      }
    }
    this.sectionList = list
    return list
  }

  close(): Promise<void> {
    return this.fh.close()
  }
}

export async function openRegular(file: string): Promise<{ fh: FileHandle; size: number }> {
  const st = await stat(file)
  if (st.isDirectory()) throw new ElfError('is a directory, not an ELF file')
  if (!st.isFile()) throw new ElfError('is not a regular file')
  if (st.size === 0) throw new ElfError('is empty (0 bytes), not an ELF file')
  return { fh: await open(file, 'r'), size: st.size }
}

/** ELF header and program headers, checked. */
export async function readHeader(
  fh: FileHandle,
  size: number
): Promise<{ r: Reader; header: Header }> {
  const identLen = Math.min(size, 64)
  const ident = Buffer.alloc(identLen)
  await fh.read(ident, 0, identLen, 0)
  if (identLen < 4 || ident.readUInt32BE(0) !== 0x7f454c46)
    throw new ElfError('is not an ELF file (no \\x7fELF magic at the start)')
  if (identLen < 16) throw new ElfError(`is truncated: ${size} bytes, shorter than an ELF header`)
  const cls = ident[4]
  const data = ident[5]
  if (cls !== 1 && cls !== 2) throw new ElfError(`has an invalid ELF class byte ${cls}`)
  if (data !== 1 && data !== 2)
    throw new ElfError(`has an invalid ELF data (endianness) byte ${data}`)
  const is64 = cls === 2
  const ehsize = is64 ? 64 : 52
  const r = new Reader(fh, size, data === 1, is64)
  const eh = await r.bytes(0, ehsize, 'ELF header')

  const type = r.u16(eh, 16)
  const machine = r.u16(eh, 18)
  const phoff = num(r.word(eh, is64 ? 32 : 28), 'e_phoff')
  const shoff = num(r.word(eh, is64 ? 40 : 32), 'e_shoff')
  const phentsize = r.u16(eh, is64 ? 54 : 42)
  let phnum = r.u16(eh, is64 ? 56 : 44)
  const shentsize = r.u16(eh, is64 ? 58 : 46)
  const shnum = r.u16(eh, is64 ? 60 : 48)
  const shstrndx = r.u16(eh, is64 ? 62 : 50)

  const sectionHeaders = async (count: number): Promise<Buffer | undefined> => {
    if (shoff === 0 || count === 0) return undefined
    const min = is64 ? 64 : 40
    if (shentsize < min) throw new ElfError(`e_shentsize ${shentsize} is smaller than ${min}`)
    return r.bytes(shoff, count * shentsize, 'section headers')
  }

  if (phnum === PN_XNUM) {
    // More program headers than fit e_phnum: the real count is in section 0's sh_info.
    const sh0 = await sectionHeaders(1)
    if (!sh0) throw new ElfError('e_phnum is PN_XNUM but there is no section header 0')
    phnum = r.u32(sh0, is64 ? 44 : 28)
  }
  if (phnum > MAX_PHNUM) throw new ElfError(`has ${phnum} program headers (more than ${MAX_PHNUM})`)

  const segments: ElfSegment[] = []
  if (phnum > 0) {
    const min = is64 ? 56 : 32
    if (phentsize < min) throw new ElfError(`e_phentsize ${phentsize} is smaller than ${min}`)
    const ph = await r.bytes(phoff, phnum * phentsize, 'program headers')
    for (let i = 0; i < phnum; i++) {
      const o = i * phentsize
      segments.push({
        type: r.u32(ph, o),
        flags: r.u32(ph, is64 ? o + 4 : o + 24),
        offset: num(r.word(ph, o + (is64 ? 8 : 4)), 'p_offset'),
        vaddr: num(r.word(ph, o + (is64 ? 16 : 8)), 'p_vaddr'),
        filesz: num(r.word(ph, o + (is64 ? 32 : 16)), 'p_filesz'),
        memsz: num(r.word(ph, o + (is64 ? 40 : 20)), 'p_memsz')
      })
    }
  }
  return {
    r,
    header: { type, machine, shoff, shentsize, shnum, shstrndx, segments, sectionHeaders }
  }
}
