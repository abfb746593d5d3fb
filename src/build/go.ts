/**
 * The one place the build stage runs go: lines streamed to the reporter, cancellation, the
 * compiler's complaint for the one-line error, and one more try when the go command itself
 * crashes (a runtime fault of go, not an error in the source).
 */
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { BuiltFile, CommandRecord, Plan } from '../context.js'
import { BuildError } from '../errors.js'
import { run, type RunResult } from '../proc.js'
import type { Reporter } from '../report.js'
import { HOST_FILE } from '../bifrost.js'
import {
  childEnv,
  PROBLEM_MATCHER,
  PROBLEM_MATCHER_OWNER,
  workspaceRelativeLine
} from './commands.js'
import type { Ctx } from './ctx.js'

/** The output names, in output-dir as in the staging dir: one name per file from here on. */
export { HOST_FILE }
export function pluginFile(name: string): string {
  return `plugins/${name}.so`
}

export async function registerMatcher(
  reporter: Reporter,
  env: NodeJS.ProcessEnv
): Promise<() => void> {
  if (!reporter.addMatcher || !env.RUNNER_TEMP) return () => {}
  const file = path.join(env.RUNNER_TEMP, `${PROBLEM_MATCHER_OWNER}.json`)
  await writeFile(file, JSON.stringify(PROBLEM_MATCHER, null, 2))
  reporter.addMatcher(file)
  return () => reporter.removeMatcher?.(PROBLEM_MATCHER_OWNER)
}

function relToWorkspace(plan: Plan, dir: string): string {
  const rel = path.relative(plan.workspace, dir)
  return rel.startsWith('..') || path.isAbsolute(rel) ? '' : rel
}

/**
 * Runs a go command, streaming its lines; failing exit codes are the caller's to judge. A go
 * command that crashes (a runtime fault such as SIGBUS from a cache file changed under it, or
 * a machine out of memory) is run once more; a second crash is one error that says so.
 */
export async function runGo(
  ctx: Ctx,
  rec: CommandRecord,
  opts: { stream?: 'all' | 'stderr'; record?: boolean } = {}
): Promise<RunResult> {
  if (opts.record !== false) ctx.commands.push(rec)
  ctx.onCommand?.(rec)
  const first = await runGoOnce(ctx, rec, opts)
  const crash = goCrash(first)
  if (!crash) return first
  ctx.reporter.warning(
    `go ${rec.argv[1]} crashed (${crash}); running it once more, as a crash of the go command is not an error in the source`
  )
  const again = await runGoOnce(ctx, rec, opts)
  const twice = goCrash(again)
  if (!twice) return again
  const gocache = ctx.toolchain.env.GOCACHE ?? ctx.baseEnv.GOCACHE
  throw new BuildError(`go ${rec.argv.slice(1).join(' ')} crashed twice in ${rec.cwd}: ${twice}`, {
    fix: `run the job again; if go keeps crashing, check the runner's free disk space and memory, and empty the Go build cache with go clean -cache${gocache ? ` (GOCACHE is ${gocache})` : ''}`
  })
}

async function runGoOnce(
  ctx: Ctx,
  rec: CommandRecord,
  opts: { stream?: 'all' | 'stderr' }
): Promise<RunResult> {
  if (ctx.signal.aborted) throw cancelled()
  const cwdRel = relToWorkspace(ctx.plan, rec.cwd)
  const r = await run(rec.argv[0], rec.argv.slice(1), {
    cwd: rec.cwd,
    env: childEnv(ctx.baseEnv, ctx.toolchain, rec.env),
    signal: ctx.signal,
    onLine: (line, stream) => {
      if (opts.stream === 'stderr' && stream === 'stdout') return
      ctx.reporter.processLine(workspaceRelativeLine(line, cwdRel))
    }
  })
  if (ctx.signal.aborted) throw cancelled()
  return r
}

/**
 * The first line of a Go runtime crash in a go command's output (`unexpected fault address`,
 * `fatal error: ...`, `panic: ...`, with its `[signal ...]` line), or undefined. A crash has a
 * goroutine trace; a compile error never does, so source errors are never retried.
 */
export function goCrash(r: Pick<RunResult, 'code' | 'stdout' | 'stderr'>): string | undefined {
  if (r.code === 0) return undefined
  const text = `${r.stderr}\n${r.stdout}`
  if (!/^goroutine \d+ \[/m.test(text)) return undefined
  const head = /^(unexpected fault address .*|fatal error: .*|panic: .*)$/m.exec(text)?.[1]
  const signal = /^\[signal ([^\]]*)\]/m.exec(text)?.[1]
  if (!head && !signal) return undefined
  return [head, signal && `signal ${signal}`].filter(Boolean).join('; ')
}

export function cancelled(): BuildError {
  return new BuildError('the build was cancelled', { fix: 'run it again' })
}

/** The compiler's own complaint, a few lines, for the one-line error. */
export function errorTail(r: RunResult): string {
  const lines = (r.stderr || r.stdout).split('\n').filter(l => l.trim() && !l.startsWith('#'))
  const errs = lines.filter(l => /\.go:\d+/.test(l))
  return (errs.length ? errs : lines).slice(0, 5).join('; ')
}

export async function goBuild(
  ctx: Ctx,
  rec: CommandRecord,
  kind: 'host' | 'plugin',
  name: string
): Promise<BuiltFile> {
  const label = kind === 'host' ? 'the host (bifrost-http)' : `plugin ${name}`
  ctx.reporter.info(`building ${label}`)
  // Its command is recorded on the file it builds, apart from the preparation.
  const r = await runGo(ctx, rec, { record: false })
  if (r.code !== 0)
    throw new BuildError(
      `go build of ${label} failed (exit ${r.code ?? r.signal}) in ${rec.cwd}: ${errorTail(r)}`,
      {
        file: rec.cwd,
        fix:
          kind === 'host'
            ? 'fix the compile errors shown above (the same command is in the log)'
            : `fix plugin ${name}'s compile errors shown above`
      }
    )
  ctx.reporter.info(`built ${label} in ${(r.durationMs / 1000).toFixed(1)} s`)
  const output = rec.argv[rec.argv.indexOf('-o') + 1]
  return {
    kind,
    name: kind === 'host' ? HOST_FILE : name,
    file: kind === 'host' ? HOST_FILE : pluginFile(name),
    path: output,
    command: rec,
    durationMs: r.durationMs
  }
}
