/**
 * The typed context each pipeline stage receives and extends (GoReleaser's pipes style):
 * plan -> toolchain -> cache restore -> build -> verify -> package -> publish (and cache save);
 * each stage reads what the earlier ones left and adds its own result. The types are the
 * contract between the stages: the plan's in context/plan.ts, the results in context/results.ts.
 */
import type { Reporter, StageTiming } from './report.js'
import type { Plan, Toolchain } from './context/plan.js'
import type {
  BuildResult,
  CacheResult,
  ImageResult,
  PackageResult,
  PublishResult,
  VerifyReport
} from './context/results.js'

export type { Arch, Libc, Mode, Target } from './lib/targets.js'
export type { StageTiming }
export type * from './context/plan.js'
export type * from './context/results.js'

export interface RunContext {
  reporter: Reporter
  /** Cancelled when the job is (SIGTERM/SIGINT): stages stop their children. */
  signal: AbortSignal
  toolchain?: Toolchain
  plan?: Plan
  cache?: CacheResult
  build?: BuildResult
  verify?: VerifyReport
  package?: PackageResult
  image?: ImageResult
  publish?: PublishResult
  timings: StageTiming[]
}
