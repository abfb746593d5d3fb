/** `bifrost-build --help` and `<command> --help`: the text, wrapped to 100 columns. */
import { INPUTS, type Command } from '../inputs.js'
import { ALIASES, cliDefault, COMMANDS, GO_FLAGS, TOOLS } from './flags.js'

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
