/**
 * Stage 4: the host and its plugins, with one toolchain and one flag set, in the order that
 * measured fastest for this machine's cores (see BuildOrder).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { BuildResult, BuiltFile, CommandRecord } from '../context.js'
import { HOST_FILE } from '../bifrost.js'
import { childEnv, hostCommand, pluginCommand } from './commands.js'
import { defaultOrder, type BuildInput, type BuildOrder, type Ctx } from './ctx.js'
import { alignPlugins, listModules } from './align.js'
import { goBuild, pluginFile, registerMatcher } from './go.js'
import { prepareUi, type UiOutcome } from './ui.js'
import { makeWorkspace, sourceTree } from './source.js'

export { BIFROST_TRANSPORTS_MODULE } from '../bifrost.js'
export { defaultOrder, type BuildInput, type BuildOrder, type Ctx } from './ctx.js'
export { alignPlugins, goListFix } from './align.js'
export { HOST_FILE, pluginFile, registerMatcher } from './go.js'

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

function buildOrder(asked: BuildOrder | undefined, env: NodeJS.ProcessEnv): BuildOrder {
  if (asked) return asked
  const fromEnv = env.BIFROST_BUILD_ORDER
  return fromEnv === 'host-first' || fromEnv === 'concurrent'
    ? fromEnv
    : defaultOrder(os.availableParallelism())
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
