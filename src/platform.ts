/** The machine the action runs on: the default target, and what the load test can run natively. */
import type { Arch } from './context.js'
import { BuildError } from './errors.js'

export function machineArch(): Arch {
  if (process.arch === 'x64') return 'amd64'
  if (process.arch === 'arm64') return 'arm64'
  throw new BuildError(`this machine's architecture ${process.arch} is not supported`, {
    fix: 'run on a linux/amd64 or linux/arm64 runner'
  })
}
