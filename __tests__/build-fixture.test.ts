/**
 * Real builds of the Bifrost-shaped fixture through build() (TypeScript, the Go on PATH, the
 * shared GOCACHE): static/dynamic, glibc/musl, arm64 cross, module alignment error/warn/fix,
 * UI modes, bifrost-version from a file GOPROXY, cancellation, failures; after each one the
 * checkout's `git status --ignored` is clean.
 */
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BuildResult, CommandRecord, Plan, Toolchain } from '../src/context.js'
import { BuildError } from '../src/errors.js'
import { build, defaultOrder, type BuildOrder } from '../src/build/index.js'
import { PROBLEM_MATCHER_OWNER } from '../src/build/commands.js'
import {
  elfMachine,
  fixturePlan,
  fixtureUserEnv,
  localToolchain,
  tempDir
} from './helpers/build.js'
import { commitAll, copyFixture, FIXTURES, fixtureGoEnv, gitStatus } from '../testkit/fixture.js'
import { runOk } from '../testkit/run.js'
import { fakeReporter, type FakeReporter } from './helpers/reporter.js'

const toolchain = localToolchain()
let ws: string
const cleanup: string[] = []

beforeAll(async () => {
  ws = await copyFixture()
  cleanup.push(ws)
})
afterAll(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true })
})

interface Run {
  result: BuildResult
  reporter: FakeReporter
  staging: string
  started: CommandRecord[]
}

async function runBuild(
  plan: Plan,
  opts: {
    order?: BuildOrder
    env?: Record<string, string>
    signal?: AbortSignal
    onCommand?: (c: CommandRecord) => void
    reporter?: FakeReporter
    toolchain?: Toolchain
  } = {}
): Promise<Run> {
  const reporter = opts.reporter ?? fakeReporter()
  const staging = tempDir('bb-stage-')
  cleanup.push(staging)
  const started: CommandRecord[] = []
  const result = await build({
    plan,
    toolchain: opts.toolchain ?? toolchain,
    reporter,
    signal: opts.signal ?? new AbortController().signal,
    stagingDir: staging,
    env: fixtureUserEnv(opts.env),
    order: opts.order,
    onCommand: c => {
      started.push(c)
      opts.onCommand?.(c)
    }
  })
  return { result, reporter, staging, started }
}

async function failedBuild(
  plan: Plan,
  opts: Parameters<typeof runBuild>[1] = {}
): Promise<BuildError> {
  try {
    await runBuild(plan, opts)
  } catch (err) {
    expect(err).toBeInstanceOf(BuildError)
    return err as BuildError
  }
  throw new Error('the build passed')
}

/** Starts the host with a config.json listing the plugins; resolves with its log once it serves. */
async function loadLog(
  host: string,
  plugins: { name: string; path: string }[],
  prefix: string[] = []
): Promise<string> {
  const appDir = tempDir('bb-app-')
  cleanup.push(appDir)
  writeFileSync(
    path.join(appDir, 'config.json'),
    JSON.stringify({
      plugins: plugins.map(p => ({ enabled: true, name: p.name, path: p.path, config: {} }))
    })
  )
  const [cmd, ...args] = [...prefix, host, '-app-dir', appDir, '-host', '127.0.0.1', '-port', '0']
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let log = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`host did not start:\n${log}`))
    }, 30_000)
    const onData = (d: Buffer) => {
      log += d.toString()
      if (log.includes('successfully started bifrost')) {
        clearTimeout(timer)
        child.kill('SIGKILL')
        resolve(log)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', () => {
      clearTimeout(timer)
      resolve(log)
    })
  })
}

async function interp(file: string): Promise<string> {
  const out = await runOk('readelf', ['-l', file])
  return /Requesting program interpreter: ([^\]]+)\]/.exec(out)?.[1] ?? ''
}

describe('static glibc host, no plugins', () => {
  it('builds exactly the contract command, runs, prints its version; the tree is left as found', async () => {
    const plan = fixturePlan(ws, { version: 'v1.2.3', ui: 'auto' })
    const reporter = fakeReporter({ matchers: true })
    const runnerTemp = tempDir('bb-runner-temp-')
    cleanup.push(runnerTemp)
    const { result, staging } = await runBuild(plan, { reporter, env: { RUNNER_TEMP: runnerTemp } })
    expect(result.host.command.cwd).toBe(path.join(ws, 'transports'))
    expect(result.host.command.env).toEqual({
      CGO_ENABLED: '1',
      GOOS: 'linux',
      GOARCH: 'amd64',
      GOWORK: 'off',
      CC: 'gcc',
      GOAMD64: 'v1',
      GOTOOLCHAIN: 'local'
    })
    expect(result.host.command.argv).toEqual([
      toolchain.goBin,
      'build',
      '-trimpath',
      '-tags',
      'sqlite_static',
      // The placeholder UI reaches go build through an overlay: nothing is written into the tree.
      expect.stringMatching(/^-overlay=.*\/overlay\.json$/),
      '-ldflags',
      "-w -s -extldflags '-static' -X main.Version=v1.2.3",
      '-o',
      path.join(staging, 'bifrost-http'),
      './bifrost-http'
    ])
    expect(result.plugins).toEqual([])
    expect(result.ui).toBe('placeholder')
    expect(reporter.messages('warning').join('\n')).toContain('embedded a placeholder page')
    expect(result.hostModules.map(m => `${m.path}@${m.version}`)).toEqual([
      'bifrost.test/core@v1.1.0'
    ])
    expect((await runOk(result.host.path, ['-version'])).trim()).toBe('v1.2.3')
    expect(await interp(result.host.path)).toBe('')
    expect(elfMachine(result.host.path)).toBe(62)
    // The problem matcher: registered from RUNNER_TEMP for the build, removed after it.
    const file = path.join(runnerTemp, `${PROBLEM_MATCHER_OWNER}.json`)
    expect(reporter.matchers).toEqual([`add ${file}`, `remove ${PROBLEM_MATCHER_OWNER}`])
    const matcher = JSON.parse(readFileSync(file, 'utf8'))
    const re = new RegExp(matcher.problemMatcher[0].pattern[0].regexp)
    expect(re.exec('transports/bifrost-http/main.go:12:5: undefined: x')?.slice(1)).toEqual([
      'transports/bifrost-http/main.go',
      '12',
      '5',
      'undefined: x'
    ])
    expect(await gitStatus(ws)).toBe('')
  })
})

describe('dynamic glibc host + hello + world', () => {
  let run: Run
  beforeAll(async () => {
    const plan = fixturePlan(ws, {
      plugins: 'plugins/hello\nplugins/world',
      version: '1.2.3',
      'plugin-version': '0.9.0'
    })
    run = await runBuild(plan)
  })

  it('builds host and plugins with one flag set; the plugins load into the host', async () => {
    const { result, staging } = run
    expect(result.host.command.argv.slice(1)).toEqual([
      'build',
      '-trimpath',
      expect.stringMatching(/^-overlay=.*\/overlay\.json$/),
      '-ldflags',
      '-w -s -X main.Version=v1.2.3',
      '-o',
      path.join(staging, 'bifrost-http'),
      './bifrost-http'
    ])
    expect(result.plugins.map(p => [p.name, p.path, p.command.cwd])).toEqual([
      ['hello', path.join(staging, 'plugins', 'hello.so'), path.join(ws, 'plugins/hello')],
      ['world', path.join(staging, 'plugins', 'world.so'), path.join(ws, 'plugins/world')]
    ])
    expect(result.plugins[0].command.argv.slice(1)).toEqual([
      'build',
      '-buildmode=plugin',
      '-trimpath',
      '-ldflags',
      '-w -s -X main.Version=v0.9.0',
      '-o',
      path.join(staging, 'plugins', 'hello.so'),
      '.'
    ])
    expect(result.plugins[0].command.env).toEqual(result.host.command.env)
    expect(await interp(result.host.path)).toBe('/lib64/ld-linux-x86-64.so.2')
    expect(result.sharedModules.hello.map(m => m.path)).toEqual(['bifrost.test/core'])
    expect(result.skew).toEqual([])
    // The go builds live on their files; preparation holds only what ran before them.
    expect(result.preparation.filter(c => c.argv[1] === 'build')).toEqual([])
    expect([result.host, ...result.plugins].map(f => f.file)).toEqual([
      'bifrost-http',
      'plugins/hello.so',
      'plugins/world.so'
    ])
    const log = await loadLog(result.host.path, result.plugins)
    expect(log).toContain('plugin status: hello - active')
    expect(log).toContain('plugin status: world - active')
    expect(await gitStatus(ws)).toBe('')
  })

  it('either order gives the same files; the default depends on the cores (host-first on 2)', async () => {
    expect([1, 2, 4, 16].map(defaultOrder)).toEqual([
      'host-first',
      'host-first',
      'concurrent',
      'concurrent'
    ])
    const plan = fixturePlan(ws, {
      plugins: 'plugins/hello\nplugins/world',
      version: '1.2.3',
      'plugin-version': '0.9.0'
    })
    const other =
      defaultOrder(os.availableParallelism()) === 'host-first' ? 'concurrent' : 'host-first'
    const { result, reporter } = await runBuild(plan, { order: other })
    expect(reporter.messages('info').join('\n')).toContain(`(${other})`)
    expect(result.plugins.map(p => p.name)).toEqual(['hello', 'world'])
    const log = await loadLog(result.host.path, result.plugins)
    expect(log).toContain('plugin status: world - active')
    expect(await gitStatus(ws)).toBe('')
  })

  it('go output streams through the reporter; the matcher sees workspace-relative paths', async () => {
    const broken = await copyFixture()
    cleanup.push(broken)
    cpSync(path.join(FIXTURES, 'build-broken'), path.join(broken, 'plugins', 'broken'), {
      recursive: true
    })
    await commitAll(broken, 'broken')
    const reporter = fakeReporter()
    const err = await failedBuild(
      fixturePlan(broken, { plugins: 'plugins/hello,plugins/broken' }),
      { reporter }
    )
    expect(err.render()).toMatch(
      /go build of plugin broken failed \(exit 1\).*main.go:5:\d+: undefined: undefinedName/
    )
    expect(reporter.messages('process')).toContainEqual(
      expect.stringMatching(/^plugins\/broken\/main.go:5:\d+: undefined: undefinedName$/)
    )
    expect(await gitStatus(broken), 'the placeholder UI is gone after the failure too').toBe('')
    // Host first: the host is built, then the plugin's error is reported the same way.
    const plan = fixturePlan(broken, { plugins: 'plugins/broken' })
    const hostFirst = await failedBuild(plan, { order: 'host-first' })
    expect(hostFirst.render()).toMatch(/go build of plugin broken failed/)
    expect(await gitStatus(broken)).toBe('')
  })
})

describe('a C linker chosen by name (ldflags: -extldflags=-fuse-ld=...)', () => {
  it('dynamic: -fuse-ld=bfd and -Wl,-z,now reach the linker in one -extldflags; the plugin loads', async () => {
    const plan = fixturePlan(ws, {
      plugins: 'plugins/hello',
      version: '1.2.3',
      ldflags: '-extldflags=-fuse-ld=bfd -extldflags=-Wl,-z,relro,-z,now'
    })
    const { result } = await runBuild(plan)
    const ldflags = (argv: string[]) => argv[argv.indexOf('-ldflags') + 1]
    expect(ldflags(result.host.command.argv)).toBe(
      "-w -s -extldflags '-fuse-ld=bfd -Wl,-z,relro,-z,now' -X main.Version=v1.2.3"
    )
    expect(ldflags(result.plugins[0].command.argv)).toBe(
      "-w -s -extldflags '-fuse-ld=bfd -Wl,-z,relro,-z,now' -X main.Version=v1.2.3"
    )
    // BIND_NOW is there only if the user's flags reached the C linker.
    for (const f of [result.host.path, result.plugins[0].path])
      expect(await runOk('readelf', ['-d', f]), f).toMatch(/BIND_NOW/)
    expect(await interp(result.host.path)).toBe('/lib64/ld-linux-x86-64.so.2')
    const log = await loadLog(result.host.path, result.plugins)
    expect(log).toContain('plugin status: hello - active')
    expect(await gitStatus(ws)).toBe('')
  })

  it("static: the user's -fuse-ld=gold joins -static (the linker keeps only the last -extldflags)", async () => {
    const plan = fixturePlan(ws, { version: '1.2.3', ldflags: '-extldflags=-fuse-ld=gold' })
    const { result } = await runBuild(plan)
    const argv = result.host.command.argv
    expect(argv[argv.indexOf('-ldflags') + 1]).toBe(
      "-w -s -extldflags '-static -fuse-ld=gold' -X main.Version=v1.2.3"
    )
    expect(await interp(result.host.path)).toBe('')
    // gold leaves its version note: the linker asked for by name is the one that ran.
    expect(await runOk('readelf', ['-W', '-S', result.host.path])).toContain(
      '.note.gnu.gold-version'
    )
    expect((await runOk(result.host.path, ['-version'])).trim()).toBe('v1.2.3')
  })
})
describe('module alignment with the skewed plugin (core v1.0.0 vs the host v1.1.0)', () => {
  const inputs = { plugins: 'plugins/hello,plugins/skewed' }

  it('error: fails before any build, listing module, versions and the go get that fixes it', async () => {
    const started: CommandRecord[] = []
    const err = await failedBuild(fixturePlan(ws, inputs), { onCommand: c => started.push(c) })
    expect(err.render()).toBe(
      "input align-modules: plugin modules differ from the host's, so the plugins would fail to load: bifrost.test/core plugin skewed has v1.0.0, host has v1.1.0 Fix: in plugins/skewed: go get bifrost.test/core@v1.1.0 (or set align-modules: fix to build with the host's versions without editing the plugin)"
    )
    expect(err.where.module).toBe('bifrost.test/core')
    expect(started.filter(c => c.argv[1] === 'build')).toEqual([])
    expect(await gitStatus(ws)).toBe('')
  })

  it('warn: builds anyway, warns, and the skewed plugin fails to load', async () => {
    const { result, reporter } = await runBuild(
      fixturePlan(ws, { ...inputs, 'align-modules': 'warn' })
    )
    expect(reporter.messages('warning').join('\n')).toContain(
      'bifrost.test/core plugin skewed has v1.0.0, host has v1.1.0'
    )
    expect(result.skew).toEqual([
      {
        plugin: 'skewed',
        module: 'bifrost.test/core',
        pluginVersion: 'v1.0.0',
        hostVersion: 'v1.1.0'
      }
    ])
    const log = await loadLog(result.host.path, result.plugins)
    expect(log).toContain('plugin status: hello - active')
    expect(log).toMatch(
      /failed to load plugin skewed: .*different version of package bifrost.test\/core/
    )
    expect(await gitStatus(ws)).toBe('')
  })

  it("fix: builds through -modfile pinned to the host's versions; it loads; the plugin's files are untouched", async () => {
    const gomod = readFileSync(path.join(ws, 'plugins/skewed/go.mod'), 'utf8')
    const { result } = await runBuild(fixturePlan(ws, { ...inputs, 'align-modules': 'fix' }))
    expect(result.skew).toEqual([])
    const skewed = result.plugins.find(p => p.name === 'skewed')!
    const modfile = skewed.command.argv.find(a => a.startsWith('-modfile='))
    expect(modfile).toMatch(/\/modfiles\/skewed\/go\.mod$/)
    expect(
      result.plugins.find(p => p.name === 'hello')!.command.argv.some(a => a.startsWith('-modfile'))
    ).toBe(false)
    expect(result.preparation.map(c => c.argv.slice(1, 3).join(' '))).toContain(`get ${modfile}`)
    expect(result.sharedModules.skewed).toMatchObject([
      { path: 'bifrost.test/core', version: 'v1.1.0' }
    ])
    const log = await loadLog(result.host.path, result.plugins)
    expect(log).toContain('plugin status: skewed - active')
    expect(readFileSync(path.join(ws, 'plugins/skewed/go.mod'), 'utf8')).toBe(gomod)
    expect(existsSync(modfile!.slice('-modfile='.length)), 'the temp modfile is removed').toBe(
      false
    )
    expect(await gitStatus(ws)).toBe('')
  })
})

describe('module alignment compares the modules linked in, not the whole graph', () => {
  it('a requirement at another version that the plugin does not link is no skew', async () => {
    const dir = await copyFixture()
    cleanup.push(dir)
    cpSync(path.join(FIXTURES, 'build-unlinked'), path.join(dir, 'plugins', 'unlinked'), {
      recursive: true
    })
    await commitAll(dir, 'u')
    const { result } = await runBuild(fixturePlan(dir, { plugins: 'plugins/unlinked' }))
    expect(result.skew).toEqual([])
    expect(result.sharedModules.unlinked).toEqual([])
    expect(existsSync(result.plugins[0].path)).toBe(true)
    expect(await gitStatus(dir)).toBe('')
  })
})

describe('musl and arm64', () => {
  it('dynamic musl host + hello: musl loader, loads', async () => {
    const { result } = await runBuild(fixturePlan(ws, { libc: 'musl', plugins: 'plugins/hello' }))
    expect(result.host.command.env.CC).toBe('musl-gcc')
    expect(await interp(result.host.path)).toBe('/lib/ld-musl-x86_64.so.1')
    const log = await loadLog(result.host.path, result.plugins)
    expect(log).toContain('plugin status: hello - active')
    expect(await gitStatus(ws)).toBe('')
  })

  it('linux/arm64 glibc cross build: AArch64 ELF for host and plugin, GOARM64 pinned, runs under qemu', async () => {
    const plan = fixturePlan(ws, {
      target: 'linux/arm64',
      plugins: 'plugins/hello',
      version: '3.0.0'
    })
    const { result } = await runBuild(plan)
    expect(result.host.command.env).toMatchObject({
      GOARCH: 'arm64',
      GOARM64: 'v8.0',
      CC: 'aarch64-linux-gnu-gcc'
    })
    expect(result.host.command.env.GOAMD64).toBeUndefined()
    expect(elfMachine(result.host.path)).toBe(183)
    expect(elfMachine(result.plugins[0].path)).toBe(183)
    expect(await interp(result.host.path)).toBe('/lib/ld-linux-aarch64.so.1')
    const out = await runOk('qemu-aarch64', ['-L', plan.cc.sysroot!, result.host.path, '-version'])
    expect(out.trim()).toBe('v3.0.0')
    expect(await gitStatus(ws)).toBe('')
  })
})

describe('UI', () => {
  it('build: npm ci + npm run build on a copy of ui/, embedded, nothing left behind', async () => {
    const dir = await copyFixture()
    cleanup.push(dir)
    cpSync(path.join(FIXTURES, 'build-ui', 'ui'), path.join(dir, 'ui'), { recursive: true })
    await commitAll(dir, 'ui')
    const { result } = await runBuild(fixturePlan(dir, { ui: 'auto' }))
    expect(result.ui).toBe('built')
    expect(readFileSync(result.host.path).includes('BIFROST-UI-FIXTURE-BUILT')).toBe(true)
    expect(result.preparation.slice(0, 2).map(c => c.argv.join(' '))).toEqual([
      'npm ci --no-audit --no-fund',
      'npm run build'
    ])
    expect(await gitStatus(dir)).toBe('')
  })

  it('the placeholder reaches go build through -overlay: the tree never holds it, not even while go build runs', async () => {
    const dir = await copyFixture()
    cleanup.push(dir)
    const uiDir = path.join(dir, 'transports/bifrost-http/ui')
    const seen: boolean[] = []
    const { result } = await runBuild(fixturePlan(dir, { ui: 'placeholder' }), {
      onCommand: c => {
        if (c.argv[1] === 'build' && c.argv.includes('./bifrost-http')) seen.push(existsSync(uiDir))
      }
    })
    expect(result.ui).toBe('placeholder')
    expect(seen).toEqual([false])
    expect(result.host.command.argv.some(a => a.startsWith('-overlay='))).toBe(true)
    expect(readFileSync(result.host.path).includes('bifrost-build wrote this placeholder')).toBe(
      true
    )
    expect(existsSync(uiDir)).toBe(false)
    expect(await gitStatus(dir)).toBe('')
  })

  it('an existing UI is embedded as found; skip with no UI fails the build and leaves the tree as found', async () => {
    const dir = await copyFixture()
    cleanup.push(dir)
    mkdirSync(path.join(dir, 'transports/bifrost-http/ui'))
    writeFileSync(path.join(dir, 'transports/bifrost-http/ui/index.html'), 'USER-OWN-UI\n')
    const before = await gitStatus(dir)
    const { result } = await runBuild(fixturePlan(dir, { ui: 'placeholder' }))
    expect(result.ui).toBe('existing')
    expect(readFileSync(result.host.path).includes('USER-OWN-UI')).toBe(true)
    expect(await gitStatus(dir)).toBe(before)

    const err = await failedBuild(fixturePlan(ws, { ui: 'skip' }))
    expect(err.render()).toMatch(
      /go build of the host \(bifrost-http\) failed .*pattern all:ui: no matching files found/
    )
    expect(await gitStatus(ws)).toBe('')
    const noApp = await failedBuild(fixturePlan(ws, { ui: 'build' }))
    expect(noApp.render()).toContain('input ui: ui: build needs')
  })
})

describe('bifrost-version: a release from the module proxy', () => {
  it('downloads github.com/maximhq/bifrost/transports into a temp work dir and builds it', async () => {
    // A file GOPROXY serving the fixture's transports as that module, at a version no real release has.
    const src = tempDir('bb-transports-src-')
    const proxy = tempDir('bb-transports-proxy-')
    cleanup.push(src, proxy)
    cpSync(path.join(FIXTURES, 'bifrost', 'transports'), src, { recursive: true })
    const gomod = path.join(src, 'go.mod')
    writeFileSync(
      gomod,
      readFileSync(gomod, 'utf8').replace(
        'module bifrost.test/transports',
        'module github.com/maximhq/bifrost/transports'
      )
    )
    await runOk(
      'go',
      ['run', '.', proxy, 'github.com/maximhq/bifrost/transports', 'v0.0.1-bbtest.1', src],
      {
        cwd: path.join(FIXTURES, 'tools', 'mkproxy'),
        env: { ...process.env, ...fixtureGoEnv(), GOFLAGS: '-mod=mod' }
      }
    )
    const env = {
      GOPROXY: `file://${proxy},${fixtureGoEnv().GOPROXY}`,
      GONOSUMDB: 'bifrost.test,github.com/maximhq/bifrost'
    }
    const plan = fixturePlan(ws, { 'bifrost-version': '0.0.1-bbtest.1' })
    expect(plan.version).toBe('0.0.1-bbtest.1')
    const { result } = await runBuild(plan, { env })
    expect(result.preparation[0].argv.slice(1)).toEqual([
      'mod',
      'download',
      '-json',
      'github.com/maximhq/bifrost/transports@v0.0.1-bbtest.1'
    ])
    expect(result.host.command.cwd).toMatch(/bifrost-build-.*\/bifrost\/transports$/)
    expect(existsSync(result.host.command.cwd), 'the work dir is removed').toBe(false)
    expect((await runOk(result.host.path, ['-version'])).trim()).toBe('v0.0.1-bbtest.1')
    expect(await gitStatus(ws)).toBe('')

    const missing = await failedBuild(fixturePlan(ws, { 'bifrost-version': '0.0.2-bbtest.1' }), {
      env
    })
    expect(missing.render()).toMatch(
      /^input bifrost-version: downloading github.com\/maximhq\/bifrost\/transports@v0.0.2-bbtest.1 failed/
    )
  })
})

/**
 * A `go` that crashes with a real runtime fault (a nil dereference: `panic: runtime error`,
 * `[signal SIGSEGV ...]`, a goroutine trace, exit 2) on its first `go list` (or on every one),
 * then runs the real go: as a cache file changed under go's mmap does (SIGBUS).
 */
async function crashingGo(always: boolean): Promise<Toolchain> {
  const dir = tempDir('bb-crashgo-')
  cleanup.push(dir)
  writeFileSync(
    path.join(dir, 'main.go'),
    `package main

import (
	"os"
	"syscall"
)

var realGo, marker, always string

func main() {
	if len(os.Args) > 1 && os.Args[1] == "list" {
		if _, err := os.Stat(marker); err != nil || always == "1" {
			os.WriteFile(marker, nil, 0o644)
			var p *int
			*p = 1
		}
	}
	syscall.Exec(realGo, append([]string{realGo}, os.Args[1:]...), os.Environ())
}
`
  )
  writeFileSync(path.join(dir, 'go.mod'), 'module crashgo\n\ngo 1.21\n')
  const bin = path.join(dir, 'go')
  const x = (k: string, v: string) => ['-X', `main.${k}=${v}`]
  await runOk(
    toolchain.goBin,
    [
      'build',
      '-o',
      bin,
      '-ldflags',
      [
        ...x('realGo', toolchain.goBin),
        ...x('marker', path.join(dir, 'crashed')),
        ...x('always', always ? '1' : '0')
      ].join(' '),
      '.'
    ],
    { cwd: dir, env: { ...fixtureUserEnv(), GOFLAGS: '' } }
  )
  return { ...toolchain, goBin: bin }
}

describe('a plugin that replaces a shared module by its own directory', () => {
  // As Bifrost's example plugins ship: core required at v0.0.0-00010101000000-000000000000 and
  // replaced by the checkout's core, against a host built from the published core.
  let local: string
  beforeAll(async () => {
    local = await copyFixture()
    cleanup.push(local)
    cpSync(path.join(FIXTURES, 'modules', 'core@v1.1.0'), path.join(local, 'core'), {
      recursive: true
    })
    const dir = path.join(local, 'plugins', 'local')
    cpSync(path.join(local, 'plugins', 'hello'), dir, { recursive: true })
    writeFileSync(
      path.join(dir, 'go.mod'),
      'module bifrost.test/plugins/local\n\ngo 1.26\n\nrequire bifrost.test/core v0.0.0-00010101000000-000000000000\n\nreplace bifrost.test/core => ../../core\n'
    )
    rmSync(path.join(dir, 'go.sum'), { force: true })
    await commitAll(local, 'a plugin with a directory replace of core')
  })

  it('is refused with a fix that, followed as printed, builds a plugin that loads', async () => {
    const err = await failedBuild(fixturePlan(local, { plugins: 'plugins/local' }))
    const fix = /in plugins\/local: (go mod edit [^&]+ && go get \S+)/.exec(err.render())?.[1]
    expect(fix).toBe(
      'go mod edit -dropreplace=bifrost.test/core -require=bifrost.test/core@v1.1.0 && go get bifrost.test/core@v1.1.0'
    )
    // Followed as a user would, in the plugin's directory, with the same module proxy.
    const env = { ...fixtureUserEnv(), GOWORK: 'off', GOTOOLCHAIN: 'local' }
    for (const cmd of fix!.split(' && '))
      await runOk(toolchain.goBin, cmd.split(' ').slice(1), {
        cwd: path.join(local, 'plugins', 'local'),
        env
      })
    await commitAll(local, 'the fix, followed')
    const { result } = await runBuild(fixturePlan(local, { plugins: 'plugins/local' }))
    expect(await loadLog(result.host.path, result.plugins)).toContain(
      'plugin status: local - active'
    )
  })
})

describe('a go command that crashes', () => {
  it('once: is run again with a warning that quotes the crash, and the build goes on', async () => {
    const plan = fixturePlan(ws, { plugins: 'plugins/hello' })
    const { result, reporter } = await runBuild(plan, { toolchain: await crashingGo(false) })
    expect(result.plugins.map(p => p.name)).toEqual(['hello'])
    const warnings = reporter.messages('warning').filter(w => w.includes('crashed'))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('go list crashed (panic: runtime error: invalid memory address')
    expect(warnings[0]).toContain('signal SIGSEGV')
    expect(await gitStatus(ws)).toBe('')
  })

  it('twice: one error that says go crashed, not that go.mod needs tidying', async () => {
    const err = await failedBuild(fixturePlan(ws, {}), { toolchain: await crashingGo(true) })
    expect(err.message).toMatch(
      /^go list .* crashed twice in .*: panic: runtime error: invalid memory address/
    )
    expect(err.render()).not.toContain('go mod tidy')
    expect(err.render()).toContain('go clean -cache')
    expect(await gitStatus(ws)).toBe('')
  })
})

describe('cancellation', () => {
  it('an aborted signal stops go build and the tree is left as found', async () => {
    const ac = new AbortController()
    const err = await failedBuild(fixturePlan(ws, { plugins: 'plugins/hello', tags: 'bbcancel' }), {
      signal: ac.signal,
      onCommand: c => {
        if (c.argv[1] === 'build') setTimeout(() => ac.abort(), 300)
      }
    })
    expect(err.message).toBe('the build was cancelled')
    expect(await gitStatus(ws)).toBe('')
  })
})
