/** Restores GOMODCACHE and GOCACHE before the build; never fails the build. */
import { constants } from 'node:fs'
import { access, mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { CacheResult, Plan, Toolchain } from '../context.js'
import type { Reporter } from '../report.js'
import { run } from '../proc.js'
import {
  LocalDirBackend,
  ServiceBackend,
  serviceUnavailable,
  type CacheBackend
} from './backend.js'
import { isInside } from '../util/inside.js'
import { cacheKeys, goSumPaths, hashGoSums, runnerPlatform, type CacheKeys } from './key.js'
import { STATE_CACHE, type SavedCacheState, type StateStore } from './state.js'

export const LOCAL_DIR_ENV = 'BIFROST_BUILD_CACHE_DIR'

export interface CacheDeps {
  env?: NodeJS.ProcessEnv
  state: StateStore
  /** Replaces the backend chosen from the environment (tests). */
  backend?: CacheBackend
}

/** The local directory when BIFROST_BUILD_CACHE_DIR is set, else the service when it is there. */
export function chooseBackend(
  env: NodeJS.ProcessEnv
): { backend: CacheBackend; dir?: string } | { reason: string } {
  const dir = env[LOCAL_DIR_ENV]?.trim()
  if (dir) return { backend: new LocalDirBackend(path.resolve(dir)), dir: path.resolve(dir) }
  const reason = serviceUnavailable(env)
  if (reason) return { reason }
  return { backend: new ServiceBackend() }
}

/** GOMODCACHE and GOCACHE as the build will use them (Toolchain.env, else `go env`). */
export async function cachePaths(toolchain: Toolchain): Promise<string[]> {
  let mod = toolchain.env.GOMODCACHE
  let build = toolchain.env.GOCACHE
  if (!mod || !build) {
    const r = await run(toolchain.goBin, ['env', 'GOMODCACHE', 'GOCACHE'], {
      env: { ...process.env, ...toolchain.env },
      timeoutMs: 30_000
    })
    const [m, b] = r.stdout.trim().split('\n')
    mod ||= m
    build ||= b
  }
  return [mod, build].filter((p): p is string => Boolean(p))
}

/**
 * Where the module cache goes when caching, or undefined to keep the toolchain's. GOCACHE's
 * entries for a cgo package hash its cgo flags, and `${SRCDIR}` in them expands to the
 * package's directory inside GOMODCACHE (go-sqlite3: `-I<GOMODCACHE>/github.com/mattn/...`):
 * a GOCACHE restored next to a module cache at another path recompiles those packages. The
 * runner's tool cache is the one directory that is the same for every job, repository and
 * workspace of a runner (and across a fleet that sets RUNNER_TOOL_CACHE alike), where HOME,
 * the workspace and the temp dir can move. A GOMODCACHE of the user's own (anything but Go's
 * default under GOPATH) is kept; off a runner (no RUNNER_TOOL_CACHE) Go's default stays.
 */
export function stableModuleCache(
  goEnv: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv
): string | undefined {
  const root = env.RUNNER_TOOL_CACHE?.trim()
  if (!root || !path.isAbsolute(root)) return undefined
  const current = goEnv.GOMODCACHE
  const gopath = (goEnv.GOPATH ?? '').split(path.delimiter)[0]
  if (current && (!gopath || path.resolve(current) !== path.join(gopath, 'pkg', 'mod')))
    return undefined
  return path.join(root, MODULE_CACHE_DIR)
}

export const MODULE_CACHE_DIR = path.join('bifrost-build', 'gomodcache')

/** Why `dir` cannot be created or written (a read-only tool cache shared by root), else undefined. */
async function notWritable(dir: string): Promise<string | undefined> {
  try {
    await mkdir(dir, { recursive: true })
    await access(dir, constants.W_OK)
    return undefined
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? (err as Error).message
  }
}

/** Directories that are not the same from one job to the next. */
function movingRoot(dir: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const name of ['GITHUB_WORKSPACE', 'RUNNER_TEMP'] as const) {
    const root = env[name]
    if (root && path.isAbsolute(root) && isInside(root, dir)) return name
  }
  return undefined
}

export async function goSumHash(plan: Plan): Promise<string> {
  const files: { name: string; content: string | Buffer }[] = []
  if (plan.source.kind === 'module')
    files.push({ name: 'bifrost-version', content: plan.source.version })
  for (const file of plan.cacheDependencyFiles ?? goSumPaths(plan)) {
    const name = path.relative(plan.workspace, file)
    try {
      files.push({ name, content: await readFile(file) })
    } catch {
      files.push({ name, content: '(no go.sum)' })
    }
  }
  return hashGoSums(files)
}

/**
 * Points GOMODCACHE at the tool cache's module cache when one applies and can be written
 * (stableModuleCache says why), else says when the module cache sits where restored cgo
 * packages would be recompiled.
 */
async function settleModuleCache(
  toolchain: Toolchain,
  env: NodeJS.ProcessEnv,
  reporter: Reporter
): Promise<void> {
  const stable = stableModuleCache(toolchain.env, env)
  const unusable = stable && (await notWritable(stable))
  if (stable && unusable) {
    reporter.info(
      `cache: the tool cache's module cache ${stable} cannot be used (${unusable}); keeping GOMODCACHE ${toolchain.env.GOMODCACHE}`
    )
  } else if (stable) {
    toolchain.env.GOMODCACHE = stable
    reporter.exportVariable('GOMODCACHE', stable)
  } else if (toolchain.env.GOMODCACHE) {
    const moving = movingRoot(toolchain.env.GOMODCACHE, env)
    if (moving)
      reporter.info(
        `cache: GOMODCACHE ${toolchain.env.GOMODCACHE} is inside ${moving}, which can move between jobs; cgo packages whose flags name their module directory (go-sqlite3) are recompiled after a restore at another path. Unset GOMODCACHE to use the tool cache's module cache`
      )
  }
}

/** The key this build's cache entry has, and the prefixes an older entry may match. */
async function keysFor(
  plan: Plan,
  toolchain: Toolchain,
  env: NodeJS.ProcessEnv
): Promise<CacheKeys> {
  const platform = runnerPlatform(env)
  return cacheKeys({
    runnerOs: platform.os,
    runnerArch: platform.arch,
    goVersion: toolchain.version,
    target: plan.target,
    libc: plan.libc,
    mode: plan.mode,
    goSumHash: await goSumHash(plan)
  })
}

export async function restoreCache(
  plan: Plan,
  toolchain: Toolchain,
  reporter: Reporter,
  deps: CacheDeps
): Promise<CacheResult> {
  const env = deps.env ?? process.env
  const chosen = deps.backend ? { backend: deps.backend } : chooseBackend(env)
  if ('reason' in chosen) {
    reporter.warning(
      `cache: ${chosen.reason}; building without it (set ${LOCAL_DIR_ENV} to cache in a local directory)`
    )
    return { enabled: true, hit: false, exact: false, reason: chosen.reason }
  }
  const { backend } = chosen
  const dir = 'dir' in chosen ? chosen.dir : undefined
  const restoreOnly = plan.cacheRestoreOnly === true
  await settleModuleCache(toolchain, env, reporter)
  const { key, restoreKeys } = await keysFor(plan, toolchain, env)
  const paths = await cachePaths(toolchain)
  let restored: string | undefined
  try {
    restored = await backend.restore(paths, key, restoreKeys)
  } catch (err) {
    reporter.warning(
      `cache: restoring ${key} failed (${(err as Error).message}); building without it`
    )
  }
  // Compared as actions/cache does (case-insensitive): some cache servers (act's) lowercase keys.
  const exact =
    restored !== undefined &&
    restored.localeCompare(key, undefined, { sensitivity: 'accent' }) === 0
  const state: SavedCacheState = {
    backend: backend.kind,
    dir,
    key,
    restoreKeys,
    paths,
    exact,
    ...(restoreOnly ? { restoreOnly } : {})
  }
  deps.state.save(STATE_CACHE, JSON.stringify(state))
  if (restored) {
    reporter.info(
      `cache: restored ${exact ? 'exact key' : `partial match ${restored} for`} ${key} (${backend.kind}) into ${paths.join(', ')}`
    )
  } else {
    reporter.info(
      `cache: no entry for ${key} (${backend.kind}); ${restoreOnly ? 'restore-only: nothing is saved' : 'it is saved after a successful build'}`
    )
  }
  return {
    enabled: true,
    key,
    hit: Boolean(restored),
    exact,
    restoredKey: restored,
    ...(restoreOnly ? { restoreOnly } : {})
  }
}
