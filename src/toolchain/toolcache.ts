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
import { targetSpec } from '../lib/targets.js'
import { compareGoVersions } from '../util/go-version.js'
import { fromSemver, toSemver } from '../lib/version-spec.js'

/** The runner's tool cache; outside a runner, a per-user cache so the CLI reuses installs too. */
export function toolCacheRoot(env: NodeJS.ProcessEnv): string {
  if (env.RUNNER_TOOL_CACHE) return env.RUNNER_TOOL_CACHE
  const xdg = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache')
  return path.join(xdg, 'bifrost-build', 'tool-cache')
}

/** Node's names, as the tool cache uses them. */
export function toolArch(arch: Arch): string {
  return targetSpec(arch).nodeArch
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
 * Moves a verified GOROOT into the cache and marks it complete. Matrix jobs on one runner may
 * install the same version at once: the rename is atomic, so a reader sees no directory or a
 * whole one; when another job got there first, its copy is kept and ours discarded. A version
 * directory without its marker is only removed once it has stayed unmarked (a crashed job's
 * leftover), and it is renamed away first so nobody ever sees it half-deleted.
 */
export async function installIntoCache(
  root: string,
  version: string,
  arch: Arch,
  goroot: string,
  unmarkedGraceMs = 5_000
): Promise<string> {
  const dest = cachedGoDir(root, version, arch)
  const marker = `${dest}.complete`
  await mkdir(path.dirname(dest), { recursive: true })
  for (let attempt = 0; attempt < 3; attempt++) {
    if (existsSync(marker) && existsSync(dest)) return dest
    try {
      await rename(goroot, dest)
      await writeFile(marker, '')
      return dest
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err
    }
    // Another job between its rename and its marker takes microseconds; wait for it.
    if (await waitFor(() => existsSync(marker), unmarkedGraceMs)) return dest
    const stale = path.join(path.dirname(dest), `.bifrost-build-stale-${process.pid}-${attempt}`)
    await rename(dest, stale).catch(() => undefined)
    await rm(stale, { recursive: true, force: true })
  }
  throw new Error(
    `could not install Go ${version} into ${dest}: another process keeps replacing it`
  )
}

async function waitFor(ok: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms
  while (!ok()) {
    if (Date.now() > until) return false
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return true
}
