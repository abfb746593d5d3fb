/**
 * Restore GOMODCACHE/GOCACHE before the build; save them after a successful one: in the
 * action's post step (state through the runner), or right away in the CLI (no post step).
 */
import type { CacheResult, Plan, RunContext, Toolchain } from '../context.js'
import { ActionReporter, type Reporter } from '../report.js'
import type { CacheBackend } from './backend.js'
import { restoreCache as restore, type CacheDeps } from './restore.js'
import { saveFromState } from './save.js'
import { memoryState, runnerState, STATE_OK, type StateStore } from './state.js'

export { cacheKeys, hashGoSums, goSumPaths } from './key.js'
export { LocalDirBackend, ServiceBackend, type CacheBackend } from './backend.js'
export { memoryState, type StateStore } from './state.js'

/** The CLI's state lives as long as its process. */
const inlineState = memoryState()

function stateFor(reporter: Reporter): StateStore {
  return reporter instanceof ActionReporter ? runnerState : inlineState
}

export async function restoreCache(
  plan: Plan,
  toolchain: Toolchain,
  reporter: Reporter,
  deps: Partial<CacheDeps> = {}
): Promise<CacheResult> {
  return restore(plan, toolchain, reporter, { ...deps, state: deps.state ?? stateFor(reporter) })
}

/**
 * Called once build, checks and packaging have passed. The action records it for the post
 * step; the CLI saves now.
 */
export async function cacheAfterSuccess(
  ctx: RunContext,
  deps: { state?: StateStore; backend?: CacheBackend } = {}
): Promise<void> {
  if (!ctx.cache?.key) return
  const state = deps.state ?? stateFor(ctx.reporter)
  state.save(STATE_OK, 'true')
  if (state.mode === 'inline') await saveFromState(ctx.reporter, state, deps.backend)
}

/** The action's post step. */
export async function saveCache(
  reporter: Reporter,
  deps: { state?: StateStore; backend?: CacheBackend } = {}
): Promise<void> {
  await saveFromState(reporter, deps.state ?? runnerState, deps.backend)
}
