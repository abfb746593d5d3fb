/**
 * What the restore step tells the post step. In the action this is runner state
 * (core.saveState in the main step, STATE_* variables in the post step); the CLI has no post
 * step, so it keeps the state in memory and saves as soon as the build succeeds.
 */
import * as core from '@actions/core'

export interface StateStore {
  /** `post`: saving happens in the action's post step; `inline`: right after success. */
  readonly mode: 'post' | 'inline'
  save(name: string, value: string): void
  get(name: string): string
}

export const STATE_CACHE = 'bifrost-build-cache'
export const STATE_OK = 'bifrost-build-ok'

export interface SavedCacheState {
  backend: 'service' | 'local'
  /** The local cache directory, for the local backend. */
  dir?: string
  key: string
  restoreKeys: string[]
  paths: string[]
  /** The key restored matched exactly: nothing new to save. */
  exact: boolean
  /** `cache: restore-only`: never saved. */
  restoreOnly?: boolean
}

export const runnerState: StateStore = {
  mode: 'post',
  save: (name, value) => core.saveState(name, value),
  get: name => core.getState(name)
}

export function memoryState(): StateStore {
  const values = new Map<string, string>()
  return {
    mode: 'inline',
    save: (name, value) => void values.set(name, value),
    get: name => values.get(name) ?? ''
  }
}

export function readCacheState(store: StateStore): SavedCacheState | undefined {
  const raw = store.get(STATE_CACHE)
  if (!raw) return undefined
  try {
    return JSON.parse(raw) as SavedCacheState
  } catch {
    return undefined
  }
}
