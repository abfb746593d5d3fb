/**
 * Stage 4: the host and its plugins, with one toolchain and one flag set, built concurrently
 * by default (host-first on request; see BuildOrder).
 */
import {
  appendFile,
  chmod,
  copyFile,
  cp,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  writeFile
} from 'node:fs/promises'
import { existsSync, realpathSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {
  OutsideReplace,
  BuildResult,
  BuiltFile,
  CommandRecord,
  ModuleSkew,
  ModuleVersion,
  Plan,
  PluginSpec,
  Toolchain
} from '../context.js'
import { BuildError } from '../errors.js'
import { run, type RunResult } from '../proc.js'
import type { Reporter } from '../report.js'
import { checkGoLine } from '../util/go-version.js'
import { isInside } from '../util/inside.js'
import {
  buildTags,
  buildVars,
  childEnv,
  hostCommand,
  pluginCommand,
  PROBLEM_MATCHER,
  PROBLEM_MATCHER_OWNER,
  workspaceRelativeLine
} from './commands.js'
import {
  alignCommand,
  compareModules,
  hostVersionQueries,
  parseJsonStream,
  replaceEdits,
  toModuleVersions,
  type ListedModule
} from './modules.js'
import { prepareUi, type UiOutcome } from './ui.js'
import {
  checkoutGoWork,
  findModules,
  goWorkText,
  moduleGoLines,
  tidyOnlyInWorkspace,
  untidyModuleFix,
  type GoWorkJson
} from './workspace.js'

import { BIFROST_TRANSPORTS_MODULE, HOST_FILE } from '../bifrost.js'
export { BIFROST_TRANSPORTS_MODULE }

/**
 * `concurrent` (the default): the plugins start alongside the host. Host and plugin builds
 * share nothing in GOCACHE (plugin mode compiles every package with other flags), so neither
 * waits for the other's cache, and each build's link step leaves a core the other can use.
 * `host-first`: the host, then the plugins. Env BIFROST_BUILD_ORDER overrides; the figures are
 * in docs/performance.md (Plugins and concurrency).
 */
export type BuildOrder = 'host-first' | 'concurrent'
export const DEFAULT_ORDER: BuildOrder = 'concurrent'

export interface BuildInput {
  plan: Plan
  toolchain: Toolchain
  reporter: Reporter
  signal: AbortSignal
  /** Write binaries here; packaging moves them to output-dir once verified. */
  stagingDir: string
  /** The environment go inherits (default process.env); the toolchain's and ours go on top. */
  env?: NodeJS.ProcessEnv
  /** Default: env BIFROST_BUILD_ORDER, else DEFAULT_ORDER. */
  order?: BuildOrder
  /** Called with every command as it starts (tests, timing). */
  onCommand?: (c: CommandRecord) => void
}

export interface Ctx extends BuildInput {
  baseEnv: NodeJS.ProcessEnv
  /** The preparation commands run so far (module download, alignment, UI), for BUILD.md. */
  commands: CommandRecord[]
  /** GOWORK for every go command: our temp go.work with go-work: local. */
  goWork?: string
  /** Directory replaces outside the workspace seen so far, by `module dir`. */
  outside?: Map<string, OutsideReplace>
  /** Our own temp dir (a downloaded Bifrost lives there): not "outside". */
  work?: string
}

/**
 * The source (a checkout, or a released Bifrost downloaded), the UI, the workspace, module
 * alignment, then the go builds in the chosen order. A plugin-only build: plugins.ts.
 */
export async function build(input: BuildInput): Promise<BuildResult> {
  if (input.plan.source.kind === 'host')
    throw new Error('build needs a plan with a source; a host plan: buildPlugins')
  const { plan, reporter } = input
  const baseEnv = input.env ?? process.env
  const ctx: Ctx = { ...input, baseEnv, commands: [], outside: new Map() }
  const order = buildOrder(input.order, baseEnv)
  const work = await mkdtemp(path.join(os.tmpdir(), 'bifrost-build-'))
  ctx.work = work
  const stopMatcher = await registerMatcher(reporter, baseEnv)
  let ui: UiOutcome | undefined
  try {
    const transportsDir = await sourceTree(ctx, work)
    ui = await prepareUi({
      mode: plan.ui,
      uiDir: path.join(transportsDir, 'bifrost-http', 'ui'),
      appDir: plan.source.kind === 'checkout' ? path.join(plan.source.dir, 'ui') : undefined,
      reporter,
      signal: input.signal,
      env: childEnv(baseEnv, input.toolchain, {}),
      commands: ctx.commands
    })
    const workspace =
      plan.goWork === 'local' ? await makeWorkspace(ctx, transportsDir, work) : undefined
    ctx.goWork = workspace?.file
    const hostModules = await listModules(ctx, transportsDir, './bifrost-http')
    const aligned = await alignPlugins(ctx, hostModules, work)

    await mkdir(path.join(input.stagingDir, 'plugins'), { recursive: true })
    const t0 = Date.now()
    const { host, plugins } = await runBuilds(ctx, order, {
      host: hostCommand(
        plan,
        input.toolchain,
        transportsDir,
        path.join(input.stagingDir, HOST_FILE),
        ctx.goWork,
        ui.overlay
      ),
      plugins: pluginCommands(ctx, aligned.modfiles)
    })
    reporter.info(
      `built the host${plugins.length ? ` and ${plugins.length} plugin(s)` : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s (${order})`
    )
    return {
      stagingDir: input.stagingDir,
      host,
      plugins,
      hostModules,
      sharedModules: aligned.shared,
      skew: aligned.skew,
      ui: ui.kind,
      preparation: ctx.commands,
      // In a workspace, a relative replace may come from go.work or from a module's go.mod: unknown.
      moduleRoots: workspace
        ? undefined
        : {
            host: transportsDir,
            plugins: Object.fromEntries(plan.plugins.map(p => [p.name, p.moduleDir]))
          },
      ...(workspace ? { goWork: { from: workspace.from, text: workspace.text } } : {}),
      ...(ctx.outside!.size ? { outsideReplaces: [...ctx.outside!.values()] } : {})
    }
  } finally {
    await ui?.cleanup()
    await rm(work, { recursive: true, force: true })
    stopMatcher()
  }
}

/** The output names, in output-dir as in the staging dir: one name per file from here on. */
export { HOST_FILE }
export function pluginFile(name: string): string {
  return `plugins/${name}.so`
}

function buildOrder(asked: BuildOrder | undefined, env: NodeJS.ProcessEnv): BuildOrder {
  if (asked) return asked
  const fromEnv = env.BIFROST_BUILD_ORDER
  return fromEnv === 'host-first' || fromEnv === 'concurrent' ? fromEnv : DEFAULT_ORDER
}

/** The transports directory to build: the checkout's, or a released one downloaded. */
function sourceTree(ctx: Ctx, work: string): Promise<string> {
  const { source } = ctx.plan
  if (source.kind === 'checkout') return Promise.resolve(source.transportsDir)
  return downloadBifrost(ctx, (source as { version: string }).version, work)
}

/** Each plugin's go build into the staging dir, with its pinned go.mod when aligned. */
export function pluginCommands(
  ctx: Ctx,
  modfiles: Record<string, string | undefined>
): CommandRecord[] {
  return ctx.plan.plugins.map(p =>
    pluginCommand(
      ctx.plan,
      ctx.toolchain,
      p,
      path.join(ctx.stagingDir, pluginFile(p.name)),
      modfiles[p.name],
      ctx.goWork
    )
  )
}

/** Host and plugins in `order`; with `concurrent`, the first failure stops the other side. */
async function runBuilds(
  ctx: Ctx,
  order: BuildOrder,
  recs: { host: CommandRecord; plugins: CommandRecord[] }
): Promise<{ host: BuiltFile; plugins: BuiltFile[] }> {
  const buildHost = (c: Ctx) => goBuild(c, recs.host, 'host', HOST_FILE)
  const buildAll = (c: Ctx) => buildPluginSet(c, recs.plugins)
  if (order === 'host-first') return { host: await buildHost(ctx), plugins: await buildAll(ctx) }
  const [host, plugins] = await allOrNone(ctx, [buildHost, buildAll] as const)
  return { host, plugins }
}

/**
 * Runs both at once under one inner signal: the first failure aborts the other (no plugin
 * keeps compiling for a failed host) and is thrown once both have stopped.
 */
async function allOrNone<A, B>(
  ctx: Ctx,
  tasks: readonly [(c: Ctx) => Promise<A>, (c: Ctx) => Promise<B>]
): Promise<[A, B]> {
  const inner = new AbortController()
  const stop = () => inner.abort()
  ctx.signal.addEventListener('abort', stop, { once: true })
  const c: Ctx = { ...ctx, signal: inner.signal }
  let first: { err: unknown } | undefined
  const track = <T>(p: Promise<T>) =>
    p.catch((err: unknown) => {
      first ??= { err }
      inner.abort()
      throw err
    })
  try {
    const settled = await Promise.allSettled([track(tasks[0](c)), track(tasks[1](c))])
    if (first) throw first.err
    return [
      (settled[0] as PromiseFulfilledResult<A>).value,
      (settled[1] as PromiseFulfilledResult<B>).value
    ]
  } finally {
    ctx.signal.removeEventListener('abort', stop)
  }
}

/**
 * The first plugin alone, then the rest in parallel: in a cold GOCACHE two plugins started
 * together both compile the runtime and every dependency in plugin mode (go does not share a
 * compile in progress between processes); after the first, the others only compile their own
 * package and link (docs/performance.md, Plugins and concurrency).
 */
export async function buildPluginSet(ctx: Ctx, recs: CommandRecord[]): Promise<BuiltFile[]> {
  const tasks = ctx.plan.plugins.map((p, i) => () => goBuild(ctx, recs[i], 'plugin', p.name))
  if (tasks.length === 0) return []
  const first = await tasks[0]()
  return [first, ...(await pool(tasks.slice(1), os.availableParallelism()))]
}

/** Runs the tasks at most `limit` at a time; the first failure is thrown after all settle. */
export async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  let failure: { err: unknown } | undefined
  const worker = async () => {
    while (next < tasks.length && !failure) {
      const i = next++
      try {
        results[i] = await tasks[i]()
      } catch (err) {
        failure ??= { err }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker))
  if (failure) throw failure.err
  return results
}

export async function registerMatcher(
  reporter: Reporter,
  env: NodeJS.ProcessEnv
): Promise<() => void> {
  if (!reporter.addMatcher || !env.RUNNER_TEMP) return () => {}
  const file = path.join(env.RUNNER_TEMP, `${PROBLEM_MATCHER_OWNER}.json`)
  await writeFile(file, JSON.stringify(PROBLEM_MATCHER, null, 2))
  reporter.addMatcher(file)
  return () => reporter.removeMatcher?.(PROBLEM_MATCHER_OWNER)
}

function relToWorkspace(plan: Plan, dir: string): string {
  const rel = path.relative(plan.workspace, dir)
  return rel.startsWith('..') || path.isAbsolute(rel) ? '' : rel
}

/** Runs a go command, streaming its lines; failing exit codes are the caller's to judge. */
async function runGo(
  ctx: Ctx,
  rec: CommandRecord,
  opts: { stream?: 'all' | 'stderr'; record?: boolean } = {}
): Promise<RunResult> {
  if (opts.record !== false) ctx.commands.push(rec)
  ctx.onCommand?.(rec)
  if (ctx.signal.aborted) throw cancelled()
  const cwdRel = relToWorkspace(ctx.plan, rec.cwd)
  const r = await run(rec.argv[0], rec.argv.slice(1), {
    cwd: rec.cwd,
    env: childEnv(ctx.baseEnv, ctx.toolchain, rec.env),
    signal: ctx.signal,
    onLine: (line, stream) => {
      if (opts.stream === 'stderr' && stream === 'stdout') return
      ctx.reporter.processLine(workspaceRelativeLine(line, cwdRel))
    }
  })
  if (ctx.signal.aborted) throw cancelled()
  return r
}

function cancelled(): BuildError {
  return new BuildError('the build was cancelled', { fix: 'run it again' })
}

/** The compiler's own complaint, a few lines, for the one-line error. */
function errorTail(r: RunResult): string {
  const lines = (r.stderr || r.stdout).split('\n').filter(l => l.trim() && !l.startsWith('#'))
  const errs = lines.filter(l => /\.go:\d+/.test(l))
  return (errs.length ? errs : lines).slice(0, 5).join('; ')
}

export async function goBuild(
  ctx: Ctx,
  rec: CommandRecord,
  kind: 'host' | 'plugin',
  name: string
): Promise<BuiltFile> {
  const label = kind === 'host' ? 'the host (bifrost-http)' : `plugin ${name}`
  ctx.reporter.info(`building ${label}`)
  // Its command is recorded on the file it builds, apart from the preparation.
  const r = await runGo(ctx, rec, { record: false })
  if (r.code !== 0)
    throw new BuildError(
      `go build of ${label} failed (exit ${r.code ?? r.signal}) in ${rec.cwd}: ${errorTail(r)}`,
      {
        file: rec.cwd,
        fix:
          kind === 'host'
            ? 'fix the compile errors shown above (the same command is in the log)'
            : `fix plugin ${name}'s compile errors shown above`
      }
    )
  ctx.reporter.info(`built ${label} in ${(r.durationMs / 1000).toFixed(1)} s`)
  const output = rec.argv[rec.argv.indexOf('-o') + 1]
  return {
    kind,
    name: kind === 'host' ? HOST_FILE : name,
    file: kind === 'host' ? HOST_FILE : pluginFile(name),
    path: output,
    command: rec,
    durationMs: r.durationMs
  }
}

/**
 * A `replace` by a directory outside the workspace builds files that are not part of the
 * checkout (and that a reader of BUILD.md cannot get): said once per module as a warning, and
 * kept for BUILD.md and manifest.json.
 */
function noteOutsideReplaces(ctx: Ctx, mods: ModuleVersion[], plugin?: string): void {
  ctx.outside ??= new Map()
  const ws = ctx.plan.workspace
  const realWs = existsSync(ws) ? realpathSync(ws) : ws
  const who = plugin ?? HOST_FILE
  for (const m of mods) {
    if (!m.replace || m.replace.version) continue
    const dir = m.replace.path
    const real = existsSync(dir) ? realpathSync(dir) : dir
    const inside =
      (isInside(ws, dir) && isInside(realWs, real)) || (ctx.work && isInside(ctx.work, dir))
    if (inside) continue
    const key = `${m.path} ${real}`
    const known = ctx.outside!.get(key)
    if (known) {
      if (!known.usedBy.includes(who)) known.usedBy.push(who)
      continue
    }
    ctx.outside!.set(key, { module: m.path, dir: real, usedBy: [who] })
    ctx.reporter.warning(
      `module ${m.path} is replaced by the directory ${real}, outside the workspace ${ws}: its files are built into ${who} but are not part of the checkout (BUILD.md and manifest.json name it); vendor it into the checkout or replace it by a module version`
    )
  }
}

/** The fix for a failed `go list`: tidy does not repair a vendor/ that disagrees with go.mod. */
export function goListFix(tail: string, moduleDir: string, inWorkspace = false): string {
  // A go.mod or go.work newer than the chosen Go (GOTOOLCHAIN=local: go never switches).
  const newer = /(\S+) requires go >= (\S+) \(running go ([^;)\s]+)/.exec(tail)
  if (newer)
    return `set go-version: ${newer[2]} (or newer), or lower the go line of ${newer[1]} to ${newer[3]}`
  if (/inconsistent vendoring|vendor\/modules\.txt/.test(tail))
    return `run go mod vendor in ${moduleDir} (go mod tidy does not update vendor/) and commit vendor/, or delete vendor/ to build from the module cache`
  return untidyModuleFix(inWorkspace)
}

/**
 * The modules of the packages that go into the binary (`go list -deps` of the package, with the
 * build's GOOS/GOARCH/CGO and tags), not the whole module graph: test-only requirements of
 * dependencies are linked into neither side and must not count as skew (real Bifrost plugins
 * hit that with golang.org/x/sync, go-cmp, check.v1).
 */
async function listModules(
  ctx: Ctx,
  moduleDir: string,
  pkg: string,
  modfile?: string
): Promise<ModuleVersion[]> {
  const tags = buildTags(ctx.plan)
  const rec: CommandRecord = {
    cwd: moduleDir,
    env: buildVars(ctx.plan, ctx.goWork),
    argv: [
      ctx.toolchain.goBin,
      'list',
      ...(modfile ? [`-modfile=${modfile}`] : []),
      ...(tags.length ? ['-tags', tags.join(',')] : []),
      '-e',
      '-deps',
      '-json=Module',
      pkg
    ]
  }
  const r = await runGo(ctx, rec, { stream: 'stderr', record: false })
  if (r.code !== 0) {
    const goMod = path.join(moduleDir, 'go.mod')
    const inWorkspace =
      !ctx.goWork &&
      ctx.plan.source.kind === 'checkout' &&
      tidyOnlyInWorkspace(
        await readFile(goMod, 'utf8').catch(() => ''),
        moduleDir,
        ctx.plan.source.dir
      )
    throw new BuildError(`go list -deps ${pkg} failed in ${moduleDir}: ${errorTail(r)}`, {
      file: goMod,
      fix: goListFix(errorTail(r), moduleDir, inWorkspace)
    })
  }
  const seen = new Map<string, ListedModule>()
  for (const p of parseJsonStream<{ Module?: ListedModule }>(r.stdout)) {
    if (p.Module && !seen.has(p.Module.Path)) seen.set(p.Module.Path, p.Module)
  }
  const mods = toModuleVersions([...seen.values()], moduleDir)
  noteOutsideReplaces(ctx, mods, ctx.plan.plugins.find(p => p.moduleDir === moduleDir)?.name)
  return mods
}

/** `./bifrost-http`, or the plugin's package relative to its module root. */
function pluginPackage(p: PluginSpec): string {
  const rel = path.relative(p.moduleDir, p.dir)
  return rel ? `./${rel.split(path.sep).join('/')}` : '.'
}

interface Alignment {
  shared: Record<string, ModuleVersion[]>
  skew: ModuleSkew[]
  modfiles: Record<string, string | undefined>
}

/** Compares every plugin's module graph with the host's; `fix` pins a temp go.mod per plugin. */
export async function alignPlugins(
  ctx: Ctx,
  host: ModuleVersion[],
  work: string,
  /** The host's modules as this plugin is compared with (plugin-only builds: src/plan/host.ts). */
  hostFor: (mine: ModuleVersion[]) => ModuleVersion[] = () => host
): Promise<Alignment> {
  const { plan, reporter } = ctx
  const out: Alignment = { shared: {}, skew: [], modfiles: {} }
  const failing: { plugin: PluginSpec; skew: ModuleSkew[] }[] = []
  for (const p of plan.plugins) {
    const mine = await listModules(ctx, p.moduleDir, pluginPackage(p))
    const hostMods = hostFor(mine)
    // Without -trimpath files are named by directory, so one directory under two version labels
    // is one package to the loader (measured: such a pair loads); with it, the label is in every name.
    const counts = (s: ModuleSkew) => plan.trimpath || !s.sameSource
    let { shared, skew } = compareModules(p.name, hostMods, mine)
    skew = skew.filter(counts)
    if (skew.length && plan.alignModules === 'fix') {
      const modfile = await pinnedModfile(ctx, p, skew, hostMods, work)
      const after = compareModules(
        p.name,
        hostMods,
        await listModules(ctx, p.moduleDir, pluginPackage(p), modfile)
      )
      reporter.info(
        `plugin ${p.name}: built with ${path.basename(modfile)} (a temp copy of its go.mod pinned to the host's ${skew.map(s => `${s.module} ${s.hostVersion}`).join(', ')}); the plugin's own files are untouched`
      )
      out.modfiles[p.name] = modfile
      ;({ shared, skew } = after)
      skew = skew.filter(counts)
    }
    out.shared[p.name] = shared
    out.skew.push(...skew)
    if (skew.length) failing.push({ plugin: p, skew })
  }
  if (!failing.length) return out
  const listing = failing
    .flatMap(f =>
      f.skew.map(
        s =>
          `${s.module} plugin ${f.plugin.name} has ${s.pluginVersion}, host has ${s.hostVersion}${s.sameSource ? ' (the same directory under another version label, which -trimpath writes into every file name)' : ''}`
      )
    )
    .join('; ')
  const fixes = failing.map(f => `in ${f.plugin.relDir}: ${alignCommand(f.skew, host)}`).join('; ')
  const workspaceFix = failing.some(f => f.skew.some(s => s.sameSource))
    ? ', or set go-work: local to build host and plugins in one Go workspace'
    : ''
  if (plan.alignModules === 'warn') {
    reporter.warning(
      `plugin modules differ from the host's (the plugins will fail to load): ${listing}. To align: ${fixes}${workspaceFix}`
    )
    return out
  }
  throw new BuildError(
    `plugin modules differ from the host's, so the plugins would fail to load: ${listing}`,
    {
      input: 'align-modules',
      module: failing[0].skew[0].module,
      fix: `${fixes} (or set align-modules: fix to build with the host's versions without editing the plugin${workspaceFix})`
    }
  )
}

/** A temp copy of the plugin's go.mod/go.sum pinned to the host's versions (`-modfile`). */
async function pinnedModfile(
  ctx: Ctx,
  p: PluginSpec,
  skew: ModuleSkew[],
  host: ModuleVersion[],
  work: string
): Promise<string> {
  const dir = path.join(work, 'modfiles', p.name)
  await mkdir(dir, { recursive: true })
  const modfile = path.join(dir, 'go.mod')
  await copyFile(path.join(p.moduleDir, 'go.mod'), modfile)
  if (existsSync(path.join(p.moduleDir, 'go.sum')))
    await copyFile(path.join(p.moduleDir, 'go.sum'), path.join(dir, 'go.sum'))
  // The host's own sums: go then checks each download against what the host was built from.
  const byPath = new Map(host.map(m => [m.path, m]))
  const sums = skew
    .map(s => byPath.get(s.module))
    .filter(h => h?.sum && !h.replace)
    .map(h => `${h!.path} ${h!.version} ${h!.sum}\n`)
  if (sums.length) await appendFile(path.join(dir, 'go.sum'), sums.join(''))
  const env = buildVars(ctx.plan, ctx.goWork)
  const steps: string[][] = []
  const edits = replaceEdits(skew, host)
  if (edits.length) steps.push(['mod', 'edit', `-modfile=${modfile}`, ...edits])
  const gets = hostVersionQueries(skew, host)
  if (gets.length) steps.push(['get', `-modfile=${modfile}`, ...gets])
  for (const args of steps) {
    const r = await runGo(ctx, { cwd: p.moduleDir, env, argv: [ctx.toolchain.goBin, ...args] })
    if (r.code !== 0)
      throw new BuildError(
        `aligning plugin ${p.name} with the host failed: go ${args.join(' ')}: ${errorTail(r)}`,
        {
          input: 'align-modules',
          file: path.join(p.moduleDir, 'go.mod'),
          fix: `align it by hand in ${p.relDir}: ${alignCommand(skew, host)}`
        }
      )
  }
  return modfile
}

/**
 * A checkout's go.work whose `use` leaves the workspace (`use /`, `use ../other`) would build
 * modules from outside the checkout into host and plugins: refused, as a source or plugin
 * path outside the workspace is.
 */
function refuseUsesOutside(
  parsed: GoWorkJson,
  checkout: string,
  workspace: string,
  goWork: string
): void {
  const realWs = existsSync(workspace) ? realpathSync(workspace) : workspace
  for (const u of parsed.Use ?? []) {
    const dir = path.resolve(checkout, u.DiskPath)
    const real = existsSync(dir) ? realpathSync(dir) : dir
    if (!isInside(workspace, dir) || !isInside(realWs, real))
      throw new BuildError(
        `go-work: local: ${goWork} uses ${JSON.stringify(u.DiskPath)} (${real}), outside the workspace ${workspace}`,
        {
          input: 'go-work',
          file: goWork,
          fix: `remove that use line from ${path.basename(goWork)} (every module of the workspace must be inside the checkout), or set go-work: off`
        }
      )
  }
}

/**
 * Our go.work (see workspace.ts): the checkout's own go.work (read with `go work edit -json`,
 * its replaces kept), else one over every go.mod module of the checkout; the host's module and
 * every plugin's added. Its go.work.sum is copied beside it so go finds the checkout's sums.
 */
async function makeWorkspace(
  ctx: Ctx,
  transportsDir: string,
  work: string
): Promise<{ file: string; text: string; from: 'checkout' | 'made' }> {
  const { plan } = ctx
  const checkout = plan.source.kind === 'checkout' ? plan.source.dir : path.dirname(transportsDir)
  const existing = checkoutGoWork(checkout)
  let parsed: GoWorkJson
  if (existing) {
    const r = await runGo(
      ctx,
      {
        cwd: checkout,
        env: { GOTOOLCHAIN: 'local' },
        argv: [ctx.toolchain.goBin, 'work', 'edit', '-json', existing]
      },
      { stream: 'stderr', record: false }
    )
    if (r.code !== 0)
      throw new BuildError(`go-work: local: cannot read ${existing}: ${errorTail(r)}`, {
        input: 'go-work',
        file: existing,
        fix: 'fix the go.work (go work edit -json must read it), or set go-work: off'
      })
    parsed = JSON.parse(r.stdout) as GoWorkJson
    refuseUsesOutside(parsed, checkout, plan.workspace, existing)
  } else {
    parsed = { Use: (await findModules(checkout)).map(d => ({ DiskPath: d })) }
  }
  const extra = [transportsDir, ...plan.plugins.map(p => p.moduleDir)]
  const all = [...(parsed.Use ?? []).map(u => path.resolve(checkout, u.DiskPath)), ...extra]
  const { text, uses } = goWorkText(parsed, checkout, extra, await moduleGoLines(all))
  const dir = path.join(work, 'gowork')
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, 'go.work')
  await writeFile(file, text)
  if (existing && existsSync(`${existing}.sum`)) await copyFile(`${existing}.sum`, `${file}.sum`)
  ctx.reporter.info(
    `go-work: local: one workspace of ${uses.length} module(s) (${existing ? `the checkout's go.work plus the plugins` : 'every go.mod module of the checkout plus the plugins'}), GOWORK=${file}`
  )
  return { file, text, from: existing ? 'checkout' : 'made' }
}

/**
 * A released Bifrost from the module proxy: `go mod download` checks it against go.sum /
 * GOSUMDB as usual; the read-only module cache copy becomes a writable work dir.
 */
async function downloadBifrost(ctx: Ctx, version: string, work: string): Promise<string> {
  const query = `${BIFROST_TRANSPORTS_MODULE}@v${version}`
  const rec: CommandRecord = {
    cwd: work,
    env: { GOWORK: 'off', GOTOOLCHAIN: 'local' },
    argv: [ctx.toolchain.goBin, 'mod', 'download', '-json', query]
  }
  const r = await runGo(ctx, rec, { stream: 'stderr' })
  const info = parseJsonStream<{ Dir?: string; GoMod?: string; Error?: string }>(r.stdout)[0]
  if (r.code !== 0 || !info?.Dir)
    throw new BuildError(`downloading ${query} failed: ${info?.Error ?? errorTail(r)}`, {
      input: 'bifrost-version',
      module: BIFROST_TRANSPORTS_MODULE,
      fix: 'check that this Bifrost release exists and that GOPROXY can reach it'
    })
  const dir = path.join(work, 'bifrost', 'transports')
  await cp(info.Dir, dir, { recursive: true })
  await makeWritable(dir)
  checkGoLine(path.join(dir, 'go.mod'), ctx.plan.goVersion)
  ctx.reporter.info(`Bifrost ${query} downloaded to ${dir}`)
  return dir
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755)
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) await makeWritable(full)
    else if (e.isFile()) await chmod(full, (await stat(full)).mode | 0o200)
  }
}
