/**
 * Saves GOMODCACHE and GOCACHE: only after a successful build (the restore step recorded the
 * key, the pipeline's cache-save step recorded that build, checks and packaging passed) and
 * only when the key was not an exact hit.
 */
import path from 'node:path'
import type { Reporter } from '../report.js'
import { LocalDirBackend, ServiceBackend, type CacheBackend } from './backend.js'
import { readCacheState, STATE_OK, type StateStore } from './state.js'

export async function saveFromState(
  reporter: Reporter,
  state: StateStore,
  backendOverride?: CacheBackend
): Promise<'saved' | 'skipped' | 'failed'> {
  const saved = readCacheState(state)
  if (!saved) return 'skipped' // cache off, or the run stopped before restoring
  if (saved.restoreOnly) {
    reporter.info(`cache: restore-only; ${saved.key} is not saved`)
    return 'skipped'
  }
  if (state.get(STATE_OK) !== 'true') {
    reporter.info('cache: the build did not succeed; nothing saved')
    return 'skipped'
  }
  if (saved.exact) {
    reporter.info(`cache: restored from the exact key ${saved.key}; nothing new to save`)
    return 'skipped'
  }
  const backend =
    backendOverride ??
    (saved.backend === 'local' && saved.dir
      ? new LocalDirBackend(path.resolve(saved.dir))
      : new ServiceBackend())
  const t0 = Date.now()
  try {
    await backend.save(saved.paths, saved.key, saved.restoreKeys)
    reporter.info(`cache: saved ${saved.key} (${backend.kind}) in ${Date.now() - t0} ms`)
    return 'saved'
  } catch (err) {
    // Another job saving the same key first (ReserveCacheError) is the usual case: harmless.
    reporter.warning(`cache: saving ${saved.key} failed: ${(err as Error).message}`)
    return 'failed'
  }
}
