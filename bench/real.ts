/**
 * The real-Bifrost group: `BIFROST_CHECKOUT=<dir> bench/run --real [--rounds N]`.
 *
 * The action (the bundled CLI, verify full, cache into a local directory) against the source
 * document's commands on the same tree (the tree as its users build it: published modules
 * when the proxy serves them, else fork style), host `transports/bifrost-http` and the plugins
 * `examples/plugins/hello-world` and `llm-only`:
 *   (a) as written: the Makefile's `-ldflags="-w -s -X main.Version=v…" -a -trimpath`;
 *   (b) the same without `-a` (what the action runs).
 * Each round also times the action in the other build order than this machine's default
 * (BIFROST_BUILD_ORDER; src/build/ctx.ts) and a plugin-only build (host-binary: the round's
 * host) cold and rerun warm.
 * Cold means an empty GOCACHE (modules come from module caches filled beforehand: downloads
 * are the network's time, not the build's); warm means the action restoring its cache into
 * empty directories, and each script rerun with its GOCACHE still on disk. Rounds rotate the
 * order. Then the go-work local build, action and (b), cold and warm.
 *
 * The trees are made by `scripts/real-bifrost.sh <checkout> prepare` (default and go-work)
 * in BIFROST_BENCH_REAL_DIR (default <tmp>/bifrost-build-bench-real), kept for the next run.
 * The release's label (the version stamped) is BIFROST_BENCH_RELEASE, else the checkout's
 * directory name without its leading v.
 */
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { figure, markdownTable, pairedRatios, type Figure } from './figures.js'
import { defaultOrder } from '../src/build/ctx.js'
import {
  BENCH,
  OUT,
  REPO,
  buildSeconds,
  cacheSaveSeconds,
  cleanEnv,
  loadavg,
  log,
  recorder,
  rotated,
  saveLog,
  snapshotDist,
  stageSeconds,
  tail,
  tarOfBinaries,
  timed,
  type Timed
} from './proc.js'

const PLUGINS = ['examples/plugins/hello-world', 'examples/plugins/llm-only']
const CORE = 'github.com/maximhq/bifrost/core'
/** The go-work script's workspace file, in the go-work tree's root. */
const SCRIPT_WORK = 'bench-script.go.work'

export interface RealOptions {
  checkout: string
  rounds: number
  goworkRounds: number
}

export async function runReal(opts: RealOptions): Promise<void> {
  const checkout = path.resolve(opts.checkout)
  if (!existsSync(path.join(checkout, 'transports', 'go.mod')))
    throw new Error(
      `BIFROST_CHECKOUT=${opts.checkout}: no transports/go.mod there; point it at a Bifrost checkout (docs/performance.md, "The real Bifrost")`
    )
  const VERSION = process.env.BIFROST_BENCH_RELEASE ?? path.basename(checkout).replace(/^v/, '')
  const home = path.resolve(
    process.env.BIFROST_BENCH_REAL_DIR ?? path.join(os.tmpdir(), 'bifrost-build-bench-real')
  )
  const trees = path.join(home, 'trees')
  // The scripts' module cache holds what `go mod download` fetches (baseline.sh runs it, as
  // the source document's Dockerfile does); the action's holds what its own commands fetch.
  const modcache = path.join(home, 'gomodcache')
  const actionModcache = path.join(home, 'gomodcache-action')
  await prepareTrees(checkout, home, trees, modcache, actionModcache)
  const fork = path.join(trees, 'default')
  const style = readFileSync(path.join(fork, '.style'), 'utf8').trim()
  const gowork = path.join(trees, 'gowork')

  const defaultBuildOrder = defaultOrder(os.availableParallelism())
  const otherOrder = defaultBuildOrder === 'host-first' ? 'concurrent' : 'host-first'
  const work = path.join(home, `run-${process.pid}`)
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  const dist = await snapshotDist(work)
  const started = new Date()
  const load0 = loadavg()
  const go = (await timed('go', ['env', 'GOVERSION'], { env: cleanEnv({}) })).stdout.trim()
  log(
    `real Bifrost ${checkout} (${VERSION}, ${style}); build order ${defaultBuildOrder}, other ${otherOrder}; ${opts.rounds} round(s) + ${opts.goworkRounds} go-work; work ${work}; load ${load0.join(' ')}`
  )

  const { perRound, failures, round: put, ok } = recorder()
  const goEnv = (gocache: string, gomodcache = modcache, extra: Record<string, string> = {}) =>
    cleanEnv({ GOFLAGS: '-modcacherw', GOCACHE: gocache, GOMODCACHE: gomodcache, ...extra })

  /** The bundled CLI's build with both plugins of `tree`, verify full, no upload. */
  const cliArgs = (tree: string, out: string, cache: boolean, extra: string[]) => [
    dist.cli,
    'build',
    '--plugins',
    PLUGINS.map(p => `${path.basename(p)}=${path.join(tree, p)}`).join(','),
    '--go-download-source',
    'local',
    '--verify',
    'full',
    '--upload',
    'false',
    '--cache',
    String(cache),
    '--output-dir',
    out,
    ...extra
  ]
  /** A run counts only if the load test loaded the second plugin too. */
  const bothLoaded = (what: string, res: Timed) => {
    if (!/pass {2}load {2}llm-only\.so/.test(res.stderr))
      failures.push(`${what}: no load check of llm-only.so passed`)
  }

  /** The action on `tree`; `key` names its figures (`fork` or `gowork`). */
  const action = async (
    key: string,
    r: number,
    tree: string,
    dir: string,
    warm: boolean,
    extraArgs: string[]
  ) => {
    const out = path.join(dir, 'out')
    // The same GOCACHE and GOMODCACHE paths cold and warm, as on a runner (~/go/pkg/mod, ~/.cache):
    // go-sqlite3's cgo flags hold its directory in the module cache, so a cache restored under
    // another GOMODCACHE recompiles sqlite (40 s). Cold starts from a copy of the module cache
    // the action's commands fetch (not timed); warm starts from nothing and restores both.
    const gocache = path.join(dir, 'gocache')
    const gomodcache = path.join(dir, 'gomodcache')
    rmSync(gocache, { recursive: true, force: true })
    rmSync(gomodcache, { recursive: true, force: true })
    if (!warm) cpSync(actionModcache, gomodcache, { recursive: true })
    const env = goEnv(gocache, gomodcache, {
      BIFROST_BUILD_CACHE_DIR: path.join(dir, 'cache-store')
    })
    const args = cliArgs(tree, out, true, [
      '--source',
      tree,
      '--ui',
      'placeholder',
      '--bifrost-stamp',
      VERSION,
      ...extraArgs
    ])
    const res = await timed(process.execPath, args, { cwd: tree, env })
    const name = `${key}Action${warm ? 'Warm' : 'Cold'}`
    saveLog(`real-round-${r}-${key}-action-${warm ? 'warm' : 'cold'}`, res)
    if (!ok(`round ${r}: ${key} action ${warm ? 'warm' : 'cold'}`, res)) return
    bothLoaded(`round ${r}: ${key} action`, res)
    put(name, r, res.ms / 1000)
    const st = stageSeconds(out, res.stderr)
    for (const stage of ['build', 'verify', 'package', 'cache restore'])
      if (st[stage] !== undefined) put(`${name}:${stage}`, r, st[stage])
    put(`${name}:cache save`, r, cacheSaveSeconds(res.stderr))
    for (const [what, s] of Object.entries(buildSeconds(res.stderr)))
      put(`${name}:built ${what}`, r, s)
    if (!warm && key === 'fork') {
      // The round's host, for the plugin-only runs (a later run into out/ clears it).
      mkdirSync(path.join(dir, 'host'), { recursive: true })
      cpSync(path.join(out, 'bifrost-http'), path.join(dir, 'host', 'bifrost-http'))
      const t = await tarOfBinaries(out, PLUGINS, path.join(dir, 'by-hand.tar.gz'))
      if (ok(`round ${r}: tar -czf`, t)) put('tarCzf', r, t.ms / 1000)
    }
    if (warm && !/cache: restored exact key/.test(res.stderr))
      failures.push(`round ${r}: ${key} warm run did not restore the exact cache key`)
  }

  /** One more run of the bundled CLI on the default tree; cold from the action's module cache. */
  const cliRun = async (
    name: string,
    r: number,
    dir: string,
    extraArgs: string[],
    extraEnv: Record<string, string>,
    fresh: boolean
  ) => {
    const gocache = path.join(dir, 'gocache')
    const gomodcache = path.join(dir, 'gomodcache')
    if (fresh) {
      rmSync(dir, { recursive: true, force: true })
      mkdirSync(dir, { recursive: true })
      cpSync(actionModcache, gomodcache, { recursive: true })
    }
    const res = await timed(
      process.execPath,
      cliArgs(fork, path.join(dir, 'out'), false, extraArgs),
      { cwd: fork, env: goEnv(gocache, gomodcache, extraEnv) }
    )
    saveLog(`real-round-${r}-${name}`, res)
    if (!ok(`round ${r}: ${name}`, res)) return
    bothLoaded(`round ${r}: ${name}`, res)
    put(name, r, res.ms / 1000)
    const st = stageSeconds(path.join(dir, 'out'), res.stderr)
    if (st.build !== undefined) put(`${name}:build`, r, st.build)
  }
  /** The action in the build order this machine does not default to. */
  const otherOrderRun = (r: number, dir: string) =>
    cliRun(
      'forkOtherOrderCold',
      r,
      dir,
      ['--source', fork, '--ui', 'placeholder', '--bifrost-stamp', VERSION],
      { BIFROST_BUILD_ORDER: otherOrder },
      true
    )
  /** Plugins only, against the round's host: cold, then rerun with its GOCACHE (warm). */
  const pluginOnly = async (r: number, dir: string, host: string) => {
    if (!existsSync(host)) return failures.push(`round ${r}: no host for the plugin-only runs`)
    await cliRun('pluginOnlyCold', r, dir, ['--host-binary', host], {}, true)
    await cliRun('pluginOnlyWarm', r, dir, ['--host-binary', host], {}, false)
  }

  /** bench/baseline.sh on `tree`; `-a` for the source document's flags as written. */
  const script = async (
    name: string,
    r: number,
    tree: string,
    dir: string,
    all: boolean,
    extra: Record<string, string>
  ) => {
    const res = await timed(
      'bash',
      [
        path.join(BENCH, 'baseline.sh'),
        ...(all ? ['-a'] : []),
        tree,
        path.join(dir, `out-${Date.now()}`),
        VERSION,
        ...PLUGINS
      ],
      { env: goEnv(path.join(dir, 'gocache'), modcache, extra) }
    )
    if (ok(`round ${r}: ${name}`, res)) put(name, r, res.ms / 1000)
  }

  try {
    for (let r = 0; r < opts.rounds; r++) {
      const dir = path.join(work, `round-${r}`)
      const d = (n: string) => path.join(dir, n)
      log(
        `round ${r + 1}/${opts.rounds}, fork tree: cold (action, as written with -a, without -a), rotating`
      )
      const cold = [
        () => action('fork', r, fork, d('action'), false, []),
        () => script('forkScriptACold', r, fork, d('script-a'), true, {}),
        () => script('forkScriptBCold', r, fork, d('script-b'), false, {}),
        () => otherOrderRun(r, d('other-order'))
      ]
      await rotated(cold, r)
      await pluginOnly(r, d('plugin-only'), path.join(d('action'), 'host', 'bifrost-http'))
      log(`round ${r + 1}/${opts.rounds}, fork tree: warm`)
      const warm = [
        () => action('fork', r, fork, d('action'), true, []),
        () => script('forkScriptAWarm', r, fork, d('script-a'), true, {}),
        () => script('forkScriptBWarm', r, fork, d('script-b'), false, {})
      ]
      await rotated(warm, r)
      rmSync(dir, { recursive: true, force: true })
    }
    for (let r = 0; r < opts.goworkRounds; r++) {
      const dir = path.join(work, `gowork-${r}`)
      const d = (n: string) => path.join(dir, n)
      mkdirSync(dir, { recursive: true })
      log(`go-work ${r + 1}/${opts.goworkRounds}: cold and warm (action, script without -a)`)
      const ws = { GOWORK: path.join(gowork, SCRIPT_WORK) }
      const steps = [
        () => action('gowork', r, gowork, d('action'), false, ['--go-work', 'local']),
        () => script('goworkScriptBCold', r, gowork, d('script-b'), false, ws)
      ]
      await rotated(steps, r)
      await action('gowork', r, gowork, d('action'), true, ['--go-work', 'local'])
      await script('goworkScriptBWarm', r, gowork, d('script-b'), false, ws)
      rmSync(dir, { recursive: true, force: true })
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }

  const figures = realFigures(perRound)
  const git = await timed('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO })
  const results = {
    date: started.toISOString(),
    durationS: Math.round((Date.now() - started.getTime()) / 1000),
    release: VERSION,
    style,
    buildOrder: { default: defaultBuildOrder, other: otherOrder },
    rounds: opts.rounds,
    goworkRounds: opts.goworkRounds,
    commit: git.stdout.trim(),
    checkout,
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      loadavgStart: load0,
      loadavgEnd: loadavg(),
      node: process.version,
      go
    },
    figures,
    perRound,
    failures
  }
  const table = markdownTable(figures)
  mkdirSync(OUT, { recursive: true })
  // One pair of files per release: the corpus's releases are measured in separate runs.
  const json = `real-${VERSION}.json`
  const md = `real-table-${VERSION}.md`
  writeFileSync(path.join(OUT, json), JSON.stringify(results, null, 2) + '\n')
  writeFileSync(path.join(OUT, md), table + '\n')
  const dest = path.join(BENCH, 'results')
  mkdirSync(dest, { recursive: true })
  cpSync(path.join(OUT, json), path.join(dest, json))
  cpSync(path.join(OUT, md), path.join(dest, md))
  process.stdout.write(table + '\n')
  if (failures.length)
    process.stdout.write(`\nFailures:\n${failures.map(f => `- ${f}`).join('\n')}\n`)
  log(`done in ${results.durationS} s; results in bench/results/${json}`)
  if (failures.length) process.exitCode = 1
}

/**
 * The trees, made once per checkout (a stamp holds its path and the prepare script's SHA-256),
 * with llm-only pinned to the host's core label as the action's fix says, and every module the
 * builds need already in the module cache.
 */
async function prepareTrees(
  checkout: string,
  home: string,
  trees: string,
  modcache: string,
  actionModcache: string
): Promise<void> {
  const script = path.join(REPO, 'scripts', 'real-bifrost.sh')
  const stamp = JSON.stringify({
    checkout,
    script: createHash('sha256').update(readFileSync(script)).digest('hex'),
    plugins: PLUGINS,
    modcaches: 2
  })
  const stampFile = path.join(home, 'prepared.json')
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return
  log(`preparing the default and go-work trees in ${trees} (modules into ${modcache})`)
  rmSync(trees, { recursive: true, force: true })
  mkdirSync(trees, { recursive: true })
  const env = cleanEnv({
    GOFLAGS: '-modcacherw',
    GOMODCACHE: modcache,
    GOCACHE: path.join(home, 'prepare-gocache'),
    WORK: trees
  })
  const must = async (what: string, p: Promise<Timed>) => {
    const r = await p
    if (r.code !== 0)
      throw new Error(`${what} failed (exit ${r.code}): ${tail(r.stderr || r.stdout)}`)
    return r.stdout
  }
  await must(
    'scripts/real-bifrost.sh prepare',
    timed('bash', [script, checkout, 'prepare'], { env })
  )
  const fork = path.join(trees, 'default')
  const transports = JSON.parse(
    await must(
      'go mod edit -json',
      timed('go', ['mod', 'edit', '-json'], { cwd: path.join(fork, 'transports'), env })
    )
  ) as { Require?: { Path: string; Version: string }[] }
  const core = transports.Require?.find(q => q.Path === CORE)?.Version
  if (!core) throw new Error(`transports/go.mod of ${checkout} requires no ${CORE}`)
  // The fix bifrost-build prints for llm-only's version label (scripts/real-bifrost.sh, fork
  // case): with published modules `go get` (go.sum follows); in a fork, core is not served.
  // With published modules it is the action's fix as printed: drop llm-only's directory
  // replace of core and `go get` the host's version (go.sum follows).
  const published = readFileSync(path.join(fork, '.style'), 'utf8').startsWith('published')
  const pin = published
    ? [
        ['mod', 'edit', `-dropreplace=${CORE}`, `-require=${CORE}@${core}`],
        ['get', `${CORE}@${core}`]
      ]
    : [['mod', 'edit', `-require=${CORE}@${core}`]]
  for (const args of pin)
    await must(
      `go ${args.slice(0, 2).join(' ')}`,
      timed('go', args, { cwd: path.join(fork, PLUGINS[1]), env: { ...env, GOWORK: 'off' } })
    )
  for (const dir of ['transports', ...PLUGINS])
    await must(
      `go mod download in fork/${dir}`,
      timed('go', ['mod', 'download'], {
        cwd: path.join(fork, dir),
        env: { ...env, GOWORK: 'off' }
      })
    )
  const gowork = path.join(trees, 'gowork')
  // The script's workspace: the checkout's go.work plus the plugins, as the action makes it.
  // A copy in the tree's root, since go.work's paths are relative to where it is.
  const workFile = path.join(gowork, SCRIPT_WORK)
  cpSync(path.join(gowork, 'go.work'), workFile)
  const ws = { ...env, GOWORK: workFile }
  await must(
    'go work use',
    timed('go', ['work', 'use', ...PLUGINS.map(p => path.join(gowork, p))], {
      cwd: gowork,
      env: ws
    })
  )
  await must(
    'go mod download (go-work)',
    timed('go', ['mod', 'download'], { cwd: gowork, env: ws })
  )
  // The action's own module cache: what its commands fetch (go list -m all for the module
  // checks, then the packages of host and plugins), from the full cache used as a file proxy
  // (the module proxy for the few .info files `go mod download` does not write),
  // so its cache save and restore carry what a CI job running it would have, not everything
  // `go mod download` puts there.
  const proxyEnv = {
    ...env,
    GOMODCACHE: actionModcache,
    GOPROXY: `file://${path.join(modcache, 'cache', 'download')},${process.env.GOPROXY ?? 'https://proxy.golang.org'}`,
    GOSUMDB: 'off'
  }
  rmSync(actionModcache, { recursive: true, force: true })
  const fetchFor = async (tree: string, gowork: Record<string, string>) => {
    const hostDir = path.join(tree, 'transports')
    const dirs =
      gowork.GOWORK === 'off' ? [hostDir, ...PLUGINS.map(p => path.join(tree, p))] : [tree]
    for (const cwd of dirs)
      await must(
        `go list -m all in ${cwd}`,
        timed('go', ['list', '-m', 'all'], { cwd, env: { ...proxyEnv, ...gowork } })
      )
    const pkgs: [string, string][] = [
      [hostDir, './bifrost-http'],
      ...PLUGINS.map(p => [path.join(tree, p), '.'] as [string, string])
    ]
    // -e: the host's //go:embed ui has no files until the build writes its UI.
    for (const [cwd, pkg] of pkgs)
      await must(
        `go list -deps ${pkg} in ${cwd}`,
        timed('go', ['list', '-e', '-deps', pkg], { cwd, env: { ...proxyEnv, ...gowork } })
      )
  }
  await fetchFor(fork, { GOWORK: 'off' })
  await fetchFor(gowork, { GOWORK: workFile })
  rmSync(path.join(home, 'prepare-gocache'), { recursive: true, force: true })
  writeFileSync(stampFile, stamp)
}

/** The figures, in the order the README reads them; stage and build figures are medians of rounds. */
export function realFigures(R: Record<string, number[]>): Figure[] {
  const r = (k: string) => R[k] ?? []
  const s = (id: string, label: string, k: string, group = 7) =>
    figure({ id, group, label, unit: 's', samples: r(k) })
  const ratio = (id: string, label: string, a: string, b: string, goal?: number, note?: string) =>
    figure({
      id,
      group: 7,
      label,
      unit: 'ratio',
      samples: pairedRatios(r(a), r(b)),
      ...(goal !== undefined ? { goal: { op: '<=' as const, value: goal } } : {}),
      ...(note ? { note } : {})
    })
  /** Cold minus warm of one build: what compiling took (the warm build only links). */
  const compile = (k: string) =>
    r(`forkActionCold:built ${k}`).map((c, i) => c - (r(`forkActionWarm:built ${k}`)[i] ?? NaN))
  return [
    ratio(
      'real-cold-ratio',
      'real: action (verify full, cache save) / script without -a, cold',
      'forkActionCold',
      'forkScriptBCold',
      1.03
    ),
    ratio(
      'real-cold-ratio-a',
      'real: action / script as written (-a), cold',
      'forkActionCold',
      'forkScriptACold'
    ),
    ratio(
      'real-warm-ratio-a',
      'real: action warm / script as written (-a) rerun',
      'forkActionWarm',
      'forkScriptAWarm',
      0.1
    ),
    ratio(
      'real-warm-ratio-b',
      'real: action warm / script without -a rerun',
      'forkActionWarm',
      'forkScriptBWarm'
    ),
    ratio(
      'real-package-ratio',
      'real: package stage / tar -czf of the same binaries',
      'forkActionCold:package',
      'tarCzf',
      1.0
    ),
    s('real-script-a-cold', 'real: script as written (-a), cold', 'forkScriptACold'),
    s('real-script-b-cold', 'real: script without -a, cold', 'forkScriptBCold'),
    s('real-action-cold', 'real: action cold, verify full + cache save', 'forkActionCold'),
    s('real-action-cold-build', '  build stage (host alongside plugins)', 'forkActionCold:build'),
    s('real-action-cold-host', '  host build', 'forkActionCold:built host'),
    s(
      'real-action-cold-hello',
      '  plugin hello-world (first, alone)',
      'forkActionCold:built hello-world'
    ),
    s('real-action-cold-llm', '  plugin llm-only (after it)', 'forkActionCold:built llm-only'),
    figure({
      id: 'real-host-compile',
      group: 7,
      label: '  host compile (cold - warm host build)',
      unit: 's',
      samples: compile('host')
    }),
    figure({
      id: 'real-plugin-compile',
      group: 7,
      label: '  first plugin compile (cold - warm)',
      unit: 's',
      samples: compile('hello-world')
    }),
    s('real-action-cold-verify', '  verify stage (static + load test)', 'forkActionCold:verify'),
    s('real-action-cold-package', '  package stage', 'forkActionCold:package'),
    s('real-tar', '  tar -czf of the same binaries', 'tarCzf'),
    s('real-action-cold-cache-save', '  cache save', 'forkActionCold:cache save'),
    s('real-script-a-warm', 'real: script as written (-a), rerun', 'forkScriptAWarm'),
    s('real-script-b-warm', 'real: script without -a, rerun', 'forkScriptBWarm'),
    s('real-action-warm', 'real: action warm (cache restored), verify full', 'forkActionWarm'),
    s('real-action-warm-restore', '  cache restore', 'forkActionWarm:cache restore'),
    s('real-action-warm-host', '  host link (warm host build)', 'forkActionWarm:built host'),
    s(
      'real-action-warm-plugin',
      '  plugin link (warm hello-world build)',
      'forkActionWarm:built hello-world'
    ),
    s('real-action-warm-package', '  package stage', 'forkActionWarm:package'),
    ratio(
      'real-order-ratio',
      'real: build stage, the other build order / the default, cold',
      'forkOtherOrderCold:build',
      'forkActionCold:build'
    ),
    s('real-other-order-build', '  build stage, the other order, cold', 'forkOtherOrderCold:build'),
    ratio(
      'real-plugin-only-ratio',
      'real: plugin-only cold / full action cold',
      'pluginOnlyCold',
      'forkActionCold',
      0.25
    ),
    s(
      'real-plugin-only-cold',
      'real: plugin-only (host-binary), cold, verify full',
      'pluginOnlyCold'
    ),
    figure({
      id: 'real-plugin-only-warm',
      group: 7,
      label: 'real: plugin-only rerun (warm GOCACHE), verify full',
      unit: 's',
      samples: r('pluginOnlyWarm'),
      goal: { op: '<=', value: 10 }
    }),
    ratio(
      'gowork-cold-ratio',
      'go-work: action / script without -a, cold',
      'goworkActionCold',
      'goworkScriptBCold'
    ),
    ratio(
      'gowork-warm-ratio',
      'go-work: action warm / script rerun',
      'goworkActionWarm',
      'goworkScriptBWarm'
    ),
    s('gowork-action-cold', 'go-work: action cold', 'goworkActionCold'),
    s('gowork-script-cold', 'go-work: script without -a, cold', 'goworkScriptBCold'),
    s('gowork-action-warm', 'go-work: action warm', 'goworkActionWarm'),
    s('gowork-script-warm', 'go-work: script rerun', 'goworkScriptBWarm')
  ]
}
