/** Restore GOMODCACHE/GOCACHE before build; save in the post step. Owner: cache. */
import type { CacheResult, Plan, Toolchain } from '../context.js'
import type { Reporter } from '../report.js'

export async function restoreCache(
  _plan: Plan,
  _toolchain: Toolchain,
  _reporter: Reporter
): Promise<CacheResult> {
  return { enabled: false, hit: false, exact: false, reason: 'not implemented' }
}

/** Runs in the action's post step. */
export async function saveCache(_reporter: Reporter): Promise<void> {}
