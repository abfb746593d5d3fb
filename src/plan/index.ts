/** Stage 2: inputs -> one validated Plan (pure; reads files only). Owner: plan. */
import type { RawInputs } from '../inputs.js'
import type { Arch, Plan } from '../context.js'

export interface PlanEnv {
  workspace: string
  env: NodeJS.ProcessEnv
  /** The exact Go version the toolchain stage resolved. */
  goVersion: string
  /** The machine's own arch: the default target. */
  hostArch: Arch
  /** Looks a command up on PATH (absolute path or undefined); injectable for tests. */
  which?: (cmd: string) => string | undefined
}

export function makePlan(_raw: RawInputs, _env: PlanEnv): Plan {
  throw new Error('not implemented')
}

/** The plan as readable lines (printed in the plan stage's log group). */
export function describePlan(plan: Plan): string[] {
  return [JSON.stringify(plan, null, 2)]
}
