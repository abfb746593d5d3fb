/**
 * output-dir before anything is written into it: whether it can be written, and the lock that
 * gives it to one run at a time.
 */
import { constants } from 'node:fs'
import { access, mkdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises'
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
 * Takes output-dir for this run: a lock file created exclusively (O_EXCL) inside it, holding
 * our pid. A second run into the same directory fails at once instead of mixing its files
 * with ours; a lock whose process is gone (a killed run) is taken over. Returns the release,
 * which also removes output-dir again if this run created it and left it empty.
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
  for (let tries = 0; ; tries++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o644 })
      return async () => {
        await rm(file, { force: true })
        if (!existed) await rmdir(dir).catch(() => undefined)
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw diskError(err, dir) ?? err
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim())
    // Our own pid can only be a leftover (a container restarted with the same pid).
    if (tries >= 2 || (holder > 0 && holder !== process.pid && processAlive(holder)))
      throw new BuildError(
        `${dir} is in use by another bifrost-build run (pid ${holder || 'unknown'} holds ${file})`,
        {
          input: 'output-dir',
          fix: 'give each concurrent build its own output-dir, or wait for the other run to finish'
        }
      )
    await rm(file, { force: true })
  }
}
