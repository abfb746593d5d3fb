/** The run's temp directory: the runner's RUNNER_TEMP, else the system's. */
import { mkdir } from 'node:fs/promises'
import os from 'node:os'
import { BuildError } from '../errors.js'

export function tempRoot(env: NodeJS.ProcessEnv): string {
  return env.RUNNER_TEMP || os.tmpdir()
}

/**
 * The temp root, created when RUNNER_TEMP names a directory that is not there yet (a runner
 * set up by hand, a cleaned-up temp dir): a raw ENOENT from mkdtemp names nothing to fix.
 */
export async function ensureTempRoot(env: NodeJS.ProcessEnv): Promise<string> {
  const dir = tempRoot(env)
  try {
    await mkdir(dir, { recursive: true })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message
    throw new BuildError(
      `the temp directory ${dir}${env.RUNNER_TEMP ? ' (RUNNER_TEMP)' : ''} does not exist and cannot be created (${code})`,
      { fix: 'point RUNNER_TEMP at a writable directory, or unset it to use the system temp dir' }
    )
  }
  return dir
}
