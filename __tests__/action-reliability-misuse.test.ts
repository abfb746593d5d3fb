/**
 * The second round of hostile and careless use: each case as a real process (the bundled
 * action or CLI, real builds of the fixture where the case needs one), real FIFOs, a real
 * loopback server, several real processes racing for one output-dir lock.
 * - cancelling while packaging stops the run: "cancelled", nothing uploaded, exit 130 (CLI);
 * - values read from a host-manifest cannot become workflow commands; plain http is said;
 * - Go settings from a GOENV file that run a program are refused, the others recorded;
 * - a replace outside the workspace is named; go list fixes name vendor/ and go.work cases;
 * - nothing is left behind (a downloaded host, a CLI report, a killed run's assembly dir);
 * - SOURCE_DATE_EPOCH and GITHUB_OUTPUT problems are named.
 */
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DIST_CLI,
  REPO,
  runAction,
  runCli,
  startAction,
  testGoEnv,
  type ActionResult
} from './helpers/action.js'
import { commitAll, copyFixture, fixtureGoEnv, gitStatus } from '../testkit/fixture.js'
import { installedGo, sha256Of, startServer, type InstalledGo } from '../testkit/toolchain.js'
import {
  FAULTS,
  freshRunnerDirs,
  hostManifestText,
  RUNTIME_TOKEN,
  runThroughAction,
  SENTINEL,
  TOKEN,
  useStage
} from './helpers/bad-inputs-table.js'

let go: InstalledGo
const stage = useStage()
let scratch: string

beforeAll(() => {
  go = installedGo()
  scratch = mkdtempSync(path.join(os.tmpdir(), 'bb-misuse-'))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

function fault(name: string): string {
  expect(FAULTS).toContain(name)
  return name
}

/** Inputs of a real local build of host + hello (Go on PATH, no download). */
function buildInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'go-version': go.version,
    'go-download-source': 'local',
    plugins: 'plugins/hello',
    ui: 'placeholder',
    verify: 'static',
    cache: 'false',
    token: TOKEN,
    ...extra
  }
}

function serviceEnv(): Record<string, string> {
  return {
    ...fixtureGoEnv(),
    ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
    ACTIONS_RUNTIME_URL: `${stage.services.url}/`,
    ACTIONS_RESULTS_URL: `${stage.services.url}/`,
    ACTIONS_CACHE_URL: `${stage.services.url}/`
  }
}

async function until(what: () => boolean, ms: number): Promise<void> {
  const t0 = Date.now()
  while (!what() && Date.now() - t0 < ms) await new Promise(r => setTimeout(r, 5))
}

/** Stops the process, queues the signal, lets it go on: the signal lands where it was. */
function signalAt(child: import('node:child_process').ChildProcess, sig: NodeJS.Signals): void {
  child.kill('SIGSTOP')
  child.kill(sig)
  child.kill('SIGCONT')
}

/** The run's own error (the last `::error`; failed checks come before it, titled by their id). */
const runError = (r: ActionResult) => r.errors[r.errors.length - 1] ?? ''

describe('cancelled while packaging', () => {
  it(fault('cancel: SIGINT while packaging (action)'), async () => {
    stage.services.reset()
    const dirs = freshRunnerDirs(stage.world.ws)
    const out = path.join(scratch, 'out-cancel-action')
    const a = startAction(buildInputs({ 'output-dir': out, upload: 'true' }), {
      dirs,
      env: serviceEnv(),
      timeoutMs: 600_000
    })
    await until(() => a.stdout().includes('::group::package') || a.child.exitCode !== null, 600_000)
    expect(a.stdout(), 'the run reached packaging').toContain('::group::package')
    signalAt(a.child, 'SIGINT')
    const r = await a.result
    expect(r.code, r.stdout.slice(-3000)).toBe(1)
    expect(runError(r)).toContain('cancelled')
    expect(stage.services.requests, 'nothing uploaded after the cancel').toEqual([])
    expect(r.outputs['artifact-url'] ?? '').toBe('')
    expect(r.stdout).not.toContain('::group::publish')
    rmSync(out, { recursive: true, force: true })
    rmSync(dirs.root, { recursive: true, force: true })
  })

  it(fault('cancel: SIGINT while packaging (CLI)'), async () => {
    const out = path.join(scratch, 'out-cancel-cli')
    const args = [
      DIST_CLI,
      'build',
      '--go-version',
      go.version,
      '--go-download-source',
      'local',
      '--plugins',
      'plugins/hello',
      '--ui',
      'placeholder',
      '--verify',
      'static',
      '--cache',
      'false',
      '--output-dir',
      out
    ]
    const child = spawn(process.execPath, args, {
      cwd: stage.world.ws,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...fixtureGoEnv() },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stderr = ''
    child.stderr.on('data', d => (stderr += d))
    child.stdout.resume()
    const code = new Promise<number | null>(r => child.on('close', c => r(c)))
    await until(() => stderr.includes('==> package') || child.exitCode !== null, 600_000)
    expect(stderr, 'the run reached packaging').toContain('==> package')
    signalAt(child, 'SIGINT')
    expect(await code, stderr.slice(-3000)).toBe(130)
    expect(stderr).toContain('cancelled')
    expect(stderr).not.toContain('✓ OK')
    rmSync(out, { recursive: true, force: true })
  })
})

describe('host-manifest values reach the log inert', () => {
  it(fault('host-manifest: workflow commands in its values'), async () => {
    const file = path.join(scratch, 'injecting-manifest.json')
    const evil = '\n::error::injected\n::add-mask::x\n  ::stop-commands::tok\n::warning::injected'
    writeFileSync(file, await hostManifestText({}, { goVersion: `go${go.version}${evil}` }))
    const dirs = freshRunnerDirs(stage.world.ws)
    const r = await runAction(
      {
        'verify-only': 'true',
        'host-manifest': file,
        'plugin-binaries': process.execPath,
        verify: 'static'
      },
      { dirs, timeoutMs: 120_000 }
    )
    const lines = r.stdout.split('\n').map(l => l.trimStart())
    const injected = lines.filter(l =>
      /^::(error::injected|add-mask::x|stop-commands::|warning::injected)/.test(l)
    )
    expect(r.stdout, 'the value was shown').toContain('injected')
    expect(injected).toEqual([])
    rmSync(dirs.root, { recursive: true, force: true })
  })

  it(fault('host-manifest: plain http from loopback'), async () => {
    const server = await startServer()
    const file = path.join(scratch, 'served-manifest.json')
    writeFileSync(file, await hostManifestText())
    server.routes.set('/manifest.json', () => ({ file }))
    const dirs = freshRunnerDirs(stage.world.ws)
    try {
      const r = await runAction(
        {
          'verify-only': 'true',
          'host-manifest': `${server.url}/manifest.json`,
          'plugin-binaries': process.execPath,
          verify: 'static'
        },
        { dirs, timeoutMs: 120_000 }
      )
      expect(server.requests).toEqual(['/manifest.json'])
      const warnings = r.stdout.split('\n').filter(l => l.startsWith('::warning'))
      expect(
        warnings.some(w => /host-manifest .* plain http: allowed only from this machine/.test(w)),
        r.stdout.slice(-3000)
      ).toBe(true)
    } finally {
      await server.close()
      rmSync(dirs.root, { recursive: true, force: true })
    }
  })
})

describe('Go settings as go env reads them', () => {
  it(fault('go settings: GOFLAGS=-toolexec from a GOENV file'), async () => {
    const goenv = path.join(scratch, 'goenv')
    // The environment's GOFLAGS would win over the file's: the file holds the fixture's too.
    writeFileSync(goenv, `GOFLAGS=-modcacherw -toolexec=${stage.world.canaryScript}\n`)
    const dirs = freshRunnerDirs(stage.world.ws)
    const before = await gitStatus(stage.world.ws)
    const r = await runAction(buildInputs({ 'output-dir': path.join(scratch, 'out-goenv') }), {
      dirs,
      env: { ...serviceEnv(), GOENV: goenv, GOFLAGS: undefined },
      timeoutMs: 600_000
    })
    expect(r.code).toBe(1)
    expect(r.errors, r.stdout.slice(-3000)).toHaveLength(1)
    expect(r.errors[0]).toMatch(
      /GOFLAGS=-modcacherw -toolexec=.* \(from the GOENV file .*goenv\) is refused/
    )
    expect(r.errors[0]).toContain('go env -u GOFLAGS')
    expect(existsSync(stage.world.canary), 'the toolexec program never ran').toBe(false)
    expect(r.stdout).not.toContain('::group::build')
    expect(await gitStatus(stage.world.ws)).toBe(before)
    rmSync(dirs.root, { recursive: true, force: true })
  })
})

describe('one real build with Go settings and a replace outside the workspace', () => {
  let r: ActionResult
  let out: string
  let buildMd: string
  let manifest: {
    plan: { goSettings?: { name: string; value: string; from: string }[] }
    modules: { outsideWorkspace?: { module: string; dir: string; usedBy: string[] }[] }
  }
  let extra: string

  beforeAll(async () => {
    const ws = await copyFixture(path.join(scratch, 'ws-settings'))
    extra = path.join(scratch, 'outside-extra')
    mkdirSync(extra)
    writeFileSync(path.join(extra, 'go.mod'), 'module example.test/extra\n\ngo 1.26\n')
    writeFileSync(
      path.join(extra, 'extra.go'),
      'package extra\n\nfunc Name() string { return "extra" }\n'
    )
    const hello = path.join(ws, 'plugins', 'hello')
    const gomod = readFileSync(path.join(hello, 'go.mod'), 'utf8')
    writeFileSync(
      path.join(hello, 'go.mod'),
      `${gomod}\nrequire example.test/extra v0.0.0\n\nreplace example.test/extra => ${extra}\n`
    )
    const main = readFileSync(path.join(hello, 'main.go'), 'utf8')
      .replace(
        'import "bifrost.test/core"',
        'import (\n\t"bifrost.test/core"\n\t"example.test/extra"\n)'
      )
      .replace('return "hello" }', 'return "hello" + extra.Name()[:0] }')
    writeFileSync(path.join(hello, 'main.go'), main)
    await commitAll(ws, 'hello uses a module from outside the workspace')
    out = path.join(scratch, 'out-settings')
    const dirs = freshRunnerDirs(ws)
    r = await runAction(buildInputs({ 'output-dir': out, upload: 'false' }), {
      dirs,
      env: {
        ...serviceEnv(),
        CGO_CFLAGS: '-O2 -g -DBB_SETTING=1',
        CGO_LDFLAGS_ALLOW: '-Wl,--bb-allowed'
      },
      timeoutMs: 600_000
    })
    if (r.code === 0) {
      buildMd = readFileSync(path.join(out, 'BUILD.md'), 'utf8')
      manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))
    }
  }, 900_000)

  it(
    fault('go settings: GOFLAGS, CGO_* and CGO_LDFLAGS_ALLOW in the log, BUILD.md and manifest'),
    () => {
      expect(r.code, r.stdout.slice(-4000)).toBe(0)
      expect(r.stdout).toContain(
        'Go setting:     CGO_CFLAGS=-O2 -g -DBB_SETTING=1 (from the environment)'
      )
      expect(r.stdout).toMatch(
        /::warning::CGO_LDFLAGS_ALLOW=-Wl,--bb-allowed \(from the environment\)/
      )
      expect(buildMd).toContain("export CGO_CFLAGS='-O2 -g -DBB_SETTING=1'")
      expect(buildMd).toContain('export GOFLAGS=-modcacherw')
      expect(buildMd).toMatch(/\| CGO_LDFLAGS_ALLOW \| `-Wl,--bb-allowed` \| environment \|/)
      expect(manifest.plan.goSettings).toContainEqual({
        name: 'CGO_CFLAGS',
        value: '-O2 -g -DBB_SETTING=1',
        from: 'environment'
      })
    }
  )

  it(fault('build: a replace by a directory outside the workspace'), () => {
    expect(r.code, r.stdout.slice(-4000)).toBe(0)
    expect(r.stdout).toMatch(
      /::warning::module example\.test\/extra is replaced by the directory .*outside-extra, outside the workspace/
    )
    expect(buildMd).toContain('## Modules from outside the workspace')
    expect(buildMd).toContain(`| \`example.test/extra\` | \`${extra}\` | hello |`)
    expect(manifest.modules.outsideWorkspace).toEqual([
      { module: 'example.test/extra', dir: extra, usedBy: ['hello'] }
    ])
  })
})

describe('go list failures name the fix that works', () => {
  it(fault('build: vendor/ inconsistent with go.mod'), async () => {
    const ws = await copyFixture(path.join(scratch, 'ws-vendor'))
    const vendor = path.join(ws, 'plugins', 'hello', 'vendor')
    mkdirSync(vendor)
    writeFileSync(
      path.join(vendor, 'modules.txt'),
      '# bifrost.test/core v1.0.0\n## explicit\nbifrost.test/core\n'
    )
    await commitAll(ws, 'a stale vendor/')
    const dirs = freshRunnerDirs(ws)
    const r = await runAction(buildInputs({ 'output-dir': path.join(scratch, 'out-vendor') }), {
      dirs,
      env: serviceEnv(),
      timeoutMs: 600_000
    })
    expect(r.code).toBe(1)
    expect(r.errors, r.stdout.slice(-3000)).toHaveLength(1)
    expect(r.errors[0]).toMatch(/inconsistent vendoring/)
    expect(r.errors[0]).toMatch(/Fix: run go mod vendor in .*plugins\/hello \(go mod tidy does not/)
    rmSync(dirs.root, { recursive: true, force: true })
  })

  it(fault('go-work: local with a go.work that uses /'), async () => {
    const ws = await copyFixture(path.join(scratch, 'ws-gowork'))
    writeFileSync(path.join(ws, 'go.work'), 'go 1.26\n\nuse (\n\t./transports\n\t/\n)\n')
    await commitAll(ws, 'a go.work that uses /')
    const dirs = freshRunnerDirs(ws)
    const r = await runAction(
      buildInputs({
        'go-work': 'local',
        'align-modules': 'error',
        'output-dir': path.join(scratch, 'out-gowork')
      }),
      { dirs, env: serviceEnv(), timeoutMs: 600_000 }
    )
    expect(r.code).toBe(1)
    expect(r.errors, r.stdout.slice(-3000)).toHaveLength(1)
    expect(r.errors[0]).toMatch(
      /input go-work: go-work: local: .*go\.work uses "\/" \(\/\), outside the workspace/
    )
    expect(r.stdout).not.toMatch(/::group::build[\s\S]*go build/)
    rmSync(dirs.root, { recursive: true, force: true })
  })
})

describe('nothing left behind', () => {
  it(fault('leftovers: a downloaded host-binary'), async () => {
    const server = await startServer()
    // A real ELF that is not a Go host: the plan refuses it after the download.
    server.routes.set('/bifrost-http', () => ({ file: '/bin/true' }))
    const tmp = mkdtempSync(path.join(scratch, 'tmpdir-'))
    try {
      const r = await runCli(
        [
          'build',
          '--host-binary',
          `${server.url}/bifrost-http`,
          '--host-binary-sha256',
          await sha256Of('/bin/true'),
          '--plugins',
          'plugins/hello',
          '--output-dir',
          path.join(scratch, 'out-hostdl')
        ],
        { cwd: stage.world.ws, env: { ...fixtureGoEnv(), TMPDIR: tmp } }
      )
      expect(server.requests).toEqual(['/bifrost-http'])
      expect(r.code, r.stderr).not.toBe(0)
      expect(readdirSync(tmp), 'no bifrost-host-* download left').toEqual([])
    } finally {
      await server.close()
    }
  })

  it(fault('leftovers: the report of a CLI verify'), async () => {
    const tmp = mkdtempSync(path.join(scratch, 'tmpdir-'))
    const r = await runCli(['verify', '--host', '/bin/true', '--plugin', process.execPath], {
      cwd: stage.world.ws,
      env: { TMPDIR: tmp }
    })
    expect(r.code).not.toBe(0)
    const bad = await runCli(['build', '--plugins', 'no-such-dir'], {
      cwd: stage.world.ws,
      env: { TMPDIR: tmp }
    })
    expect(bad.code).toBe(2)
    expect(readdirSync(tmp), 'no bifrost-build-report-<pid>.json left').toEqual([])
  })

  it(fault('output-dir: the assembly dir of a run killed while packaging'), async () => {
    const out = mkdtempSync(path.join(scratch, 'out-killed-pkg-'))
    mkdirSync(path.join(out, '.bifrost-build-Ab12Cd'))
    writeFileSync(path.join(out, '.bifrost-build-Ab12Cd', 'bifrost.tar.gz'), 'partial')
    // Not named as this tool names its assembly dirs: the user's.
    mkdirSync(path.join(out, '.bifrost-build-mine'))
    writeFileSync(path.join(out, '.bifrost-build-notes.txt'), 'notes\n')
    // The lock a killed run was about to link into place: its pid gone.
    const max = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'))
    writeFileSync(path.join(out, `.bifrost-build.lock.${max}.0123456789ab`), `${max}\n`)
    stage.services.reset()
    const { r, dirs } = await runThroughAction(stage.world, stage.mirror, stage.services, {
      'output-dir': out
    })
    expect(r.errors.at(-1), 'the run went on to the toolchain').toMatch(SENTINEL)
    expect(r.stdout).toContain('left by a run that was killed while packaging')
    expect(readdirSync(out).sort()).toEqual(['.bifrost-build-mine', '.bifrost-build-notes.txt'])
    rmSync(dirs.root, { recursive: true, force: true })
  })
})

describe('output-dir lock under a race', () => {
  it(
    fault('output-dir: three runs take over one stale lock at once'),
    async () => {
      const dir = mkdtempSync(path.join(scratch, 'race-'))
      const out = path.join(dir, 'out')
      mkdirSync(out)
      const log = path.join(dir, 'log')
      writeFileSync(log, '')
      const rounds = 25
      const script = path.join(dir, 'racer.ts')
      writeFileSync(
        script,
        `import { appendFileSync, existsSync, writeFileSync } from 'node:fs'
const [mod, dir, log, rounds] = process.argv.slice(2)
const { lockOutputDir } = await import(mod)
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))
for (let n = 0; n < Number(rounds); n++) {
  while (!existsSync(dir + '/go-' + n)) await sleep(1)
  let release: undefined | (() => Promise<void>)
  try {
    release = await lockOutputDir(dir + '/out')
    appendFileSync(log, n + ' held ' + process.pid + '\\n')
  } catch {
    appendFileSync(log, n + ' refused ' + process.pid + '\\n')
  }
  writeFileSync(dir + '/done-' + n + '-' + process.pid, '')
  while (!existsSync(dir + '/end-' + n)) await sleep(1)
  if (release) await release()
  writeFileSync(dir + '/released-' + n + '-' + process.pid, '')
}
`
      )
      const viteNode = path.join(REPO, 'node_modules', '.bin', 'vite-node')
      const racers = [0, 1, 2].map(() =>
        spawn(
          viteNode,
          [
            '--root',
            REPO,
            script,
            path.join(REPO, 'src', 'package', 'output-dir.ts'),
            dir,
            log,
            String(rounds)
          ],
          { stdio: 'ignore', env: { ...process.env } }
        )
      )
      const exited = racers.map(c => new Promise(r => c.on('close', r)))
      const max = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'))
      const count = (prefix: string) => readdirSync(dir).filter(f => f.startsWith(prefix)).length
      const held: number[] = []
      try {
        for (let n = 0; n < rounds; n++) {
          // The lock a killed run left: its pid is gone.
          writeFileSync(path.join(out, '.bifrost-build.lock'), `${max}\n`)
          writeFileSync(path.join(dir, `go-${n}`), '')
          await until(() => count(`done-${n}-`) === 3, 60_000)
          expect(count(`done-${n}-`), `round ${n}: every racer answered`).toBe(3)
          held.push(
            readFileSync(log, 'utf8')
              .split('\n')
              .filter(l => l.startsWith(`${n} held `)).length
          )
          writeFileSync(path.join(dir, `end-${n}`), '')
          await until(() => count(`released-${n}-`) === 3, 60_000)
          expect(existsSync(path.join(out, '.bifrost-build.lock')), 'released').toBe(false)
        }
      } finally {
        for (const c of racers) c.kill('SIGKILL')
        await Promise.all(exited)
      }
      expect(held, `exactly one holder in every round: ${JSON.stringify(held)}`).toEqual(
        Array(rounds).fill(1)
      )
    },
    300_000
  )
})

describe('settings from the environment and the runner', () => {
  for (const value of ['99999999999999', '-1', 'abc', '1.5'])
    it(`${fault('environment: SOURCE_DATE_EPOCH that is not a time')}: ${value}`, async () => {
      stage.services.reset()
      const { r, dirs } = await runThroughAction(
        stage.world,
        stage.mirror,
        stage.services,
        {},
        { SOURCE_DATE_EPOCH: value }
      )
      expect(r.code).toBe(1)
      expect(r.errors).toHaveLength(1)
      expect(r.errors[0]).toContain(`SOURCE_DATE_EPOCH=${JSON.stringify(value)} is not a time`)
      expect(r.stdout, 'refused in the plan').not.toContain('::group::toolchain')
      rmSync(dirs.root, { recursive: true, force: true })
    })

  it(fault('runner: GITHUB_OUTPUT names a missing file'), async () => {
    const missing = path.join(scratch, 'no-such-dir', 'output')
    const dirs = freshRunnerDirs(stage.world.ws)
    const r = await runAction(
      { 'verify-only': 'true', 'host-binary': process.execPath, verify: 'static' },
      { dirs, env: { ...testGoEnv(), GITHUB_OUTPUT: missing }, timeoutMs: 120_000 }
    )
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toContain(`GITHUB_OUTPUT names ${missing}, which does not exist`)
    expect(r.errors[0]).not.toContain('Missing file at path')
    rmSync(dirs.root, { recursive: true, force: true })
  })
})

describe('the rules behind them', () => {
  it('settings that run a program are told from those that do not', async () => {
    const { runsProgram } = await import('../src/toolchain/settings.js')
    for (const [name, value] of [
      ['GOFLAGS', '-toolexec=/tmp/x'],
      ['GOFLAGS', '-mod=mod -exec /tmp/x'],
      ['GOFLAGS', '-ldflags=-extld=/tmp/cc'],
      ['CGO_LDFLAGS', '-B/tmp/evil'],
      ['CGO_LDFLAGS', '-fuse-ld=/tmp/evil/ld'],
      ['CGO_CFLAGS', '-O2 -fplugin=/tmp/p.so']
    ])
      expect(runsProgram(name, value), `${name}=${value}`).toBeTruthy()
    for (const [name, value] of [
      ['GOFLAGS', '-modcacherw -buildvcs=false -vet=off'],
      ['CGO_LDFLAGS', '-static'],
      ['CGO_CFLAGS', '-O2 -g -DX=1'],
      ['GOPROXY', 'https://proxy.golang.org,direct']
    ])
      expect(runsProgram(name, value), `${name}=${value}`).toBeUndefined()
  })

  it('a line that would be a workflow command is made inert, the text kept', async () => {
    const { noCommands } = await import('../src/report.js')
    const out = noCommands('go1.26.8\n::error::x\n  ::add-mask::y\nok ##[error]z')
    expect(out.split('\n').filter(l => /^\s*::/.test(l) || l.includes('##['))).toEqual([])
    expect(out.replace(/\u200b/g, '')).toBe('go1.26.8\n::error::x\n  ::add-mask::y\nok ##[error]z')
  })
})
