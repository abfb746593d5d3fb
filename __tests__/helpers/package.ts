/**
 * Sample inputs for the package/publish/cache tests: real ELF files made cheaply (a copy of
 * /bin/true as the host, tiny gcc -shared objects as plugins) and synthetic stage results.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BuildResult, Plan, RunContext, Toolchain, VerifyReport } from '../../src/context.js'
import type { Reporter } from '../../src/report.js'
import { runOk } from '../../testkit/run.js'
import { fakeReporter } from './reporter.js'

/** A real shared object (x86-64 ELF) from gcc -shared, built once per test process on import. */
const SO = await (async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-so-'))
  writeFileSync(path.join(dir, 'p.c'), 'int plugin_answer(void) { return 42; }\n')
  await runOk('gcc', ['-shared', '-fPIC', '-o', path.join(dir, 'p.so'), path.join(dir, 'p.c')])
  return path.join(dir, 'p.so')
})()

export function tinySharedObject(): string {
  return SO
}

export interface Sample {
  root: string
  workspace: string
  plan: Plan
  toolchain: Toolchain
  build: BuildResult
  verify: VerifyReport
}

/**
 * A workspace with a Bifrost-shaped checkout, and a staging dir holding the "built" host and
 * plugins. Call again with the same root for a second, identical run.
 */
export function makeSample(
  opts: {
    root?: string
    plugins?: string[]
    libc?: 'glibc' | 'musl'
    mode?: 'static' | 'dynamic'
  } = {}
): Sample {
  const root = opts.root ?? mkdtempSync(path.join(os.tmpdir(), 'bb-pkg-'))
  const plugins = opts.plugins ?? ['world', 'hello']
  const libc = opts.libc ?? 'glibc'
  const mode = opts.mode ?? (plugins.length ? 'dynamic' : 'static')
  const workspace = path.join(root, 'ws')
  const transports = path.join(workspace, 'bifrost', 'transports')
  mkdirSync(transports, { recursive: true })
  writeFileSync(path.join(transports, 'go.sum'), 'bifrost.test/core v1.1.0 h1:abc=\n')
  const stagingDir = path.join(workspace, `.bifrost-dist.partial-${process.pid}`)
  mkdirSync(path.join(stagingDir, 'plugins'), { recursive: true })
  const hostPath = path.join(stagingDir, 'bifrost-http')
  copyFileSync('/bin/true', hostPath)
  const goBin = '/opt/hostedtoolcache/go/1.26.1/x64/bin/go'
  const env = {
    CGO_ENABLED: '1',
    GOOS: 'linux',
    GOARCH: 'amd64',
    GOWORK: 'off',
    CC: libc === 'musl' ? 'musl-gcc' : 'gcc',
    GOCACHE: '/home/runner/.cache/go-build'
  }
  const ldflags = "-w -s -X main.Version=v1.2.3 -X 'main.Note=it''s'"
  const build: BuildResult = {
    stagingDir,
    host: {
      kind: 'host',
      name: 'bifrost-http',
      file: 'bifrost-http',
      path: hostPath,
      durationMs: 21000,
      command: {
        cwd: transports,
        env,
        argv: [goBin, 'build', '-trimpath', '-ldflags', ldflags, '-o', hostPath, './bifrost-http']
      }
    },
    plugins: plugins.map(name => {
      const p = path.join(stagingDir, 'plugins', `${name}.so`)
      copyFileSync(tinySharedObject(), p)
      const dir = path.join(workspace, 'bifrost', 'plugins', name)
      mkdirSync(dir, { recursive: true })
      writeFileSync(path.join(dir, 'go.sum'), `bifrost.test/core v1.1.0 h1:abc=\n# ${name}\n`)
      return {
        kind: 'plugin' as const,
        name,
        file: `plugins/${name}.so`,
        path: p,
        durationMs: 900,
        command: {
          cwd: dir,
          env,
          argv: [
            goBin,
            'build',
            '-buildmode=plugin',
            '-trimpath',
            '-ldflags',
            ldflags,
            '-o',
            p,
            '.'
          ]
        }
      }
    }),
    hostModules: [{ path: 'bifrost.test/core', version: 'v1.1.0', sum: 'h1:abc=' }],
    sharedModules: Object.fromEntries(
      plugins.map(n => [n, [{ path: 'bifrost.test/core', version: 'v1.1.0', sum: 'h1:abc=' }]])
    ),
    skew: [],
    ui: 'placeholder',
    preparation: []
  }
  const plan: Plan = {
    workspace,
    source: { kind: 'checkout', dir: path.join(workspace, 'bifrost'), transportsDir: transports },
    goVersion: '1.26.1',
    mode,
    libc,
    target: { os: 'linux', arch: 'amd64' },
    cc: { command: env.CC },
    version: '1.2.3',
    pluginVersion: '1.2.3',
    tags: [],
    ldflags: ["-X 'main.Note=it''s'"],
    trimpath: true,
    alignModules: 'error',
    goWork: 'off',
    ui: 'auto',
    verify: 'full',
    verifyTimeoutSec: 60,
    outputDir: path.join(workspace, 'bifrost-dist'),
    upload: true,
    artifactName: `bifrost-1.2.3-linux-amd64-${libc}-${mode}`,
    retentionDays: 7,
    cache: true,
    plugins: plugins.map(name => ({
      name,
      dir: path.join(workspace, 'bifrost', 'plugins', name),
      relDir: `bifrost/plugins/${name}`,
      moduleDir: path.join(workspace, 'bifrost', 'plugins', name)
    })),
    reportedEnv: {}
  }
  const toolchain: Toolchain = {
    version: '1.26.1',
    goroot: '/opt/hostedtoolcache/go/1.26.1/x64',
    goBin,
    source: 'dl',
    url: 'https://go.dev/dl/go1.26.1.linux-amd64.tar.gz',
    sha256: 'a'.repeat(64),
    env: { GOROOT: '/opt/hostedtoolcache/go/1.26.1/x64', GOTOOLCHAIN: 'local' }
  }
  const facts = (name: string, kind: 'host' | 'plugin', p: string) => ({
    name,
    path: p,
    kind,
    size: 1,
    elfClass: 64 as const,
    machine: 'amd64',
    elfType: kind === 'host' ? ('exec' as const) : ('dyn' as const),
    interp: kind === 'host' ? '/lib64/ld-linux-x86-64.so.2' : undefined,
    needed: ['libc.so.6'],
    linkage: 'dynamic' as const,
    libc,
    glibcFloor: libc === 'glibc' ? (kind === 'host' ? '2.34' : '2.2.5') : undefined,
    goVersion: 'go1.26.1'
  })
  const verify: VerifyReport = {
    ok: true,
    glibcFloor: libc === 'glibc' ? '2.34' : undefined,
    files: [
      facts('bifrost-http', 'host', hostPath),
      ...build.plugins.map(p => facts(`${p.name}.so`, 'plugin', p.path))
    ],
    checks: [
      { id: 'elf.machine', subject: 'bifrost-http', status: 'pass', message: 'x86-64 (amd64)' },
      {
        id: 'linkage.dynamic',
        subject: 'bifrost-http',
        status: 'pass',
        message: 'PT_INTERP /lib64/ld-linux-x86-64.so.2, needs libc.so.6'
      },
      ...plugins.map(n => ({
        id: 'load',
        subject: `${n}.so`,
        status: 'pass' as const,
        message: `plugin status: ${n} - active`
      }))
    ],
    loadTest: { status: 'pass', message: `${plugins.length} plugin(s) active` }
  }
  return { root, workspace, plan, toolchain, build, verify }
}

export function sampleContext(s: Sample, reporter: Reporter = fakeReporter()): RunContext {
  return {
    reporter,
    signal: new AbortController().signal,
    toolchain: s.toolchain,
    plan: s.plan,
    build: s.build,
    verify: s.verify,
    cache: { enabled: true, key: 'k', hit: true, exact: false, restoredKey: 'k-old' },
    timings: [
      { stage: 'plan', ms: 12, status: 'ok' },
      { stage: 'toolchain', ms: 2300, status: 'ok' },
      { stage: 'cache restore', ms: 800, status: 'ok' },
      { stage: 'build', ms: 31000, status: 'ok' },
      { stage: 'verify', ms: 1500, status: 'ok' }
    ]
  }
}
