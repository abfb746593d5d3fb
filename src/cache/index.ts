/**
 * Stage 3: restore GOMODCACHE/GOCACHE before the build; save them after a successful one: in the
 * action's post step (state through the runner), or right away in the CLI (no post step).
 * Which of the two is the entry's choice: it passes the StateStore in.
 */
import type { RunContext } from '../context.js'
import type { Reporter } from '../report.js'
import type { CacheBackend } from './backend.js'
import { saveFromState } from './save.js'
import { STATE_OK, type StateStore } from './state.js'

export { cacheKeys, hashGoSums, goSumPaths } from './key.js'
export { LocalDirBackend, ServiceBackend, type CacheBackend } from './backend.js'
export { memoryState, type StateStore } from './state.js'
export { restoreCache } from './restore.js'

/**
 * The pipeline's step once build, checks and packaging have passed. The action records it
 * for the post step; the CLI saves now.
 */
export async function cacheAfterSuccess(
  ctx: Pick<RunContext, 'cache' | 'reporter'>,
  deps: { state: StateStore; backend?: CacheBackend }
): Promise<void> {
  if (!ctx.cache?.key) return
  const { state } = deps
  state.save(STATE_OK, 'true')
  if (state.mode === 'inline') await saveFromState(ctx.reporter, state, deps.backend)
}

/** The action's post step. */
export async function saveCache(
  reporter: Reporter,
  deps: { state: StateStore; backend?: CacheBackend }
): Promise<void> {
  await saveFromState(reporter, deps.state, deps.backend)
}
