/**
 * The reliability cases that need real builds (kept few: each is one build of the fixture's
 * host and one plugin, sharing the test GOCACHE):
 * - hostile-but-harmless ldflags reach the linker as single arguments (canary never created);
 *   the token reaches no child (a CC wrapper records the environment `go build` passes on);
 *   GOPROXY credentials stay out of everything written;
 * - `-extldflags -static` on a dynamic build is caught (plan or verify), nothing shipped;
 * - SIGTERM / SIGINT mid-build: children stopped, temp and staging dirs removed, nothing packaged;
 * - disk full while writing, read-only output-dir: one clear error.
 */
import { spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DIST_ACTION, runAction, testGoEnv, visibleOutput } from './helpers/action.js'
import { copyFixture, fixtureGoEnv, gitStatus } from '../testkit/fixture.js'
import { run, runOk } from '../testkit/run.js'
import {
  dlIndex,
  goArchive,
  installedGo,
  sha256Of,
  startServer,
  type InstalledGo,
  type Route,
  type Served
} from '../testkit/toolchain.js'
import {
  FAULTS,
  filesBelow,
  freshRunnerDirs,
  HARMLESS_LDFLAGS,
  replaceMarkers,
  TOKEN,
  RUNTIME_TOKEN,
  useStage
} from './helpers/bad-inputs-table.js'
import { outputDirProblem } from '../src/package/output-dir.js'
import { diskError } from '../src/util/disk-error.js'
import { clearPublishedOutputs } from '../src/package/index.js'
import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'

let go: InstalledGo
const stage = useStage()
let scratch: string

beforeAll(async () => {
  go = installedGo()
  scratch = mkdtempSync(path.join(os.tmpdir(), 'bb-relbuild-'))
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

async function canMount(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false
  const probe = mkdtempSync(path.join(os.tmpdir(), 'bb-mount-probe-'))
  try {
    await runOk('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe])
    await runOk('umount', [probe])
    return true
  } catch {
    return false
  } finally {
    rmSync(probe, { recursive: true, force: true })
  }
}
const mountable = await canMount()

describe('one real build with hostile-but-harmless values', () => {
  it('ldflags pass as single arguments, the token reaches no child, no secret is written', async () => {
    const dumps = path.join(scratch, 'cc-env')
    mkdirSync(dumps, { recursive: true })
    const ccWrapper = path.join(scratch, 'cc-wrapper')
    writeFileSync(ccWrapper, `#!/bin/sh\nenv -0 > '${dumps}/cc-'$$\nexec gcc "$@"\n`)
    chmodSync(ccWrapper, 0o755)
    const ldflags = HARMLESS_LDFLAGS.map(f => replaceMarkers(f, stage.world)).join(' ')
    const proxySecret = 'pr0xyPassw0rd'
    const dirs = freshRunnerDirs(stage.world.ws)
    const env = serviceEnv()
    env.GOPROXY = `https://ci:${proxySecret}@127.0.0.1:1/|${env.GOPROXY}`
    const r = await runAction(
      buildInputs({ ldflags, cc: ccWrapper, upload: 'false', 'output-dir': 'out-harmless' }),
      { dirs, env, timeoutMs: 600_000 }
    )
    const out = path.join(stage.world.ws, 'out-harmless')
    try {
      expect(r.code, r.stdout.slice(-4000)).toBe(0)
      expect(existsSync(stage.world.canary)).toBe(false)
      const written = filesBelow(out)
        .filter(f => /\.(md|json)$|SHA256SUMS|Dockerfile/.test(f))
        .map(f => readFileSync(f, 'utf8'))
        .join('\n')
      expect(written, 'the literal reached the build record').toContain(
        `main.Note=$(touch\${IFS}${stage.world.canary})`
      )
      const everything = `${visibleOutput(r)}\n${written}`
      for (const secret of [TOKEN, RUNTIME_TOKEN, proxySecret])
        expect(everything).not.toContain(secret)
      const envs = readdirSync(dumps).map(f => readFileSync(path.join(dumps, f), 'utf8'))
      expect(envs.length, 'the C compiler wrapper ran under go build').toBeGreaterThan(0)
      for (const e of envs) {
        expect(e).not.toContain(TOKEN)
        expect(e).not.toContain('INPUT_TOKEN=')
      }
    } finally {
      rmSync(out, { recursive: true, force: true })
      rmSync(dirs.root, { recursive: true, force: true })
    }
  })

  it(fault('verify: -extldflags -static on a dynamic build'), async () => {
    stage.services.reset()
    const dirs = freshRunnerDirs(stage.world.ws)
    const before = await gitStatus(stage.world.ws)
    // Through ldflags the plan refuses it (-extldflags=-static: mode static is the way).
    const refused = await runAction(
      buildInputs({ ldflags: '-extldflags -static', mode: 'dynamic' }),
      { dirs, env: serviceEnv(), timeoutMs: 120_000 }
    )
    expect(refused.code).toBe(1)
    expect(refused.errors).toHaveLength(1)
    expect(refused.errors[0]).toContain('input ldflags:')
    // CGO_LDFLAGS from the environment is respected, so it reaches the external linker; the
    // host comes out static, and verify must stop it before packaging.
    const dirs2 = freshRunnerDirs(stage.world.ws)
    const r = await runAction(buildInputs({ mode: 'dynamic', 'output-dir': 'out-static' }), {
      dirs: dirs2,
      env: { ...serviceEnv(), CGO_LDFLAGS: '-static' },
      timeoutMs: 600_000
    })
    expect(r.code, r.stdout.slice(-3000)).toBe(1)
    expect(r.errors, r.stdout.slice(-3000)).toHaveLength(1)
    // The same flags go to the plugins, whose shared-object link refuses -static first.
    expect(r.errors[0]).toMatch(/verification failed.*static|go build of plugin hello failed/)
    expect(r.stdout).not.toContain('::group::package')
    expect(stage.services.requests, 'nothing uploaded').toEqual([])
    expect(await gitStatus(stage.world.ws), 'no output-dir').toBe(before)
    rmSync(dirs.root, { recursive: true, force: true })
    rmSync(dirs2.root, { recursive: true, force: true })
  })

  it('verify-only: a host linked with -extldflags -static elsewhere is caught by verify', async () => {
    // Built by hand the way a user would outside the action: static host, dynamic plugin.
    const src = await copyFixture(path.join(scratch, 'static-src'))
    const ui = path.join(src, 'transports', 'bifrost-http', 'ui')
    mkdirSync(ui, { recursive: true })
    writeFileSync(path.join(ui, 'index.html'), '<html></html>\n')
    const env = { ...process.env, ...fixtureGoEnv(), CGO_ENABLED: '1', GOWORK: 'off' }
    const host = path.join(src, 'bifrost-http')
    const plugin = path.join(src, 'hello.so')
    await runOk(
      'go',
      ['build', '-trimpath', '-ldflags', '-extldflags -static', '-o', host, './bifrost-http'],
      { cwd: path.join(src, 'transports'), env }
    )
    await runOk('go', ['build', '-trimpath', '-buildmode=plugin', '-o', plugin, '.'], {
      cwd: path.join(src, 'plugins', 'hello'),
      env
    })
    const dirs = freshRunnerDirs(src)
    const r = await runAction(
      {
        'verify-only': 'true',
        'host-binary': host,
        'plugin-binaries': plugin,
        mode: 'dynamic',
        verify: 'static',
        'go-version': go.version,
        'go-download-source': 'local'
      },
      { dirs, env: serviceEnv(), timeoutMs: 120_000 }
    )
    expect(r.code, r.stdout.slice(-3000)).toBe(1)
    // One annotation per failed check (titled by its id), then the run's own error.
    const run = r.errors.filter(e => /verification failed/.test(e))
    expect(run).toHaveLength(1)
    expect(run[0]).toMatch(/static/)
    const checks = r.errors.filter(e => !/verification failed/.test(e))
    expect(checks.length).toBeGreaterThanOrEqual(1)
    for (const e of checks) expect(e).toMatch(/^::error [^:]*title=/)
    rmSync(dirs.root, { recursive: true, force: true })
  })
})

describe('output-dir clearing removes only what this tool wrote', () => {
  it(fault('output-dir: a manifest listing user files and a symlink out of it'), async () => {
    const victim = mkdtempSync(path.join(scratch, 'victim-'))
    writeFileSync(path.join(victim, 'file'), 'x\n')
    const od = mkdtempSync(path.join(scratch, 'od-'))
    symlinkSync(victim, path.join(od, 'link'))
    symlinkSync(victim, path.join(od, 'plugins'))
    writeFileSync(path.join(od, 'important.txt'), 'keep\n')
    writeFileSync(path.join(victim, 'x.so'), 'so\n')
    writeFileSync(path.join(od, 'SHA256SUMS'), 'the user’s own checksums\n')
    const sha = (t: string) => createHash('sha256').update(t).digest('hex')
    writeFileSync(
      path.join(od, 'manifest.json'),
      JSON.stringify({
        files: [
          { name: 'important.txt', sha256: sha('keep\n') },
          { name: 'link/file', sha256: sha('x\n') },
          { name: 'plugins/x.so', sha256: sha('so\n') },
          { name: '../escape', sha256: sha('') }
        ]
      })
    )
    await clearPublishedOutputs(od)
    expect(readdirSync(victim).sort(), 'nothing removed through a symlink').toEqual([
      'file',
      'x.so'
    ])
    expect(readdirSync(od).sort(), 'a manifest that is not ours removes nothing').toEqual(
      ['SHA256SUMS', 'important.txt', 'link', 'manifest.json', 'plugins'].sort()
    )
    // Even in our own manifest, only our names with their recorded hashes go.
    const ours = (files: { name: string; sha256: string }[]) =>
      JSON.stringify({
        generator: 'bifrost-build',
        files,
        archive: { name: 'a.tar.gz', sha256: sha('tgz') }
      })
    writeFileSync(path.join(od, 'bifrost-http'), 'host')
    writeFileSync(path.join(od, 'BUILD.md'), 'edited by the user')
    writeFileSync(path.join(od, 'a.tar.gz'), 'tgz')
    const manifest = ours([
      { name: 'important.txt', sha256: sha('keep\n') },
      { name: 'link/file', sha256: sha('x\n') },
      { name: 'plugins/x.so', sha256: sha('so\n') },
      { name: 'bifrost-http', sha256: sha('host') },
      { name: 'BUILD.md', sha256: sha('as written') }
    ])
    writeFileSync(path.join(od, 'manifest.json'), manifest)
    await clearPublishedOutputs(od)
    expect(readdirSync(victim).sort()).toEqual(['file', 'x.so'])
    expect(
      readdirSync(od).sort(),
      'a SHA256SUMS that does not vouch for the manifest stays'
    ).toEqual(['BUILD.md', 'SHA256SUMS', 'important.txt', 'link', 'plugins'].sort())
    writeFileSync(path.join(od, 'manifest.json'), manifest)
    writeFileSync(path.join(od, 'SHA256SUMS'), `${sha(manifest)}  manifest.json\n`)
    await clearPublishedOutputs(od)
    expect(readdirSync(od).sort()).toEqual(['BUILD.md', 'important.txt', 'link', 'plugins'].sort())
    rmSync(od, { recursive: true, force: true })
    rmSync(victim, { recursive: true, force: true })
  })
})

describe('one real build from a mirror that needs credentials', () => {
  it(
    fault('package: mirror credentials kept out of the log, BUILD.md, manifest and archive'),
    async () => {
      const password = 'mirr0r-Secr3t-pw'
      const auth = `Basic ${Buffer.from(`ci:${password}`).toString('base64')}`
      const mirror = await startServer()
      const archive = await goArchive(go)
      const name = `go${go.version}.linux-${go.arch}.tar.gz`
      const guard =
        (s: Served): Route =>
        req =>
          req.headers.authorization === auth ? s : { status: 401, body: 'who are you\n' }
      mirror.routes.set(
        '/?mode=json&include=all',
        guard({
          body: dlIndex([{ version: go.version, sha256: await sha256Of(archive), arch: go.arch }])
        })
      )
      mirror.routes.set(`/${name}`, guard({ file: archive }))
      const dirs = freshRunnerDirs(stage.world.ws)
      const out = path.join(stage.world.ws, 'out-creds')
      try {
        const r = await runAction(
          buildInputs({
            'go-download-source': 'dl',
            'go-download-base-url': mirror.url.replace('http://', `http://ci:${password}@`),
            'output-dir': 'out-creds',
            upload: 'false'
          }),
          { dirs, env: serviceEnv(), timeoutMs: 600_000 }
        )
        expect(r.code, r.stdout.slice(-3000)).toBe(0)
        expect(mirror.requests).toEqual(['/?mode=json&include=all', `/${name}`])
        const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))
        expect(manifest.toolchain.url).toBe(`${mirror.url}/${name}`)
        const tgz = filesBelow(out).find(f => f.endsWith('.tar.gz'))!
        const everything = [
          visibleOutput(r),
          JSON.stringify(r.exportedEnv),
          ...filesBelow(out).map(f => readFileSync(f, 'latin1')),
          gunzipSync(readFileSync(tgz)).toString('latin1')
        ].join('\n')
        expect(everything).not.toContain(password)
        expect(r.stdout, 'masked in the runner log too').toContain(`::add-mask::${password}`)
      } finally {
        await mirror.close()
        rmSync(out, { recursive: true, force: true })
        rmSync(dirs.root, { recursive: true, force: true })
      }
    }
  )
})

/** pid -> ppid and command name of every process. */
function processTable(): Map<number, { ppid: number; comm: string }> {
  const table = new Map<number, { ppid: number; comm: string }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const m = /^\d+ \((.*)\) (\S) (\d+)/.exec(stat)
      if (m && m[2] !== 'Z') table.set(Number(entry), { ppid: Number(m[3]), comm: m[1] })
    } catch {
      /* exited meanwhile */
    }
  }
  return table
}

function descendants(root: number): Map<number, string> {
  const table = processTable()
  const found = new Map<number, string>()
  const queue = [root]
  while (queue.length) {
    const p = queue.shift()!
    for (const [pid, info] of table)
      if (info.ppid === p && !found.has(pid)) {
        found.set(pid, info.comm)
        queue.push(pid)
      }
  }
  return found
}

describe('build killed mid-way', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(fault(`build: ${signal} mid-build`), async () => {
      const dirs = freshRunnerDirs(stage.world.ws)
      const tmpProbe = mkdtempSync(path.join(scratch, 'tmpdir-'))
      const before = await gitStatus(stage.world.ws)
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...testGoEnv(),
        ...serviceEnv(),
        // A cache of its own, so the build is long enough to be interrupted.
        GOCACHE: mkdtempSync(path.join(scratch, 'gocache-')),
        // Where go would put its go-build* work dirs without GOTMPDIR (it leaves them when killed).
        TMPDIR: tmpProbe,
        GITHUB_ACTIONS: 'true',
        RUNNER_TEMP: dirs.temp,
        RUNNER_TOOL_CACHE: dirs.toolCache,
        GITHUB_WORKSPACE: stage.world.ws,
        GITHUB_OUTPUT: dirs.files.output,
        GITHUB_ENV: dirs.files.env,
        GITHUB_PATH: dirs.files.path,
        GITHUB_STATE: dirs.files.state,
        GITHUB_STEP_SUMMARY: dirs.files.summary
      }
      for (const [k, v] of Object.entries(buildInputs({ 'output-dir': 'out-killed' })))
        env[`INPUT_${k.toUpperCase()}`] = v
      const child = spawn(process.execPath, [DIST_ACTION], { cwd: stage.world.ws, env })
      let stdout = ''
      child.stdout.on('data', d => (stdout += d))
      const exited = new Promise<number | null>(r => child.on('close', code => r(code)))
      const seen = new Map<number, string>()
      const t0 = Date.now()
      let sent = false
      while (!sent && Date.now() - t0 < 300_000) {
        for (const [pid, comm] of descendants(child.pid!)) seen.set(pid, comm)
        if ([...seen.values()].some(c => ['compile', 'link', 'cgo', 'asm'].includes(c))) {
          child.kill(signal)
          sent = true
        }
        if (child.exitCode !== null) break
        await new Promise(r => setTimeout(r, 20))
      }
      expect(sent, `a compiler ran under the action: ${[...seen.values()].join(',')}`).toBe(true)
      const code = await exited
      await new Promise(r => setTimeout(r, 500))
      const table = processTable()
      const left = [...seen].filter(([pid, comm]) => table.get(pid)?.comm === comm)
      expect(left, 'no child of the run is left').toEqual([])
      expect(code).toBe(1)
      const errors = stdout.split('\n').filter(l => l.startsWith('::error'))
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain('cancelled')
      expect(stdout).not.toContain('::group::package')
      expect(await gitStatus(stage.world.ws), 'no output-dir, no staging dir, tree as found').toBe(
        before
      )
      // The problem matcher and the report (the `report` output) may stay: the runner empties
      // RUNNER_TEMP after every job.
      expect(
        readdirSync(dirs.temp).filter(
          n => n !== 'bifrost-build-go.json' && n !== 'bifrost-build-report.json'
        ),
        'temp files removed'
      ).toEqual([])
      expect(readdirSync(tmpProbe), 'no go-build* work dir left in TMPDIR').toEqual([])
      rmSync(dirs.root, { recursive: true, force: true })
    })
  }
})

describe.runIf(mountable)('output-dir on a read-only or full file system', () => {
  const mounts: string[] = []
  afterAll(async () => {
    // Failures ignored: a mount may already be gone.
    for (const m of mounts) await run('umount', [m])
  })
  async function tmpfs(options: string): Promise<string> {
    const dir = mkdtempSync(path.join(scratch, 'mnt-'))
    await runOk('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir])
    mounts.push(dir)
    return dir
  }

  it(fault('output-dir: read-only file system'), async () => {
    const ro = await tmpfs('ro,size=1m')
    const dirs = freshRunnerDirs(stage.world.ws)
    const r = await runAction(buildInputs({ 'output-dir': path.join(ro, 'dist') }), {
      dirs,
      env: serviceEnv(),
      timeoutMs: 120_000
    })
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(/input output-dir: .*not writable \(EROFS\)/)
    expect(r.stdout, 'refused before Go is set up or anything built').not.toContain(
      '::group::toolchain'
    )
    rmSync(dirs.root, { recursive: true, force: true })
  })

  it(fault('output-dir: writable, under a read-only parent'), async () => {
    // The parent is a read-only file system; output-dir itself is a writable mount in it.
    const parent = await tmpfs('size=64k')
    mkdirSync(path.join(parent, 'dist'))
    await runOk('mount', ['-o', 'remount,ro', parent])
    await runOk('mount', ['-t', 'tmpfs', '-o', 'size=256m', 'tmpfs', path.join(parent, 'dist')])
    mounts.unshift(path.join(parent, 'dist'))
    const dirs = freshRunnerDirs(stage.world.ws)
    const r = await runAction(
      buildInputs({ 'output-dir': path.join(parent, 'dist'), upload: 'false' }),
      { dirs, env: serviceEnv(), timeoutMs: 600_000 }
    )
    expect(r.code, r.stdout.slice(-3000)).toBe(0)
    expect(readdirSync(path.join(parent, 'dist'))).toContain('bifrost-http')
    expect(readdirSync(dirs.temp).filter(n => n.startsWith('bifrost-build-staging-'))).toEqual([])
    rmSync(dirs.root, { recursive: true, force: true })
  })

  it(fault('output-dir: disk full while writing'), async () => {
    const small = await tmpfs('size=2m')
    const dirs = freshRunnerDirs(stage.world.ws)
    const r = await runAction(
      buildInputs({ 'output-dir': path.join(small, 'dist'), upload: 'false' }),
      { dirs, env: serviceEnv(), timeoutMs: 600_000 }
    )
    expect(r.code).toBe(1)
    expect(r.errors, r.stdout.slice(-3000)).toHaveLength(1)
    expect(r.errors[0]).toMatch(/no space left|ENOSPC|file too large/i)
    expect(filesBelow(small), 'staging removed, nothing half-written left').toEqual([])
    rmSync(dirs.root, { recursive: true, force: true })
  })
})

describe.runIf(mountable)('output-dir checks before anything runs (pipeline functions)', () => {
  it('names a read-only file system, a file in the way, and maps disk errors to output-dir', async () => {
    const dir = mkdtempSync(path.join(scratch, 'mnt-'))
    await runOk('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', dir])
    try {
      expect(await outputDirProblem(path.join(dir, 'dist', 'deeper'))).toBe(
        `${dir} is not writable (EROFS)`
      )
    } finally {
      await runOk('umount', [dir])
    }
    const file = path.join(scratch, 'a-file')
    writeFileSync(file, '')
    expect(await outputDirProblem(file)).toBe(`${file} exists and is not a directory`)
    expect(await outputDirProblem(path.join(file, 'x'))).toBe(
      `${file} is a file, so ${path.join(file, 'x')} cannot be created`
    )
    expect(await outputDirProblem(path.join(scratch, 'new', 'dir'))).toBeUndefined()
    const enospc = Object.assign(new Error('write'), { code: 'ENOSPC', path: '/o/x' })
    expect(diskError(enospc, '/o')?.render()).toMatch(
      /^input output-dir: writing \/o\/x failed: no space left on the device \(ENOSPC\) Fix: /
    )
    expect(diskError(new Error('other'), '/o')).toBeUndefined()
    // A read-only or forbidden directory is not a space problem: the fix says so.
    const erofs = Object.assign(new Error('mkdir'), { code: 'EROFS', path: '/o/x' })
    expect(diskError(erofs, '/o')?.render()).toMatch(/Fix: make that directory writable/)
    expect(diskError(erofs, '/o')?.render()).not.toMatch(/space|room/)
    const inStaging = Object.assign(new Error('write'), { code: 'ENOSPC', path: '/t/s/x' })
    expect(diskError(inStaging, '/o', '/t/s')?.render()).toMatch(
      /^writing \/t\/s\/x failed: .*RUNNER_TEMP/
    )
  })
})
