/**
 * output-dir before anything is written into it: whether it can be written, and the lock that
 * gives it to one run at a time.
 */
import { constants } from 'node:fs'
import { randomBytes } from 'node:crypto'
import {
  access,
  link,
  mkdir,
  readdir,
  readFile,
  rm,
  rmdir,
  stat,
  writeFile
} from 'node:fs/promises'
import path from 'node:path'
import { BuildError } from '../errors.js'
import { diskError } from '../util/disk-error.js'

/** Why output-dir cannot be written (checked on the nearest existing ancestor), or undefined. */
export async function outputDirProblem(dir: string): Promise<string | undefined> {
  for (let p = dir; ; p = path.dirname(p)) {
    const st = await stat(p).catch(() => undefined)
    if (st) {
      if (!st.isDirectory())
        return p === dir
          ? `${dir} exists and is not a directory`
          : `${p} is a file, so ${dir} cannot be created`
      try {
        await access(p, constants.W_OK)
      } catch (err) {
        return `${p} is not writable (${(err as NodeJS.ErrnoException).code})`
      }
      return undefined
    }
    if (path.dirname(p) === p) return undefined
  }
}

export const LOCK_FILE = '.bifrost-build.lock'

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The pid in a lock file: 0 when it holds no pid of ours (a stale lock), undefined when there
 * is no file (nothing to take over: someone may be linking theirs into place right now).
 */
async function lockHolder(file: string): Promise<number | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  const pid = /^(\d+)\n$/.exec(text)
  return pid ? Number(pid[1]) : 0
}

/** A holder that is gone: no such process, or our own pid (a container restarted with it). */
const staleHolder = (pid: number | undefined) =>
  pid !== undefined && (pid === 0 || pid === process.pid || !processAlive(pid))

/** How old a takeover guard must be before it is judged left by a killed run (it lives a few ms). */
const GUARD_STALE_MS = 10_000

/**
 * Takes output-dir for this run: a lock file inside it holding our pid. A second run into
 * the same directory fails at once instead of mixing its files with ours; a lock whose
 * process is gone (a killed run) is taken over. Returns the release, which also removes
 * output-dir again if this run created it and left it empty.
 *
 * The lock appears whole: written to a file of our own, then hard-linked to the lock's name
 * (link fails if the name exists), so no one ever reads a half-written lock. Taking over a
 * stale lock is done by one run at a time, under a second lock (the guard): the guard holder
 * reads the lock again and removes it only if its holder is still gone, and no one else ever
 * removes a lock they do not hold, so a lock that a live run just took is never removed.
 */
export async function lockOutputDir(dir: string): Promise<() => Promise<void>> {
  const existed = await stat(dir).then(
    () => true,
    () => false
  )
  await mkdir(dir, { recursive: true }).catch(err => {
    throw diskError(err, dir) ?? err
  })
  const file = path.join(dir, LOCK_FILE)
  const guard = `${file}.takeover`
  const mine = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`
  const fail = (err: unknown) => diskError(err, dir) ?? err
  await writeFile(mine, `${process.pid}\n`, { flag: 'wx', mode: 0o644 }).catch(err => {
    throw fail(err)
  })
  try {
    for (let tries = 0; ; tries++) {
      try {
        await link(mine, file)
        await removeDeadLockFiles(dir)
        return async () => {
          await rm(file, { force: true })
          if (!existed) await rmdir(dir).catch(() => undefined)
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw fail(err)
      }
      const holder = await lockHolder(file)
      // Gone since our link failed: try again.
      if (holder === undefined && tries < 20) continue
      if (tries >= 20 || !staleHolder(holder))
        throw new BuildError(
          `${dir} is in use by another bifrost-build run (pid ${holder || 'unknown'} holds ${file})`,
          {
            input: 'output-dir',
            fix: 'give each concurrent build its own output-dir, or wait for the other run to finish'
          }
        )
      await takeOverStale(file, guard, mine)
      await new Promise(r => setTimeout(r, 5 + Math.random() * 20))
    }
  } finally {
    await rm(mine, { force: true })
  }
}

/** The lock files a killed run left beside the lock (`<lock>.<pid>.<hex>`), their pid gone. */
async function removeDeadLockFiles(dir: string): Promise<void> {
  const own = new RegExp(`^${LOCK_FILE.replace(/\./g, '\\.')}\\.(\\d+)\\.[0-9a-f]{12}$`)
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = own.exec(name)?.[1]
    if (pid && Number(pid) !== process.pid && !processAlive(Number(pid)))
      await rm(path.join(dir, name), { force: true })
  }
}

/** Removes a stale lock while holding the guard; returns without doing anything if another run holds it. */
async function takeOverStale(file: string, guard: string, mine: string): Promise<void> {
  try {
    await link(mine, guard)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    // A guard left by a run killed in those few milliseconds: its holder gone, and old.
    const st = await stat(guard).catch(() => undefined)
    if (st && Date.now() - st.mtimeMs > GUARD_STALE_MS && staleHolder(await lockHolder(guard)))
      await rm(guard, { force: true })
    return
  }
  try {
    // Read again under the guard: only a guard holder removes a lock, so a lock read here
    // is the file removed next, and its holder is checked once more. No file means no
    // stale lock: a run may be linking its own into place, which must not be removed.
    if (staleHolder(await lockHolder(file))) await rm(file, { force: true })
  } finally {
    await rm(guard, { force: true })
  }
}
