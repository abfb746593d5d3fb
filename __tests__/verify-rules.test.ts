/**
 * The verify rules on plain facts (no files, no processes): linkage, libc, glibc floor, Go
 * build info and modules, load-test runner choice and log parsing.
 */
import { describe, expect, it } from 'vitest'
import type { CheckResult } from '../src/context.js'
import type { BuildInfo, VerifiedFile } from '../src/lib/binary.js'
import { withFix } from '../src/errors.js'
import { libcFamily, type ElfInfo } from '../src/lib/elf.js'
import { configJson, hostArgs, loadTestRunner } from '../src/verify/load-host.js'
import { parseLogLine } from '../src/verify/load-log.js'
import type { Expectations } from '../src/verify/rule.js'
import { staticChecks } from '../src/verify/rules.js'
import { pluginBuildInfoChecks } from '../src/verify/rules-buildinfo.js'
import { expectedLoader } from '../src/verify/rules-elf.js'

const GLIBC_NEEDS = [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.34'] }]

function elf(o: Partial<ElfInfo> = {}): ElfInfo {
  return {
    size: 1000,
    elfClass: 64,
    littleEndian: true,
    type: 3,
    machine: 62,
    machineName: 'amd64',
    hasDynamic: true,
    needed: ['libc.so.6'],
    versionNeeds: GLIBC_NEEDS,
    pie: false,
    reads: [],
    ...o
  }
}

function bi(o: Partial<BuildInfo> = {}, settings: Record<string, string> = {}): BuildInfo {
  return {
    goVersion: 'go1.26.1',
    path: 'bifrost.test/plugins/hello',
    deps: [{ path: 'bifrost.test/core', version: 'v1.1.0', sum: 'h1:new=' }],
    ...o,
    settings: {
      '-buildmode': 'plugin',
      '-trimpath': 'true',
      CGO_ENABLED: '1',
      GOOS: 'linux',
      GOARCH: 'amd64',
      GOAMD64: 'v1',
      ...settings
    }
  }
}

const host = (e: Partial<ElfInfo> = {}, b?: BuildInfo): VerifiedFile => ({
  name: 'bifrost-http',
  kind: 'host',
  elf: elf({ type: 2, interp: '/lib64/ld-linux-x86-64.so.2', ...e }),
  buildInfo:
    b ??
    bi(
      {
        path: 'bifrost.test/transports/bifrost-http',
        main: { path: 'bifrost.test/transports', version: '(devel)' }
      },
      { '-buildmode': 'exe' }
    )
})
const plugin = (name: string, e: Partial<ElfInfo> = {}, b?: BuildInfo): VerifiedFile => ({
  name,
  kind: 'plugin',
  elf: elf(e),
  buildInfo: b ?? bi()
})

const EXP: Expectations = { mode: 'dynamic', libc: 'glibc', target: { os: 'linux', arch: 'amd64' } }

const failures = (checks: CheckResult[]) => checks.filter(c => c.status === 'fail')
const only = (checks: CheckResult[]): CheckResult => {
  const f = failures(checks)
  expect(f, f.map(c => `${c.id}: ${c.message}`).join('\n')).toHaveLength(1)
  return f[0]
}

describe('static rules', () => {
  it('a matching glibc host and plugins pass every check and report the glibc floor', () => {
    const r = staticChecks(host(), [plugin('hello'), plugin('world')], EXP)
    expect(failures(r.checks)).toEqual([])
    expect(r.glibcFloor).toBe('2.34')
    expect(r.checks.find(c => c.id === 'glibc.floor')?.message).toContain('2.34')
  })

  it('glibc-max: a floor above it is an error naming the file and both versions', () => {
    const c = only(staticChecks(host(), [plugin('hello')], { ...EXP, glibcMax: '2.31' }).checks)
    expect(c).toMatchObject({ id: 'glibc.floor', subject: 'all' })
    expect(c.message).toContain('GLIBC_2.34')
    expect(c.message).toContain('glibc-max 2.31')
    expect(
      staticChecks(host(), [], { ...EXP, glibcMax: '2.35' }).checks.every(x => x.status === 'pass')
    ).toBe(true)
  })

  it('static mode: no PT_INTERP, no DT_NEEDED; with plugins the host cannot load them', () => {
    const staticHost = host({ interp: undefined, needed: [], hasDynamic: false, versionNeeds: [] })
    const ok = staticChecks(staticHost, [], { ...EXP, mode: 'static' })
    expect(failures(ok.checks)).toEqual([])
    expect(ok.checks.find(c => c.id === 'linkage.static')?.status).toBe('pass')
    const withPlugin = staticChecks(staticHost, [plugin('hello')], { ...EXP, mode: 'static' })
    const c = failures(withPlugin.checks).find(x => x.id === 'linkage.plugins')!
    expect(c.message).toContain('fatal error: runtime: no plugin module data')
    const dyn = only(staticChecks(host(), [], { ...EXP, mode: 'static' }).checks)
    expect(dyn.id).toBe('linkage.static')
    expect(dyn.message).toContain('PT_INTERP /lib64/ld-linux-x86-64.so.2')
  })

  it('dynamic mode with a static host: no PT_INTERP is explained', () => {
    const staticHost = host({ interp: undefined, needed: [], hasDynamic: false, versionNeeds: [] })
    const c = failures(staticChecks(staticHost, [plugin('hello')], EXP).checks).find(
      x => x.id === 'linkage.interp'
    )!
    expect(c.message).toContain('statically linked')
  })

  it('the loader and DT_NEEDED must belong to the chosen libc and arch', () => {
    expect(expectedLoader('glibc', 'amd64')).toBe('/lib64/ld-linux-x86-64.so.2')
    expect(expectedLoader('glibc', 'arm64')).toBe('/lib/ld-linux-aarch64.so.1')
    expect(expectedLoader('musl', 'amd64')).toBe('/lib/ld-musl-x86_64.so.1')
    expect(expectedLoader('musl', 'arm64')).toBe('/lib/ld-musl-aarch64.so.1')
    const muslHost = host({
      interp: '/lib/ld-musl-x86_64.so.1',
      needed: ['libc.so'],
      versionNeeds: []
    })
    const checks = staticChecks(muslHost, [], EXP).checks
    const interp = failures(checks).find(c => c.id === 'linkage.interp')!
    expect(interp.message).toContain('expected /lib64/ld-linux-x86-64.so.2')
    expect(interp.message).toContain('built against musl')
    expect(failures(checks).find(c => c.id === 'linkage.libc')?.message).toContain('libc.so.6')
    // Alpine's and Debian's musl spellings both pass for musl.
    for (const needed of [['libc.musl-x86_64.so.1'], ['libc.so']]) {
      const h = host({ interp: '/lib/ld-musl-x86_64.so.1', needed, versionNeeds: [] })
      expect(failures(staticChecks(h, [], { ...EXP, libc: 'musl' }).checks)).toEqual([])
    }
  })

  it('libc family from DT_NEEDED, PT_INTERP or GLIBC_ needs', () => {
    expect(libcFamily(elf())).toBe('glibc')
    expect(libcFamily(elf({ needed: ['libc.musl-aarch64.so.1'] }))).toBe('musl')
    expect(libcFamily(elf({ needed: ['libc.so'] }))).toBe('musl')
    expect(libcFamily(elf({ needed: [], interp: '/lib/ld-musl-x86_64.so.1' }))).toBe('musl')
    expect(libcFamily(elf({ needed: [], versionNeeds: [] }))).toBeUndefined()
  })

  it('glibc host + musl plugin, and musl host + glibc plugin, are errors', () => {
    const musl = { needed: ['libc.so'], versionNeeds: [] }
    const c = only(staticChecks(host(), [plugin('hello', musl)], EXP).checks)
    expect(c).toMatchObject({ id: 'plugin.libc', subject: 'hello.so' })
    expect(c.message).toContain('invalid ELF header')
    const muslHost = host({ interp: '/lib/ld-musl-x86_64.so.1', ...musl })
    const r = only(staticChecks(muslHost, [plugin('hello')], { ...EXP, libc: 'musl' }).checks)
    expect(r.id).toBe('plugin.libc')
    expect(r.message).toContain('it may even load')
  })

  it('a plugin for another machine is one ELF line plus the GOARCH difference', () => {
    const arm = plugin(
      'hello',
      { machine: 183, machineName: 'arm64' },
      bi({}, { GOARCH: 'arm64', GOARM64: 'v8.0' })
    )
    const f = failures(staticChecks(host(), [arm], EXP).checks)
    expect(f.map(c => c.id).sort()).toEqual(['buildinfo.goarch', 'elf.machine'])
    expect(f.find(c => c.id === 'elf.machine')!.message).toContain(
      'machine is arm64, target is amd64'
    )
    expect(f.find(c => c.id === 'buildinfo.goarch')!.message).toContain('host amd64, plugin arm64')
  })

  it('a plugin that is an executable, and a host without cgo', () => {
    const exe = plugin('hello', { type: 2 }, bi({}, { '-buildmode': 'exe' }))
    const f = failures(staticChecks(host(), [exe], EXP).checks)
    expect(f.map(c => c.id).sort()).toEqual(['buildinfo.buildmode', 'elf.type'])
    const noCgo = host(
      {},
      bi(
        { path: 'x', main: { path: 'bifrost.test/transports', version: '(devel)' } },
        { '-buildmode': 'exe', CGO_ENABLED: '0' }
      )
    )
    expect(only(staticChecks(noCgo, [], EXP).checks).message).toContain('plugin: not implemented')
  })
})

describe('Go build info of host and plugin', () => {
  const check = (p: BuildInfo) => only(staticChecks(host(), [plugin('hello', {}, p)], EXP).checks)

  it('Go version: both versions, the loader error and the fix', () => {
    const c = check(bi({ goVersion: 'go1.27.3' }))
    expect(c.id).toBe('buildinfo.go-version')
    expect(c.message).toContain('host go1.26.1, plugin go1.27.3')
    expect(c.message).toContain('no plugin module data')
    expect(c.fix).toContain('go-version: 1.26.1')
  })

  it('-trimpath, tags, GOAMD64, flags each give one line', () => {
    expect(check(bi({}, { '-trimpath': '' })).message).toMatch(
      /-trimpath differs: host true, plugin false.*different version of package bifrost.test\/core/
    )
    const tags = check(bi({}, { '-tags': 'extra' }))
    expect(tags.id).toBe('buildinfo.tags')
    expect(tags.message).toContain('host [], plugin [extra]')
    const level = check(bi({}, { GOAMD64: 'v3' }))
    expect(level.id).toBe('buildinfo.goamd64')
    expect(level.message).toContain('host v1, plugin v3')
    expect(check(bi({}, { GOEXPERIMENT: 'jsonv2' })).id).toBe('buildinfo.flags')
    // Tag order and separators do not matter.
    const h = host(
      {},
      bi(
        { main: { path: 'bifrost.test/transports', version: '(devel)' } },
        { '-buildmode': 'exe', '-tags': 'a,b' }
      )
    )
    expect(
      failures(staticChecks(h, [plugin('p', {}, bi({}, { '-tags': 'b,a' }))], EXP).checks)
    ).toEqual([])
  })

  it('every setting in report order, one line each, whether it passes or fails', () => {
    const ids = (p: BuildInfo) =>
      pluginBuildInfoChecks(host(), plugin('hello', {}, p)).map(c => `${c.id} ${c.status}`)
    expect(ids(bi())).toEqual([
      'buildinfo.go-version pass',
      'buildinfo.goos pass',
      'buildinfo.goarch pass',
      'buildinfo.goamd64 pass',
      'buildinfo.trimpath pass',
      'buildinfo.cgo pass',
      'buildinfo.buildmode pass',
      'buildinfo.tags pass',
      'buildinfo.flags pass',
      'buildinfo.modules pass'
    ])
    const all = bi(
      { goVersion: 'go1.27.0' },
      {
        GOOS: 'darwin',
        GOAMD64: 'v2',
        '-trimpath': 'false',
        CGO_ENABLED: '0',
        '-buildmode': 'exe',
        '-tags': 'x',
        '-race': 'true'
      }
    )
    const checks = pluginBuildInfoChecks(host(), plugin('hello', {}, all))
    expect(checks.map(c => `${c.id} ${c.status}`).slice(0, 9)).toEqual([
      'buildinfo.go-version fail',
      'buildinfo.goos fail',
      'buildinfo.goarch pass',
      'buildinfo.goamd64 fail',
      'buildinfo.trimpath fail',
      'buildinfo.cgo fail',
      'buildinfo.buildmode fail',
      'buildinfo.tags fail',
      'buildinfo.flags fail'
    ])
    expect(withFix(checks[1])).toBe(
      'GOOS differs: host linux, plugin darwin: the loader cannot open it ("cannot open shared object file", or "plugin was built with a different version of package internal/cpu"). Fix: build the plugin with GOOS=linux'
    )
    expect(withFix(checks[5])).toBe(
      "plugin built with CGO_ENABLED=0: -buildmode=plugin needs cgo. Fix: build with CGO_ENABLED=1 and the host's C compiler"
    )
    expect(withFix(checks[8])).toBe(
      '-race differs: host -race=, plugin -race=true: the runtime and shared packages compile differently: "plugin was built with a different version of package runtime/...". Fix: build both with the same flags'
    )
    // arm64 compares GOARM64 (v8.0 when not recorded) in GOAMD64's place.
    const arm = (s: Record<string, string>) => bi({}, { GOARCH: 'arm64', GOAMD64: '', ...s })
    const armChecks = pluginBuildInfoChecks(
      { ...host(), buildInfo: arm({ '-buildmode': 'exe' }) },
      plugin('hello', {}, arm({ GOARM64: 'v9.0' }))
    )
    expect(armChecks.find(c => c.id === 'buildinfo.goarm64')?.message).toMatch(
      /^GOARM64 differs: host v8.0, plugin v9.0: /
    )
    expect(armChecks.some(c => c.id === 'buildinfo.goamd64')).toBe(false)
  })

  it('a shared module at another version, sum or replacement', () => {
    const skew = check(
      bi({ deps: [{ path: 'bifrost.test/core', version: 'v1.0.0', sum: 'h1:old=' }] })
    )
    expect(skew).toMatchObject({ id: 'buildinfo.module', subject: 'hello.so' })
    expect(skew.message).toContain(
      'module bifrost.test/core differs: host v1.1.0 h1:new=, plugin v1.0.0 h1:old='
    )
    expect(skew.message).toContain(
      'plugin was built with a different version of package bifrost.test/core'
    )
    expect(skew.fix).toContain('go get bifrost.test/core@v1.1.0')
    // Same label, other content (the "require v1.0.0 + replace" trap): the replacement is compared.
    const replaced = check(
      bi({
        deps: [
          {
            path: 'bifrost.test/core',
            version: 'v1.1.0',
            sum: 'h1:new=',
            replace: { path: '../core' }
          }
        ]
      })
    )
    expect(replaced.message).toContain('=> ../core')
    // Modules only one side has are fine.
    const extra = bi({
      deps: [...bi().deps, { path: 'example.com/only-plugin', version: 'v1.0.0' }]
    })
    expect(failures(staticChecks(host(), [plugin('hello', {}, extra)], EXP).checks)).toEqual([])
  })

  it("the host's own module required by a plugin: compared when versioned, a warning for (devel)", () => {
    const p = bi({
      deps: [...bi().deps, { path: 'bifrost.test/transports', version: 'v1.6.0', sum: 'h1:t=' }]
    })
    const checks = staticChecks(host(), [plugin('hello', {}, p)], EXP).checks
    expect(failures(checks)).toEqual([])
    expect(checks.find(c => c.status === 'warn')?.message).toContain('bifrost.test/transports')
    const versionedHost = host(
      {},
      bi(
        { main: { path: 'bifrost.test/transports', version: 'v1.6.1', sum: 'h1:u=' } },
        { '-buildmode': 'exe' }
      )
    )
    expect(
      only(staticChecks(versionedHost, [plugin('hello', {}, p)], EXP).checks).message
    ).toContain('host v1.6.1 h1:u=, plugin v1.6.0 h1:t=')
  })

  describe('directory replacements, as the real loader judges them', () => {
    const CORE = 'github.com/maximhq/bifrost/core'
    // As go version -m -json reports Bifrost's fork-style build: the replace is relative to each
    // binary's own module root, its version "(devel)".
    const dep = (version: string, dir?: string) => ({
      path: CORE,
      version,
      ...(dir ? { replace: { path: dir, version: '(devel)' } } : {})
    })
    const hostWith = (d: ReturnType<typeof dep>, settings: Record<string, string> = {}) => ({
      ...host(
        {},
        bi(
          {
            path: 'github.com/maximhq/bifrost/transports/bifrost-http',
            main: { path: 'github.com/maximhq/bifrost/transports', version: '(devel)' },
            deps: [d]
          },
          { '-buildmode': 'exe', ...settings }
        )
      ),
      moduleDir: '/src/transports'
    })
    const pluginWith = (d: ReturnType<typeof dep>, settings: Record<string, string> = {}) => ({
      ...plugin('hello-world', {}, bi({ deps: [d] }, settings)),
      moduleDir: '/src/examples/plugins/hello-world'
    })
    const noRoots = (f: VerifiedFile): VerifiedFile => ({ ...f, moduleDir: undefined })
    const moduleResults = (h: VerifiedFile, p: VerifiedFile) =>
      staticChecks(h, [p], EXP).checks.filter(c => c.id.startsWith('buildinfo.module'))

    it('../core from transports and ../../../core from the plugin are one directory: pass', () => {
      const r = moduleResults(
        hostWith(dep('v1.4.15', '../core')),
        pluginWith(dep('v1.4.15', '../../../core'))
      )
      expect(r.map(c => c.status)).toEqual(['pass'])
    })

    it('verify-only (no module roots): says it cannot know and leaves it to the load test', () => {
      const r = moduleResults(
        noRoots(hostWith(dep('v1.4.15', '../core'))),
        noRoots(pluginWith(dep('v1.4.15', '../../../core')))
      )
      expect(failures(r)).toEqual([])
      const w = r.find(c => c.status === 'warn')!
      expect(w.message).toContain('cannot be known')
      expect(w.message).toContain('the load test decides')
    })

    it('the same directory under another version label fails with both labels and fixes that work', () => {
      for (const roots of [true, false]) {
        const h = hostWith(dep('v1.4.15', '../core'))
        const p = pluginWith(dep('v0.0.0-00010101000000-000000000000', '../../../core'))
        const c = only(roots ? moduleResults(h, p) : moduleResults(noRoots(h), noRoots(p)))
        expect(c.message).toContain('host v1.4.15, plugin v0.0.0-00010101000000-000000000000')
        expect(c.message).toContain(`plugin was built with a different version of package ${CORE}`)
        expect(c.fix).toContain('go-work: local')
        expect(c.fix).toContain(`go mod edit -require=${CORE}@v1.4.15`)
      }
    })

    it('without -trimpath files are named by directory: another label is no failure', () => {
      const off = { '-trimpath': '' }
      const r = moduleResults(
        hostWith(dep('v1.4.15', '../core'), off),
        pluginWith(dep('v0.0.0-00010101000000-000000000000', '../../../core'), off)
      )
      expect(failures(r)).toEqual([])
    })

    it('workspace modules: (devel) on both sides passes; (devel) against a label fails, fix go-work: local', () => {
      expect(moduleResults(hostWith(dep('(devel)')), pluginWith(dep('(devel)')))[0].status).toBe(
        'pass'
      )
      const c = only(
        moduleResults(hostWith(dep('(devel)')), pluginWith(dep('v1.4.15', '../../../core')))
      )
      expect(c.message).toContain('host (devel), plugin v1.4.15')
      expect(c.fix).toContain('go-work: local')
      expect(withFix(c)).not.toContain('go mod edit')
    })

    it('two directories under one label: a warning naming both, the load test decides', () => {
      const r = moduleResults(
        hostWith(dep('v1.4.15', '../core')),
        pluginWith(dep('v1.4.15', '../core-fork'))
      )
      expect(failures(r)).toEqual([])
      expect(r.find(c => c.status === 'warn')!.message).toContain(
        '(/src/core), plugin v1.4.15 => ../core-fork (devel) (/src/examples/plugins/core-fork)'
      )
    })
  })

  it('no build info: one clear line', () => {
    const noInfo: VerifiedFile = {
      ...plugin('hello'),
      buildInfo: undefined,
      buildInfoError: 'not a Go executable'
    }
    const c = only(staticChecks(host(), [noInfo], EXP).checks)
    expect(c).toMatchObject({ id: 'buildinfo.read' })
    expect(c.message).toContain('not a Go executable')
  })
})

describe('load test decisions', () => {
  const facts = {
    hostMachine: 'amd64',
    interp: '/lib64/ld-linux-x86-64.so.2',
    machineArch: 'amd64' as const,
    exists: () => true,
    which: (n: string) => `/usr/bin/${n}`
  }

  it('native, missing musl loader, qemu with a sysroot, qemu for musl, no qemu', () => {
    expect(loadTestRunner(facts)).toMatchObject({ run: true, prefix: [] })
    expect(
      loadTestRunner({ ...facts, interp: '/lib/ld-musl-x86_64.so.1', exists: () => false })
    ).toMatchObject({ run: false, reason: expect.stringContaining('apt-get install musl') })
    const arm = { ...facts, hostMachine: 'arm64', interp: '/lib/ld-linux-aarch64.so.1' }
    expect(loadTestRunner(arm)).toMatchObject({
      run: true,
      prefix: ['/usr/bin/qemu-aarch64', '-L', '/usr/aarch64-linux-gnu']
    })
    expect(
      loadTestRunner({ ...arm, sysroot: '/opt/sr' }).run &&
        loadTestRunner({ ...arm, sysroot: '/opt/sr' })
    ).toMatchObject({
      prefix: ['/usr/bin/qemu-aarch64', '-L', '/opt/sr']
    })
    // Debian's musl:arm64 puts its loader in the real root, which qemu falls back to.
    const muslArm = {
      ...arm,
      interp: '/lib/ld-musl-aarch64.so.1',
      exists: (p: string) => p === '/lib/ld-musl-aarch64.so.1'
    }
    expect(loadTestRunner(muslArm)).toMatchObject({ run: true, prefix: ['/usr/bin/qemu-aarch64'] })
    expect(loadTestRunner({ ...arm, which: () => undefined })).toMatchObject({
      run: false,
      reason: expect.stringContaining('qemu-aarch64 is not installed')
    })
    expect(loadTestRunner({ ...facts, hostMachine: 'riscv64' })).toMatchObject({ run: false })
  })

  it('host command line and config.json', () => {
    expect(hostArgs('/b/bifrost-http', '/tmp/app', 8123)).toEqual([
      '/b/bifrost-http',
      '-app-dir',
      '/tmp/app',
      '-host',
      '127.0.0.1',
      '-port',
      '8123'
    ])
    expect(JSON.parse(configJson([{ name: 'hello', path: '/p/hello.so' }]))).toEqual({
      plugins: [{ enabled: true, name: 'hello', path: '/p/hello.so', config: {} }]
    })
  })

  it('log lines: plain and JSON (real Bifrost), status, failure, start, fatal', () => {
    const names = ['hello']
    expect(parseLogLine('2026/01/01 00:00:00 plugin status: hello - active', names)).toEqual({
      kind: 'status',
      name: 'hello',
      status: 'active'
    })
    expect(
      parseLogLine(
        'x failed to load plugin hello: plugin.Open("/a/hello"): plugin was built with a different version of package core',
        names
      )
    ).toEqual({
      kind: 'failed',
      name: 'hello',
      error: 'plugin.Open("/a/hello"): plugin was built with a different version of package core'
    })
    const json = JSON.stringify({
      level: 'error',
      time: 't',
      message:
        'failed to load plugin hello: failed to load custom plugin: plugin.Open("/a/hello.so"): realpath failed'
    })
    expect(parseLogLine(json, names)).toMatchObject({
      kind: 'failed',
      error: 'failed to load custom plugin: plugin.Open("/a/hello.so"): realpath failed'
    })
    expect(
      parseLogLine(
        JSON.stringify({ level: 'info', message: 'plugin status: hello - error' }),
        names
      )
    ).toMatchObject({
      status: 'error'
    })
    expect(
      parseLogLine('successfully started bifrost, serving UI on http://127.0.0.1:1', names)
    ).toEqual({
      kind: 'started'
    })
    expect(parseLogLine('fatal error: runtime: no plugin module data', names)).toEqual({
      kind: 'fatal',
      text: 'fatal error: runtime: no plugin module data'
    })
    expect(parseLogLine('something else', names)).toBeUndefined()
  })
})
