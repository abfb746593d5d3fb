/**
 * The benchmark: the action (the bundled CLI, `dist/cli/index.js`, and
 * `dist/index.js`) against the hand-written shell of the source document, on the
 * Bifrost-shaped fixture with a third plugin, modules from a file GOPROXY (no network).
 *
 *   bench/run [--quick] [--rounds N] [--budget-min M]
 *   BIFROST_CHECKOUT=<dir> bench/run --real [--rounds N] [--gowork-rounds N]   (bench/real.ts)
 *
 * Writes bench/out/results.json, table.md and chart.svg; a full run (not --quick) also copies
 * them to bench/results/ (latest.json, table.md, chart.svg). Needs a fresh `npm run package`.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { barChart, type BarGroup } from './chart.js'
import { figure, markdownTable, pairedRatios, summarize, type Figure } from './figures.js'
import {
  BENCH,
  OUT,
  REPO,
  cacheSaveSeconds,
  cleanEnv,
  loadavg,
  log,
  recorder,
  rotated,
  saveLog,
  snapshotDist,
  stageSeconds,
  tarOfBinaries,
  timed
} from './proc.js'
import { copyFixture, fixtureProxyDir } from '../testkit/fixture.js'
import { prepareTestEnv } from '../testkit/test-env.js'
import { dlIndex, goArchive, installedGo, sha256Of, startServer } from '../testkit/toolchain.js'

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    real: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    'gowork-rounds': { type: 'string' },
    'budget-min': { type: 'string' }
  }
})
const count = (name: string, v: string | undefined, dflt: number): number => {
  if (v === undefined) return dflt
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`--${name} ${v}: give a whole number, e.g. --${name} 2`)
  return n
}

if (args.real) {
  try {
    const checkout = process.env.BIFROST_CHECKOUT
    if (!checkout)
      throw new Error(
        'bench/run --real: BIFROST_CHECKOUT is not set; set it to a Bifrost checkout (docs/performance.md, "The real Bifrost")'
      )
    const { runReal } = await import('./real.js')
    await runReal({
      checkout,
      rounds: count('rounds', args.rounds, 2),
      goworkRounds: count('gowork-rounds', args['gowork-rounds'], 1)
    })
  } catch (err) {
    log(err instanceof Error ? err.message : String(err))
    process.exitCode = 1
  }
  process.exit()
}

const QUICK = args.quick
const ROUNDS = count('rounds', args.rounds, QUICK ? 1 : 3)
/** Rounds stop early when the next one would not fit (the other figures take ~3 min). */
const BUDGET_MS =
  args['budget-min'] !== undefined ? count('budget-min', args['budget-min'], 0) * 60_000 : Infinity
let roundsDone = 0
const PLUGINS = ['plugins/hello', 'plugins/world', 'plugins/extra']
const VERSION = '1.3.30'

// ---------------------------------------------------------------- setup

// The caches, the fixture GOPROXY and the Go facts, as vitest's global set-up makes them: the
// bench runs on a fresh clone where no test has run.
await prepareTestEnv()
const go = installedGo()
const proxy = fixtureProxyDir()
const work = mkdtempSync(path.join(os.tmpdir(), 'bb-bench-'))
const src = path.join(work, 'src')
mkdirSync(path.join(src, 'plugins'), { recursive: true })
cpSync(path.join(BENCH, 'fixtures', 'plugins', 'extra'), path.join(src, 'plugins', 'extra'), {
  recursive: true
})
await copyFixture(src)

const dist = await snapshotDist(work)
const DIST_CLI = dist.cli
const DIST_ACTION = dist.action

/** go's environment: nothing inherited from the machine's caches, modules from the file proxy. */
function goEnv(cacheDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return cleanEnv({
    GOFLAGS: '-modcacherw',
    GOPROXY: `file://${proxy}`,
    GONOSUMDB: 'bifrost.test',
    GOCACHE: path.join(cacheDir, 'gocache'),
    GOMODCACHE: path.join(cacheDir, 'gomodcache'),
    ...extra
  })
}

const { perRound, failures, round: recordRound, ok } = recorder()
/** What the build stage did, from its `built the host ... (<order>)` line. */
let buildOrder: string | undefined

const samples: Record<string, number[]> = {}
function record(name: string, v: number | undefined): void {
  if (v === undefined || !Number.isFinite(v)) return
  ;(samples[name] ??= []).push(v)
}

// ------------------------------------------------ figures 1 and 3: cold and warm runs

function actionArgs(out: string, verify: string, cache: string): string[] {
  return [
    DIST_CLI,
    'build',
    '--source',
    '.',
    '--plugins',
    PLUGINS.join(','),
    '--go-download-source',
    'local',
    '--go-version',
    go.version,
    '--bifrost-stamp',
    VERSION,
    '--verify',
    verify,
    '--upload',
    'false',
    '--cache',
    cache,
    '--output-dir',
    out
  ]
}

async function coldWarmRound(r: number): Promise<void> {
  const dir = path.join(work, `round-${r}`)
  const d = (name: string) => path.join(dir, name)
  const cacheStore = d('cache-store')

  const baseline = async () => {
    const res = await timed(
      'bash',
      [path.join(BENCH, 'baseline.sh'), src, d('baseline-out'), VERSION, ...PLUGINS],
      { env: goEnv(d('baseline')) }
    )
    if (ok(`round ${r}: baseline cold`, res)) recordRound('baselineCold', r, res.ms / 1000)
  }
  const actionOff = async () => {
    const out = d('action-off-out')
    const res = await timed(process.execPath, actionArgs(out, 'off', 'false'), {
      cwd: src,
      env: goEnv(d('action-off'))
    })
    saveLog(`round-${r}-action-off`, res)
    buildOrder ??= /\((host-first|concurrent)\)/.exec(res.stderr)?.[1]
    if (ok(`round ${r}: action cold verify=off`, res)) {
      recordRound('actionColdOff', r, res.ms / 1000)
      const st = stageSeconds(out, res.stderr)
      record('actionColdOffBuildStage', st.build)
      const tar = await tarOfBinaries(out, PLUGINS, d('by-hand.tar.gz'))
      if (ok(`round ${r}: tar -czf`, tar) && st.package !== undefined) {
        recordRound('packageStage', r, st.package)
        recordRound('tarCzf', r, tar.ms / 1000)
      }
    }
    rmSync(d('action-off'), { recursive: true, force: true })
  }
  const actionFull = async () => {
    const out = d('action-full-out')
    const res = await timed(process.execPath, actionArgs(out, 'full', 'true'), {
      cwd: src,
      env: goEnv(d('action-full'), { BIFROST_BUILD_CACHE_DIR: cacheStore })
    })
    saveLog(`round-${r}-action-full`, res)
    if (ok(`round ${r}: action cold verify=full cache=true`, res)) {
      recordRound('actionColdFull', r, res.ms / 1000)
      const st = stageSeconds(out, res.stderr)
      record('verifyStage', st.verify)
      record('cacheSave', cacheSaveSeconds(res.stderr))
    }
    rmSync(d('action-full'), { recursive: true, force: true })
  }

  // Rotate the order each round so neither side always runs first on a warming machine.
  const cold = [baseline, actionOff, actionFull]
  await rotated(cold, r)

  const warmOut = d('action-warm-out')
  const warm = await timed(process.execPath, actionArgs(warmOut, 'full', 'true'), {
    cwd: src,
    // The cold run's GOCACHE and GOMODCACHE paths, emptied, as on a runner: a restore under
    // another GOMODCACHE recompiles cgo packages whose flags name their directory.
    env: goEnv(d('action-full'), { BIFROST_BUILD_CACHE_DIR: cacheStore })
  })
  saveLog(`round-${r}-action-warm`, warm)
  if (ok(`round ${r}: action warm`, warm)) {
    recordRound('actionWarm', r, warm.ms / 1000)
    const st = stageSeconds(warmOut, warm.stderr)
    record('cacheRestore', st['cache restore'])
    if (!/cache: restored exact key/.test(warm.stderr))
      failures.push(`round ${r}: the warm run did not restore the exact cache key`)
  }
  // The hand-written script's best case: its caches are still on this disk.
  const bw = await timed(
    'bash',
    [path.join(BENCH, 'baseline.sh'), src, d('baseline-warm-out'), VERSION, ...PLUGINS],
    { env: goEnv(d('baseline')) }
  )
  if (ok(`round ${r}: baseline warm`, bw)) recordRound('baselineWarm', r, bw.ms / 1000)
  rmSync(dir, { recursive: true, force: true })
}

// ------------------------------------------------ figure 2: plain go, shared GOCACHE

/** A copy with a placeholder UI, so plain `go build` of the host works. */
const plainSrc = path.join(work, 'plain-src')
cpSync(src, plainSrc, { recursive: true })
mkdirSync(path.join(plainSrc, 'transports', 'bifrost-http', 'ui'), { recursive: true })
writeFileSync(
  path.join(plainSrc, 'transports', 'bifrost-http', 'ui', 'index.html'),
  '<!doctype html><title>Bifrost</title>\n'
)
const ldflags = `-w -s -X main.Version=v${VERSION}`
const hostBuild = (env: NodeJS.ProcessEnv, out: string) =>
  timed('go', ['build', '-trimpath', `-ldflags=${ldflags}`, '-o', out, './bifrost-http'], {
    cwd: path.join(plainSrc, 'transports'),
    env
  })
const pluginBuild = (env: NodeJS.ProcessEnv, dir: string, out: string) =>
  timed('go', ['build', '-buildmode=plugin', '-trimpath', `-ldflags=${ldflags}`, '-o', out, '.'], {
    cwd: path.join(plainSrc, dir),
    env
  })

async function plainGoRound(r: number, modcache: string): Promise<void> {
  const dir = path.join(work, `plain-${r}`)
  const envFor = (name: string) => ({ ...goEnv(path.join(dir, name)), GOMODCACHE: modcache })
  const sequential = async () => {
    const env = envFor('seq')
    const host = await hostBuild(env, path.join(dir, 'seq-out', 'bifrost-http'))
    if (!ok(`round ${r}: plain host build`, host)) return
    const plugins: number[] = []
    for (const p of PLUGINS) {
      const res = await pluginBuild(env, p, path.join(dir, 'seq-out', `${path.basename(p)}.so`))
      if (!ok(`round ${r}: plain ${p}`, res)) return
      plugins.push(res.ms / 1000)
    }
    recordRound('plainHost', r, host.ms / 1000)
    recordRound('plainFirstPlugin', r, plugins[0])
    recordRound('plainLaterPlugins', r, summarize(plugins.slice(1))!.median)
    recordRound('plainSequential', r, host.ms / 1000 + plugins.reduce((a, b) => a + b, 0))
  }
  const concurrent = async () => {
    const env = envFor('conc')
    const t0 = Date.now()
    const chain = async () => {
      for (const p of PLUGINS) {
        const res = await pluginBuild(env, p, path.join(dir, 'conc-out', `${path.basename(p)}.so`))
        if (!ok(`round ${r}: concurrent ${p}`, res)) return false
      }
      return true
    }
    const [host, plugins] = await Promise.all([
      hostBuild(env, path.join(dir, 'conc-out', 'bifrost-http')),
      chain()
    ])
    if (ok(`round ${r}: concurrent host`, host) && plugins)
      recordRound('plainConcurrent', r, (Date.now() - t0) / 1000)
  }
  // The build stage's pool runs two plugins at once: in an empty GOCACHE both compile the
  // runtime in plugin mode at the same time, which the go command does not share in flight.
  const pluginsTwoAtATime = async () => {
    const env = envFor('pool')
    const t0 = Date.now()
    const one = (p: string) =>
      pluginBuild(env, p, path.join(dir, 'pool-out', `${path.basename(p)}.so`))
    const [a, b] = await Promise.all([one(PLUGINS[0]), one(PLUGINS[1])])
    const c = await one(PLUGINS[2])
    if ([a, b, c].every(x => ok(`round ${r}: plugins two at a time`, x)))
      recordRound('plainPluginsTwoAtATime', r, (Date.now() - t0) / 1000)
  }
  const steps = [sequential, concurrent, pluginsTwoAtATime]
  await rotated(steps, r)
  rmSync(dir, { recursive: true, force: true })
}

// ------------------------------------------------ figure 4: static verify (verify helper's bench)

interface VerifyLine {
  bench?: string
  medianMs?: number
  peakRssMB?: number
  maxRssMB?: number
}

async function verifyBench(runs: number): Promise<void> {
  const script = path.join(BENCH, 'verify-static.ts')
  if (!existsSync(script)) {
    failures.push('bench/verify-static.ts is missing: figure 4 not measured')
    return
  }
  // One run per process: the action verifies once per process, with a cold JIT.
  for (let i = 0; i < runs; i++) {
    const res = await timed(
      path.join(REPO, 'node_modules', '.bin', 'vite-node'),
      [script, '--runs', '1'],
      { cwd: REPO, env: { ...process.env } }
    )
    if (!ok('verify-static', res)) return
    const lines = res.stdout
      .split('\n')
      .filter(l => l.startsWith('{'))
      .map(l => JSON.parse(l) as VerifyLine)
    for (const l of lines) {
      if (l.bench?.startsWith('static verify host')) record('verifyStatic', l.medianMs)
      if (l.bench?.startsWith('static verify 100 MB')) record('verifyStatic100', l.medianMs)
      if (l.bench === 'elf-read 100 MB host') record('elfRead100', l.medianMs)
      if (l.maxRssMB !== undefined) record('verifyPeakRss', l.maxRssMB)
    }
  }
}

// ------------------------------------------------ figure 5: Go install

async function goInstallBench(runs: number): Promise<void> {
  const archive = await goArchive(go)
  const sha = await sha256Of(archive)
  const server = await startServer()
  const file = `/go${go.version}.linux-${go.arch}.tar.gz`
  server.routes.set('/?mode=json&include=all', () => ({
    body: dlIndex([{ version: go.version, sha256: sha, arch: go.arch }])
  }))
  server.routes.set(file, () => ({ file: archive }))
  try {
    for (let i = 0; i < runs; i++) {
      const dir = path.join(work, `go-${i}`)
      mkdirSync(path.join(dir, 'temp'), { recursive: true })
      const env = {
        ...goEnv(path.join(dir, 'cache')),
        RUNNER_TOOL_CACHE: path.join(dir, 'tool-cache'),
        RUNNER_TEMP: path.join(dir, 'temp')
      }
      const action = () =>
        timed(
          process.execPath,
          [DIST_CLI, 'setup-go', '--go-version', go.version, '--go-download-base-url', server.url],
          { cwd: dir, env }
        )
      const shell = async () => {
        const res = await timed(
          'bash',
          [path.join(BENCH, 'baseline-go.sh'), server.url + file, sha, path.join(dir, 'by-hand')],
          { cwd: dir, env }
        )
        if (ok('curl + sha256sum + tar', res)) recordRound('goByHand', i, res.ms / 1000)
      }
      const fresh = async () => {
        const res = await action()
        if (ok('setup-go from the mirror', res)) recordRound('goInstall', i, res.ms / 1000)
      }
      if (i % 2) {
        await shell()
        await fresh()
      } else {
        await fresh()
        await shell()
      }
      const cached = await action()
      if (ok('setup-go from the tool cache', cached)) record('goToolCache', cached.ms / 1000)
      rmSync(dir, { recursive: true, force: true })
    }
  } finally {
    await server.close()
  }
}

// ------------------------------------------------ figure 6: start-up and bundle

async function startupBench(runs: number): Promise<void> {
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(path.join(work, 'runner-'))
    const files = Object.fromEntries(
      ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'].map(
        k => [k, path.join(dir, k)]
      )
    )
    // @actions/core refuses to start without the runner's command files.
    for (const f of Object.values(files)) writeFileSync(f, '')
    // A bad input stops the run in the plan stage; the plan group's line comes first.
    const env = {
      ...goEnv(path.join(dir, 'cache')),
      ...files,
      RUNNER_TEMP: dir,
      RUNNER_TOOL_CACHE: dir,
      GITHUB_WORKSPACE: src,
      'INPUT_GO-DOWNLOAD-SOURCE': 'local',
      'INPUT_GO-VERSION': go.version,
      INPUT_MODE: 'bench-invalid',
      INPUT_UPLOAD: 'false',
      INPUT_CACHE: 'false'
    }
    const res = await timed(process.execPath, [DIST_ACTION], {
      cwd: src,
      env,
      stopAtFirstLine: true,
      timeoutMs: 30_000
    })
    const first = res.stdout.split('\n')[0]
    if (first.startsWith('::group::')) recordRound('startup', i, res.firstLineMs)
    else failures.push(`start-up: the first line was not a stage group: ${first}`)
    const bare = await timed(process.execPath, ['-e', 'console.log("ready")'], {})
    recordRound('nodeBare', i, bare.firstLineMs)
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The one bundle the entries import: its start-up file, and it with every lazy chunk. */
function bundleSizes(): { mainKB: number; totalKB: number } {
  const bundle = path.join(dist.dir, 'bundle')
  let total = 0
  for (const f of readdirSync(bundle))
    if (f.endsWith('.js')) total += statSync(path.join(bundle, f)).size
  return { mainKB: statSync(path.join(bundle, 'index.js')).size / 1024, totalKB: total / 1024 }
}

// ------------------------------------------------ run

const bundle = bundleSizes()
const started = new Date()
const load0 = loadavg()
log(`work dir ${work}; ${ROUNDS} round(s)${QUICK ? ' (quick)' : ''}; load ${load0.join(' ')}`)

try {
  // A module cache for figure 2, filled once (figure 2 measures compiling, not downloading).
  const modcache = path.join(work, 'plain-modcache')
  const dl = await timed('go', ['mod', 'download'], {
    cwd: path.join(plainSrc, 'transports'),
    env: { ...goEnv(work), GOMODCACHE: modcache }
  })
  ok('go mod download', dl)
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = Date.now()
    log(`round ${r + 1}/${ROUNDS}: cold and warm runs (baseline, action verify=off, verify=full)`)
    await coldWarmRound(r)
    log(`round ${r + 1}/${ROUNDS}: plain go, sequential and concurrent`)
    await plainGoRound(r, modcache)
    roundsDone = r + 1
    mkdirSync(OUT, { recursive: true })
    writeFileSync(path.join(OUT, 'partial.json'), JSON.stringify({ perRound, samples, failures }))
    const left = BUDGET_MS - (Date.now() - started.getTime())
    if (r + 1 < ROUNDS && left < (Date.now() - t0) * 1.2 + 180_000) {
      log(`stopping after ${r + 1} round(s): the next would overrun --budget-min`)
      break
    }
  }
  log('static verify (bench/verify-static.ts)')
  await verifyBench(QUICK ? 1 : 5)
  log('Go install: mirror, by hand, tool cache')
  await goInstallBench(QUICK ? 1 : 5)
  log('start-up')
  await startupBench(QUICK ? 3 : 15)
} finally {
  rmSync(work, { recursive: true, force: true })
}

const R = (k: string) => perRound[k] ?? []
const S = (k: string) => samples[k] ?? []
const figures: Figure[] = [
  figure({
    id: 'cold-ratio',
    group: 1,
    label: 'action (verify off) / baseline, cold',
    unit: 'ratio',
    samples: pairedRatios(R('actionColdOff'), R('baselineCold')),
    goal: { op: '<=', value: 1.03 }
  }),
  figure({
    id: 'baseline-cold',
    group: 1,
    label: 'baseline cold',
    unit: 's',
    samples: R('baselineCold')
  }),
  figure({
    id: 'action-cold-off',
    group: 1,
    label: 'action cold, verify off',
    unit: 's',
    samples: R('actionColdOff')
  }),
  figure({
    id: 'action-cold-full',
    group: 1,
    label: 'action cold, verify full + cache save',
    unit: 's',
    samples: R('actionColdFull')
  }),
  figure({
    id: 'package-ratio',
    group: 1,
    label: 'package stage / tar -czf of the same binaries',
    unit: 'ratio',
    samples: pairedRatios(R('packageStage'), R('tarCzf')),
    goal: { op: '<=', value: 1.0 }
  }),
  figure({
    id: 'package-stage',
    group: 1,
    label: 'package stage (verify off run)',
    unit: 's',
    samples: R('packageStage')
  }),
  figure({
    id: 'tar-czf',
    group: 1,
    label: 'tar -czf of the host and 3 plugins',
    unit: 's',
    samples: R('tarCzf')
  }),
  figure({
    id: 'verify-stage',
    group: 1,
    label: 'cost of verify full (verify stage)',
    unit: 's',
    samples: S('verifyStage')
  }),
  figure({
    id: 'cache-save',
    group: 1,
    label: 'cost of cache save',
    unit: 's',
    samples: S('cacheSave')
  }),
  figure({
    id: 'plugin-ratio',
    group: 2,
    label: 'later plugins / first plugin (plain go, shared GOCACHE)',
    unit: 'ratio',
    samples: pairedRatios(R('plainLaterPlugins'), R('plainFirstPlugin')),
    goal: { op: '<=', value: 0.1 }
  }),
  figure({
    id: 'plain-host',
    group: 2,
    label: 'host build (plain go)',
    unit: 's',
    samples: R('plainHost')
  }),
  figure({
    id: 'plain-first-plugin',
    group: 2,
    label: 'first plugin (plain go)',
    unit: 's',
    samples: R('plainFirstPlugin')
  }),
  figure({
    id: 'plain-later-plugins',
    group: 2,
    label: 'second and third plugin (plain go)',
    unit: 's',
    samples: R('plainLaterPlugins')
  }),
  figure({
    id: 'concurrent-ratio',
    group: 2,
    label: 'host alongside plugins / host then plugins, wall',
    unit: 'ratio',
    samples: pairedRatios(R('plainConcurrent'), R('plainSequential')),
    goal: { op: '<=', value: 0.85 }
  }),
  figure({
    id: 'plugins-two-at-a-time-ratio',
    group: 2,
    label: '3 plugins two at a time / one after another, wall',
    unit: 'ratio',
    samples: pairedRatios(
      R('plainPluginsTwoAtATime'),
      R('plainFirstPlugin').map((f, i) => f + 2 * R('plainLaterPlugins')[i])
    ),
    note: 'empty GOCACHE, plain go; the build stage builds the first plugin alone, then the rest in a pool of os.availableParallelism()'
  }),
  figure({
    id: 'warm-ratio',
    group: 3,
    label: 'action warm (cache restored) / action cold',
    unit: 'ratio',
    samples: pairedRatios(R('actionWarm'), R('actionColdFull')),
    goal: { op: '<=', value: 0.25 }
  }),
  figure({
    id: 'action-warm',
    group: 3,
    label: 'action warm',
    unit: 's',
    samples: R('actionWarm')
  }),
  figure({
    id: 'cache-restore',
    group: 3,
    label: 'cache restore stage',
    unit: 's',
    samples: S('cacheRestore')
  }),
  figure({
    id: 'baseline-warm',
    group: 3,
    label: 'baseline warm (caches left on disk)',
    unit: 's',
    samples: R('baselineWarm')
  }),
  figure({
    id: 'verify-static',
    group: 4,
    label: 'static verify, host + 5 plugins',
    unit: 'ms',
    samples: S('verifyStatic'),
    goal: { op: '<=', value: 100 }
  }),
  figure({
    id: 'verify-static-100mb',
    group: 4,
    label: 'static verify, 100 MB host + 5 plugins',
    unit: 'ms',
    samples: S('verifyStatic100'),
    goal: { op: '<=', value: 100 }
  }),
  figure({
    id: 'elf-read-100mb',
    group: 4,
    label: 'ELF read of the 100 MB host',
    unit: 'ms',
    samples: S('elfRead100')
  }),
  figure({
    id: 'verify-peak-rss',
    group: 4,
    label: 'peak RSS of the verify bench process',
    unit: 'MB',
    samples: S('verifyPeakRss'),
    note: 'whole process (node + vite-node + both hosts verified), not the verify code alone'
  }),
  figure({
    id: 'go-install-ratio',
    group: 5,
    label: 'setup-go from mirror / curl + sha256sum + tar',
    unit: 'ratio',
    samples: pairedRatios(R('goInstall'), R('goByHand')),
    goal: { op: '<=', value: 1.2 }
  }),
  figure({
    id: 'go-install',
    group: 5,
    label: 'setup-go from the mirror',
    unit: 's',
    samples: R('goInstall')
  }),
  figure({
    id: 'go-by-hand',
    group: 5,
    label: 'curl + sha256sum + tar xzf',
    unit: 's',
    samples: R('goByHand')
  }),
  figure({
    id: 'go-tool-cache',
    group: 5,
    label: 'setup-go from the tool cache',
    unit: 's',
    samples: S('goToolCache'),
    goal: { op: '<', value: 0.5 }
  }),
  figure({
    id: 'startup-ratio',
    group: 6,
    label: 'node dist/index.js to its first log line / bare node',
    unit: 'ratio',
    samples: pairedRatios(R('startup'), R('nodeBare')),
    goal: { op: '<=', value: 2 }
  }),
  figure({
    id: 'startup',
    group: 6,
    label: 'node dist/index.js to its first log line',
    unit: 'ms',
    samples: R('startup')
  }),
  figure({
    id: 'node-bare',
    group: 6,
    label: 'bare node to its first line',
    unit: 'ms',
    samples: R('nodeBare')
  }),
  figure({
    id: 'bundle-main',
    group: 6,
    label: 'dist/bundle/index.js size',
    unit: 'kB',
    samples: [bundle.mainKB]
  }),
  figure({
    id: 'bundle-total',
    group: 6,
    label: 'dist/bundle/*.js size (with lazy chunks)',
    unit: 'kB',
    samples: [bundle.totalKB]
  })
]

const git = await timed('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO })
const results = {
  date: started.toISOString(),
  durationS: Math.round((Date.now() - started.getTime()) / 1000),
  quick: QUICK,
  rounds: roundsDone,
  commit: git.stdout.trim(),
  machine: {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    loadavgStart: load0,
    loadavgEnd: loadavg(),
    node: process.version,
    go: go.version
  },
  buildOrder: buildOrder ?? 'not seen in the log',
  figures,
  perRound,
  samples,
  failures
}

const table = markdownTable(figures)
const chartGroups: BarGroup[] = []
const bar = (label: string, kind: 'baseline' | 'action', k: string) => {
  const s = summarize(R(k).filter(Number.isFinite))
  return s ? [{ label, kind, summary: s }] : []
}
chartGroups.push({
  title: 'Cold: empty GOCACHE and GOMODCACHE',
  bars: [
    ...bar('hand-written script', 'baseline', 'baselineCold'),
    ...bar('action, verify off', 'action', 'actionColdOff'),
    ...bar('action, verify full + cache save', 'action', 'actionColdFull')
  ]
})
chartGroups.push({
  title: 'Warm: second run',
  bars: [
    ...bar('script, caches left on disk', 'baseline', 'baselineWarm'),
    ...bar('action, caches restored, verify full', 'action', 'actionWarm')
  ]
})
const chart = barChart(
  'bifrost-build vs the hand-written script (host + 3 plugins)',
  `median of ${roundsDone} round(s), whiskers min-max; ${os.cpus().length} cores, load ${load0[0]}; ${started.toISOString().slice(0, 16)}Z`,
  chartGroups.filter(g => g.bars.length > 0)
)

mkdirSync(OUT, { recursive: true })
writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2) + '\n')
writeFileSync(path.join(OUT, 'table.md'), table + '\n')
writeFileSync(path.join(OUT, 'chart.svg'), chart)
if (!QUICK) {
  const dest = path.join(BENCH, 'results')
  mkdirSync(dest, { recursive: true })
  copyFileSync(path.join(OUT, 'results.json'), path.join(dest, 'latest.json'))
  copyFileSync(path.join(OUT, 'table.md'), path.join(dest, 'table.md'))
  copyFileSync(path.join(OUT, 'chart.svg'), path.join(dest, 'chart.svg'))
}
process.stdout.write(table + '\n')
if (failures.length)
  process.stdout.write(`\nFailures:\n${failures.map(f => `- ${f}`).join('\n')}\n`)
log(`done in ${results.durationS} s; results in ${path.relative(REPO, OUT)}/`)
