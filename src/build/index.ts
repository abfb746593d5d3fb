/** Stage 3: host, then plugins, with one toolchain and one flag set. Owner: build. */
import type { BuildResult, Plan, Toolchain } from '../context.js'
import type { Reporter } from '../report.js'

export interface BuildInput {
  plan: Plan
  toolchain: Toolchain
  reporter: Reporter
  signal: AbortSignal
  /** Write binaries here; packaging moves them to output-dir once verified. */
  stagingDir: string
}

export async function build(_input: BuildInput): Promise<BuildResult> {
  throw new Error('not implemented')
}
