/**
 * argv to a request: a command with its inputs (keyed by the action's input names), help,
 * version or doctor; a bad flag is one usage error with the fix (the closest known flag).
 */
import { parseArgs } from 'node:util'
import { BuildError } from '../errors.js'
import { defaults, INPUTS, type Command, type InputName } from '../inputs.js'
import { ALIASES, COMMANDS, inputOf, LISTS, OLD_NAMES, TOOLS, valueHint } from './flags.js'

/** Placeholder replaced by the version of the Go on PATH before the pipeline runs. */
export const LOCAL_GO = '<go on PATH>'

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
