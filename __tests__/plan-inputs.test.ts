/**
 * The plan stage without processes: every input parsed and validated into the Plan, on a plain
 * copy of the Bifrost-shaped fixture (file reads only; PATH lookups injected).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BuildError } from '../src/errors.js'
import { defaults } from '../src/inputs.js'
import { describePlan, draftPlan, makePlan, pinPlan, type PlanEnv } from '../src/plan/index.js'
import { reportedEnv } from '../src/plan/settings.js'
import { chooseCompiler, compilerCandidates } from '../src/plan/compiler.js'
import { packageName, parsePluginEntries } from '../src/plan/paths.js'
import { compareGoVersions, goLine } from '../src/util/go-version.js'
import { which as findOnPath } from '../src/util/which.js'
import { redactCredentials } from '../src/net/credentials.js'
import { parseLdflags, parseStampVersion, parseTags } from '../src/plan/values.js'
import { HARMLESS_LDFLAGS, HOSTILE } from './helpers/bad-inputs-table.js'
import { BIFROST_FIXTURE } from '../testkit/fixture.js'
import { toolchainRequest } from '../src/plan/go-request.js'

let ws: string
let outside: string
const installed = new Set([
  'gcc',
  'cc',
  'musl-gcc',
  'aarch64-linux-gnu-gcc',
  'aarch64-linux-musl-gcc'
])
const which = (c: string) => (installed.has(c) ? `/usr/bin/${c}` : undefined)

beforeAll(() => {
  ws = mkdtempSync(path.join(os.tmpdir(), 'bb-plan-'))
  outside = mkdtempSync(path.join(os.tmpdir(), 'bb-plan-outside-'))
  cpSync(BIFROST_FIXTURE, ws, { recursive: true })
  const x = (p: string) => path.join(ws, 'extras', p)
  mkdirSync(x('nomain'), { recursive: true })
  writeFileSync(x('nomain/go.mod'), 'module example.com/nomain\n\ngo 1.26\n')
  writeFileSync(x('nomain/lib.go'), '// package main is mentioned here only\npackage lib\n')
  mkdirSync(x('nogo'), { recursive: true })
  writeFileSync(x('nogo/README'), 'no Go here\n')
  mkdirSync(x('newgo/sub'), { recursive: true })
  writeFileSync(x('newgo/go.mod'), 'module example.com/newgo\n\ngo 1.99.1\n')
  writeFileSync(x('newgo/sub/main.go'), '/* a plugin */\npackage main\n')
  mkdirSync(x('Mixed Case'), { recursive: true })
  writeFileSync(x('Mixed Case/main.go'), '//go:build linux\n\npackage main\n')
  writeFileSync(x('go.mod'), 'module example.com/extras\n\ngo 1.26\n')
  cpSync(path.join(BIFROST_FIXTURE, 'plugins', 'hello'), path.join(outside, 'plugin'), {
    recursive: true
  })
  symlinkSync(path.join(outside, 'plugin'), x('link-out'))
  symlinkSync(path.join(ws, 'plugins', 'world'), x('link-in'))
})

afterAll(() => {
  rmSync(ws, { recursive: true, force: true })
  rmSync(outside, { recursive: true, force: true })
})

function env(over: Partial<PlanEnv> = {}): PlanEnv {
  return { workspace: ws, env: {}, goVersion: '1.26.1', hostArch: 'amd64', which, ...over }
}
function plan(inputs: Record<string, string>, over: Partial<PlanEnv> = {}) {
  return makePlan({ ...defaults(), ...inputs }, env(over))
}
/** The rendered one-line error of a rejected plan. */
function rejected(inputs: Record<string, string>, over: Partial<PlanEnv> = {}): string {
  try {
    plan(inputs, over)
  } catch (err) {
    expect(err).toBeInstanceOf(BuildError)
    return (err as BuildError).render()
  }
  throw new Error(`accepted: ${JSON.stringify(inputs)}`)
}

describe('defaults', () => {
  it('no plugins: static, glibc, the runner arch, dev-build, bifrost-dist in the workspace', () => {
    const p = plan({})
    expect(p).toMatchObject({
      workspace: ws,
      source: { kind: 'checkout', dir: ws, transportsDir: path.join(ws, 'transports') },
      goVersion: '1.26.1',
      mode: 'static',
      libc: 'glibc',
      target: { os: 'linux', arch: 'amd64' },
      cc: { command: 'gcc', package: 'gcc' },
      version: 'dev-build',
      pluginVersion: 'dev-build',
      tags: [],
      ldflags: [],
      trimpath: true,
      alignModules: 'error',
      goWork: 'off',
      ui: 'auto',
      verify: 'full',
      verifyTimeoutSec: 60,
      outputDir: path.join(ws, 'bifrost-dist'),
      upload: true,
      artifactName: 'bifrost-dev-build-go1.26.1-linux-amd64-glibc-static',
      cache: true,
      plugins: []
    })
    expect(p.retentionDays).toBeUndefined()
    expect(p.glibcMax).toBeUndefined()
    expect(plan({}, { hostArch: 'arm64' }).target.arch).toBe('arm64')
  })

  it('plugins make auto dynamic; names default to the directory name', () => {
    const p = plan({ plugins: 'plugins/hello\nplugins/world', version: 'v1.2.3' })
    expect(p.mode).toBe('dynamic')
    expect(p.version).toBe('1.2.3')
    expect(p.artifactName).toBe('bifrost-1.2.3-go1.26.1-linux-amd64-glibc-dynamic')
    expect(p.plugins).toEqual([
      {
        name: 'hello',
        dir: path.join(ws, 'plugins/hello'),
        relDir: 'plugins/hello',
        moduleDir: path.join(ws, 'plugins/hello')
      },
      {
        name: 'world',
        dir: path.join(ws, 'plugins/world'),
        relDir: 'plugins/world',
        moduleDir: path.join(ws, 'plugins/world')
      }
    ])
  })
})

describe('enums: trimmed, any case; anything else names the input and the allowed values', () => {
  it.each([
    ['mode', ' Dynamic ', 'dynamic'],
    ['libc', 'MUSL', 'musl'],
    ['align-modules', ' Fix', 'fix'],
    ['ui', 'PLACEHOLDER ', 'placeholder'],
    ['verify', 'Static', 'static']
  ])('%s %j', (input, value, want) => {
    const key = { 'align-modules': 'alignModules' }[input] ?? input
    expect((plan({ [input]: value }) as unknown as Record<string, unknown>)[key]).toBe(want)
  })

  it('target LINUX/ARM64 picks the arm64 cross compiler and its sysroot', () => {
    const p = plan({ target: ' LINUX/ARM64 ' })
    expect(p.target).toEqual({ os: 'linux', arch: 'arm64' })
    expect(p.cc).toEqual({
      command: 'aarch64-linux-gnu-gcc',
      package: 'gcc-aarch64-linux-gnu',
      sysroot: '/usr/aarch64-linux-gnu'
    })
  })

  it.each([
    ['mode', 'dynamik', 'static, dynamic, auto'],
    ['mode', 'shared', 'static, dynamic, auto'],
    ['libc', 'musl libc', 'glibc, musl'],
    ['libc', 'uclibc', 'glibc, musl'],
    ['target', 'windows/amd64', 'linux/amd64, linux/arm64'],
    ['target', 'linux/386', 'linux/amd64, linux/arm64'],
    ['target', 'amd64', 'linux/amd64, linux/arm64'],
    ['target', 'x86_64-linux-gnu', 'linux/amd64, linux/arm64'],
    ['align-modules', 'ignore', 'error, warn, fix'],
    ['ui', 'npm', 'auto, build, placeholder, skip'],
    ['verify', 'true', 'full, static, off']
  ])('%s %j', (input, value, allowed) => {
    const msg = rejected({ [input]: value })
    expect(msg).toContain(`input ${input}: `)
    expect(msg).toContain(allowed)
    expect(msg).toContain(' Fix: ')
  })

  it.each(['trimpath', 'upload'])('%s takes true/false in any case only', input => {
    const key = input as 'trimpath' | 'upload'
    expect(plan({ [input]: ' False ' })[key]).toBe(false)
    expect(plan({ [input]: 'TRUE' })[key]).toBe(true)
    expect(rejected({ [input]: 'yes' })).toContain(`input ${input}: expected true or false`)
    expect(rejected({ [input]: '1' })).toContain(`input ${input}:`)
  })

  it('cache takes true/false/restore-only in any case only', () => {
    expect(plan({ cache: ' False ' }).cache).toBe(false)
    expect(plan({ cache: 'TRUE' }).cache).toBe(true)
    expect(plan({ cache: ' Restore-Only ' })).toMatchObject({ cache: true, cacheRestoreOnly: true })
    expect(rejected({ cache: 'yes' })).toContain(
      'input cache: unknown value "yes"; allowed: true, false, restore-only'
    )
  })
})

describe('rules', () => {
  it('static with plugins is refused before anything is built', () => {
    const msg = rejected({ mode: 'static', plugins: 'plugins/hello' })
    expect(msg).toMatch(
      /^input mode: .*a statically linked binary cannot load Go plugins.* Fix: use mode: dynamic/
    )
  })

  it('a go line newer than the chosen Go names the file and both versions', () => {
    const msg = rejected({ plugins: 'extras/newgo/sub' })
    expect(msg).toContain(path.join(ws, 'extras/newgo/go.mod'))
    expect(msg).toContain('go 1.99.1')
    expect(msg).toContain('1.26.1')
    expect(msg).toContain('input go-version:')
    expect(rejected({}, { goVersion: '1.25.9' })).toContain(
      `${path.join(ws, 'transports/go.mod')} says "go 1.26", newer than the chosen Go 1.25.9`
    )
    expect(plan({}, { goVersion: '1.26rc1' }).goVersion).toBe('1.26rc1')
  })

  it('the plan stage leaves the Go release open: go lines and the artifact name wait for the pin', () => {
    const { goVersion, ...opts } = env()
    const draft = draftPlan({ ...defaults(), plugins: 'extras/newgo/sub' }, opts)
    expect(draft.goVersion).toBeUndefined()
    expect(draft.artifactName).toBeUndefined()
    expect(() => pinPlan(draft, goVersion)).toThrow(/go 1\.99\.1.*newer than the chosen Go/)
    const ok = pinPlan(draftPlan({ ...defaults(), version: '1.2.3' }, opts), '1.26.1')
    expect(ok.artifactName).toBe('bifrost-1.2.3-go1.26.1-linux-amd64-glibc-static')
    const named = draftPlan({ ...defaults(), 'artifact-name': 'mine' }, opts)
    expect(pinPlan(named, '1.26.1').artifactName).toBe('mine')
  })

  it('go versions compare like go/version', () => {
    const order = [
      '1.20',
      '1.20.1',
      '1.21rc1',
      '1.21.0',
      '1.26',
      '1.26rc2',
      '1.26.0',
      '1.26.1',
      '1.26.10',
      '1.27'
    ]
    for (let i = 1; i < order.length; i++)
      expect(
        compareGoVersions(order[i - 1], order[i]),
        `${order[i - 1]} < ${order[i]}`
      ).toBeLessThan(0)
    expect(compareGoVersions('go1.26.1', '1.26.1')).toBe(0)
    expect(goLine('module x\n\ngo 1.26.1 // comment\n\ntoolchain go1.27.0\n')).toBe('1.26.1')
  })
})

describe('which: one PATH lookup for the compiler, go and the load test', () => {
  it('finds only executable regular files, like command -v', () => {
    // The toolchain's and the load test's copies once took any existing name (a directory, a
    // file without the execute bit); the stricter lookup the compiler check used is the one kept.
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-which-'))
    const [a, b, c] = ['a', 'b', 'c'].map(d => path.join(root, d))
    for (const d of [a, b, c]) mkdirSync(d)
    mkdirSync(path.join(a, 'go'))
    writeFileSync(path.join(b, 'go'), '#!/bin/sh\n', { mode: 0o644 })
    writeFileSync(path.join(c, 'go'), '#!/bin/sh\n', { mode: 0o755 })
    expect(findOnPath('go', [a, '', b, c].join(path.delimiter))).toBe(path.join(c, 'go'))
    expect(findOnPath('go', [a, b].join(path.delimiter))).toBeUndefined()
    expect(findOnPath(path.join(c, 'go'), '')).toBe(path.join(c, 'go'))
    expect(findOnPath(path.join(b, 'go'), '')).toBeUndefined()
    rmSync(root, { recursive: true })
  })
})

describe('C compiler per (libc, target)', () => {
  it.each([
    ['glibc', 'amd64', 'gcc', undefined],
    ['musl', 'amd64', 'musl-gcc', undefined],
    ['glibc', 'arm64', 'aarch64-linux-gnu-gcc', '/usr/aarch64-linux-gnu'],
    ['musl', 'arm64', 'aarch64-linux-musl-gcc', '/']
  ] as const)('%s linux/%s: %s', (libc, arch, command, sysroot) => {
    const cc = chooseCompiler(libc, arch, 'amd64', '', ws, which)
    expect(cc.command).toBe(command)
    expect(cc.sysroot).toBe(sysroot)
  })

  it('falls back from gcc to cc; native arm64 needs no sysroot', () => {
    expect(
      chooseCompiler('glibc', 'amd64', 'amd64', '', ws, c =>
        c === 'cc' ? '/usr/bin/cc' : undefined
      ).command
    ).toBe('cc')
    expect(compilerCandidates('glibc', 'arm64', 'arm64')).toEqual({
      commands: ['gcc', 'cc'],
      package: 'gcc'
    })
  })

  it.each([
    ['musl', 'linux/amd64', 'install musl-tools'],
    ['glibc', 'linux/arm64', 'install gcc-aarch64-linux-gnu'],
    ['musl', 'linux/arm64', 'install musl-dev:arm64 and gcc-aarch64-linux-gnu']
  ])('missing compiler for %s %s names the package', (libc, target, pkg) => {
    const msg = rejected(
      { libc, target },
      { which: c => (c === 'gcc' ? '/usr/bin/gcc' : undefined) }
    )
    expect(msg).toContain('input libc:')
    expect(msg).toContain('which is not installed')
    expect(msg).toContain(pkg)
  })

  it('cc overrides the choice (on PATH or a path), one word only', () => {
    expect(plan({ cc: ' musl-gcc ' }).cc).toEqual({ command: 'musl-gcc' })
    expect(plan({ cc: '/usr/bin/gcc', target: 'linux/arm64' }, { which: c => c }).cc).toEqual({
      command: '/usr/bin/gcc',
      sysroot: '/usr/aarch64-linux-gnu'
    })
    expect(rejected({ cc: 'no-such-cc-4711' })).toMatch(
      /^input cc: C compiler "no-such-cc-4711" was not found on PATH/
    )
    expect(rejected({ cc: '/nonexistent/bin/gcc' })).toContain('input cc:')
    expect(rejected({ cc: 'gcc; touch x' })).toContain(
      'input cc: "gcc; touch x" is not a compiler name'
    )
    expect(rejected({ cc: 'gcc -m32' })).toContain('input cc:')
    expect(rejected({ cc: '-wrapper' })).toContain('input cc:')
  })
})

describe('plugins', () => {
  it('newline- or comma-separated, dir or name=dir, blanks ignored', () => {
    expect(parsePluginEntries('\n a ,b=c/d\n\n e = f \n')).toEqual([
      { dir: 'a', entry: 'a' },
      { name: 'b', dir: 'c/d', entry: 'b=c/d' },
      { name: 'e', dir: 'f', entry: 'e = f' }
    ])
    const p = plan({
      plugins: 'greeter=plugins/hello, extras/link-in ,\n'
    })
    expect(p.plugins.map(x => [x.name, x.relDir])).toEqual([
      ['greeter', 'plugins/hello'],
      ['world', 'plugins/world']
    ])
    expect(plan({ plugins: 'extras/Mixed Case' }).plugins[0]).toMatchObject({
      name: 'mixed-case',
      moduleDir: path.join(ws, 'extras')
    })
  })

  it.each([
    ['plugins/nope', 'does not exist'],
    ['../..', 'uses ".."'],
    ['plugins/../plugins/hello', 'uses ".."'],
    ['extras/link-out', 'symlink leading outside the workspace'],
    ['extras/nomain', 'holds package lib, not package main'],
    ['extras/nogo', 'holds no Go files'],
    ['plugins/hello/main.go', 'is a file, not a directory'],
    ['plugins/hello,plugins/hello', 'are the same plugin directory'],
    ['plugins/world, extras/link-in', 'are the same plugin directory'],
    ['hello=plugins/hello\nhello=plugins/world', 'two plugins are named "hello"'],
    ['=plugins/hello', 'plugin name "" in'],
    ['a/b=plugins/hello', 'plugin name "a/b"'],
    ['Hello=plugins/hello', 'plugin name "Hello"'],
    ['x.so=plugins/hello', 'plugin name "x.so"'],
    ['-o x=plugins/hello', 'plugin name "-o x"'],
    ['name=', 'has no directory']
  ])('%j: %s', (plugins, message) => {
    const msg = rejected({ plugins })
    expect(msg).toContain('input plugins:')
    expect(msg).toContain(message)
    expect(msg).toContain(' Fix: ')
  })

  it('an absolute path is fine inside the workspace, refused outside it', () => {
    expect(plan({ plugins: path.join(ws, 'plugins/hello') }).plugins[0].relDir).toBe(
      'plugins/hello'
    )
    expect(rejected({ plugins: path.join(outside, 'plugin') })).toContain(
      'is outside the workspace'
    )
  })

  it('the package clause is found past comments and build lines', () => {
    expect(packageName('// Copyright\n/* package lib */\n//go:build x\n\npackage main\n')).toBe(
      'main'
    )
    expect(packageName('package foo_bar // main')).toBe('foo_bar')
  })
})

describe('source and bifrost-version', () => {
  it('source must be a Bifrost checkout inside the workspace', () => {
    expect(plan({ source: ' . ' }).source).toMatchObject({ kind: 'checkout', dir: ws })
    for (const [source, message] of [
      ['no-such-dir', 'does not exist'],
      ['plugins', 'holds no transports/go.mod'],
      ['../..', 'uses ".."'],
      [outside, 'is outside the workspace'],
      ['transports/go.mod', 'is a file']
    ]) {
      const msg = rejected({ source })
      expect(msg, source).toContain('input source:')
      expect(msg, source).toContain(message)
    }
  })

  it('bifrost-version builds a release; both set is an error', () => {
    const p = plan({ 'bifrost-version': 'v1.3.9' })
    expect(p.source).toEqual({ kind: 'module', version: '1.3.9' })
    expect(p.version).toBe('1.3.9')
    expect(plan({ 'bifrost-version': '1.3.9', version: '1.3.9-custom' }).version).toBe(
      '1.3.9-custom'
    )
    expect(rejected({ source: '.', 'bifrost-version': '1.2.3' })).toMatch(
      /^input source: both source.*and bifrost-version.*are set/
    )
    for (const v of ['latest', 'v1.2.3;touch x', '-modfile=/etc/passwd', '1.2', 'v1.2.3 -x'])
      expect(rejected({ 'bifrost-version': v }), v).toContain('input bifrost-version:')
  })
})

describe('version, tags, ldflags', () => {
  it('versions: one plain word, a leading v dropped', () => {
    expect(parseStampVersion('version', ' v1.2.3-rc.1+build_7 ')).toBe('1.2.3-rc.1+build_7')
    expect(parseStampVersion('version', 'dev-build')).toBe('dev-build')
    expect(plan({ 'plugin-version': '2.0.0' }).pluginVersion).toBe('2.0.0')
    for (const v of ['1.0.0 -X main.Other=1', '1.0.0$(touch x)', '1.0.0\n-o x', '-o', '../x', ''])
      expect(() => parseStampVersion('version', v), JSON.stringify(v)).toThrow(/is not a version/)
    expect(rejected({ 'plugin-version': `2.0.0'"` })).toContain('input plugin-version:')
  })

  it('tags: space- or comma-separated Go build tags, nothing else', () => {
    expect(parseTags(' netgo,  osusergo netgo ')).toEqual(['netgo', 'osusergo'])
    for (const t of ['netgo;touch x', '-toolexec=/bin/sh', '"netgo"', 'a/b', '$(x)'])
      expect(rejected({ tags: t }), t).toContain('input tags:')
  })

  it('ldflags: the allowed set as separate arguments', () => {
    expect(
      parseLdflags('  -s   -w  -X main.A=b -X=example.com/x.B=1 -buildid= -compressdwarf=false')
    ).toEqual([
      '-s',
      '-w',
      '-X',
      'main.A=b',
      '-X',
      'example.com/x.B=1',
      '-buildid=',
      '-compressdwarf=false'
    ])
    for (const flags of [
      '-o x',
      '-extld=/bin/sh',
      '-extldflags=-static',
      '-extldflags -fuse-ld=evil',
      '-toolexec=/bin/sh',
      '-buildmode=exe',
      '-linkmode=internal',
      '-s ; touch x',
      `-X 'main.A=b c'`,
      '-X',
      '-X =x',
      '-X main.A',
      '@file',
      '-r /tmp',
      '-extldflags=-fuse-ld=/usr/bin/ld.bfd',
      '-extldflags=-fuse-ld=./ld',
      '-extldflags=-B/tmp/x',
      '-extldflags=--ld-path=/bin/sh',
      '-extldflags=-specs=/tmp/x.specs',
      '-extldflags=-Wl,-T,/tmp/script.ld',
      '-extldflags=-Wl,--plugin=/tmp/x.so',
      '-extldflags=-Wl,-z,relro,--dynamic-linker=/tmp/ld.so',
      '-extldflags=-Wl,-rpath,/tmp',
      '-extldflags=-L/tmp',
      '-extldflags=',
      '-extldflags'
    ])
      expect(rejected({ ldflags: flags }), flags).toContain('input ldflags:')
  })

  it('ldflags: the C linker chosen by name and -Wl, options without paths, kept as -extldflags=<flag>', () => {
    expect(
      parseLdflags(
        '-extldflags=-fuse-ld=bfd -extldflags -static-libgcc -extldflags=-Wl,-z,relro,-z,now,--as-needed'
      )
    ).toEqual([
      '-extldflags=-fuse-ld=bfd',
      '-extldflags=-static-libgcc',
      '-extldflags=-Wl,-z,relro,-z,now,--as-needed'
    ])
    for (const ld of ['bfd', 'gold', 'lld', 'mold'])
      expect(parseLdflags(`-extldflags=-fuse-ld=${ld}`)).toEqual([`-extldflags=-fuse-ld=${ld}`])
    expect(rejected({ ldflags: '-extldflags=-fuse-ld=/usr/bin/ld.bfd' })).toBe(
      'input ldflags: "-extldflags=-fuse-ld=/usr/bin/ld.bfd" names a linker by path or an unknown name (use bfd, gold, lld or mold: the compiler finds it) Fix: use only -s, -w, -X name=value, -buildid=<id>, -compressdwarf=<bool>, -extldflags=-fuse-ld=bfd|gold|lld|mold, -extldflags=-static-libgcc, -extldflags=-Wl,-z,relro,-z,now (and other -Wl, options without paths) (space-separated, no quoting)'
    )
    expect(rejected({ ldflags: '-extldflags=-static' })).toContain(
      'links statically: set mode: static instead'
    )
  })

  it('every hostile string is refused in version, tags and ldflags, or passes as harmless -X values', () => {
    for (const s of HOSTILE) {
      expect(() => parseStampVersion('version', s), s).toThrow(BuildError)
      expect(() => parseTags(s), s).toThrow(BuildError)
      expect(() => parseLdflags(s), s).toThrow(BuildError)
    }
    for (const s of HARMLESS_LDFLAGS) {
      const args = parseLdflags(s)
      expect(args).toEqual(['-X', s.slice(3)])
      expect(args[1]).not.toMatch(/^["']/)
    }
  })
})

describe('outputs and the rest', () => {
  it('output-dir: relative to the workspace; never the workspace or a directory above it', () => {
    expect(plan({ 'output-dir': ' out/x ' }).outputDir).toBe(path.join(ws, 'out/x'))
    expect(plan({ 'output-dir': '/tmp/elsewhere' }).outputDir).toBe('/tmp/elsewhere')
    for (const d of ['.', '/', '..', ws, 'x\ny'])
      expect(rejected({ 'output-dir': d }), d).toContain('input output-dir:')
  })

  it('artifact-name, retention-days, verify-timeout, glibc-max', () => {
    expect(plan({ 'artifact-name': ' my-build ' }).artifactName).toBe('my-build')
    for (const n of ['a/b', 'a\nb', 'bin:"x"*?', 'a\\b'])
      expect(rejected({ 'artifact-name': n }), n).toContain('input artifact-name:')
    expect(plan({ 'retention-days': ' 7 ' }).retentionDays).toBe(7)
    for (const d of ['week', '0', '91', '1.5', '-1'])
      expect(rejected({ 'retention-days': d }), d).toContain('input retention-days:')
    expect(plan({ 'verify-timeout': ' 30 ' }).verifyTimeoutSec).toBe(30)
    for (const t of ['forever', '-5', '0', '30s', '1.5', '1e12', '99999'])
      expect(rejected({ 'verify-timeout': t }), t).toContain('input verify-timeout:')
    expect(plan({ 'glibc-max': 'GLIBC_2.31' }).glibcMax).toBe('2.31')
    expect(plan({ 'glibc-max': ' 2.17 ' }).glibcMax).toBe('2.17')
    for (const g of ['new', '2.31;touch x', '2'])
      expect(rejected({ 'glibc-max': g }), g).toContain('input glibc-max:')
  })

  it('reportedEnv: the Go settings that shape the build, credentials removed', () => {
    const env = {
      GOPROXY: 'https://user:s3cret@proxy.example.com/go,https://tok@p2.example|direct',
      GOFLAGS: '-mod=mod',
      GOPRIVATE: 'example.com/*',
      GOAMD64: 'v3',
      HOME: '/home/x',
      TOKEN: 'nope'
    }
    expect(reportedEnv(env)).toEqual({
      GOPROXY: 'https://***@proxy.example.com/go,https://***@p2.example|direct',
      GOFLAGS: '-mod=mod',
      GOPRIVATE: 'example.com/*',
      GOAMD64: 'v3'
    })
    expect(redactCredentials('no url here')).toBe('no url here')
    expect(plan({}, { env }).reportedEnv.GOPROXY).not.toContain('s3cret')
    expect(rejected({}, { env: { GOAMD64: 'v9' } })).toContain('GOAMD64=v9')
  })

  it('describePlan: readable lines, not JSON', () => {
    const lines = describePlan(
      plan({ plugins: 'plugins/hello', tags: 'netgo', ldflags: '-X main.A=b' })
    )
    expect(lines.join('\n')).not.toContain('{')
    expect(lines).toContain('Target:         linux/amd64, libc glibc, mode dynamic')
    expect(lines).toContain('  hello.so <- plugins/hello')
    expect(lines.some(l => l.startsWith('C compiler:     gcc (package gcc)'))).toBe(true)
    expect(lines.some(l => l.includes('-X main.A=b'))).toBe(true)
    const s = describePlan(plan({}))
    expect(s).toContain('Tags:           (none) + sqlite_static')
  })

  it("describePlan: the version as typed and the stamp the Makefile's way (v + version)", () => {
    expect(describePlan(plan({}))).toContain(
      "Version:        dev-build, stamped -X main.Version=vdev-build as Bifrost's Makefile does (plugins: dev-build)"
    )
    expect(describePlan(plan({ version: 'v1.4.19', 'plugin-version': '0.9.0' }))).toContain(
      "Version:        1.4.19, stamped -X main.Version=v1.4.19 as Bifrost's Makefile does (plugins: 0.9.0)"
    )
  })

  it('describePlan: the Go line names where the version really came from', () => {
    const goLine = (inputs: Record<string, string>, workspace = ws) => {
      const req = toolchainRequest(
        { ...defaults(), ...inputs },
        { workspace, env: {}, hostArch: 'amd64' }
      )
      const draft = { ...plan({}), goVersion: undefined }
      return describePlan(draft, req).find(l => l.startsWith('Go:'))
    }
    expect(goLine({ 'go-version': '1.26.1' })).toBe('Go:             1.26.1 (from go-version)')
    expect(goLine({ 'go-version': 'stable' })).toBe('Go:             stable (from go-version)')
    expect(goLine({ 'go-version-file': 'transports/go.mod' })).toBe(
      'Go:             1.26 (from transports/go.mod (go line))'
    )
    expect(goLine({})).toBe('Go:             1.26 (from transports/go.mod (go line))')
    expect(goLine({}, outside)).toBe(
      'Go:             1.26.1 (the default: no go-version, go-version-file or transports/go.mod)'
    )
    expect(goLine({ 'bifrost-version': '1.4.19' }, outside)).toBe(
      "Go:             the go line of github.com/maximhq/bifrost/transports@v1.4.19's go.mod, read from GOPROXY (else 1.26.1, the default)"
    )
  })
})
