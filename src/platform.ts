/** The machine the action runs on: the default target, and what the load test can run natively. */
import { accessSync, constants, statSync } from 'node:fs'
import type { Arch } from './context.js'
import { BuildError } from './errors.js'
import { TARGET_LIST, TARGETS } from './lib/targets.js'

export function machineArch(): Arch {
  const target = TARGETS.find(t => t.nodeArch === process.arch)
  if (target) return target.arch
  throw new BuildError(`this machine's architecture ${process.arch} is not supported`, {
    fix: `run on a ${TARGET_LIST} runner`
  })
}

/**
 * Go plugins (`-buildmode=plugin`) build and load only on Linux here: a macOS or Windows runner
 * would fetch a linux toolchain and fail much later, so it stops first, in one line.
 */
export function checkRunnerOs(platform: NodeJS.Platform = process.platform): void {
  if (platform === 'linux') return
  const name = platform === 'darwin' ? 'macOS' : platform === 'win32' ? 'Windows' : platform
  throw new BuildError(
    `this runner is ${name}: Bifrost plugins (-buildmode=plugin) need Linux here`,
    { fix: 'run the job on a Linux runner, e.g. runs-on: ubuntu-24.04 (or ubuntu-24.04-arm)' }
  )
}

/** The runner's command files the action writes through @actions/core. */
const RUNNER_FILES = ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STATE'] as const

/**
 * Each runner command file that is set must be a writable file: @actions/core only finds
 * out when the first output is set, after the build, and says `Missing file at path` with
 * nothing named. Checked before anything runs.
 */
export function checkRunnerFiles(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of RUNNER_FILES) {
    const file = env[name]
    if (!file) continue
    let why: string | undefined
    try {
      if (!statSync(file).isFile()) why = 'is not a regular file'
      else accessSync(file, constants.W_OK)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      why = code === 'ENOENT' ? 'does not exist' : `is not writable (${code})`
    }
    if (why)
      throw new BuildError(`${name} names ${file}, which ${why}; the outputs cannot be written`, {
        fix: `run the action as a step of a GitHub Actions job (the runner creates ${name} for each step), or point ${name} at a writable file`
      })
  }
}
