/**
 * `bifrost-build build|verify|setup-go`: the action's engine as a command. Flags carry the
 * action's input names (`--go-version 1.26.1`, `--version 1.4.19`). Exit 0 on success, 1 on a
 * failed build or check, 2 on bad usage, 128+N when stopped by signal N (130 for Ctrl-C).
 */
import { parseArgs } from 'node:util'
import path from 'node:path'
import { constants as osConstants } from 'node:os'
import { readFileSync } from 'node:fs'
import { BuildError, failureOf, failureText, type Failure } from '../errors.js'
import { TOOL_VERSION } from '../tool-version.js'
import { checkRunnerOs } from '../platform.js'
import { defaults, INPUTS, type Command, type InputName } from '../inputs.js'
import { runPipeline, runSetupGo } from '../pipeline.js'
import { ConsoleReporter } from '../report.js'
import { run } from '../proc.js'
import { finishSession, runSession } from '../session.js'
import { memoryState } from '../cache/state.js'
import { ALIGN, GO_WORK, MODES, UI_MODES, VERIFY_LEVELS } from '../plan/index.js'
import { LIBCS, TARGET_NAMES } from '../lib/targets.js'
import { SOURCES } from '../plan/go-request.js'
import type { RunContext } from '../context.js'
import { humanSize } from '../util/human-size.js'

const COMMANDS: readonly Command[] = ['build', 'verify', 'setup-go']
/** Commands that run no pipeline and take no input flags. */
const TOOLS = ['doctor'] as const

/** Inputs that may be given several times; the values are joined with newlines. */
const LISTS = new Set(['plugins', 'plugin-binaries', 'tags', 'ldflags', 'cache-dependency-path'])

/** Short names of the verify command (`verify --host bin --plugin a.so --load`). */
const ALIASES: Record<string, string> = { host: 'host-binary', plugin: 'plugin-binaries' }

/**
 * Older spellings still taken: `--bifrost-stamp` was the version stamp's flag before
 * `--version` after a command became it (`bifrost-build --version` alone prints this tool's).
 */
const OLD_NAMES: Record<string, string> = { 'bifrost-stamp': 'version' }
const inputOf = (flag: string) => OLD_NAMES[flag] ?? ALIASES[flag] ?? flag

/** What a flag takes, for the error when its value is missing. */
const VALUES: Record<string, readonly string[]> = {
  mode: MODES,
  libc: LIBCS,
  target: TARGET_NAMES,
  'align-modules': ALIGN,
  'go-work': GO_WORK,
  ui: UI_MODES,
  verify: VERIFY_LEVELS,
  'go-download-source': SOURCES,
  trimpath: ['true', 'false'],
  upload: ['true', 'false'],
  overwrite: ['true', 'false'],
  cache: ['true', 'false'],
  'verify-only': ['true', 'false']
}
const EXAMPLE: Record<string, string> = {
  'go-version': '1.26.1',
  'go-version-file': 'transports/go.mod',
  'go-download-base-url': 'https://go.dev/dl',
  source: '.',
  'bifrost-version': '1.4.19',
  cc: 'gcc',
  plugins: 'plugins/hello',
  version: '1.4.19',
  'plugin-version': '1.0.0',
  tags: 'netgo',
  ldflags: '-X=main.A=b',
  'verify-timeout': '60',
  'glibc-max': '2.31',
  'host-binary': 'bifrost-http',
  'host-binary-sha256': '<64 hex digits>',
  'plugin-binaries': 'hello.so',
  'host-manifest': 'manifest.json',
  'output-dir': 'bifrost-dist',
  'artifact-name': 'my-build',
  'retention-days': '7'
}

/** `one of: a, b` or `e.g. --x value` for a flag given without its value. */
export function valueHint(flag: string): string {
  const name = inputOf(flag)
  const allowed = VALUES[name]
  if (allowed) return `write --${flag} <value>, one of: ${allowed.join(', ')}`
  const example = EXAMPLE[name] ?? 'x'
  // A value starting with "-" must be joined with "=", or it reads as a flag.
  return example.startsWith('-')
    ? `write --${flag}=<value>, e.g. --${flag}=${example}`
    : `write --${flag} <value>, e.g. --${flag} ${example}`
}

/** What the CLI uses when a flag is not given (differs from the action for local runs). */
function cliDefault(name: string, command: Command): string {
  if (name === 'upload' || name === 'cache') return 'false'
  if (name === 'verify' && command === 'verify') return 'static (full with --load)'
  return INPUTS.find(i => i.name === name)?.default ?? ''
}

/** verify reads build info from the files and needs no Go: these are taken there but ignored. */
const GO_FLAGS = ['go-version', 'go-version-file', 'go-download-base-url', 'go-download-source']

const WIDTH = 100

/** Wraps `text` to WIDTH columns: the first line starts with `first`, the others with `indent` spaces. */
export function wrap(text: string, indent: number, first = ''): string[] {
  const lines: string[] = []
  let line = first.padEnd(indent)
  let empty = true
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line)
      line = ' '.repeat(indent) + word
    } else {
      line += (empty ? '' : ' ') + word
    }
    empty = false
  }
  lines.push(line.trimEnd())
  return lines
}

const ABOUT: Record<Command | 'doctor', { what: string; usage: string; examples: string[] }> = {
  build: {
    what: 'Build Bifrost and its plugins with one Go, verify they load together, package them.',
    usage:
      'bifrost-build build [--source dir | --bifrost-version x.y.z] [--plugins dir ...] [flags]',
    examples: [
      'bifrost-build build --source . --plugins plugins/hello --version 1.4.19',
      'bifrost-build build --bifrost-version 1.4.19 --plugins ./my-plugin --libc musl',
      'bifrost-build build --host-binary ./bifrost-http --plugins ./my-plugin',
      'bifrost-build build --source . --go-work local --plugins examples/plugins/hello-world',
      'bifrost-build build --go-download-source local --target linux/arm64 --json'
    ]
  },
  verify: {
    what: 'Check a host binary and plugins built elsewhere: ELF, libc, Go build info, modules.',
    usage:
      'bifrost-build verify (--host <bifrost-http> | --host-manifest <manifest.json>) --plugin <a.so> [--load]',
    examples: [
      'bifrost-build verify --host dist/bifrost-http --plugin dist/plugins/hello.so',
      'bifrost-build verify --host-manifest manifest.json --plugin my.so',
      'bifrost-build verify --host ./bifrost-http --plugin a.so --plugin b.so --load --json'
    ]
  },
  'setup-go': {
    what: 'Install the exact Go release (verified) and print its GOROOT.',
    usage: 'bifrost-build setup-go [--go-version 1.26.1 | --go-version-file go.mod]',
    examples: [
      'export PATH="$(bifrost-build setup-go --go-version 1.26.1)/bin:$PATH"',
      'bifrost-build setup-go --go-version-file transports/go.mod --go-download-source goproxy'
    ]
  },
  doctor: {
    what: 'Show what this machine has for each target (C compilers, musl, qemu-user, unshare).',
    usage: 'bifrost-build doctor [--json]',
    examples: ['bifrost-build doctor']
  }
}

export function usage(command?: Command | 'doctor'): string {
  if (command) return commandUsage(command)
  const lines = [
    'Usage: bifrost-build <command> [flags]',
    '',
    'Commands:',
    ...[...COMMANDS, ...TOOLS].flatMap(c => wrap(ABOUT[c].what, 13, `  ${c.padEnd(10)}`)),
    '',
    'Global flags:',
    '  --json       print the result as JSON on stdout (on failure too: the report, or the error)',
    '  --verbose    show every line of go build output',
    '  --version    print the version of bifrost-build (after a command: the version to stamp)',
    '  -h, --help   this text; `bifrost-build <command> --help` lists the flags of a command',
    '',
    'Examples:',
    ...[...ABOUT.build.examples.slice(0, 2), ABOUT.verify.examples[0]].map(e => `  ${e}`),
    '',
    EXIT_CODES
  ]
  return lines.join('\n')
}

const EXIT_CODES =
  'Exit codes: 0 ok, 1 failed build or check, 2 bad usage, 130 interrupted (Ctrl-C), 143 terminated.'

function commandUsage(command: Command | 'doctor'): string {
  const about = ABOUT[command]
  const lines = [...wrap(about.usage, 7, 'Usage:'), '', ...wrap(about.what, 0), '']
  if (command !== 'doctor') {
    lines.push('Flags (the action inputs of the same names):')
    const specs = INPUTS.filter(
      i =>
        i.commands.includes(command) &&
        i.name !== 'token' &&
        i.name !== 'verify-only' &&
        !(command === 'verify' && GO_FLAGS.includes(i.name))
    )
    for (const i of specs) {
      const alias = Object.keys(ALIASES).find(a => ALIASES[a] === i.name)
      const flag = alias ? `--${alias}, --${i.name}` : `--${i.name}`
      const def = cliDefault(i.name, command)
      const text = `${i.description.replace(/`/g, '')}${def ? ` (default: ${def})` : ''}`
      lines.push(
        ...(flag.length > 24
          ? [`  ${flag}`, ...wrap(text, 27)]
          : wrap(text, 27, `  ${flag.padEnd(24)}`))
      )
    }
    if (command === 'verify')
      lines.push(
        ...wrap(
          'also load the plugins into the host (verify: full)',
          27,
          `  ${'--load'.padEnd(24)}`
        )
      )
  }
  lines.push(
    ...wrap(
      'print the result as JSON on stdout; on failure the report or the error',
      27,
      `  ${'--json'.padEnd(24)}`
    ),
    '',
    'Examples:',
    ...about.examples.map(e => `  ${e}`),
    '',
    EXIT_CODES
  )
  return lines.join('\n')
}

/** Placeholder replaced by the version of the Go on PATH before the pipeline runs. */
const LOCAL_GO = '<go on PATH>'

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

export interface CliArgs {
  command: Command
  raw: Record<string, string>
  json: boolean
  verbose: boolean
}

export type CliRequest =
  CliArgs | 'help' | 'version' | { help: Command | 'doctor' } | { doctor: true; json: boolean }

const GLOBAL = ['help', 'json', 'verbose', 'load']
const NAMES = [...COMMANDS, ...TOOLS]

/** The closest known flag to a misspelt one (edit distance <= 2), for the error's fix. */
export function closestFlag(flag: string, known: string[]): string | undefined {
  const dist = (a: string, b: string) => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)])
    for (let j = 1; j <= b.length; j++) d[0][j] = j
    for (let i = 1; i <= a.length; i++)
      for (let j = 1; j <= b.length; j++)
        d[i][j] = Math.min(
          d[i - 1][j] + 1,
          d[i][j - 1] + 1,
          d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
        )
    return d[a.length][b.length]
  }
  const best = known.map(k => [k, dist(flag, k)] as const).sort((x, y) => x[1] - y[1])[0]
  return best && best[1] <= 2 ? best[0] : undefined
}

/** node:util's parse errors, said in the CLI's words with the fix that applies. */
function flagError(e: Error, command: string | undefined, known: string[]): BuildError {
  const code = (e as NodeJS.ErrnoException).code
  const flag = /'(-{1,2}[^' ]+)/.exec(e.message)?.[1] ?? ''
  const help = command ? `bifrost-build ${command} --help` : 'bifrost-build --help'
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const near = closestFlag(flag.replace(/^-+/, ''), known)
    return new BuildError(`unknown flag ${flag}${command ? ` for "${command}"` : ''}`, {
      usage: true,
      fix: near ? `did you mean --${near}? (${help} lists the flags)` : `${help} lists the flags`
    })
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = flag.replace(/^-+/, '')
    if (/argument is ambiguous/.test(e.message))
      return new BuildError(`${flag} is followed by a value that starts with "-"`, {
        usage: true,
        fix: `join them with "=": write ${flag}=<value>, e.g. ${flag}=-extldflags=-fuse-ld=bfd`
      })
    if (/argument missing/.test(e.message))
      return new BuildError(`${flag} needs a value`, { usage: true, fix: valueHint(name) })
    return new BuildError(`${flag} takes no value`, { usage: true, fix: `write ${flag} alone` })
  }
  return new BuildError(e.message, { usage: true, fix: `${help} lists the flags` })
}

export function parseCli(argv: string[]): CliRequest {
  const options: Record<
    string,
    { type: 'string' | 'boolean'; multiple?: boolean; short?: string }
  > = {
    help: { type: 'boolean', short: 'h' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    load: { type: 'boolean' }
  }
  for (const i of INPUTS) options[i.name] = { type: 'string', multiple: LISTS.has(i.name) }
  for (const a of [...Object.keys(ALIASES), ...Object.keys(OLD_NAMES)])
    options[a] = { type: 'string', multiple: LISTS.has(inputOf(a)) }
  const first = argv.find(a => !a.startsWith('-'))
  // Alone (no command), --version is this tool's version; after a command, the version stamp.
  if (argv.includes('--version') && !argv.some(a => (NAMES as string[]).includes(a)))
    return 'version'
  let parsed
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (e) {
    const known = Object.keys(options).filter(
      k =>
        !COMMANDS.includes(first as Command) || GLOBAL.includes(k) || appliesTo(k, first as Command)
    )
    throw flagError(e as Error, first, known)
  }
  const { values, positionals } = parsed
  const command = positionals[0] as Command
  if ((command as string) === 'doctor' && positionals.length === 1)
    return values.help ? { help: 'doctor' } : { doctor: true, json: Boolean(values.json) }
  if (positionals.length === 0) return 'help'
  if (!COMMANDS.includes(command) || positionals.length > 1) {
    throw new BuildError(`unknown command "${positionals.join(' ')}"`, {
      usage: true,
      fix: `use one of: ${[...COMMANDS, ...TOOLS].join(', ')}`
    })
  }
  if (values.help) return { help: command }
  const raw = defaults()
  for (const [key, value] of Object.entries(values)) {
    if (GLOBAL.includes(key)) continue
    const name = inputOf(key)
    const spec = INPUTS.find(i => i.name === name)
    if (spec && !spec.commands.includes(command)) {
      const known = Object.keys(options).filter(k => GLOBAL.includes(k) || appliesTo(k, command))
      const near = closestFlag(key, known)
      throw new BuildError(`--${key} does not apply to "${command}"`, {
        usage: true,
        fix: near
          ? `did you mean --${near}? (--${key} is for: ${spec.commands.join(', ')})`
          : `remove --${key}, or use it with: ${spec.commands.join(', ')}`
      })
    }
    raw[name as InputName] = Array.isArray(value) ? value.join('\n') : String(value)
  }
  // With --go-download-source local and no version asked for, the CLI uses the Go on PATH
  // as it is (the quick start on a machine whose Go is not the default release).
  // verify needs no Go at all (build info is read from the files).
  if (
    command !== 'verify' &&
    raw['go-download-source'].trim().toLowerCase() === 'local' &&
    values['go-version'] === undefined &&
    values['go-version-file'] === undefined
  ) {
    raw['go-version'] = LOCAL_GO
  }
  if (command === 'verify') {
    raw['verify-only'] = 'true'
    if (values['verify'] === undefined) raw['verify'] = values.load ? 'full' : 'static'
  }
  // A local run has no artifact service; uploading is opt-in from the command line.
  if (values['upload'] === undefined) raw['upload'] = 'false'
  if (values['cache'] === undefined) raw['cache'] = 'false'
  return { command, raw, json: Boolean(values.json), verbose: Boolean(values.verbose) }
}

function appliesTo(flag: string, command: Command): boolean {
  const spec = INPUTS.find(i => i.name === inputOf(flag))
  return spec ? spec.commands.includes(command) : false
}

/** The closing lines: a one-line verdict, the files with human sizes, checks only when not all passed. */
export function textSummary(ctx: RunContext, failure?: Failure): string {
  const lines: string[] = []
  const checks = ctx.verify?.checks ?? []
  const failed = checks.filter(c => c.status === 'fail')
  const warned = checks.filter(c => c.status === 'warn')
  const what = ctx.plan
    ? `${ctx.plan.mode} ${ctx.plan.libc} ${ctx.plan.target.os}/${ctx.plan.target.arch}, ${ctx.plan.plugins.length} plugin(s)`
    : `${ctx.verify?.files.length ?? 0} file(s)`
  const go = ctx.toolchain ? `, Go ${ctx.toolchain.version}` : ''
  const tally = checks.length
    ? `: ${checks.length - failed.length - warned.length} of ${checks.length} checks passed` +
      (warned.length ? `, ${warned.length} warned` : '') +
      (failed.length ? `, ${failed.length} failed` : '')
    : ''
  const stage = ctx.timings.find(t => t.status === 'failed')?.stage
  lines.push(
    failure
      ? `✗ FAILED${stage ? ` in ${stage}` : ''} (${what}${go})${tally}`
      : `✓ OK (${what}${go})${tally}`
  )
  for (const c of [...failed, ...warned]) {
    const text = c.message
    lines.push(`  ${c.status === 'fail' ? 'FAIL' : 'warn'} ${c.id} ${c.subject}: ${text}`)
  }
  if (ctx.verify?.glibcFloor) lines.push(`glibc floor: ${ctx.verify.glibcFloor}`)
  const files = (ctx.package?.files ?? []).filter(
    f => f.kind === 'host' || f.kind === 'plugin' || f.kind === 'archive'
  )
  if (files.length) {
    const w = Math.max(...files.map(f => f.name.length))
    for (const f of files)
      lines.push(
        `  ${f.name.padEnd(w)}  ${humanSize(f.size).padStart(9)}  ${f.sha256.slice(0, 12)}`
      )
    lines.push(`Output: ${ctx.package!.outputDir} (BUILD.md, manifest.json, SHA256SUMS beside)`)
  }
  if (ctx.publish && !ctx.publish.uploaded && ctx.publish.reason)
    lines.push(`Not uploaded: ${ctx.publish.reason}`)
  const total = ctx.timings.reduce((a, t) => a + t.ms, 0)
  if (ctx.timings.length)
    lines.push(
      'Stages: ' +
        ctx.timings.map(t => `${t.stage} ${(t.ms / 1000).toFixed(1)}s`).join(', ') +
        `; total ${(total / 1000).toFixed(1)}s`
    )
  return lines.join('\n')
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
  if (args === 'help') {
    process.stdout.write(usage() + '\n')
    return 0
  }
  if (args === 'version') {
    process.stdout.write(`bifrost-build ${TOOL_VERSION}\n`)
    return 0
  }
  if ('help' in args) {
    process.stdout.write(usage(args.help) + '\n')
    return 0
  }
  if ('doctor' in args) {
    const { doctor, doctorText } = await import('./doctor.js')
    const d = await doctor()
    process.stdout.write(args.json ? JSON.stringify(d, null, 2) + '\n' : doctorText(d) + '\n')
    return 0
  }
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
    if (args.command === 'setup-go') await runSetupGo(args.raw, opts)
    else await runPipeline(args.raw, opts)
  })
  const { ctx, failure } = session
  if (cancelled) process.stderr.write(`\ncancelled (${cancelled})\n`)
  if (args.command === 'setup-go') {
    if (cancelled) return signalExit(cancelled)
    if (failure === undefined) {
      process.stdout.write(`${ctx.toolchain!.goroot}\n`)
      return 0
    }
    return printUsageError(failure, args.json)
  }
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
