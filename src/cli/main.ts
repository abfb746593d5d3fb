/**
 * `bifrost-build build|verify|setup-go`: the action's engine as a command. Flags carry the
 * action's input names (`--go-version 1.26.1`, `--version 1.4.19`). Exit 0 on success, 1 on a
 * failed build or check, 2 on bad usage, 128+N when stopped by signal N (130 for Ctrl-C).
 */
import path from 'node:path'
import { constants as osConstants } from 'node:os'
import { readFileSync } from 'node:fs'
import { BuildError, failureOf, failureText } from '../errors.js'
import { TOOL_VERSION } from '../tool-version.js'
import { checkRunnerOs } from '../platform.js'
import { runPipeline, runSetupGo } from '../pipeline.js'
import { ConsoleReporter } from '../report.js'
import { run } from '../proc.js'
import { finishSession, runSession, type SessionEnd } from '../session.js'
import { memoryState } from '../cache/state.js'
import { LOCAL_GO, parseCli, type CliArgs, type CliRequest } from './args.js'
import { usage } from './help.js'
import { textSummary } from './summary.js'

async function pathGoVersion(): Promise<string> {
  // No go on PATH makes the spawn itself fail: the same error as a go that says nothing.
  const r = await run('go', ['env', 'GOVERSION'], {
    env: { ...process.env, GOTOOLCHAIN: 'local' }
  }).catch(() => ({ code: 1, stdout: '' }))
  const v = r.stdout.trim().replace(/^go/, '')
  if (r.code !== 0 || !v) {
    throw new BuildError('--go-download-source local needs a go on PATH', {
      input: 'go-download-source',
      fix: 'install Go, or drop --go-download-source local to download the release'
    })
  }
  return v
}

/** An error before any run (bad flags): the text on stderr, and as JSON on stdout with --json. */
function printUsageError(e: unknown, json: boolean): number {
  const f = failureOf(e)
  process.stderr.write(`error: ${failureText(f)}\n`)
  if (json) process.stdout.write(JSON.stringify({ ok: false, error: f }, null, 2) + '\n')
  return f.exitCode
}

export async function main(argv: string[]): Promise<number> {
  const wantsJson = argv.includes('--json')
  let args: CliRequest
  try {
    args = parseCli(argv)
  } catch (e) {
    return printUsageError(e, wantsJson)
  }
  if (typeof args === 'string' || 'help' in args || 'doctor' in args) return printInfo(args)
  const reporter = new ConsoleReporter(process.stderr, args.verbose)
  let goVersionFrom: string | undefined
  let cancelled: NodeJS.Signals | undefined
  try {
    if (args.raw['go-version'] === LOCAL_GO) {
      args.raw['go-version'] = await pathGoVersion()
      goVersionFrom = 'the Go on PATH, go-download-source: local'
    }
  } catch (e) {
    return printUsageError(e, args.json)
  }
  const command = args
  const session = await runSession({ reporter, onSignal: sig => (cancelled = sig) }, async ctx => {
    const opts = {
      reporter,
      workspace: path.resolve(process.cwd()),
      env: process.env,
      signal: ctx.signal,
      // No post step: the cache is saved right after success, its key kept in memory.
      cacheState: memoryState(),
      goVersionFrom,
      ctx
    }
    checkRunnerOs()
    if (command.command === 'setup-go') await runSetupGo(command.raw, opts)
    else await runPipeline(command.raw, opts)
  })
  if (cancelled) process.stderr.write(`\ncancelled (${cancelled})\n`)
  return args.command === 'setup-go'
    ? setupGoEnd(session, args, cancelled)
    : pipelineEnd(session, args, cancelled)
}

/** help, version and doctor: printed on stdout, exit 0. */
async function printInfo(args: Exclude<CliRequest, CliArgs>): Promise<number> {
  if (args === 'help') process.stdout.write(usage() + '\n')
  else if (args === 'version') process.stdout.write(`bifrost-build ${TOOL_VERSION}\n`)
  else if ('help' in args) process.stdout.write(usage(args.help) + '\n')
  else {
    const { doctor, doctorText } = await import('./doctor.js')
    const d = await doctor()
    process.stdout.write(args.json ? JSON.stringify(d, null, 2) + '\n' : doctorText(d) + '\n')
  }
  return 0
}

/** setup-go prints the GOROOT it installed, as actions/setup-go's output does. */
function setupGoEnd(session: SessionEnd, args: CliArgs, cancelled?: NodeJS.Signals): number {
  if (cancelled) return signalExit(cancelled)
  if (session.failure !== undefined) return printUsageError(session.failure, args.json)
  process.stdout.write(`${session.ctx.toolchain!.goroot}\n`)
  return 0
}

/** The end of a build or verify: the summary on stderr, the manifest or report with --json. */
async function pipelineEnd(
  session: SessionEnd,
  args: CliArgs,
  cancelled?: NodeJS.Signals
): Promise<number> {
  const { ctx } = session
  // The CLI says the failure itself: its log has each FAIL line and the summary lists them.
  const end = await finishSession(session, { annotate: false })
  // Failed checks are in the log (each FAIL line with its fix) and in the summary below;
  // any other failure is said here, once.
  const failedChecks = (ctx.verify?.checks ?? []).some(c => c.status === 'fail')
  if (end.failure && !failedChecks && !cancelled)
    process.stderr.write(`error: ${failureText(end.failure)}\n`)
  process.stderr.write('\n' + textSummary(ctx, end.failure) + '\n')
  if (end.reportFile) process.stderr.write(`Report: ${end.reportFile}\n`)
  if (args.json) {
    const body =
      end.failure || !ctx.package
        ? JSON.stringify(end.failure ? end.report : (ctx.verify ?? {}), null, 2) + '\n'
        : readFileSync(ctx.package.manifest, 'utf8')
    process.stdout.write(body)
  }
  if (cancelled) return signalExit(cancelled)
  return end.failure ? end.failure.exitCode : 0
}

/** 128 + the signal's number, as a shell reports a command it stopped: 130 for Ctrl-C. */
export function signalExit(sig: NodeJS.Signals): number {
  return 128 + (osConstants.signals[sig] ?? 15)
}
