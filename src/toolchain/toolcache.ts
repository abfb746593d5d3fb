/**
 * The runner tool cache, in the layout @actions/tool-cache and actions/setup-go use
 * (`$RUNNER_TOOL_CACHE/go/<semver>/<x64|arm64>` plus a `.complete` marker), so Go releases
 * preinstalled on hosted runners are found and ours are found by them. We do not call
 * @actions/tool-cache itself: its `cacheDir` copies the whole tree (270 MB for Go) where a rename
 * within the cache is atomic and free, and its debug lines would land on the CLI's stdout.
 */
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Arch } from '../context.js'
import { compareGoVersions, fromSemver, toSemver } from './version.js'

/** The runner's tool cache; outside a runner, a per-user cache so the CLI reuses installs too. */
export function toolCacheRoot(env: NodeJS.ProcessEnv): string {
  if (env.RUNNER_TOOL_CACHE) return env.RUNNER_TOOL_CACHE
  const xdg = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache')
  return path.join(xdg, 'bifrost-build', 'tool-cache')
}

export function tempRoot(env: NodeJS.ProcessEnv): string {
  return env.RUNNER_TEMP || os.tmpdir()
}

/** Node's names, as the tool cache uses them. */
export function toolArch(arch: Arch): string {
  return arch === 'amd64' ? 'x64' : 'arm64'
}

export function cachedGoDir(root: string, version: string, arch: Arch): string {
  return path.join(root, 'go', toSemver(version), toolArch(arch))
}

export function findCachedGo(root: string, version: string, arch: Arch): string | undefined {
  const dir = cachedGoDir(root, version, arch)
  return existsSync(dir) && existsSync(`${dir}.complete`) ? dir : undefined
}

/** Complete Go installs in the cache for this arch, newest first. */
export function listCachedGo(root: string, arch: Arch): string[] {
  const goDir = path.join(root, 'go')
  if (!existsSync(goDir)) return []
  return readdirSync(goDir)
    .filter(v => existsSync(path.join(goDir, v, `${toolArch(arch)}.complete`)))
    .map(fromSemver)
    .filter((v): v is string => v !== undefined)
    .sort(compareGoVersions)
    .reverse()
}

/** A scratch directory inside the cache, so the finished tree can be renamed into place. */
export async function makeStaging(root: string): Promise<string> {
  await mkdir(path.join(root, 'go'), { recursive: true })
  return mkdtemp(path.join(root, 'go', '.bifrost-build-staging-'))
}

/**
 * Moves a verified GOROOT into the cache and marks it complete. When another job finished the
 * same version first, its copy is kept and ours discarded.
 */
export async function installIntoCache(
  root: string,
  version: string,
  arch: Arch,
  goroot: string
): Promise<string> {
  const dest = cachedGoDir(root, version, arch)
  await mkdir(path.dirname(dest), { recursive: true })
  if (!existsSync(`${dest}.complete`)) await rm(dest, { recursive: true, force: true })
  try {
    await rename(goroot, dest)
  } catch (err) {
    const other = findCachedGo(root, version, arch)
    if (other) return other
    throw err
  }
  await writeFile(`${dest}.complete`, '')
  return dest
}
