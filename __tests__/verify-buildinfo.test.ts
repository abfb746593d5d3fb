/**
 * Go build info read in TypeScript (src/verify/buildinfo.ts) against `go version -m -json` on
 * real builds of every kind verify meets, plus the module info grammar on its own and fuzzing
 * with truncated and corrupted files (a BuildInfo or a BuildInfoError naming the file, never a
 * crash or a hang).
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { BuildInfoError, readBuildInfo, readBuildInfoOf, uvarint } from '../src/lib/buildinfo.js'
import { ModInfoError, parseModInfo, unquote } from '../src/lib/modinfo.js'
import { ElfImage } from '../src/lib/elf.js'
import { parseBuildInfo } from './helpers/go-version-json.js'
import { fixtureGoEnv, FIXTURES } from '../testkit/fixture.js'
import { buildFixture, type FixtureBuild } from '../testkit/verify-builds.js'

vi.setConfig({ testTimeout: 900_000, hookTimeout: 900_000 })

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bb-buildinfo-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function exec(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {}
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      {
        cwd: opts.cwd ?? tmp,
        env: { ...process.env, ...opts.env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 600_000
      },
      (err, stdout, stderr) =>
        err
          ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || err.message}`))
          : resolve(stdout)
    )
  })
}

/** What `go version -m -json` says, through the parser verify used before. */
async function goSays(file: string) {
  return parseBuildInfo(await exec('go', ['version', '-m', '-json', file]))
}

const hasCc = (cc: string) =>
  (process.env.PATH ?? '').split(':').some(d => d && existsSync(path.join(d, cc)))

describe('parseModInfo: the module info grammar of runtime/debug', () => {
  it('the reference: go version -m -json parsed into the same shape', () => {
    const parsed = parseBuildInfo(
      JSON.stringify({
        GoVersion: 'go1.26.8',
        Path: 'p',
        Main: { Path: 'p', Version: '(devel)' },
        Deps: [
          { Path: 'a', Version: 'v1', Sum: 'h1:a', Replace: { Path: '../a', Version: '', Sum: '' } }
        ],
        Settings: [{ Key: '-trimpath', Value: 'true' }, { Key: 'CGO_CFLAGS' }]
      })
    )
    expect(parsed).toEqual({
      goVersion: 'go1.26.8',
      path: 'p',
      main: { path: 'p', version: '(devel)' },
      deps: [
        { path: 'a', version: 'v1', sum: 'h1:a', replace: { path: '../a', version: '', sum: '' } }
      ],
      settings: { '-trimpath': 'true', CGO_CFLAGS: '' }
    })
    expect(() => parseBuildInfo('{}')).toThrow(/GoVersion/)
  })

  it('path, main module, deps with sums, replacements, build settings', () => {
    const text = [
      'path\texample.test/cmd/app',
      'mod\texample.test\t(devel)\t',
      'dep\tgolang.org/x/text\tv0.14.0\th1:abc=',
      'dep\tbifrost.test/core\tv1.1.0',
      '=>\t../core\t\t',
      'dep\texample.test/lib\tv1.0.0\th1:old=',
      '=>\texample.test/fork\tv1.0.1\th1:new=',
      'build\t-buildmode=plugin',
      'build\t-ldflags="-s -w -X main.Version=v1"',
      'build\t-tags=`a,b`',
      'build\tCGO_ENABLED=1',
      'build\tGOAMD64=v1',
      'build\tvcs.modified=',
      'ignored line',
      'build\tDANGLING=not-terminated'
    ].join('\n')
    expect(parseModInfo(text)).toEqual({
      goVersion: '',
      path: 'example.test/cmd/app',
      main: { path: 'example.test', version: '(devel)' },
      deps: [
        { path: 'golang.org/x/text', version: 'v0.14.0', sum: 'h1:abc=' },
        { path: 'bifrost.test/core', version: 'v1.1.0', replace: { path: '../core' } },
        {
          path: 'example.test/lib',
          version: 'v1.0.0',
          sum: 'h1:old=',
          replace: { path: 'example.test/fork', version: 'v1.0.1', sum: 'h1:new=' }
        }
      ],
      settings: {
        '-buildmode': 'plugin',
        '-ldflags': '-s -w -X main.Version=v1',
        '-tags': 'a,b',
        CGO_ENABLED: '1',
        GOAMD64: 'v1',
        'vcs.modified': ''
      }
    })
  })

  it('quoted keys and values follow Go string literals', () => {
    const s = (line: string) => parseModInfo(`build\t${line}\n`).settings
    expect(s('"a key"="v"')).toEqual({ 'a key': 'v' })
    expect(s('k="tab\\there \\"q\\" \\x41\\101\\u00e9\\U0001F600\\\\"')).toEqual({
      k: 'tab\there "q" AAé😀\\'
    })
    expect(s('k=`raw "x" \\n`')).toEqual({ k: 'raw "x" \\n' })
    expect(s('k="é plain"')).toEqual({ k: 'é plain' })
    expect(s('k=')).toEqual({ k: '' })
  })

  it('malformed lines: the error names the line', () => {
    const bad: [string, RegExp][] = [
      ['mod\tonly-one-column\n', /line 1: expected 2 or 3 columns; got 1/],
      ['dep\ta\tb\tc\td\n', /line 1: expected 2 or 3 columns; got 4/],
      ['path\tx\n=>\ta\tb\tc\n', /line 2: replacement with no module/],
      ['dep\ta\tv1\n=>\ta\tb\n', /line 2: expected 3 columns for replacement; got 2/],
      ['build\t\n', /build line missing '='/],
      ['build\t=v\n', /missing key/],
      ['build\tkey\n', /missing '=' after key/],
      ['build\tk=a b\n', /unquoted value "a b" must be quoted/],
      ['build\ta b=c\n', /unquoted key "a b" must be quoted/],
      ['build\t"k"x\n', /unexpected character after quoted key/],
      ['build\t"k\n', /invalid quoted key/],
      ['build\t"k"\n', /missing '=' after quoted key/],
      ['build\tk="a\\q"\n', /invalid quoted value/],
      ['build\tk="a"b\n', /invalid quoted value/],
      ['build\tk="\\\'"\n', /invalid quoted value/]
    ]
    for (const [text, re] of bad) {
      expect(() => parseModInfo(text), text).toThrow(ModInfoError)
      expect(() => parseModInfo(text), text).toThrow(re)
    }
  })

  it('uvarint and unquote edge cases', () => {
    expect(uvarint(Buffer.from([0x05]))).toEqual({ value: 5, size: 1 })
    expect(uvarint(Buffer.from([0xac, 0x02]))).toEqual({ value: 300, size: 2 })
    expect(uvarint(Buffer.from([0x80, 0x80]))).toBeUndefined() // cut off
    expect(uvarint(Buffer.alloc(10, 0xff))).toBeUndefined() // overflow
    expect(unquote('"abc"rest')).toEqual({ value: 'abc', rest: 'rest' })
    expect(unquote('`a\rb`')).toEqual({ value: 'ab', rest: '' })
    expect(unquote('"\\777"')).toBeUndefined()
    expect(unquote('"\\uD800"')).toBeUndefined()
    expect(unquote('"a\nb"')).toBeUndefined()
  })
})

/** A copy of `file` without section headers (as sstrip leaves it): the reader scans segments. */
function withoutSections(file: string, out: string): string {
  const b = Buffer.from(readFileSync(file))
  b.writeBigUInt64LE(0n, 40) // e_shoff
  b.writeUInt16LE(0, 60) // e_shnum
  b.writeUInt16LE(0, 62) // e_shstrndx
  writeFileSync(out, b, { mode: 0o755 })
  return out
}

/** A small main module of its own, for the kinds the Bifrost fixture does not cover. */
async function smallBuild(
  name: string,
  opts: {
    args?: string[]
    env?: Record<string, string>
    gomod?: string
    work?: boolean
    buildmode?: 'plugin'
  } = {}
): Promise<string> {
  const dir = path.join(tmp, name)
  mkdirSync(path.join(dir, 'app'), { recursive: true })
  mkdirSync(path.join(dir, 'lib'), { recursive: true })
  writeFileSync(
    path.join(dir, 'app', 'go.mod'),
    opts.gomod ?? 'module example.test/app\n\ngo 1.26\n\nrequire bifrost.test/core v1.1.0\n'
  )
  writeFileSync(
    path.join(dir, 'app', 'main.go'),
    'package main\n\nimport (\n\t"fmt"\n\n\t"bifrost.test/core"\n\t"example.test/lib"\n)\n\nvar Version string\n\nfunc main() { fmt.Println(core.Describe(nil), lib.Name, Version) }\n'
  )
  writeFileSync(path.join(dir, 'lib', 'go.mod'), 'module example.test/lib\n\ngo 1.26\n')
  writeFileSync(path.join(dir, 'lib', 'lib.go'), 'package lib\n\nconst Name = "lib"\n')
  const env: Record<string, string> = {
    ...fixtureGoEnv(),
    GOFLAGS: '-mod=mod -modcacherw',
    GOWORK: 'off',
    ...opts.env
  }
  if (opts.work) {
    writeFileSync(path.join(dir, 'go.work'), 'go 1.26\n\nuse (\n\t./app\n\t./lib\n)\n')
    env.GOWORK = path.join(dir, 'go.work')
    env.GOFLAGS = '-modcacherw'
  } else {
    // Outside a workspace, the lib is a directory replacement.
    await exec('go', ['mod', 'edit', '-replace', 'example.test/lib=../lib'], {
      cwd: path.join(dir, 'app'),
      env
    })
    await exec('go', ['mod', 'edit', '-require', 'example.test/lib@v0.0.0'], {
      cwd: path.join(dir, 'app'),
      env
    })
  }
  const out = path.join(dir, opts.buildmode ? `${name}.so` : name)
  const args = ['build', ...(opts.buildmode ? ['-buildmode=plugin'] : []), ...(opts.args ?? [])]
  await exec('go', [...args, '-o', out, '.'], { cwd: path.join(dir, 'app'), env })
  return out
}

describe('readBuildInfo equals go version -m -json on real builds', () => {
  const files: Record<string, string> = {}
  const fixtures: Record<string, FixtureBuild> = {
    'host glibc dynamic (-trimpath)': { kind: 'host' },
    'host static (-extldflags -static, sqlite_static)': { kind: 'host', static: true },
    'plugin glibc': { kind: 'plugin', plugin: 'hello' },
    'plugin on another core version': { kind: 'plugin', plugin: 'skewed' },
    'plugin without -trimpath': { kind: 'plugin', plugin: 'hello', trimpath: false },
    'plugin with tags and GOAMD64=v3': {
      kind: 'plugin',
      plugin: 'hello',
      tags: ['extra'],
      goamd64: 'v3'
    }
  }
  if (hasCc('musl-gcc')) {
    fixtures['host musl'] = { kind: 'host', libc: 'musl' }
    fixtures['plugin musl'] = { kind: 'plugin', plugin: 'hello', libc: 'musl' }
  }
  if (hasCc('aarch64-linux-gnu-gcc')) {
    fixtures['plugin arm64 glibc'] = { kind: 'plugin', plugin: 'hello', arch: 'arm64' }
  }

  beforeAll(async () => {
    for (const [name, b] of Object.entries(fixtures)) files[name] = await buildFixture(b)
    const coreDir = path.join(FIXTURES, 'modules', 'core@v1.1.0')
    files['arm64 CGO_ENABLED=0, not trimmed, quotes and non-ASCII in -ldflags'] = await smallBuild(
      'arm64',
      {
        env: { GOARCH: 'arm64', CGO_ENABLED: '0' },
        args: ['-ldflags', "-X 'main.Version=a \"b\" é `q`' -X 'main.Other=tab\there'"]
      }
    )
    files['workspace: modules are (devel)'] = await smallBuild('work', {
      work: true,
      args: ['-trimpath']
    })
    files['directory and version replacements'] = await smallBuild('replace', {
      gomod:
        'module example.test/app\n\ngo 1.26\n\nrequire bifrost.test/core v1.1.0\n\nreplace bifrost.test/core v1.1.0 => bifrost.test/core v1.0.0\n',
      args: ['-trimpath', '-tags', 'a,b', '-gcflags=all=-N -l']
    })
    files['directory replacement of a required module'] = await smallBuild('dirreplace', {
      gomod: `module example.test/app\n\ngo 1.26\n\nrequire bifrost.test/core v1.1.0\n\nreplace bifrost.test/core => ${coreDir}\n`,
      env: { CGO_ENABLED: '1' },
      buildmode: 'plugin'
    })
    files['host without section headers (segment scan)'] = withoutSections(
      files['host glibc dynamic (-trimpath)'],
      path.join(tmp, 'host-nosections')
    )
    files['plugin without section headers'] = withoutSections(
      files['plugin glibc'],
      path.join(tmp, 'plugin-nosections.so')
    )
    files['the go command itself'] = path.join(
      (await exec('go', ['env', 'GOROOT'])).trim(),
      'bin',
      'go'
    )
  })

  it('every kind, field by field', async () => {
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(12)
    for (const [name, file] of Object.entries(files)) {
      const mine = await readBuildInfo(file)
      const go = await goSays(file)
      expect(mine, name).toEqual(go)
      expect(mine.goVersion, name).toMatch(/^go1\.\d+/)
    }
  })

  it('the fixtures cover what the checks rely on', async () => {
    const bi = (n: string) => readBuildInfo(files[n])
    const host = await bi('host glibc dynamic (-trimpath)')
    // -trimpath leaves -ldflags out of the build info (it may hold paths)
    expect(host.settings['-ldflags']).toBeUndefined()
    expect(host.settings['-trimpath']).toBe('true')
    expect(host.main?.version).toBe('(devel)')
    expect(host.deps.find(d => d.path === 'bifrost.test/core')?.sum).toMatch(/^h1:/)
    expect((await bi('plugin glibc')).settings['-buildmode']).toBe('plugin')
    expect((await bi('plugin without -trimpath')).settings['-trimpath']).toBeUndefined()
    expect((await bi('plugin with tags and GOAMD64=v3')).settings.GOAMD64).toBe('v3')
    const arm = await bi('arm64 CGO_ENABLED=0, not trimmed, quotes and non-ASCII in -ldflags')
    expect(arm.settings).toMatchObject({ GOARCH: 'arm64', CGO_ENABLED: '0' })
    expect(arm.settings['-ldflags']).toContain('a "b" é')
    const work = await bi('workspace: modules are (devel)')
    expect(work.deps.find(d => d.path === 'example.test/lib')).toEqual({
      path: 'example.test/lib',
      version: '(devel)'
    })
    const rep = await bi('directory and version replacements')
    expect(rep.deps.find(d => d.path === 'bifrost.test/core')?.replace).toMatchObject({
      path: 'bifrost.test/core',
      version: 'v1.0.0'
    })
    expect(rep.deps.find(d => d.path === 'example.test/lib')?.replace).toEqual({
      path: '../lib',
      version: '(devel)'
    })
    const dir = await bi('directory replacement of a required module')
    expect(dir.deps.find(d => d.path === 'bifrost.test/core')?.replace?.path).toMatch(
      /core@v1\.1\.0$/
    )
  })

  it('reads only headers and the build info, not the whole file', async () => {
    const file = files['host glibc dynamic (-trimpath)']
    const elf = await ElfImage.open(file)
    try {
      await readBuildInfoOf(elf, file)
      const total = elf.reads.reduce((a, [, n]) => a + n, 0)
      expect(total).toBeLessThan(256 * 1024)
      expect(total).toBeLessThan(elf.size / 10)
    } finally {
      await elf.close()
    }
  })

  it('files without Go build info: one clear error naming the file', async () => {
    const c = path.join(tmp, 'c.so')
    writeFileSync(path.join(tmp, 'c.c'), 'int f(void) { return 1; }\n')
    await exec('gcc', ['-shared', '-fPIC', '-o', c, path.join(tmp, 'c.c')])
    const text = path.join(tmp, 'notes.txt')
    writeFileSync(text, 'hello\n')
    const cases: [string, RegExp][] = [
      [c, /c\.so: not a Go binary/],
      [withoutSections(c, path.join(tmp, 'c-nosections.so')), /not a Go binary/],
      [text, /notes\.txt: is not an ELF file/],
      [path.join(tmp, 'missing'), /missing: does not exist/],
      [tmp, /is a directory/]
    ]
    for (const [file, re] of cases) {
      const err = await readBuildInfo(file).then(
        () => undefined,
        (e: unknown) => e
      )
      expect(err, file).toBeInstanceOf(BuildInfoError)
      expect((err as Error).message, file).toMatch(re)
      expect((err as Error).message.startsWith(file), file).toBe(true)
    }
  })

  it('the pre-1.18 pointer layout gets its own message', async () => {
    const src = readFileSync(files['plugin glibc'])
    const at = src.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'))
    const old = Buffer.from(src)
    old[at + 15] &= ~0x2
    const file = path.join(tmp, 'old-layout.so')
    writeFileSync(file, old)
    await expect(readBuildInfo(file)).rejects.toThrow(`${file}: was built by a Go older than 1.18`)
  })

  it('fuzz: truncated and corrupted files give a BuildInfo or a BuildInfoError, quickly', async () => {
    const src = readFileSync(files['plugin glibc'])
    const magicAt = src.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'))
    expect(magicAt).toBeGreaterThan(0)
    let seed = 0x13572468
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0
      return seed % n
    }
    const shoff = Number(src.readBigUInt64LE(40))
    const phoff = Number(src.readBigUInt64LE(32))
    // Where corruption hurts: ELF header, program headers, section headers, the build info.
    const hot: [number, number][] = [
      [0, 64],
      [phoff, 56 * 12],
      [shoff, Math.min(64 * 40, src.length - shoff)],
      [magicAt, 4096]
    ]
    const variants: Buffer[] = []
    const cuts = [1, 15, 16, 63, 64, phoff + 10, magicAt + 10, magicAt + 40, magicAt + 200]
    for (let i = 1; i < 32; i++) cuts.push(Math.floor((src.length * i) / 32))
    for (const n of cuts) variants.push(src.subarray(0, Math.min(n, src.length - 1)))
    for (let i = 0; i < 160; i++) {
      const b = Buffer.from(src)
      const [start, len] = hot[i % hot.length]
      for (let k = 0, flips = 1 + rand(8); k < flips; k++) {
        const at = start + rand(len)
        b[at] = i % 3 === 0 ? 0xff : rand(256)
      }
      variants.push(b)
    }
    const file = path.join(tmp, 'fuzz.so')
    let parsed = 0
    let refused = 0
    for (const v of variants) {
      writeFileSync(file, v)
      const t0 = Date.now()
      const r = await readBuildInfo(file).then(
        bi => ({ bi }),
        (e: unknown) => ({ e })
      )
      expect(Date.now() - t0).toBeLessThan(2000)
      if ('bi' in r) {
        parsed++
        expect(typeof r.bi.goVersion).toBe('string')
      } else {
        refused++
        expect(r.e).toBeInstanceOf(BuildInfoError)
        expect((r.e as Error).message.startsWith(`${file}: `)).toBe(true)
      }
    }
    expect(parsed).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
  })
})
