/**
 * Where caches live: the Actions cache service (@actions/cache, loaded only when used), or a
 * local directory (BIFROST_BUILD_CACHE_DIR) for machines without the service and for warm
 * benchmark runs. Both take the same keys.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { runChecked, runPipeChecked } from '../proc.js'

export interface CacheBackend {
  readonly kind: 'service' | 'local'
  /** The key that was restored (exact or a restore-key match), or undefined on a miss. */
  restore(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined>
  save(paths: string[], key: string, restoreKeys: string[]): Promise<void>
}

/** Why the Actions cache service cannot be used here, or undefined when it can. */
export function serviceUnavailable(env: NodeJS.ProcessEnv): string | undefined {
  if (env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL) return undefined
  return 'no cache service here (ACTIONS_CACHE_URL and ACTIONS_RESULTS_URL not set: a local run, @github/local-action or another CI)'
}

export class ServiceBackend implements CacheBackend {
  readonly kind = 'service'
  async restore(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined> {
    const cache = await import('@actions/cache')
    return fromRoot(() => cache.restoreCache([...paths], key, restoreKeys))
  }
  async save(paths: string[], key: string): Promise<void> {
    const cache = await import('@actions/cache')
    await fromRoot(() => cache.saveCache([...paths], key))
  }
}

/**
 * @actions/cache writes each path into its archive relative to GITHUB_WORKSPACE and extracts
 * relative to the GITHUB_WORKSPACE of the restoring job, while the entry's version hashes only
 * the path strings. A runner whose workspace moved to another depth would therefore get a hit
 * that unpacks GOMODCACHE and GOCACHE somewhere else (and, being a hit, never saves again).
 * With the file system root as the working directory the archive names the paths themselves.
 */
async function fromRoot<T>(fn: () => Promise<T>): Promise<T> {
  const before = process.env.GITHUB_WORKSPACE
  process.env.GITHUB_WORKSPACE = path.parse(process.cwd()).root
  try {
    return await fn()
  } finally {
    if (before === undefined) delete process.env.GITHUB_WORKSPACE
    else process.env.GITHUB_WORKSPACE = before
  }
}

/**
 * One directory per key under `root`, holding a copy of each cached path (`0/`, `1/`, ...),
 * saved with `cp -a --reflink=auto` (instant on filesystems with reflinks). A restore never
 * rewrites a file that is there: GOCACHE and GOMODCACHE files are named by their content, and
 * one truncated and rewritten in place (as `cp` over it does) crashes every go process that
 * has it mapped, in this job or another sharing the cache, with SIGBUS. Into an empty or
 * missing directory (a fresh runner) it copies beside it and renames the copy into place;
 * into one with files, it adds the missing ones (`tar | tar --skip-old-files`). Measured on
 * the real 1.5.1 module cache (1.1 GB, 43k files): the copy 5.0 s, tar 14.4 s into an empty
 * directory and 1.0 s when every file is there.
 */
export class LocalDirBackend implements CacheBackend {
  readonly kind = 'local'
  constructor(readonly root: string) {}

  private async entries(): Promise<{ key: string; mtimeMs: number }[]> {
    if (!existsSync(this.root)) return []
    const out: { key: string; mtimeMs: number }[] = []
    for (const name of await readdir(this.root)) {
      if (name.startsWith('.')) continue
      const meta = path.join(this.root, name, 'complete')
      if (!existsSync(meta)) continue
      out.push({ key: name, mtimeMs: (await stat(meta)).mtimeMs })
    }
    return out
  }

  async restore(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined> {
    const all = await this.entries()
    let hit = all.find(e => e.key === key)?.key
    for (const prefix of restoreKeys) {
      if (hit) break
      hit = all.filter(e => e.key.startsWith(prefix)).sort((a, b) => b.mtimeMs - a.mtimeMs)[0]?.key
    }
    if (!hit) return undefined
    for (const [i, dest] of paths.entries()) {
      const from = path.join(this.root, hit, String(i))
      if (!existsSync(from)) continue
      await restoreTree(from, dest)
    }
    return hit
  }

  async save(paths: string[], key: string, restoreKeys: string[]): Promise<void> {
    await mkdir(this.root, { recursive: true })
    const final = path.join(this.root, key)
    if (existsSync(path.join(final, 'complete'))) return
    const tmp = path.join(this.root, `.tmp-${process.pid}-${Date.now()}`)
    try {
      await mkdir(tmp)
      for (const [i, src] of paths.entries()) {
        if (existsSync(src))
          await runChecked('cp', ['-a', '--reflink=auto', src, path.join(tmp, String(i))])
      }
      await writeFile(path.join(tmp, 'complete'), JSON.stringify({ key, paths }) + '\n')
      await removeTree(final)
      await rename(tmp, final)
    } finally {
      await removeTree(tmp)
    }
    // Keep one entry per restore prefix: older ones would only fill the disk.
    for (const e of await this.entries()) {
      if (e.key !== key && restoreKeys.some(p => e.key.startsWith(p)))
        await removeTree(path.join(this.root, e.key))
    }
  }
}

/** `from` into `dest` without rewriting a file of `dest` (see LocalDirBackend). */
async function restoreTree(from: string, dest: string): Promise<void> {
  if (await emptyOrMissing(dest)) {
    await mkdir(path.dirname(dest), { recursive: true })
    // A sibling: the same file system, so the rename is atomic.
    const copy = `${dest}.bifrost-build-${process.pid}-${Date.now()}`
    try {
      await runChecked('cp', ['-a', '--reflink=auto', from, copy])
      // rename(2) replaces an empty directory, and fails if files appeared in it meanwhile.
      await rename(copy, dest)
      return
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err
    } finally {
      await removeTree(copy)
    }
  }
  await mkdir(dest, { recursive: true })
  await runPipeChecked(
    ['tar', ['-C', from, '-cf', '-', '.']],
    ['tar', ['-C', dest, '-xf', '-', '--skip-old-files']]
  )
}

async function emptyOrMissing(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true
    throw err
  }
}

/** rm -rf that also works on GOMODCACHE's read-only directories. */
async function removeTree(dir: string): Promise<void> {
  if (!existsSync(dir)) return
  try {
    await rm(dir, { recursive: true, force: true })
  } catch {
    await runChecked('chmod', ['-R', 'u+w', dir])
    await rm(dir, { recursive: true, force: true })
  }
}
