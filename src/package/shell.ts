/**
 * Command lines for BUILD.md that a person can paste into a POSIX shell and get the same
 * build: every argument quoted only when it needs it, machine-local paths made relative.
 */
import path from 'node:path'
import type { CommandRecord, GoSetting } from '../context.js'

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/

/** How BUILD.md and manifest.json write the output directory. */
export const OUTPUT_DIR = '<output-dir>'

/** Quotes one word for a POSIX shell (single quotes; a `'` inside becomes `'\''`). */
export function shellQuote(word: string): string {
  if (word === '') return "''"
  if (SAFE.test(word)) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}

/**
 * Variables that only say where this machine keeps things; printing them would make the
 * command unusable elsewhere and the page different on every runner.
 */
const MACHINE_LOCAL = new Set([
  'PATH',
  'HOME',
  'GOCACHE',
  'GOMODCACHE',
  'GOPATH',
  'GOROOT',
  'TMPDIR'
])

export interface DisplayPaths {
  /** The checkout root: paths under it are printed relative to it. */
  workspace: string
  /** Where the binaries were built (removed after packaging) and where they ended up. */
  stagingDir: string
  outputDir: string
  /** The go binary that ran: printed as `go`. */
  goBin?: string
}

function isUnder(p: string, dir: string): boolean {
  const rel = path.relative(dir, p)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

/** Rewrites every absolute path inside an argument (`-o /x/y`, `-modfile=/x/y`) for display. */
export function displayArg(arg: string, cwd: string, paths: DisplayPaths): string {
  return arg.replace(/(?<=^|[\s=,'"])\/[^\s'"=,]*/g, p => {
    let abs = p
    if (isUnder(abs, paths.stagingDir))
      abs = path.join(paths.outputDir, path.relative(paths.stagingDir, abs))
    // Wherever output-dir is, the page reads the same: the archive's bytes do not depend on it.
    if (isUnder(abs, paths.outputDir))
      return path.posix.join(OUTPUT_DIR, path.relative(paths.outputDir, abs))
    if (!isUnder(abs, paths.workspace)) return p === abs ? tempName(p) : abs
    const rel = path.relative(cwd, abs) || '.'
    return rel.startsWith('.') ? rel : `./${rel}`
  })
}

/** How BUILD.md and manifest.json write a temp directory of ours (random name, gone after the run). */
export const TEMP_DIR = '<temp>'

/**
 * A path inside one of our `mkdtemp` directories (`<tmp>/bifrost-ui-AbC123/overlay.json`) as
 * `<temp>/overlay.json`: the random name would make every page, and so every archive, differ.
 */
export function tempName(p: string): string {
  return p.replace(/^(?:\/[^/]+)*\/\.?bifrost-[a-z]+(?:-[a-z]+)*-[A-Za-z0-9]{6}(?=\/|$)/, TEMP_DIR)
}

/**
 * One command as a line to run from the checkout root:
 * `(cd transports && CGO_ENABLED=1 ... go build ...)`.
 */
export function commandLine(cmd: CommandRecord, paths: DisplayPaths): string {
  const cwd = path.resolve(paths.workspace, cmd.cwd)
  const env = Object.keys(cmd.env)
    .filter(k => !MACHINE_LOCAL.has(k))
    .sort()
    .map(k => `${k}=${shellQuote(displayArg(cmd.env[k], cwd, paths))}`)
  const argv = cmd.argv.map((a, i) =>
    i === 0 && (a === paths.goBin || path.basename(a) === 'go')
      ? 'go'
      : shellQuote(displayArg(a, cwd, paths))
  )
  const line = [...env, ...argv].join(' ')
  const relCwd = path.relative(paths.workspace, cwd)
  if (relCwd === '') return line
  const where = isUnder(cwd, paths.workspace) ? relCwd : tempName(cwd)
  return `(cd ${shellQuote(where)} && ${line})`
}

/** `export NAME='value'` lines that set the Go settings for the commands in BUILD.md. */
export function exportLines(settings: readonly GoSetting[]): string[] {
  return settings.map(s => `export ${s.name}=${shellQuote(s.value)}`)
}
