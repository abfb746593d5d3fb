/**
 * The CLI's flag vocabulary: the commands, the flags that repeat, short and old names, what
 * each flag takes (for the hint when its value is missing) and the CLI's own defaults. The
 * parser (args.ts) and the help text (help.ts) both read it.
 */
import { INPUTS, type Command } from '../inputs.js'
import { ALIGN, GO_WORK, MODES, UI_MODES, VERIFY_LEVELS } from '../plan/index.js'
import { LIBCS, TARGET_NAMES } from '../lib/targets.js'
import { SOURCES } from '../plan/go-request.js'

export const COMMANDS: readonly Command[] = ['build', 'verify', 'setup-go']
/** Commands that run no pipeline and take no input flags. */
export const TOOLS = ['doctor'] as const

/** Inputs that may be given several times; the values are joined with newlines. */
export const LISTS = new Set([
  'plugins',
  'plugin-binaries',
  'tags',
  'ldflags',
  'cache-dependency-path'
])

/** Short names of the verify command (`verify --host bin --plugin a.so --load`). */
export const ALIASES: Record<string, string> = { host: 'host-binary', plugin: 'plugin-binaries' }

/**
 * Older spellings still taken: `--bifrost-stamp` was the version stamp's flag before
 * `--version` after a command became it (`bifrost-build --version` alone prints this tool's).
 */
export const OLD_NAMES: Record<string, string> = { 'bifrost-stamp': 'version' }
export const inputOf = (flag: string) => OLD_NAMES[flag] ?? ALIASES[flag] ?? flag

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
export function cliDefault(name: string, command: Command): string {
  if (name === 'upload' || name === 'cache') return 'false'
  if (name === 'verify' && command === 'verify') return 'static (full with --load)'
  return INPUTS.find(i => i.name === name)?.default ?? ''
}

/** verify reads build info from the files and needs no Go: these are taken there but ignored. */
export const GO_FLAGS = [
  'go-version',
  'go-version-file',
  'go-download-base-url',
  'go-download-source'
]
