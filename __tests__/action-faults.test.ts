/**
 * Faults: a Go download mirror that fails in every way we know, two jobs installing
 * the same Go into one tool cache, a crashed job's leftovers, the load test's misbehaving
 * hosts. Each must end with one clear error and nothing half-made left in the tool cache or
 * output-dir. Download faults run through the bundled action, with a valid plan, so the
 * output-dir and workspace are checked too.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  chmodSync,
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
import { DIST_CLI, runAction, startAction, testGoEnv } from './helpers/action.js'
import { copyFixture, gitStatus } from '../testkit/fixture.js'
import { run, runOk } from '../testkit/run.js'
import { dlIndex, goRelease, sha256Of, type InstalledGo } from '../testkit/toolchain.js'
import { FAULTS, filesBelow, freshRunnerDirs } from './helpers/bad-inputs-table.js'
import { runLoadTest } from '../src/verify/load.js'

const INDEX = '/?mode=json&include=all'

type Behaviour =
  | { kind: 'file'; file: string }
  | { kind: 'status'; status: number }
  | { kind: 'reset'; file: string }
  | { kind: 'truncate'; file: string }
  | { kind: 'stall'; file: string }
  | { kind: 'body'; body: string }
  | { kind: 'redirect'; location: string }
  /** Accept the request and never answer. */
  | { kind: 'hang' }

/** A loopback mirror whose answer per path the tests set; counts requests per path. */
class Mirror {
  readonly routes = new Map<string, Behaviour>()
  readonly hits = new Map<string, number>()
  /** The Authorization header of every request, by path ('' when none was sent). */
  readonly auth = new Map<string, string[]>()
  /** When set, every request without exactly this Authorization header gets a 401. */
  requireAuth?: string
  private server!: Server
  url = ''

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const key = req.url ?? '/'
      this.hits.set(key, (this.hits.get(key) ?? 0) + 1)
      this.auth.set(key, [...(this.auth.get(key) ?? []), req.headers.authorization ?? ''])
      if (this.requireAuth && req.headers.authorization !== this.requireAuth)
        return void res.writeHead(401).end('who are you\n')
      const b = this.routes.get(key) ?? { kind: 'status', status: 404 }
      if (b.kind === 'hang') return
      if (b.kind === 'status') return void res.writeHead(b.status).end('no\n')
      if (b.kind === 'body') return void res.writeHead(200).end(b.body)
      if (b.kind === 'redirect') return void res.writeHead(302, { location: b.location }).end()
      const bytes = readFileSync(b.file)
      res.writeHead(200, { 'content-length': bytes.length })
      if (b.kind === 'file') return void res.end(bytes)
      res.write(bytes.subarray(0, Math.floor(bytes.length / 3)))
      if (b.kind === 'reset') setTimeout(() => req.socket.resetAndDestroy(), 20)
      if (b.kind === 'truncate') setTimeout(() => req.socket.destroy(), 20)
      // 'stall': headers and a third of the body, then silence until the client gives up.
    })
    await new Promise<void>(r => this.server.listen(0, '127.0.0.1', r))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  reset(): void {
    this.routes.clear()
    this.hits.clear()
    this.auth.clear()
    this.requireAuth = undefined
  }

  close(): Promise<void> {
    this.server.closeAllConnections()
    return new Promise(r => this.server.close(() => r()))
  }
}

let go: InstalledGo
let archive: string
let sha: string
let archivePath: string
let mirror: Mirror
let ws: string
let scratch: string

beforeAll(async () => {
  ;({ go, archive, sha, archivePath } = await goRelease())
  mirror = new Mirror()
  await mirror.start()
  ws = await copyFixture()
  scratch = mkdtempSync(path.join(os.tmpdir(), 'bb-faults-'))
})

afterAll(async () => {
  await mirror?.close()
  rmSync(ws, { recursive: true, force: true })
  rmSync(scratch, { recursive: true, force: true })
})

const tried = new Set<string>()
function fault(name: string): string {
  expect(FAULTS, `"${name}" is listed in FAULTS`).toContain(name)
  tried.add(name)
  return name
}

function serveIndex(checksum: string, file = archive): void {
  mirror.routes.set(INDEX, {
    kind: 'body',
    body: dlIndex([{ version: go.version, sha256: checksum, arch: go.arch }])
  })
  mirror.routes.set(archivePath, { kind: 'file', file })
}

interface InstallResult {
  code: number | null
  error: string
  errorCount: number
  toolCacheFiles: string[]
  workspaceChanged: boolean
  ms: number
}

/** Installs Go from the mirror through the action, after a valid plan. */
async function install(
  extraEnv: Record<string, string> = {},
  extraInputs: Record<string, string> = {}
): Promise<InstallResult> {
  const dirs = freshRunnerDirs(ws)
  const env = { BIFROST_BUILD_HTTP_TIMEOUT: '15', ...extraEnv }
  const before = await gitStatus(ws)
  const t0 = Date.now()
  const r = await runAction(
    {
      'go-version': go.version,
      'go-download-base-url': mirror.url,
      plugins: 'plugins/hello',
      ui: 'placeholder',
      upload: 'false',
      cache: 'false',
      ...extraInputs
    },
    { dirs, env, timeoutMs: 180_000 }
  )
  const { code, errors } = r
  const result = {
    code,
    error: errors.join('\n'),
    errorCount: errors.length,
    toolCacheFiles: filesBelow(dirs.toolCache),
    workspaceChanged: (await gitStatus(ws)) !== before,
    ms: Date.now() - t0
  }
  // Only the run's report (the `report` output) may stay: the runner empties RUNNER_TEMP per job.
  expect(
    readdirSync(dirs.temp).filter(n => n !== 'bifrost-build-report.json'),
    'RUNNER_TEMP left empty'
  ).toEqual([])
  rmSync(dirs.root, { recursive: true, force: true })
  return result
}

function expectCleanFailure(r: InstallResult, pattern: RegExp): void {
  expect(r.code, r.error).toBe(1)
  expect(r.errorCount, r.error).toBe(1)
  expect(r.error).toMatch(pattern)
  expect(r.error).toContain('go-download-base-url')
  expect(r.toolCacheFiles, 'tool cache untouched').toEqual([])
  expect(r.workspaceChanged, 'output-dir and workspace untouched').toBe(false)
}

/** A tar.gz with a `go/bin/go` and the given hostile extra entries (python's tarfile writes them as is). */
async function evilArchive(name: string, entries: string): Promise<string> {
  const out = path.join(scratch, name)
  await runOk('python3', [
    '-c',
    `import tarfile, io, sys
t = tarfile.open(sys.argv[1], 'w:gz')
def f(n, data=b'x'):
    i = tarfile.TarInfo(n); i.size = len(data); i.mode = 0o755; t.addfile(i, io.BytesIO(data))
def l(n, target):
    i = tarfile.TarInfo(n); i.type = tarfile.SYMTYPE; i.linkname = target; t.addfile(i)
f('go/bin/go', b'#!/bin/sh\\necho go version go${go.version} linux/${go.arch}\\n')
${entries}
t.close()`,
    out
  ])
  return out
}

describe('download faults leave the tool cache and output-dir untouched', () => {
  it(fault('download: HTTP 500 on every try'), async () => {
    mirror.reset()
    serveIndex(sha)
    mirror.routes.set(archivePath, { kind: 'status', status: 500 })
    const r = await install()
    expectCleanFailure(r, /HTTP 500/)
    expect(mirror.hits.get(archivePath), 'retried').toBe(4)
  })

  it(fault('download: connection reset mid-body'), async () => {
    mirror.reset()
    serveIndex(sha)
    mirror.routes.set(archivePath, { kind: 'reset', file: archive })
    const r = await install()
    // A reset mid-body, with the length announced, is a truncation: say how much came.
    expectCleanFailure(r, /download of .* was truncated: the connection closed after \d+ of \d+/)
    expect(mirror.hits.get(archivePath)).toBe(4)
  })

  it(fault('download: truncated archive (short body, full length announced)'), async () => {
    mirror.reset()
    serveIndex(sha)
    mirror.routes.set(archivePath, { kind: 'truncate', file: archive })
    const r = await install()
    expectCleanFailure(
      r,
      /download of .* was truncated: the connection closed after \d+ of \d+ bytes, on every try/
    )
  })

  it(fault('download: wrong SHA-256'), async () => {
    mirror.reset()
    serveIndex('1'.repeat(64))
    const r = await install()
    expectCleanFailure(r, /SHA-256 [0-9a-f]{64} .* checksum is 1{64}; the archive was not unpacked/)
  })

  it(fault('download: server stalls past the timeout'), async () => {
    mirror.reset()
    serveIndex(sha)
    mirror.routes.set(archivePath, { kind: 'stall', file: archive })
    const r = await install({ BIFROST_BUILD_HTTP_TIMEOUT: '1' })
    expectCleanFailure(r, /download of .* failed/)
    // 4 tries of a 1 s idle timeout and 0.5 + 1.5 + 4.5 s between them.
    expect(r.ms).toBeLessThan(60_000)
  })

  it(fault('download: archive with a ../x path traversal entry'), async () => {
    const evil = await evilArchive('traversal.tar.gz', `f('../x')\nf('go/../../y')`)
    mirror.reset()
    serveIndex(await sha256Of(evil), evil)
    const r = await install()
    expect(r.code, r.error).toBe(1)
    expect(r.errorCount).toBe(1)
    expect(r.error).toMatch(/could not unpack|Member name contains/)
    expect(r.toolCacheFiles).toEqual([])
    expect(r.workspaceChanged).toBe(false)
  })

  it(fault('download: archive with an absolute path and a symlink escape'), async () => {
    const target = path.join(scratch, 'escape-target')
    mkdirSync(target, { recursive: true })
    const evil = await evilArchive(
      'escape.tar.gz',
      `f('${scratch}/absolute-entry')\nl('go/escape', '${target}')\nf('go/escape/pwned')`
    )
    mirror.reset()
    serveIndex(await sha256Of(evil), evil)
    const r = await install()
    expect(r.code, r.error).toBe(1)
    expect(r.errorCount).toBe(1)
    expect(r.toolCacheFiles).toEqual([])
    expect(existsSync(path.join(scratch, 'absolute-entry'))).toBe(false)
    expect(readdirSync(target)).toEqual([])
  })

  it(fault('download: mirror unreachable'), async () => {
    mirror.reset()
    const closed = createServer()
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r))
    const port = (closed.address() as AddressInfo).port
    await new Promise(r => closed.close(r))
    const saved = mirror.url
    mirror.url = `http://127.0.0.1:${port}`
    try {
      const r = await install()
      expectCleanFailure(r, /cannot reach the Go download mirror/)
    } finally {
      mirror.url = saved
    }
  })
})

describe('HTTP: redirects, credentials, cancelling, runaway and stalled index bodies', () => {
  it(fault('download: relative Location redirect'), async () => {
    mirror.reset()
    serveIndex(sha)
    mirror.routes.set(archivePath, { kind: 'redirect', location: `files${archivePath}` })
    mirror.routes.set(`/files${archivePath}`, { kind: 'file', file: archive })
    const root = mkdtempSync(path.join(scratch, 'tc-'))
    const r = await setupGo(path.join(root, 'cache'), mkdtempSync(path.join(root, 't-')))
    expect(r.code, r.stderr).toBe(0)
    expect(mirror.hits.get(`/files${archivePath}`)).toBe(1)
    rmSync(root, { recursive: true, force: true })
  })

  it(fault('download: mirror credentials in the URL'), async () => {
    // The userinfo goes as Basic auth to the mirror only; the archive is on another host
    // (another port), which must not receive it; no output line holds the password.
    const other = new Mirror()
    await other.start()
    try {
      mirror.reset()
      const password = 'mirr0r-Passw0rd'
      mirror.requireAuth = `Basic ${Buffer.from(`ci:${password}`).toString('base64')}`
      serveIndex(sha)
      mirror.routes.set(archivePath, { kind: 'redirect', location: `${other.url}${archivePath}` })
      other.routes.set(archivePath, { kind: 'file', file: archive })
      const root = mkdtempSync(path.join(scratch, 'tc-'))
      const base = mirror.url.replace('http://', `http://ci:${password}@`)
      const r = await setupGo(path.join(root, 'cache'), mkdtempSync(path.join(root, 't-')), base)
      expect(r.code, r.stderr).toBe(0)
      expect(mirror.auth.get(INDEX)).toEqual([mirror.requireAuth])
      expect(other.auth.get(archivePath), 'no credentials to another host').toEqual([''])
      expect(r.stdout + r.stderr).not.toContain(password)
      rmSync(root, { recursive: true, force: true })
    } finally {
      await other.close()
    }
  })

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(fault(`index: ${signal} while Go releases are listed`), async () => {
      mirror.reset()
      mirror.routes.set(INDEX, { kind: 'hang' })
      const dirs = freshRunnerDirs(ws)
      const run = startAction(
        {
          'go-version': '1.26.x',
          'go-download-base-url': mirror.url,
          plugins: 'plugins/hello',
          upload: 'false',
          cache: 'false'
        },
        { dirs, timeoutMs: 120_000 }
      )
      const t0 = Date.now()
      while (!mirror.hits.get(INDEX) && Date.now() - t0 < 60_000)
        await new Promise(r => setTimeout(r, 20))
      expect(mirror.hits.get(INDEX), 'the index was requested').toBe(1)
      const t1 = Date.now()
      run.child.kill(signal)
      const r = await run.result
      expect(Date.now() - t1, 'stopped at once').toBeLessThan(10_000)
      expect(r.code).toBe(1)
      expect(r.errors, r.stdout).toHaveLength(1)
      expect(r.errors[0]).toContain('cancelled')
      expect(r.errors[0]).not.toMatch(/listing releases failed/)
      rmSync(dirs.root, { recursive: true, force: true })
    })
  }

  it(fault('index: a 40 MB body'), async () => {
    mirror.reset()
    mirror.routes.set(INDEX, { kind: 'body', body: '['.padEnd(40 * 1024 * 1024, ' ') })
    const rss0 = process.memoryUsage().rss
    const r = await install()
    expect(r.ms, 'capped, not read to the end').toBeLessThan(20_000)
    expect(r.code, r.error).toBe(1)
    expect(r.errorCount).toBe(1)
    expect(r.error).toMatch(/sent more than 32 MiB; not read further/)
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024)
    expect(r.toolCacheFiles).toEqual([])
  })

  it(fault('index: server stalls mid-body past the timeout'), async () => {
    const body = path.join(scratch, 'index.json')
    writeFileSync(body, dlIndex([{ version: go.version, sha256: sha, arch: go.arch }]))
    mirror.reset()
    mirror.routes.set(INDEX, { kind: 'stall', file: body })
    const r = await install({ BIFROST_BUILD_HTTP_TIMEOUT: '1' }, { 'go-version': '1.26.x' })
    expect(r.code, r.error).toBe(1)
    expect(r.errorCount).toBe(1)
    expect(r.error).toMatch(/no data for 1 s after \d+ bytes of the body/)
    // 4 tries of a 1 s idle timeout and 0.5 + 1.5 + 4.5 s between them.
    expect(r.ms).toBeLessThan(40_000)
    expect(mirror.hits.get(INDEX)).toBe(4)
  })

  it(fault('runner: RUNNER_TEMP names a missing directory'), async () => {
    mirror.reset()
    serveIndex(sha)
    mirror.routes.set(archivePath, { kind: 'status', status: 404 })
    const missing = path.join(scratch, 'no-such-temp', 'deeper')
    const r = await install({ RUNNER_TEMP: missing })
    expect(r.code, r.error).toBe(1)
    expect(r.error, 'reaches the download, no raw ENOENT').toMatch(/the mirror is missing the file/)
    expect(existsSync(missing), 'created').toBe(true)
  })
})

describe('output-dir taken by another run', () => {
  function inputs(out: string): Record<string, string> {
    return {
      'go-version': go.version,
      'go-download-base-url': mirror.url,
      plugins: 'plugins/hello',
      upload: 'false',
      cache: 'false',
      'output-dir': out
    }
  }

  it(fault('output-dir: a second run into it while the first runs'), async () => {
    mirror.reset()
    serveIndex(sha)
    mirror.routes.set(archivePath, { kind: 'hang' })
    const out = path.join(scratch, 'shared-out')
    const dirsA = freshRunnerDirs(ws)
    const first = startAction(inputs(out), { dirs: dirsA, timeoutMs: 120_000 })
    const t0 = Date.now()
    while (!mirror.hits.get(archivePath) && Date.now() - t0 < 60_000)
      await new Promise(r => setTimeout(r, 20))
    expect(mirror.hits.get(archivePath), 'the first run is downloading').toBe(1)
    const dirsB = freshRunnerDirs(ws)
    const second = await runAction(inputs(out), { dirs: dirsB, timeoutMs: 120_000 })
    expect(second.code).toBe(1)
    expect(second.errors).toHaveLength(1)
    expect(second.errors[0]).toMatch(
      new RegExp(
        `input output-dir: .* is in use by another bifrost-build run \\(pid ${first.child.pid} `
      )
    )
    expect(second.stdout, 'refused before Go is set up').not.toContain('::group::toolchain')
    first.child.kill('SIGTERM')
    const a = await first.result
    expect(a.code).toBe(1)
    expect(existsSync(out), 'the first run removes the dir it created and the lock').toBe(false)
    rmSync(dirsA.root, { recursive: true, force: true })
    rmSync(dirsB.root, { recursive: true, force: true })
  })

  it(fault('output-dir: the lock of a killed run is left in it'), async () => {
    mirror.reset()
    serveIndex(sha)
    mirror.routes.set(archivePath, { kind: 'status', status: 404 })
    const out = path.join(scratch, 'stale-out')
    mkdirSync(out, { recursive: true })
    // A pid that is not running: the highest possible one.
    const max = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'))
    writeFileSync(path.join(out, '.bifrost-build.lock'), `${max}\n`)
    const dirs = freshRunnerDirs(ws)
    const r = await runAction(inputs(out), { dirs, timeoutMs: 120_000 })
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0], 'taken over; the run goes on to the download').toMatch(
      /the mirror is missing the file/
    )
    expect(readdirSync(out), 'lock released').toEqual([])
    rmSync(dirs.root, { recursive: true, force: true })
  })
})

/** `bifrost-build setup-go` from the mirror (or `baseUrl`), as a job step would run it. */
function setupGo(toolCache: string, temp: string, baseUrl = mirror.url) {
  return run(
    process.execPath,
    [DIST_CLI, 'setup-go', '--go-version', go.version, '--go-download-base-url', baseUrl],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...testGoEnv(),
        RUNNER_TOOL_CACHE: toolCache,
        RUNNER_TEMP: temp
      }
    }
  )
}

describe('tool cache under concurrency and crashes', () => {
  it(fault('tool cache: two runs install the same Go at once'), async () => {
    mirror.reset()
    serveIndex(sha)
    const root = mkdtempSync(path.join(scratch, 'tc-'))
    const toolCache = path.join(root, 'cache')
    mkdirSync(toolCache)
    const versionDir = path.join(toolCache, 'go', go.version, go.arch === 'amd64' ? 'x64' : 'arm64')
    // Watch: whenever the version directory is visible, it must be a whole GOROOT.
    const seenPartial: string[] = []
    let watching = true
    const watcher = (async () => {
      while (watching) {
        if (existsSync(versionDir)) {
          const complete =
            existsSync(path.join(versionDir, 'bin', 'go')) &&
            existsSync(path.join(versionDir, 'src', 'runtime'))
          if (!complete) seenPartial.push(readdirSync(versionDir).join(','))
        }
        await new Promise(r => setTimeout(r, 5))
      }
    })()
    const [a, b] = await Promise.all([
      setupGo(toolCache, mkdtempSync(path.join(root, 't1-'))),
      setupGo(toolCache, mkdtempSync(path.join(root, 't2-')))
    ])
    watching = false
    await watcher
    expect(a.code, a.stderr).toBe(0)
    expect(b.code, b.stderr).toBe(0)
    expect(a.stdout.trim()).toBe(versionDir)
    expect(b.stdout.trim()).toBe(versionDir)
    expect(seenPartial).toEqual([])
    expect(readdirSync(path.join(toolCache, 'go')).sort()).toEqual([go.version])
    expect(readdirSync(path.join(toolCache, 'go', go.version)).sort()).toEqual(
      [path.basename(versionDir), `${path.basename(versionDir)}.complete`].sort()
    )
    const v = await runOk(path.join(versionDir, 'bin', 'go'), ['version'], {
      env: { ...process.env, GOROOT: versionDir, GOTOOLCHAIN: 'local' }
    })
    expect(v).toContain(`go${go.version}`)
    rmSync(root, { recursive: true, force: true })
  })

  it(fault('tool cache: a leftover unmarked directory from a crashed run'), async () => {
    mirror.reset()
    serveIndex(sha)
    const root = mkdtempSync(path.join(scratch, 'tc-'))
    const toolCache = path.join(root, 'cache')
    const versionDir = path.join(toolCache, 'go', go.version, go.arch === 'amd64' ? 'x64' : 'arm64')
    mkdirSync(path.join(versionDir, 'bin'), { recursive: true })
    writeFileSync(path.join(versionDir, 'bin', 'half-written'), '')
    const r = await setupGo(toolCache, mkdtempSync(path.join(root, 't-')))
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout.trim()).toBe(versionDir)
    expect(existsSync(path.join(versionDir, 'bin', 'half-written'))).toBe(false)
    expect(existsSync(`${versionDir}.complete`)).toBe(true)
    expect(readdirSync(path.join(toolCache, 'go')).filter(n => n.startsWith('.'))).toEqual([])
    rmSync(root, { recursive: true, force: true })
  })
})

describe('load test hosts that misbehave: bounded time, clean error, process tree gone', () => {
  const plugins = [{ name: 'hello', path: '/x/hello.so' }]
  function fakeHost(name: string, body: string): string {
    const f = path.join(scratch, name)
    writeFileSync(f, `#!/bin/sh\n${body}\n`)
    chmodSync(f, 0o755)
    return f
  }
  function alive(pid: number): boolean {
    try {
      process.kill(pid, 0)
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    } catch {
      return false
    }
  }

  it(fault('load test: host never becomes ready'), async () => {
    const host = fakeHost('silent', 'exec sleep 600')
    const t0 = Date.now()
    const r = await runLoadTest({ host, hostName: 'h', plugins, prefix: [], timeoutSec: 2 })
    expect(Date.now() - t0).toBeLessThan(8_000)
    expect(r.status).toBe('fail')
    expect(r.message).toContain('within 2 s')
  })

  it(fault('load test: host crashes'), async () => {
    const host = fakeHost('segv', 'echo "unexpected fault address" >&2\nkill -SEGV $$')
    const r = await runLoadTest({ host, hostName: 'h', plugins, prefix: [], timeoutSec: 20 })
    expect(r.status).toBe('fail')
    expect(r.message).toMatch(/signal SIGSEGV/)
  })

  it(fault('load test: host floods its log (one endless line)'), async () => {
    const host = fakeHost('endless', 'exec tr "\\0" x < /dev/zero')
    const rss0 = process.memoryUsage().rss
    const t0 = Date.now()
    const r = await runLoadTest({ host, hostName: 'h', plugins, prefix: [], timeoutSec: 3 })
    expect(Date.now() - t0).toBeLessThan(10_000)
    expect(r.status).toBe('fail')
    expect(process.memoryUsage().rss - rss0).toBeLessThan(150 * 1024 * 1024)
    expect(r.message.length).toBeLessThan(5_000)
  })

  it(fault('load test: host leaves a child that ignores SIGTERM'), async () => {
    const pidFile = path.join(scratch, 'stubborn.pid')
    const host = fakeHost(
      'stubborn',
      `sh -c 'trap "" TERM; echo $$ > ${pidFile}; while :; do sleep 1; done' &\ntrap "" TERM\nwhile :; do sleep 1; done`
    )
    const t0 = Date.now()
    const r = await runLoadTest({ host, hostName: 'h', plugins, prefix: [], timeoutSec: 2 })
    expect(r.status).toBe('fail')
    expect(Date.now() - t0).toBeLessThan(10_000)
    const child = Number(readFileSync(pidFile, 'utf8'))
    await new Promise(res => setTimeout(res, 300))
    expect(alive(child), 'the SIGTERM-ignoring child was killed').toBe(false)
  })
})

afterAll(() => {
  if (tried.size) console.log(`faults tried in action-faults.test.ts: ${tried.size}`)
})
