/** The machine the action runs on: the default target, and what the load test can run natively. */
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
