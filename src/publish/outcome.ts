/**
 * The end of every run, passed or failed: outputs known by then, the job summary, a JSON
 * report (output `report`) and one annotation per failed check. The entry points (action and
 * CLI) call `finishRun` once, after the pipeline returned or threw.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { RunContext } from '../context.js'
import { failureOf, failureText, type Failure } from '../errors.js'
import { outputValues, outputsWritten, setOutputs } from './outputs.js'

export const REPORT_FILE = 'bifrost-build-report.json'

export interface RunReport {
  schemaVersion: 1
  generator: 'bifrost-build'
  ok: boolean
  error?: Omit<Failure, 'title'>
  outputs: Record<string, string>
  checks: { id: string; subject: string; status: string; message: string; fix?: string }[]
  loadTest?: { status: string; message: string }
  files: { name: string; size: number; sha256: string }[]
  timings: { stage: string; ms: number; status: string }[]
}

/** Pure: the report a run leaves, from its context and the error that stopped it. */
export function runReport(ctx: RunContext, failure?: Failure): RunReport {
  const checks = (ctx.verify?.checks ?? []).map(c => {
    const { message: text, fix } = c
    return {
      id: c.id,
      subject: c.subject,
      status: c.status,
      message: text,
      ...(fix ? { fix } : {})
    }
  })
  const report: RunReport = {
    schemaVersion: 1,
    generator: 'bifrost-build',
    ok: !failure,
    outputs: outputValues(ctx),
    checks,
    files: (ctx.package?.files ?? []).map(f => ({ name: f.name, size: f.size, sha256: f.sha256 })),
    timings: ctx.timings.map(t => ({ stage: t.stage, ms: t.ms, status: t.status }))
  }
  if (failure) {
    const { title: _title, ...rest } = failure
    void _title
    report.error = rest
  }
  if (ctx.verify?.loadTest)
    report.loadTest = { status: ctx.verify.loadTest.status, message: ctx.verify.loadTest.message }
  return report
}

/**
 * Where the report goes: the runner's temp dir (kept for the job's later steps, and never
 * inside output-dir or the workspace, which a failed run must leave as found), else
 * output-dir (a local run). A CLI run with neither (`verify`, or a build that failed before
 * its plan) writes none: the text summary and `--json` say it all, and a file in the system
 * temp dir would be left behind by every such run.
 */
export function reportPath(ctx: RunContext, env: NodeJS.ProcessEnv): string[] {
  if (env.RUNNER_TEMP) return [path.join(env.RUNNER_TEMP, REPORT_FILE)]
  return ctx.plan ? [path.join(ctx.plan.outputDir, REPORT_FILE)] : []
}

/** The plugin's go.mod for a check about a plugin (module skew, Go version), when the plan knows it. */
export function checkFile(ctx: RunContext, subject: string): string | undefined {
  const plugin = ctx.plan?.plugins.find(p => `${p.name}.so` === subject || p.name === subject)
  if (plugin) return path.join(plugin.moduleDir, 'go.mod')
  if (subject === 'bifrost-http' && ctx.plan?.source.kind === 'checkout')
    return path.join(ctx.plan.source.transportsDir, 'go.mod')
  return undefined
}

/** Annotation paths are relative to the repository root (the workspace). */
function annotationFile(ctx: RunContext, file: string | undefined): string | undefined {
  if (!file) return undefined
  const ws = ctx.plan?.workspace ?? process.env.GITHUB_WORKSPACE
  if (!ws) return file
  const rel = path.relative(ws, file)
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file
}

/**
 * Writes outputs (when the pipeline did not get to), the summary, the JSON report, and the
 * annotations of a failure. Returns the report and the failure, for the entry point to print.
 */
export function finishRun(
  ctx: RunContext,
  err: unknown,
  env: NodeJS.ProcessEnv = process.env,
  /**
   * Report the failure through the reporter (annotations in the action). The CLI says it
   * itself: its log already has each FAIL line and its summary lists them again.
   */
  annotate = true
): { report: RunReport; failure?: Failure; reportFile?: string } {
  const failure = err === undefined ? undefined : failureOf(err)
  if (failure && annotate) {
    for (const c of ctx.verify?.checks ?? []) {
      if (c.status !== 'fail') continue
      const { message: text, fix } = c
      const file = annotationFile(ctx, checkFile(ctx, c.subject))
      ctx.reporter.error(failureText({ message: `${c.subject}: ${text}`, fix }), {
        title: c.id,
        ...(file ? { file } : {})
      })
    }
  }
  if (!outputsWritten(ctx)) setOutputs(ctx, env, failure)
  const report = runReport(ctx, failure)
  let reportFile: string | undefined
  for (const candidate of reportPath(ctx, env)) {
    try {
      mkdirSync(path.dirname(candidate), { recursive: true })
      writeFileSync(candidate, JSON.stringify(report, null, 2) + '\n')
      reportFile = candidate
      break
    } catch {
      /* not writable: try the next place */
    }
  }
  ctx.reporter.setOutput('report', reportFile ?? '')
  if (reportFile) report.outputs.report = reportFile
  if (failure && annotate) {
    const file = annotationFile(ctx, failure.file)
    ctx.reporter.error(failureText(failure), {
      title: failure.title,
      ...(file ? { file } : {})
    })
  }
  return { report, failure, reportFile }
}
