/**
 * How a pipeline's steps are made and what they share: the run (inputs, options, the stage
 * table, the context they fill) and `step`, which checks and types what a step needs from the
 * steps before it.
 */
import type { Arch, RunContext, ToolchainRequest } from './context.js'
import type { RawInputs } from './inputs.js'
import type { PlanDraft } from './plan/index.js'
import type { Reporter } from './report.js'
import type { StateStore } from './cache/state.js'
import type { StageEntries } from './stages.js'
import type { VerifyOnlyInput } from './plan/verify-inputs.js'

export interface PipelineOptions {
  reporter: Reporter
  workspace: string
  env: NodeJS.ProcessEnv
  signal: AbortSignal
  /**
   * Where the cache restore leaves its key for the save: the runner's state (the action saves
   * in its post step) or memory (the CLI saves right after success). Chosen by the entry.
   */
  cacheState: StateStore
  /**
   * Where go-version came from when the caller filled it in (the CLI's Go on PATH), for the
   * plan's `Go:` line and messages; the input itself is still go-version.
   */
  goVersionFrom?: string
  /** The run's context, made by the caller so it still holds what was known when a stage throws. */
  ctx?: RunContext
  /** Stage functions to use instead of the real ones (tests). */
  stages?: Partial<StageEntries>
}

/** What the steps of one run share: the inputs, the context they fill, and what is in between. */
export interface Run {
  raw: RawInputs
  opts: PipelineOptions
  stages: StageEntries
  ctx: RunContext
  hostArch: Arch
  /** The Go release asked for (the plan's output for the toolchain). */
  request?: ToolchainRequest
  /** The plan before the exact Go release is known. */
  draft?: PlanDraft
  verifyInput?: VerifyOnlyInput
  staging?: { dir: string; goTmp: string }
  /** Undone in reverse order when the run ends, passed or failed; a step may undo one early. */
  cleanups: Map<string, () => Promise<void>>
}

type CtxKey = Exclude<keyof RunContext, 'reporter' | 'signal' | 'timings'>
type RunKey = 'request' | 'draft' | 'verifyInput' | 'staging'
type Have<T, K extends keyof T> = T & { [P in K]-?: NonNullable<T[P]> }
/** The run as a step sees it: what the steps before it left is typed as present. */
type Ready<C extends CtxKey, R extends RunKey> = Have<Run, R> & { ctx: Have<RunContext, C> }

/** One step: what it is called in the log (a log group when `stage` is set) and what it does. */
export interface Step {
  name: string
  /** Runs inside a log group of this name, timed in the summary. */
  stage?: string
  skip?: (r: Run) => boolean
  run: (r: Run) => Promise<void> | void
}

/**
 * A step that needs `ctx` and `run` fields left by the steps before it: they are checked
 * before it runs (a misordered list fails at once, naming the field) and typed as present.
 */
export function step<C extends CtxKey = never, R extends RunKey = never>(
  name: string,
  needs: { ctx?: readonly C[]; run?: readonly R[] },
  run: (r: Ready<C, R>) => Promise<void> | void,
  more: Partial<Step> = {}
): Step {
  return {
    name,
    run: r => {
      const missing = [
        ...(needs.ctx ?? []).filter(k => r.ctx[k] === undefined),
        ...(needs.run ?? []).filter(k => r[k] === undefined)
      ]
      if (missing.length) throw new Error(`step "${name}" runs before ${missing.join(', ')}`)
      return run(r as Ready<C, R>)
    },
    ...more
  }
}

export async function undo(r: Run, name: string): Promise<void> {
  const fn = r.cleanups.get(name)
  r.cleanups.delete(name)
  await fn?.()
}
