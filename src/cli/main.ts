/**
 * `bifrost-build build|verify|setup-go`: the action's engine as a command. Flags carry the
 * action's input names (`--go-version 1.26.1`). Exit 0 on success, 1 on a failed build or
 * check, 2 on bad usage.
 */
import { parseArgs } from 'node:util'
import path from 'node:path'
import { BuildError, describeError } from '../errors.js'
import { defaults, INPUTS, type Command } from '../inputs.js'
import { runPipeline, runSetupGo } from '../pipeline.js'
import { ConsoleReporter } from '../report.js'
import { killAll, run } from '../proc.js'
import type { RunContext } from '../context.js'

const COMMANDS: readonly Command[] = ['build', 'verify', 'setup-go']

/** Inputs that may be given several times; the values are joined with newlines. */
const LISTS = new Set(['plugins', 'plugin-binaries', 'tags', 'ldflags'])

/** Short names of the verify command (`verify --host bin --plugin a.so --load`). */
const ALIASES: Record<string, string> = { host: 'host-binary', plugin: 'plugin-binaries' }

export function usage(): string {
  const lines = [
    'Usage: bifrost-build <command> [--input value ...]',
    '',
    'Commands:',
    '  build      build Bifrost and its plugins, verify, package (the action)',
    '  verify     check binaries built elsewhere: --host <bin> --plugin <a.so> [--plugin ...] [--load]',
    '             or against the manifest.json of a host build: --host-manifest <path or https URL> --plugin <a.so>',
    '  setup-go   install the exact Go release and print its GOROOT',
    '',
    'Options (the action inputs, same names and defaults):'
  ]
  for (const i of INPUTS) {
    if (i.name === 'token' || i.name === 'verify-only') continue
    const def = i.default ? ` (default: ${i.default})` : ''
    lines.push(`  --${i.name.padEnd(22)} ${i.description.replace(/`/g, '')}${def}`)
  }
  lines.push(
    '',
    'Other options:',
    '  --host, --plugin       verify: the host binary and plugin files',
    '  --load                 verify: also load the plugins into the host (verify=full)',
    '  --json                 print the manifest (build) or the report (verify) as JSON on stdout',
    '  --verbose              show every line of go build output',
    '  -h, --help             this text',
    '',
    'Exit codes: 0 ok, 1 failed build or check, 2 bad usage.'
  )
  return lines.join('\n')
}

/** Placeholder replaced by the version of the Go on PATH before the pipeline runs. */
const LOCAL_GO = '<go on PATH>'

async function pathGoVersion(): Promise<string> {
  const r = await run('go', ['env', 'GOVERSION'], { env: { ...process.env, GOTOOLCHAIN: 'local' } })
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

export function parseCli(argv: string[]): CliArgs | 'help' {
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
  for (const a of Object.keys(ALIASES))
    options[a] = { type: 'string', multiple: LISTS.has(ALIASES[a]) }
  let parsed
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (e) {
    throw new BuildError(`${(e as Error).message}`, {
      usage: true,
      fix: 'run bifrost-build --help'
    })
  }
  const { values, positionals } = parsed
  if (values.help || positionals.length === 0) return 'help'
  const command = positionals[0] as Command
  if (!COMMANDS.includes(command) || positionals.length > 1) {
    throw new BuildError(`unknown command "${positionals.join(' ')}"`, {
      usage: true,
      fix: `use one of: ${COMMANDS.join(', ')}`
    })
  }
  const raw = defaults()
  for (const [key, value] of Object.entries(values)) {
    if (['help', 'json', 'verbose', 'load'].includes(key)) continue
    const name = ALIASES[key] ?? key
    const spec = INPUTS.find(i => i.name === name)
    if (spec && !spec.commands.includes(command)) {
      throw new BuildError(`--${key} does not apply to "${command}"`, {
        usage: true,
        input: name,
        fix: `remove --${key}, or use it with: ${spec.commands.join(', ')}`
      })
    }
    raw[name] = Array.isArray(value) ? value.join('\n') : String(value)
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

export function textSummary(ctx: RunContext): string {
  const lines: string[] = []
  if (ctx.toolchain)
    lines.push(`Go ${ctx.toolchain.version} (${ctx.toolchain.source}) at ${ctx.toolchain.goroot}`)
  if (ctx.plan) {
    const p = ctx.plan
    lines.push(`${p.mode} ${p.libc} ${p.target.os}/${p.target.arch}, ${p.plugins.length} plugin(s)`)
  }
  if (ctx.verify) {
    for (const c of ctx.verify.checks) {
      const mark = c.status === 'pass' ? 'ok  ' : c.status === 'fail' ? 'FAIL' : c.status.padEnd(4)
      lines.push(`  ${mark} ${c.id.padEnd(24)} ${c.subject}: ${c.message}`)
    }
    if (ctx.verify.glibcFloor) lines.push(`glibc floor: ${ctx.verify.glibcFloor}`)
  }
  if (ctx.package) {
    for (const f of ctx.package.files) {
      lines.push(`  ${f.name.padEnd(40)} ${String(f.size).padStart(10)}  ${f.sha256.slice(0, 16)}`)
    }
    lines.push(`Output: ${ctx.package.outputDir}`)
  }
  if (ctx.publish && !ctx.publish.uploaded && ctx.publish.reason)
    lines.push(`Not uploaded: ${ctx.publish.reason}`)
  const total = ctx.timings.reduce((a, t) => a + t.ms, 0)
  lines.push(
    'Stages: ' +
      ctx.timings.map(t => `${t.stage} ${(t.ms / 1000).toFixed(1)}s`).join(', ') +
      ` (total ${(total / 1000).toFixed(1)}s)`
  )
  return lines.join('\n')
}

export async function main(argv: string[]): Promise<number> {
  let args: CliArgs | 'help'
  try {
    args = parseCli(argv)
  } catch (e) {
    process.stderr.write(`error: ${describeError(e)}\n`)
    return 2
  }
  if (args === 'help') {
    process.stdout.write(usage() + '\n')
    return 0
  }
  const reporter = new ConsoleReporter(process.stderr, args.verbose)
  const controller = new AbortController()
  const onSignal = (sig: NodeJS.Signals) => {
    controller.abort(new Error(`cancelled by ${sig}`))
    killAll('SIGTERM')
  }
  process.once('SIGTERM', onSignal)
  process.once('SIGINT', onSignal)
  try {
    if (args.raw['go-version'] === LOCAL_GO) args.raw['go-version'] = await pathGoVersion()
  } catch (e) {
    process.stderr.write(`error: ${describeError(e)}\n`)
    return 2
  }
  const opts = {
    reporter,
    workspace: path.resolve(process.cwd()),
    env: process.env,
    signal: controller.signal
  }
  try {
    const ctx =
      args.command === 'setup-go'
        ? await runSetupGo(args.raw, opts)
        : await runPipeline(args.raw, opts)
    if (args.command === 'setup-go') {
      process.stdout.write(`${ctx.toolchain!.goroot}\n`)
      return 0
    }
    process.stderr.write('\n' + textSummary(ctx) + '\n')
    if (args.json) {
      const body = ctx.package
        ? (await import('node:fs')).readFileSync(ctx.package.manifest, 'utf8')
        : JSON.stringify(ctx.verify ?? {}, null, 2) + '\n'
      process.stdout.write(body)
    }
    return 0
  } catch (e) {
    process.stderr.write(`error: ${describeError(e)}\n`)
    return e instanceof BuildError ? e.exitCode : 1
  } finally {
    process.off('SIGTERM', onSignal)
    process.off('SIGINT', onSignal)
  }
}
