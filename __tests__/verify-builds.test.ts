/**
 * verify() on real binaries built from the fixture: every incompatibility the seed document
 * lists is caught by the static checks with its message, and where the host runs here the
 * load test quotes the loader's own error. Builds are cached per configuration
 * (testkit/verify-builds.ts) and share GOCACHE with every other test.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { CheckResult, VerifyReport } from '../src/context.js'
import type { VerifyInput } from '../src/context.js'
import { verify } from '../src/verify/index.js'
import { verifyOnlyInput } from '../src/plan/verify-inputs.js'
import { which } from '../src/util/which.js'
import { buildFixture, toolchainFetchable, type FixtureBuild } from '../testkit/verify-builds.js'
import { runOk } from '../testkit/run.js'
import { fakeReporter } from './helpers/reporter.js'

// Cold fixture builds on a busy 2-core machine can take minutes; they are cached afterwards.
vi.setConfig({ testTimeout: 900_000, hookTimeout: 900_000 })

const E2E = Boolean(process.env.BIFROST_BUILD_E2E)
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bb-verify-builds-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const HOST: FixtureBuild = { kind: 'host' }
const plugin = (b: Partial<FixtureBuild> = {}): FixtureBuild => ({
  kind: 'plugin',
  plugin: 'hello',
  ...b
})

async function check(
  host: FixtureBuild,
  plugins: FixtureBuild[],
  opts: Partial<VerifyInput> = {}
): Promise<VerifyReport & { lines: string[] }> {
  const reporter = fakeReporter()
  const report = await verify({
    host: await buildFixture(host),
    plugins: await Promise.all(
      plugins.map(async p => ({ name: p.plugin ?? 'hello', path: await buildFixture(p) }))
    ),
    mode: host.static ? 'static' : 'dynamic',
    libc: host.libc ?? 'glibc',
    target: { os: 'linux', arch: host.arch ?? 'amd64' },
    level: 'full',
    timeoutSec: 60,
    reporter,
    signal: new AbortController().signal,
    ...opts
  })
  return { ...report, lines: reporter.transcript() }
}

const failed = (r: VerifyReport, id?: string): CheckResult[] =>
  r.checks.filter(c => c.status === 'fail' && (id === undefined || c.id === id))
const staticFailures = (r: VerifyReport) =>
  failed(r)
    .filter(c => c.id !== 'load' && c.id !== 'load.host')
    .map(c => c.id)
    .sort()
const load = (r: VerifyReport, subject: string) =>
  r.checks.find(c => c.id === 'load' && c.subject === subject)

describe('compatible builds pass and load', () => {
  it('glibc dynamic host + two plugins: every check passes, both plugins active', async () => {
    const r = await check(HOST, [plugin(), plugin({ plugin: 'world' })])
    expect(failed(r)).toEqual([])
    expect(r.ok).toBe(true)
    expect(load(r, 'hello.so')?.message).toBe('plugin status: hello - active')
    expect(load(r, 'world.so')?.message).toBe('plugin status: world - active')
    expect(r.glibcFloor).toMatch(/^2\.\d+/)
    expect(r.files.map(f => [f.name, f.linkage, f.libc])).toEqual([
      ['bifrost-http', 'dynamic', 'glibc'],
      ['hello.so', 'dynamic', 'glibc'],
      ['world.so', 'dynamic', 'glibc']
    ])
    expect(r.files[1].buildSettings?.['-buildmode']).toBe('plugin')
    // One line per check in the log, with its status.
    expect(r.lines.filter(l => /^(pass|FAIL|warn|skip) /.test(l)).length).toBe(r.checks.length)
  })

  it('musl host + musl plugin: pass and load', async ctx => {
    if (!existsSync('/lib/ld-musl-x86_64.so.1')) ctx.skip()
    const musl = { libc: 'musl' as const }
    const r = await check({ ...HOST, ...musl }, [plugin(musl)])
    expect(failed(r)).toEqual([])
    expect(r.glibcFloor).toBeUndefined()
    expect(load(r, 'hello.so')?.status).toBe('pass')
  })

  it('static host alone: static rules pass and it starts', async () => {
    const r = await check({ ...HOST, static: true }, [])
    expect(failed(r)).toEqual([])
    expect(r.checks.find(c => c.id === 'linkage.static')?.status).toBe('pass')
    expect(r.checks.find(c => c.id === 'load.host')?.status).toBe('pass')
  })

  it('glibc-max below the floor fails the build', async () => {
    const r = await check(HOST, [], { level: 'static', glibcMax: '2.17' })
    expect(failed(r).map(c => c.id)).toEqual(['glibc.floor'])
    expect(failed(r)[0].message).toContain('glibc-max 2.17')
  })
})

describe('each incompatibility: the static check explains it, the load test quotes the loader', () => {
  it('static host with a plugin: the static check says why, the load test sees the crash', async () => {
    const r = await check({ ...HOST, static: true }, [plugin()])
    expect(failed(r, 'linkage.plugins')).toHaveLength(1)
    expect(load(r, 'hello.so')?.status).toBe('fail')
    expect(load(r, 'hello.so')?.message).toContain('fatal error: runtime: no plugin module data')
  })

  it('plugin without -trimpath while the host has it', async () => {
    const r = await check(HOST, [plugin({ trimpath: false })])
    expect(staticFailures(r)).toEqual(['buildinfo.trimpath'])
    expect(failed(r, 'buildinfo.trimpath')[0].message).toContain('host true, plugin false')
    expect(load(r, 'hello.so')?.message).toContain(
      'plugin was built with a different version of package bifrost.test/core'
    )
  })

  it('plugin with other -tags and GOAMD64=v3: caught statically; the loader does not notice', async () => {
    const r = await check(HOST, [plugin({ tags: ['extra'], goamd64: 'v3' })])
    expect(staticFailures(r)).toEqual(['buildinfo.goamd64', 'buildinfo.tags'])
    expect(failed(r, 'buildinfo.tags')[0].message).toContain('host [], plugin [extra]')
    expect(failed(r, 'buildinfo.goamd64')[0].message).toContain('host v1, plugin v3')
    // Measured: no fixture package changes under these flags, so it loads; the check still fails.
    expect(load(r, 'hello.so')?.status).toBe('pass')
  })

  it('glibc host with a musl plugin', async () => {
    const r = await check(HOST, [plugin({ libc: 'musl' })])
    expect(staticFailures(r)).toEqual(['plugin.libc'])
    expect(failed(r, 'plugin.libc')[0].message).toContain('linked against musl')
    expect(load(r, 'hello.so')?.message).toContain('libc.so: invalid ELF header')
  })

  it('musl host with a glibc plugin: an error although it loads', async ctx => {
    if (!existsSync('/lib/ld-musl-x86_64.so.1')) ctx.skip()
    const r = await check({ ...HOST, libc: 'musl' }, [plugin()])
    expect(staticFailures(r)).toEqual(['plugin.libc'])
    expect(load(r, 'hello.so')?.status).toBe('pass')
  })

  it('arm64 plugin with an amd64 host', async () => {
    const r = await check(HOST, [plugin({ arch: 'arm64' })])
    expect(staticFailures(r)).toEqual(['buildinfo.goarch', 'elf.machine'])
    expect(failed(r, 'elf.machine')[0].message).toContain('machine is arm64, target is amd64')
    expect(load(r, 'hello.so')?.message).toContain('cannot open shared object file')
  })

  it('a plugin on another version of the shared module (plugins/skewed)', async () => {
    const r = await check(HOST, [plugin(), plugin({ plugin: 'skewed' })])
    expect(staticFailures(r)).toEqual(['buildinfo.module'])
    const c = failed(r, 'buildinfo.module')[0]
    expect(c.subject).toBe('skewed.so')
    expect(c.message).toContain('module bifrost.test/core differs: host v1.1.0')
    expect(c.message).toContain('plugin v1.0.0')
    expect(load(r, 'hello.so')?.status).toBe('pass')
    expect(load(r, 'skewed.so')?.message).toContain(
      'plugin was built with a different version of package bifrost.test/core'
    )
  })

  it('a plugin built by another Go (GOTOOLCHAIN=go1.27.3 from the module proxy)', async ctx => {
    if (!(await toolchainFetchable('go1.27.3'))) ctx.skip()
    const r = await check(HOST, [plugin({ toolchain: 'go1.27.3' })])
    expect(staticFailures(r)).toEqual(['buildinfo.go-version'])
    expect(failed(r, 'buildinfo.go-version')[0].message).toMatch(
      /host go1\.26\.\d+, plugin go1\.27\.3/
    )
    expect(load(r, 'hello.so')?.message).toContain('fatal error: runtime: no plugin module data')
  })
})

describe('arm64 under qemu-user', () => {
  const qemu = which('qemu-aarch64')
  it.skipIf(!E2E || !qemu)(
    'glibc arm64 host + plugin load under qemu-aarch64 -L sysroot',
    async () => {
      const arm = { arch: 'arm64' as const }
      const r = await check({ ...HOST, ...arm }, [plugin(arm)], { timeoutSec: 120 })
      expect(failed(r)).toEqual([])
      expect(r.lines.join('\n')).toContain('under qemu-aarch64 -L /usr/aarch64-linux-gnu')
      expect(load(r, 'hello.so')?.status).toBe('pass')
    }
  )
  it.skipIf(!E2E || !qemu || !existsSync('/lib/ld-musl-aarch64.so.1'))(
    'musl arm64 host + plugin load under qemu-aarch64 (loader from musl:arm64)',
    async () => {
      const arm = { arch: 'arm64' as const, libc: 'musl' as const }
      const r = await check({ ...HOST, ...arm }, [plugin(arm)], { timeoutSec: 120 })
      expect(failed(r)).toEqual([])
      expect(load(r, 'hello.so')?.status).toBe('pass')
    }
  )
  it('without an emulator the load test is skipped with a notice, static checks still run', async () => {
    const r = await check({ ...HOST, arch: 'arm64' }, [], {
      level: 'full',
      // A sysroot without the loader and no musl loader: nothing can run it here.
      sysroot: path.join(tmp, 'empty-sysroot')
    })
    const skip = r.checks.find(c => c.id === 'load')
    expect(skip?.status).toBe('skip')
    expect(skip?.message).toMatch(/load test skipped: /)
    expect(r.lines.some(l => l.startsWith('notice: load test skipped'))).toBe(true)
    expect(failed(r)).toEqual([])
  })
})

describe('verify-only inputs on real files', () => {
  const ws = path.join(tmp, 'ws')
  mkdirSync(ws, { recursive: true })
  const raw = (o: Record<string, string>) => ({ 'verify-only': 'true', ...o })
  const opts = { workspace: ws, hostArch: 'amd64' as const }

  it('names plugins after their files and picks the mode from the host', async () => {
    const host = await buildFixture(HOST)
    const staticHost = await buildFixture({ ...HOST, static: true })
    const hello = await buildFixture(plugin())
    const v = await verifyOnlyInput(
      raw({ 'host-binary': host, 'plugin-binaries': `${hello}\n` }),
      opts
    )
    expect(v).toMatchObject({
      host,
      plugins: [{ name: 'hello', path: hello }],
      mode: 'dynamic',
      libc: 'glibc',
      target: { os: 'linux', arch: 'amd64' },
      level: 'full',
      timeoutSec: 60
    })
    expect((await verifyOnlyInput(raw({ 'host-binary': staticHost }), opts)).mode).toBe('static')
    expect((await verifyOnlyInput(raw({ 'host-binary': host }), opts)).mode).toBe('dynamic')
    const more = await verifyOnlyInput(
      raw({
        'host-binary': host,
        target: 'linux/arm64',
        libc: 'musl',
        verify: 'static',
        'verify-timeout': '5',
        'glibc-max': 'GLIBC_2.31'
      }),
      opts
    )
    // The plan's parsers: enums are case-insensitive, as in a build.
    const mixed = await verifyOnlyInput(
      raw({
        'host-binary': host,
        mode: 'Dynamic',
        libc: 'MUSL',
        target: 'Linux/ARM64',
        verify: 'Static'
      }),
      opts
    )
    expect(mixed).toMatchObject({
      mode: 'dynamic',
      libc: 'musl',
      target: { arch: 'arm64' },
      level: 'static'
    })
    expect(more).toMatchObject({
      target: { arch: 'arm64' },
      libc: 'musl',
      level: 'static',
      timeoutSec: 5,
      glibcMax: '2.31'
    })
  })

  it('clean errors: missing, directory, empty, not ELF, bad values', async () => {
    const empty = path.join(ws, 'empty.so')
    writeFileSync(empty, '')
    const text = path.join(ws, 'notes.so')
    writeFileSync(text, 'not a binary\n')
    const host = await buildFixture(HOST)
    const err = async (o: Record<string, string>) => {
      try {
        await verifyOnlyInput(raw(o), opts)
      } catch (e) {
        return (e as { render(): string }).render()
      }
      throw new Error('expected an error')
    }
    expect(await err({})).toMatch(/^input host-binary: .*set host-binary/)
    expect(await err({ 'host-binary': 'nope/bifrost-http' })).toMatch(
      /input host-binary: .*nope\/bifrost-http does not exist/
    )
    expect(await err({ 'host-binary': ws })).toMatch(/is a directory/)
    expect(await err({ 'host-binary': host, 'plugin-binaries': empty })).toMatch(
      /input plugin-binaries: .*empty\.so is empty \(0 bytes\)/
    )
    expect(await err({ 'host-binary': host, 'plugin-binaries': text })).toMatch(
      /is not an ELF file/
    )
    expect(await err({ 'host-binary': host, mode: 'both' })).toMatch(
      /input mode: unknown value "both"/
    )
    expect(await err({ 'host-binary': host, target: 'linux/386' })).toMatch(/input target/)
    expect(await err({ 'host-binary': host, 'verify-timeout': '0' })).toMatch(
      /input verify-timeout/
    )
    expect(await err({ 'host-binary': host, 'glibc-max': 'new' })).toMatch(/input glibc-max/)
    const hello = await buildFixture(plugin())
    const copy = path.join(ws, 'hello.so')
    writeFileSync(copy, '\x7fELF')
    expect(await err({ 'host-binary': host, 'plugin-binaries': `${hello},${copy}` })).toMatch(
      /two plugins are named hello/
    )
  })

  it('a C shared library passed as a plugin: no Go build info, one clear line', async () => {
    const c = path.join(tmp, 'cplug.c')
    writeFileSync(c, '#include <stdio.h>\nint hello(void) { return puts("hi"); }\n')
    const so = path.join(tmp, 'cplug.so')
    await runOk('gcc', ['-shared', '-fPIC', '-o', so, c])
    const reporter = fakeReporter()
    const r = await verify({
      host: await buildFixture(HOST),
      plugins: [
        { name: 'hello', path: await buildFixture(plugin()) },
        { name: 'cplug', path: so }
      ],
      mode: 'dynamic',
      libc: 'glibc',
      target: { os: 'linux', arch: 'amd64' },
      level: 'static',
      timeoutSec: 10,
      reporter,
      signal: new AbortController().signal
    })
    const bad = failed(r)
    expect(bad.map(c => `${c.id} ${c.subject}`)).toEqual(['buildinfo.read cplug.so'])
    expect(bad[0].message).toContain('not a Go plugin')
    expect(r.files.find(f => f.name === 'hello.so')?.goVersion).toMatch(/^go1\./)
  })

  it('verify() itself on a non-ELF plugin: one failing check, no crash', async () => {
    const text = path.join(ws, 'fake.so')
    writeFileSync(text, 'hello')
    const reporter = fakeReporter()
    const r = await verify({
      host: await buildFixture(HOST),
      plugins: [{ name: 'fake', path: text }],
      mode: 'dynamic',
      libc: 'glibc',
      target: { os: 'linux', arch: 'amd64' },
      level: 'full',
      timeoutSec: 10,
      reporter,
      signal: new AbortController().signal
    })
    expect(r.ok).toBe(false)
    expect(r.checks).toEqual([
      expect.objectContaining({ id: 'elf.read', subject: 'fake.so', status: 'fail' })
    ])
    expect(r.checks[0].message).toContain('is not an ELF file')
  })
})
