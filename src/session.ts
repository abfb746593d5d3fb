/**
 * One run of the action or the CLI around the pipeline: the run's context, SIGTERM/SIGINT
 * stopping every child, and the end of the run (outputs, summary, report, annotations) passed
 * or failed. Both entries run through here, so a signal or a failure ends a run the same way.
 */
import type { RunContext } from './context.js'
import { cancelledError } from './errors.js'
import { killAll } from './proc.js'
import type { Reporter } from './report.js'

export interface SessionOptions {
  reporter: Reporter
  /** Said when a signal arrives, before the children are stopped. */
  onSignal?: (sig: NodeJS.Signals) => void
  /** A run stopped by a signal fails as `cancelled: ...` with a fix, instead of its own error. */
  cancelledError?: boolean
}

export interface SessionEnd {
  ctx: RunContext
  /** What stopped the run, or undefined when it passed. */
  failure: unknown
}

/** Runs `body` with a fresh context and the signal handlers set; never throws. */
export async function runSession(
  opts: SessionOptions,
  body: (ctx: RunContext) => Promise<unknown>
): Promise<SessionEnd> {
  const { reporter } = opts
  const controller = new AbortController()
  const onSignal = (sig: NodeJS.Signals) => {
    opts.onSignal?.(sig)
    controller.abort(new Error(`cancelled by ${sig}`))
    killAll('SIGTERM')
  }
  process.once('SIGTERM', onSignal)
  process.once('SIGINT', onSignal)
  const ctx: RunContext = { reporter, signal: controller.signal, timings: reporter.timings }
  let failure: unknown
  try {
    await body(ctx)
  } catch (err) {
    failure = opts.cancelledError && controller.signal.aborted ? cancelledError(err) : err
  } finally {
    process.off('SIGTERM', onSignal)
    process.off('SIGINT', onSignal)
  }
  return { ctx, failure }
}

/** Passed or failed: the outputs known by now, the summary, the report, the annotations. */
export async function finishSession(end: SessionEnd, opts: { annotate?: boolean } = {}) {
  // Loaded as the pipeline loads publish: one lazy chunk for both.
  const { finishRun } = await import('./publish/index.js')
  return finishRun(end.ctx, end.failure, process.env, opts.annotate ?? true)
}
