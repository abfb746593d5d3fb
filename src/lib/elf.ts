/**
 * A small ELF reader for exactly what verify needs: header, program headers (PT_INTERP,
 * PT_DYNAMIC, PT_LOAD), the dynamic section (DT_NEEDED, DT_SONAME, DT_STRTAB, DT_VERNEED) and
 * the version needs (`GLIBC_x.y`); ElfImage also gives the section headers and reads by
 * virtual address, for the Go build info reader (buildinfo.ts). It reads through a file
 * handle at positions, never the whole file, and treats the file as hostile: every offset and
 * count is checked against the file and against fixed caps, so a truncated or corrupted file
 * gives an ElfError, never a crash or a hang. Why not an npm parser: see docs/elf-reader.md.
 */
import type { FileHandle } from 'node:fs/promises'
import type { Libc } from './targets.js'
import {
  ElfError,
  type ElfSegment,
  MAX_SHNUM,
  MAX_STRING,
  PT_LOAD,
  Reader,
  StringTable,
  num,
  openRegular,
  readHeader,
  vaddrToOffset
} from './elf-image.js'

const DF_1_PIE = 0x08000000n
const DT_FLAGS_1 = 0x6ffffffbn
const DT_NEEDED = 1n
const DT_NULL = 0n
const DT_SONAME = 14n
const DT_STRSZ = 10n
const DT_STRTAB = 5n
const DT_VERNEED = 0x6ffffffen
const DT_VERNEEDNUM = 0x6fffffffn
const MAX_DYN_ENTRIES = 65536
const MAX_VERNAUX = 1024
const MAX_VERNEED = 1024
const MAX_VERSION_ENTRIES = 8192
const PT_DYNAMIC = 2
const PT_INTERP = 3
const SHT_GNU_VERNEED = 0x6ffffffe

export { ElfError, ElfImage, type ElfSection, type ElfSegment } from './elf-image.js'

export interface VersionNeed {
  /** The library the versions come from, e.g. `libc.so.6`. */
  file: string
  versions: string[]
}

export interface ElfInfo {
  size: number
  elfClass: 32 | 64
  littleEndian: boolean
  /** e_type: 1 REL, 2 EXEC, 3 DYN, 4 CORE. */
  type: number
  machine: number
  /** Go's name for the machine (`amd64`, `arm64`, ...) or `machine <n>`. */
  machineName: string
  interp?: string
  hasDynamic: boolean
  needed: string[]
  soname?: string
  versionNeeds: VersionNeed[]
  /** DT_FLAGS_1 has DF_1_PIE: an ET_DYN executable rather than a shared library. */
  pie: boolean
  /** Every [offset, length] read, to show (and test) that only headers and tables were read. */
  reads: [number, number][]
}

const MACHINES: Record<number, string> = {
  3: '386',
  8: 'mips',
  20: 'ppc',
  21: 'ppc64',
  22: 's390x',
  40: 'arm',
  62: 'amd64',
  183: 'arm64',
  243: 'riscv64',
  258: 'loong64'
}

export function machineName(machine: number): string {
  return MACHINES[machine] ?? `machine ${machine}`
}

/** Reads the ELF facts of `file`. Throws ElfError for anything that is not a sound ELF file. */
export async function readElf(file: string): Promise<ElfInfo> {
  const { fh, size } = await openRegular(file)
  try {
    return await parse(fh, size)
  } finally {
    await fh.close()
  }
}

async function parse(fh: FileHandle, size: number): Promise<ElfInfo> {
  const { r, header } = await readHeader(fh, size)
  const { type, machine, shoff, shentsize, shnum, segments, sectionHeaders } = header
  const info: ElfInfo = {
    size,
    elfClass: r.is64 ? 64 : 32,
    littleEndian: r.le,
    type,
    machine,
    machineName: machineName(machine),
    interp: await readInterp(r, segments),
    hasDynamic: false,
    needed: [],
    versionNeeds: [],
    pie: false,
    reads: r.reads
  }

  const dynSeg = segments.find(s => s.type === PT_DYNAMIC)
  let verneedSection = dynSeg ? await readDynamic(r, dynSeg, segments, info) : undefined
  if (!verneedSection && shoff !== 0 && shnum > 0 && shnum <= MAX_SHNUM) {
    verneedSection = await verneedFromSections(r, await sectionHeaders(shnum), shnum, shentsize)
  }
  if (verneedSection) info.versionNeeds = await readVerneed(r, verneedSection)
  return info
}

/** Where the version needs are: their offset and count, and the string table they name. */
interface VerneedSection {
  offset: number
  count: number
  strtab: StringTable
}

/** PT_INTERP: the program interpreter (the dynamic loader's path), if there is one. */
async function readInterp(r: Reader, segments: ElfSegment[]): Promise<string | undefined> {
  const interpSeg = segments.find(s => s.type === PT_INTERP)
  if (!interpSeg) return undefined
  if (interpSeg.filesz > MAX_STRING) throw new ElfError(`PT_INTERP is ${interpSeg.filesz} bytes`)
  const b = await r.bytes(interpSeg.offset, interpSeg.filesz, 'PT_INTERP')
  const end = b.indexOf(0)
  return b.toString('latin1', 0, end < 0 ? b.length : end)
}

/**
 * The dynamic section: fills in `info` (hasDynamic, pie, needed, soname) and returns where
 * DT_VERNEED points, when it does.
 */
async function readDynamic(
  r: Reader,
  dynSeg: ElfSegment,
  segments: ElfSegment[],
  info: ElfInfo
): Promise<VerneedSection | undefined> {
  info.hasDynamic = true
  const loads = segments.filter(s => s.type === PT_LOAD)
  const entSize = r.is64 ? 16 : 8
  const count = Math.min(Math.floor(dynSeg.filesz / entSize), MAX_DYN_ENTRIES)
  const dyn = await r.bytes(dynSeg.offset, count * entSize, 'dynamic section')
  const neededOffsets: number[] = []
  let sonameOffset: number | undefined
  let strtab: number | undefined
  let strsz: number | undefined
  let verneed: number | undefined
  let verneednum = 0
  let flags1 = 0n
  for (let i = 0; i < count; i++) {
    const tag = r.word(dyn, i * entSize)
    const val = r.word(dyn, i * entSize + entSize / 2)
    if (tag === DT_NULL) break
    if (tag === DT_NEEDED) neededOffsets.push(num(val, 'DT_NEEDED'))
    else if (tag === DT_SONAME) sonameOffset = num(val, 'DT_SONAME')
    else if (tag === DT_STRTAB) strtab = num(val, 'DT_STRTAB')
    else if (tag === DT_STRSZ) strsz = num(val, 'DT_STRSZ')
    else if (tag === DT_VERNEED) verneed = num(val, 'DT_VERNEED')
    else if (tag === DT_VERNEEDNUM) verneednum = num(val, 'DT_VERNEEDNUM')
    else if (tag === DT_FLAGS_1) flags1 = val
  }
  info.pie = (flags1 & DF_1_PIE) !== 0n
  const wantsStrings =
    neededOffsets.length > 0 || sonameOffset !== undefined || verneed !== undefined
  if (!wantsStrings) return undefined
  if (strtab === undefined || strsz === undefined)
    throw new ElfError('dynamic section names libraries but has no DT_STRTAB/DT_STRSZ')
  const strOff = vaddrToOffset(loads, strtab, strsz, 'DT_STRTAB')
  const strings = new StringTable(r, strOff, strsz, 'dynamic string table')
  for (const o of neededOffsets) info.needed.push(await strings.get(o, 'DT_NEEDED'))
  if (sonameOffset !== undefined) info.soname = await strings.get(sonameOffset, 'DT_SONAME')
  if (verneed === undefined || verneednum <= 0) return undefined
  return {
    offset: vaddrToOffset(loads, verneed, 16, 'DT_VERNEED'),
    count: verneednum,
    strtab: strings
  }
}

/** `.gnu.version_r` through the section headers, for a file whose dynamic section lacks DT_VERNEED. */
async function verneedFromSections(
  r: Reader,
  sh: Buffer | undefined,
  shnum: number,
  shentsize: number
): Promise<VerneedSection | undefined> {
  if (!sh) return undefined
  const field = (i: number) => {
    const o = i * shentsize
    return {
      type: r.u32(sh, o + 4),
      offset: num(r.word(sh, o + (r.is64 ? 24 : 16)), 'sh_offset'),
      size: num(r.word(sh, o + (r.is64 ? 32 : 20)), 'sh_size'),
      link: r.u32(sh, o + (r.is64 ? 40 : 24)),
      info: r.u32(sh, o + (r.is64 ? 44 : 28))
    }
  }
  for (let i = 0; i < shnum; i++) {
    const s = field(i)
    if (s.type !== SHT_GNU_VERNEED) continue
    if (s.link >= shnum) throw new ElfError(`.gnu.version_r links to section ${s.link} of ${shnum}`)
    const str = field(s.link)
    const strtab = new StringTable(r, str.offset, str.size, '.gnu.version_r string table')
    return { offset: s.offset, count: s.info, strtab }
  }
  return undefined
}

async function readVerneed(r: Reader, v: VerneedSection): Promise<VersionNeed[]> {
  if (v.count > MAX_VERNEED) throw new ElfError(`DT_VERNEEDNUM ${v.count} is implausibly large`)
  const out: VersionNeed[] = []
  let pos = v.offset
  let entries = 0
  for (let i = 0; i < v.count; i++) {
    const vn = await r.bytes(pos, 16, 'version need entry')
    const cnt = r.u16(vn, 2)
    const file = await v.strtab.get(r.u32(vn, 4), 'version need file')
    const aux = r.u32(vn, 8)
    const next = r.u32(vn, 12)
    if (cnt > MAX_VERNAUX) throw new ElfError(`version need of ${file} lists ${cnt} versions`)
    const versions: string[] = []
    let apos = pos + aux
    for (let j = 0; j < cnt; j++) {
      if (++entries > MAX_VERSION_ENTRIES) throw new ElfError('too many version need entries')
      const a = await r.bytes(apos, 16, 'version need aux entry')
      versions.push(await v.strtab.get(r.u32(a, 8), 'version name'))
      const anext = r.u32(a, 12)
      if (anext === 0) break
      apos += anext
    }
    out.push({ file, versions })
    if (next === 0) break
    pos += next
  }
  return out
}

/** Newest `GLIBC_x.y[.z]` among the version needs, or undefined when none. */
export function glibcFloor(needs: readonly VersionNeed[]): string | undefined {
  let best: string | undefined
  for (const n of needs) {
    for (const v of n.versions) {
      const m = /^GLIBC_(\d+(?:\.\d+)*)$/.exec(v)
      if (m && (best === undefined || compareVersions(m[1], best) > 0)) best = m[1]
    }
  }
  return best
}

/** Compares dotted numeric versions (`2.34` > `2.2.5`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d < 0 ? -1 : 1
  }
  return 0
}

/** The libc family a file is linked against, from DT_NEEDED, then PT_INTERP, then GLIBC_ needs. */
export function libcFamily(elf: ElfInfo): Libc | undefined {
  if (elf.needed.includes('libc.so.6')) return 'glibc'
  if (elf.needed.some(n => /^libc\.musl-[a-z0-9_]+\.so\.1$/.test(n) || n === 'libc.so'))
    return 'musl'
  if (elf.interp?.includes('ld-musl-')) return 'musl'
  if (elf.interp?.includes('ld-linux')) return 'glibc'
  if (glibcFloor(elf.versionNeeds)) return 'glibc'
  return undefined
}
