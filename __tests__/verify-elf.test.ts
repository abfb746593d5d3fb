/**
 * The ELF reader: synthetic files in all four class/endianness combinations (exact layout we
 * control, with and without section headers), real Go binaries built from the fixture
 * (compared with readelf when it is installed), and a fuzz-style run of thousands of
 * truncated and mutated copies of a real plugin that must each end in a clean ElfError.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { compareVersions, ElfError, glibcFloor, readElf } from '../src/lib/elf.js'
import { buildFixture } from '../testkit/verify-builds.js'
import { run, runOk } from '../testkit/run.js'

// Cold fixture builds on a busy 2-core machine can take minutes; they are cached afterwards.
vi.setConfig({ testTimeout: 900_000, hookTimeout: 900_000 })

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bb-elf-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

interface SynthOptions {
  is64: boolean
  le: boolean
  machine?: number
  type?: number
  interp?: string
  needed?: string[]
  soname?: string
  verneed?: { file: string; versions: string[] }[]
  /** Put the version needs behind section headers only (no DT_VERNEED), like some linkers. */
  verneedViaSections?: boolean
}

/** Writes a minimal, valid ELF with exactly the parts the reader uses. */
function synthElf(o: SynthOptions): Buffer {
  const w = o.is64 ? 8 : 4
  const ehsize = o.is64 ? 64 : 52
  const phentsize = o.is64 ? 56 : 32
  const base = 0x400000
  const strs: string[] = ['']
  const strOff = (s: string) => {
    let off = 0
    for (const x of strs) {
      if (x === s) return off
      off += Buffer.byteLength(x) + 1
    }
    strs.push(s)
    return off
  }
  const needed = (o.needed ?? []).map(strOff)
  const soname = o.soname !== undefined ? strOff(o.soname) : undefined
  const vn = (o.verneed ?? []).map(v => ({
    file: strOff(v.file),
    versions: v.versions.map(strOff)
  }))
  const dynstr = Buffer.from(strs.join('\0') + '\0', 'latin1')

  const phnum = 2 + (o.interp ? 1 : 0)
  let off = ehsize + phnum * phentsize
  const interpOff = off
  const interp = o.interp ? Buffer.from(o.interp + '\0', 'latin1') : Buffer.alloc(0)
  off += interp.length
  const strtabOff = off
  off += dynstr.length
  off = (off + 7) & ~7
  const verneedOff = off
  const vnSize = vn.reduce((n, v) => n + 16 + 16 * v.versions.length, 0)
  off += vnSize
  off = (off + 7) & ~7
  const dynOff = off
  const dyn: [number, number][] = []
  for (const n of needed) dyn.push([1, n])
  if (soname !== undefined) dyn.push([14, soname])
  dyn.push([5, base + strtabOff], [10, dynstr.length])
  if (vn.length && !o.verneedViaSections)
    dyn.push([0x6ffffffe, base + verneedOff], [0x6fffffff, vn.length])
  dyn.push([0, 0])
  off += dyn.length * 2 * w
  const shOff = o.verneedViaSections ? off : 0
  const shentsize = o.is64 ? 64 : 40
  const shnum = o.verneedViaSections ? 3 : 0
  const total = off + shnum * shentsize
  const b = Buffer.alloc(total)

  const u16 = (v: number, at: number) => (o.le ? b.writeUInt16LE(v, at) : b.writeUInt16BE(v, at))
  const u32 = (v: number, at: number) => (o.le ? b.writeUInt32LE(v, at) : b.writeUInt32BE(v, at))
  const word = (v: number, at: number) =>
    o.is64
      ? o.le
        ? b.writeBigUInt64LE(BigInt(v), at)
        : b.writeBigUInt64BE(BigInt(v), at)
      : u32(v, at)

  b.writeUInt32BE(0x7f454c46, 0)
  b[4] = o.is64 ? 2 : 1
  b[5] = o.le ? 1 : 2
  b[6] = 1
  u16(o.type ?? 3, 16)
  u16(o.machine ?? 62, 18)
  u32(1, 20)
  word(ehsize, o.is64 ? 32 : 28) // e_phoff
  word(shOff, o.is64 ? 40 : 32) // e_shoff
  u16(ehsize, o.is64 ? 52 : 40)
  u16(phentsize, o.is64 ? 54 : 42)
  u16(phnum, o.is64 ? 56 : 44)
  u16(shentsize, o.is64 ? 58 : 46)
  u16(shnum, o.is64 ? 60 : 48)

  const ph = (i: number, type: number, offset: number, size: number) => {
    const at = ehsize + i * phentsize
    u32(type, at)
    if (o.is64) {
      word(offset, at + 8)
      word(base + offset, at + 16)
      word(base + offset, at + 24)
      word(size, at + 32)
      word(size, at + 40)
    } else {
      word(offset, at + 4)
      word(base + offset, at + 8)
      word(base + offset, at + 12)
      word(size, at + 16)
      word(size, at + 20)
    }
  }
  let i = 0
  ph(i++, 1, 0, total) // PT_LOAD
  if (o.interp) ph(i++, 3, interpOff, interp.length)
  ph(i++, 2, dynOff, dyn.length * 2 * w)
  interp.copy(b, interpOff)
  dynstr.copy(b, strtabOff)

  let p = verneedOff
  vn.forEach((v, k) => {
    u16(1, p)
    u16(v.versions.length, p + 2)
    u32(v.file, p + 4)
    u32(16, p + 8)
    u32(k === vn.length - 1 ? 0 : 16 + 16 * v.versions.length, p + 12)
    v.versions.forEach((name, j) => {
      const a = p + 16 + 16 * j
      u32(0, a)
      u32(name, a + 8)
      u32(j === v.versions.length - 1 ? 0 : 16, a + 12)
    })
    p += 16 + 16 * v.versions.length
  })
  dyn.forEach(([tag, val], k) => {
    word(tag, dynOff + k * 2 * w)
    word(val, dynOff + k * 2 * w + w)
  })
  if (o.verneedViaSections) {
    const sh = (
      k: number,
      type: number,
      offset: number,
      size: number,
      link: number,
      info: number
    ) => {
      const at = shOff + k * shentsize
      u32(type, at + 4)
      word(offset, at + (o.is64 ? 24 : 16))
      word(size, at + (o.is64 ? 32 : 20))
      u32(link, at + (o.is64 ? 40 : 24))
      u32(info, at + (o.is64 ? 44 : 28))
    }
    sh(1, 3, strtabOff, dynstr.length, 0, 0)
    sh(2, 0x6ffffffe, verneedOff, vnSize, 1, vn.length)
  }
  return b
}

function write(name: string, data: Buffer | string): string {
  const f = path.join(tmp, name)
  writeFileSync(f, data)
  return f
}

async function expectElfError(file: string, pattern: RegExp): Promise<void> {
  const err = await readElf(file).catch((e: unknown) => e)
  expect(err).toBeInstanceOf(ElfError)
  expect((err as Error).message).toMatch(pattern)
}

describe('synthetic ELF files: every class and byte order', () => {
  const needs = [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.34', 'GLIBC_2.17'] }]
  for (const is64 of [true, false]) {
    for (const le of [true, false]) {
      it(`ELF${is64 ? 64 : 32} ${le ? 'little' : 'big'}-endian: interp, needed, soname, version needs`, async () => {
        const f = write(
          `synth-${is64}-${le}`,
          synthElf({
            is64,
            le,
            machine: 183,
            interp: '/lib/ld-linux-aarch64.so.1',
            needed: ['libpthread.so.0', 'libc.so.6'],
            soname: 'libx.so.1',
            verneed: needs
          })
        )
        const info = await readElf(f)
        expect(info).toMatchObject({
          elfClass: is64 ? 64 : 32,
          littleEndian: le,
          type: 3,
          machineName: 'arm64',
          interp: '/lib/ld-linux-aarch64.so.1',
          needed: ['libpthread.so.0', 'libc.so.6'],
          soname: 'libx.so.1',
          versionNeeds: needs
        })
        expect(glibcFloor(info.versionNeeds)).toBe('2.34')
      })
    }
  }

  it('finds the version needs through section headers when DT_VERNEED is absent', async () => {
    const f = write(
      'synth-sections',
      synthElf({
        is64: true,
        le: true,
        needed: ['libc.so.6'],
        verneed: needs,
        verneedViaSections: true
      })
    )
    expect((await readElf(f)).versionNeeds).toEqual(needs)
  })

  it('a static executable: no interp, no dynamic section', async () => {
    const b = synthElf({ is64: true, le: true, type: 2 })
    // Turn PT_DYNAMIC into PT_NULL: what a fully static binary looks like.
    b.writeUInt32LE(0, 64 + 56)
    const info = await readElf(write('synth-static', b))
    expect(info).toMatchObject({ type: 2, interp: undefined, hasDynamic: false, needed: [] })
  })
})

describe('glibc versions', () => {
  it('compares dotted versions numerically', () => {
    expect(compareVersions('2.34', '2.2.5')).toBe(1)
    expect(compareVersions('2.3', '2.3.0')).toBe(0)
    expect(compareVersions('2.17', '2.28')).toBe(-1)
    expect(glibcFloor([{ file: 'libc.so.6', versions: ['GLIBC_PRIVATE', 'GLIBC_2.3.4'] }])).toBe(
      '2.3.4'
    )
    expect(glibcFloor([])).toBeUndefined()
  })
})

describe('files that are not ELF binaries', () => {
  it('empty, text, short, directory, missing, bad class and byte order', async () => {
    await expectElfError(write('empty', ''), /empty \(0 bytes\)/)
    await expectElfError(write('text', '#!/bin/sh\necho hi\n'), /not an ELF file/)
    await expectElfError(write('short', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1])), /truncated/)
    await expectElfError(tmp, /is a directory/)
    await expect(readElf(path.join(tmp, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' })
    const bad = synthElf({ is64: true, le: true })
    bad[4] = 7
    await expectElfError(write('badclass', bad), /invalid ELF class/)
    bad[4] = 2
    bad[5] = 9
    await expectElfError(write('baddata', bad), /invalid ELF data/)
  })
})

describe('real Go binaries from the fixture', () => {
  let host: string
  let plugin: string
  let muslPlugin: string
  let staticHost: string
  beforeAll(async () => {
    host = await buildFixture({ kind: 'host' })
    plugin = await buildFixture({ kind: 'plugin', plugin: 'hello' })
    muslPlugin = await buildFixture({ kind: 'plugin', plugin: 'hello', libc: 'musl' })
    staticHost = await buildFixture({ kind: 'host', static: true })
  })

  it('reads linkage facts of a glibc host, a plugin, a musl plugin and a static host', async () => {
    const h = await readElf(host)
    expect(h).toMatchObject({
      elfClass: 64,
      littleEndian: true,
      type: 2,
      machineName: 'amd64',
      interp: '/lib64/ld-linux-x86-64.so.2',
      needed: ['libc.so.6']
    })
    expect(h.versionNeeds[0].file).toBe('libc.so.6')
    expect(glibcFloor(h.versionNeeds)).toMatch(/^2\.\d+/)
    const p = await readElf(plugin)
    expect(p).toMatchObject({ type: 3, interp: undefined, needed: ['libc.so.6'] })
    // Debian's musl-gcc links plain `libc.so` (Alpine's toolchain writes libc.musl-x86_64.so.1).
    expect(await readElf(muslPlugin)).toMatchObject({
      type: 3,
      needed: ['libc.so'],
      versionNeeds: []
    })
    expect(await readElf(staticHost)).toMatchObject({
      interp: undefined,
      needed: [],
      hasDynamic: false
    })
  })

  it('reads only headers and tables: a few KiB of a multi-MB binary', async () => {
    const h = await readElf(host)
    const bytes = h.reads.reduce((n, [, len]) => n + len, 0)
    expect(bytes).toBeLessThan(64 * 1024)
    expect(h.size).toBeGreaterThan(1024 * 1024)
  })

  it('agrees with readelf (when installed)', async ctx => {
    const probe = await run('readelf', ['--version']).catch(() => undefined)
    if (probe?.code !== 0) ctx.skip()
    for (const f of [host, plugin, muslPlugin]) {
      const info = await readElf(f)
      const dyn = await runOk('readelf', ['-dW', f])
      const needed = [...dyn.matchAll(/\(NEEDED\)\s+Shared library: \[(.+?)\]/g)].map(m => m[1])
      expect(info.needed).toEqual(needed)
      const ver = await runOk('readelf', ['-VW', f])
      const names = [...ver.matchAll(/Name: (GLIBC_[\d.]+)/g)].map(m => m[1]).sort()
      expect(info.versionNeeds.flatMap(v => v.versions).sort()).toEqual(names)
    }
  })
})

describe('fuzz: truncated and mutated copies of a real plugin', () => {
  const ALLOWED = (e: unknown): boolean => e instanceof ElfError

  async function readWithin(file: string, ms: number): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined
    const hang = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`readElf did not finish within ${ms} ms`)), ms)
    })
    try {
      return await Promise.race([readElf(file), hang])
    } catch (e) {
      return e
    } finally {
      clearTimeout(timer)
    }
  }

  it('3000 mutations of the bytes the reader uses: a result or an ElfError, never a crash or hang', async () => {
    const src = await buildFixture({ kind: 'plugin', plugin: 'hello' })
    const dir = path.join(tmp, 'fuzz')
    mkdirSync(dir, { recursive: true })
    const file = path.join(dir, 'mutant.so')
    copyFileSync(src, file)
    const clean = await readElf(file)
    // Mutate where the reader looks (headers, tables) and, now and then, anywhere.
    const regions = clean.reads
    let seed = 12345
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed % n
    }
    const interesting = [0, 0xff, 0x7f, 0x80, 1, 2, 3, 0xfe]
    const fh = await open(file, 'r+')
    const bad: string[] = []
    let parsed = 0
    let errors = 0
    try {
      for (let i = 0; i < 3000; i++) {
        const [roff, rlen] = rnd(10) === 0 ? [0, clean.size] : regions[rnd(regions.length)]
        const n = 1 + rnd(8)
        const at = roff + rnd(Math.max(1, rlen - n))
        const orig = Buffer.alloc(n)
        await fh.read(orig, 0, n, at)
        const mut = Buffer.alloc(n)
        for (let k = 0; k < n; k++)
          mut[k] = rnd(2) ? interesting[rnd(interesting.length)] : rnd(256)
        await fh.write(mut, 0, n, at)
        const r = await readWithin(file, 2000)
        if (r instanceof Error && !ALLOWED(r))
          bad.push(`mutation ${i} at ${at}: ${r.name}: ${r.message}`)
        else if (r instanceof Error) errors++
        else parsed++
        await fh.write(orig, 0, n, at)
      }
    } finally {
      await fh.close()
    }
    expect(bad).toEqual([])
    expect(errors).toBeGreaterThan(100)
    expect(parsed).toBeGreaterThan(100)
  })

  it('truncated at 1000+ lengths, from the whole file down to 1 byte: a clean error each time', async () => {
    const src = await buildFixture({ kind: 'plugin', plugin: 'hello' })
    const file = path.join(tmp, 'fuzz-trunc.so')
    copyFileSync(src, file)
    const clean = await readElf(file)
    const cuts = new Set<number>()
    for (const [off, len] of clean.reads) {
      for (let d = -3; d <= 3; d++) cuts.add(off + d).add(off + len + d)
      for (let k = 0; k < 40; k++) cuts.add(off + Math.floor((len * k) / 40))
    }
    for (let k = 1; k < 800; k++) cuts.add(Math.floor((clean.size * k) / 800))
    for (let k = 1; k < 80; k++) cuts.add(k)
    const lengths = [...cuts].filter(n => n > 0 && n < clean.size).sort((a, b) => b - a)
    expect(lengths.length).toBeGreaterThan(1000)
    const bad: string[] = []
    let errors = 0
    for (const len of lengths) {
      truncateSync(file, len)
      const r = await readWithin(file, 2000)
      if (r instanceof Error && !ALLOWED(r)) bad.push(`length ${len}: ${r.name}: ${r.message}`)
      else if (r instanceof Error) errors++
      else {
        // Past the last byte the reader needs, the facts must be unchanged.
        const info = r as Awaited<ReturnType<typeof readElf>>
        expect(info.needed).toEqual(clean.needed)
      }
    }
    expect(bad).toEqual([])
    expect(errors).toBeGreaterThan(500)
  })
})
