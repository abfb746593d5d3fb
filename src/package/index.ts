/** Stage 5: move verified files into output-dir; archive, SHA256SUMS, manifest, BUILD.md, Dockerfile. Owner: package. */
import type { BuildResult, PackageResult, Plan, Toolchain, VerifyReport } from '../context.js'
import type { Reporter } from '../report.js'

export interface PackageInput {
  plan: Plan
  toolchain: Toolchain
  build: BuildResult
  verify: VerifyReport
  timings: { stage: string; ms: number }[]
  reporter: Reporter
}

export async function packageOutputs(_input: PackageInput): Promise<PackageResult> {
  throw new Error('not implemented')
}
