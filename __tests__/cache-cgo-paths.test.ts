/**
 * A cache restored on a runner whose paths moved must not recompile cgo packages. Go keys a cgo
 * package's compiled output on its cgo flags, and `${SRCDIR}` in them expands to the package's
 * directory inside GOMODCACHE (go-sqlite3's `-I<GOMODCACHE>/github.com/mattn/...`), so the
 * module cache has to come back at the same path. The fixture `cache-cgo` has that shape: a
 * module with `#cgo CFLAGS: -I${SRCDIR}/include`, served from a file GOPROXY, used by an app.
 *
 * Real go builds, the real restore and save through the local-directory backend
 * (BIFROST_BUILD_CACHE_DIR), each "runner" with its own HOME, workspace and temp dir.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Toolchain } from '../src/context.js'
import { cacheAfterSuccess, memoryState, restoreCache } from '../src/cache/index.js'
import { MODULE_CACHE_DIR } from '../src/cache/restore.js'
import { goEnvironment } from '../src/toolchain/goenv.js'
import { FIXTURES } from '../testkit/fixture.js'
import { goEnv, testGoEnv } from '../testkit/go-env.js'
import { run, runOk } from '../testkit/run.js'
import { makeSample } from './helpers/package.js'
import { fakeReporter } from './helpers/reporter.js'

const FIXTURE = path.join(FIXTURES, 'cache-cgo')
const DEP = 'bifrost.test/cgodep'

let root: string
let proxy: string
let store: string
let toolCache: string

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'bb-cache-cgo-'))
  proxy = path.join(root, 'proxy')
  store = path.join(root, 'store')
  toolCache = path.join(root, 'toolcache')
  await runOk('go', ['run', '.', proxy, DEP, 'v1.0.0', path.join(FIXTURE, 'dep')], {
    cwd: path.join(FIXTURES, 'tools', 'mkproxy'),
    env: { ...process.env, ...testGoEnv(), GOFLAGS: '-mod=mod' }
  })
})

afterAll(async () => {
  if (!root) return
  await run('chmod', ['-R', 'u+w', root])
  rmSync(root, { recursive: true, force: true })
})

interface Runner {
  dir: string
  ws: string
  env: NodeJS.ProcessEnv
}

/** A runner's directories under `dir`: HOME, temp, and the checkout at `work/<repo>/<repo>`. */
function runnerAt(dir: string, opts: { toolCache?: string }): Runner {
  const ws = path.join(dir, 'work', 'repo', 'repo')
  mkdirSync(path.dirname(ws), { recursive: true })
  cpSync(path.join(FIXTURE, 'app'), ws, { recursive: true })
  for (const d of ['home', 'temp']) mkdirSync(path.join(dir, d))
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: path.join(dir, 'home'),
    RUNNER_TEMP: path.join(dir, 'temp'),
    GITHUB_WORKSPACE: ws,
    BIFROST_BUILD_CACHE_DIR: store,
    ...(opts.toolCache ? { RUNNER_TOOL_CACHE: opts.toolCache } : {})
  }
  return { dir, ws, env }
}

/**
 * One job: restore, `go build -x` of the app, save after success (inline, as the CLI does).
 * Returns the -x lines that compile the cgo dependency (its cgo and compile actions).
 */
async function job(r: Runner) {
  const { GOROOT, GOVERSION } = goEnv()
  const toolchain: Toolchain = {
    version: GOVERSION.replace(/^go/, ''),
    goroot: GOROOT,
    goBin: path.join(GOROOT, 'bin', 'go'),
    source: 'local',
    env: goEnvironment(GOROOT, r.env)
  }
  const { plan } = makeSample({ root: mkdtempSync(path.join(r.dir, 'sample-')) })
  const keyed = { ...plan, workspace: r.ws, cacheDependencyFiles: [path.join(r.ws, 'go.sum')] }
  const reporter = fakeReporter()
  const state = memoryState()
  const cache = await restoreCache(keyed, toolchain, reporter, { state, env: r.env })
  const out = path.join(r.dir, 'app')
  const build = await run(toolchain.goBin, ['build', '-x', '-trimpath', '-o', out, '.'], {
    cwd: r.ws,
    env: {
      ...r.env,
      ...toolchain.env,
      CGO_ENABLED: '1',
      GOENV: 'off',
      GOFLAGS: '-modcacherw',
      GOPROXY: `file://${proxy}`,
      GONOSUMDB: 'bifrost.test'
    }
  })
  expect(build.code, build.stderr.slice(-2000)).toBe(0)
  expect((await runOk(out, [])).trim()).toBe('42')
  await cacheAfterSuccess({ cache, reporter }, { state })
  const compiled = build.stderr
    .split('\n')
    .filter(l => /\/(cgo|compile) /.test(l) && l.includes(DEP) && !l.includes('cgoapp'))
  return { cache, compiled, gomodcache: toolchain.env.GOMODCACHE, reporter }
}

describe('a cache restored where the runner paths moved (cgo flags naming the module dir)', () => {
  it('with the module cache in the tool cache, the warm build compiles nothing of the cgo module', async () => {
    // runner A: cold; its GOMODCACHE is the tool cache's, not $HOME/go/pkg/mod
    const a = runnerAt(path.join(root, 'a'), { toolCache })
    const cold = await job(a)
    expect(cold.cache).toMatchObject({ hit: false })
    expect(cold.gomodcache).toBe(path.join(toolCache, MODULE_CACHE_DIR))
    expect(cold.compiled.join('\n')).toContain(
      `-I${path.join(toolCache, MODULE_CACHE_DIR, `${DEP}@v1.0.0`, 'include')}`
    )
    expect(cold.reporter.exported.GOMODCACHE).toBe(cold.gomodcache)

    // a fresh machine at the same tool cache path: nothing on disk but what the cache restores
    await run('chmod', ['-R', 'u+w', path.join(toolCache, MODULE_CACHE_DIR)])
    rmSync(path.join(toolCache, MODULE_CACHE_DIR), { recursive: true, force: true })
    rmSync(path.join(a.dir, 'home'), { recursive: true, force: true })

    // runner B: another HOME (so another GOCACHE), a workspace at another depth, another temp
    const b = runnerAt(path.join(root, 'b', 'elsewhere', 'deeper'), { toolCache })
    const warm = await job(b)
    expect(warm.cache).toMatchObject({ hit: true, exact: true })
    expect(warm.gomodcache).toBe(cold.gomodcache)
    expect(warm.compiled).toEqual([])
  })

  it('control: the same restore under a module cache at another path recompiles it', async () => {
    // runner C is not on a runner's tool cache: Go's default $HOME/go/pkg/mod, another path
    // than the one the entry was saved from, so the test above would catch a regression
    const c = runnerAt(path.join(root, 'c'), {})
    const moved = await job(c)
    expect(moved.cache).toMatchObject({ hit: true, exact: true })
    expect(moved.gomodcache).toBe(path.join(c.dir, 'home', 'go', 'pkg', 'mod'))
    expect(moved.compiled.length).toBeGreaterThan(0)
    expect(moved.compiled.join('\n')).toContain(`-importpath ${DEP}`)
  })
})
