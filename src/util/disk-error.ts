/**
 * A failed write while producing outputs, as one line the user can act on instead of a bare
 * errno: the cause (full disk, read-only or forbidden directory, a file where a directory
 * belongs), the fix for that cause, and which directory it is about: output-dir, or the
 * staging directory in RUNNER_TEMP.
 */
import { BuildError } from '../errors.js'
import { isInside } from './inside.js'

const SPACE: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EFBIG: 'a file exceeds the size limit'
}
const ACCESS: Record<string, string> = {
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted'
}

/** A file in the way of a directory: ENOTDIR on any call, EEXIST only from mkdir (recursive). */
function notADirectory(e: NodeJS.ErrnoException): string | undefined {
  if (e.code === 'ENOTDIR') return 'part of that path is a file, not a directory'
  if (e.code === 'EEXIST' && e.syscall === 'mkdir') return 'it exists and is not a directory'
  return undefined
}

/** The error to throw instead of `err`, or undefined when `err` is not such a failure. */
export function diskError(
  err: unknown,
  outputDir: string,
  stagingDir?: string
): BuildError | undefined {
  if (err instanceof BuildError) return undefined
  const e = err as NodeJS.ErrnoException
  const code = e?.code ?? ''
  const space = SPACE[code]
  const access = ACCESS[code]
  const inStaging = !!(stagingDir && e.path && isInside(stagingDir, e.path))
  // Only inside output-dir: elsewhere (the build's own temp files) it is not about a setting.
  const notDir = e?.path && isInside(outputDir, e.path) ? notADirectory(e) : undefined
  const why = space ?? access ?? notDir
  if (!why) return undefined
  const where = inStaging ? 'the temp directory (RUNNER_TEMP)' : 'output-dir'
  return new BuildError(`writing ${e.path ?? outputDir} failed: ${why} (${code})`, {
    ...(inStaging ? {} : { input: 'output-dir' }),
    fix: space
      ? `free space on that disk or point ${where} at a disk with room; nothing was published`
      : access
        ? `make that directory writable or point ${where} at a writable directory; nothing was published`
        : 'remove that file or point output-dir at a directory; nothing was published',
    cause: err
  })
}
