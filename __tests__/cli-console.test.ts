import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it, vi } from 'vitest'
import { parseCli, type CliArgs } from '../src/cli/args.js'
import { signalExit } from '../src/cli/main.js'
import { textSummary } from '../src/cli/summary.js'
import { usage } from '../src/cli/help.js'
import { BuildError } from '../src/errors.js'
import { INPUTS } from '../src/inputs.js'
import { ActionReporter, ConsoleReporter } from '../src/report.js'
import { heartbeatLine } from '../src/heartbeat.js'
import { run } from '../src/proc.js'
import type { RunContext } from '../src/context.js'
import { TOOL_VERSION } from '../src/tool-version.js'
import { REPO } from './helpers/action.js'

/** parseCli for a pipeline command (build, verify, setup-go). */
function cliArgs(argv: string[]): CliArgs {
  const r = parseCli(argv)
  if (typeof r === 'string' || !('raw' in r)) throw new Error(`not a run: ${JSON.stringify(r)}`)
  return r
}

function usageError(argv: string[]): BuildError {
  try {
    parseCli(argv)
  } catch (e) {
    expect(e).toBeInstanceOf(BuildError)
    expect((e as BuildError).exitCode).toBe(2)
    return e as BuildError
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`)
}

describe('parseCli', () => {
  it('takes the action input names as flags, with the action defaults', () => {
    const args = cliArgs([
      'build',
      '--go-version',
      '1.26.1',
      '--libc',
      'musl',
      '--plugins',
      'a',
      '--plugins',
      'b=c'
    ])
    expect(args.command).toBe('build')
    expect(args.raw['libc']).toBe('musl')
    expect(args.raw['plugins']).toBe('a\nb=c')
    expect(args.raw['mode']).toBe('auto')
    expect(args.raw['version']).toBe('dev-build')
  })

  it('does not upload or use the cache service unless asked, since a local run has neither', () => {
    const args = cliArgs(['build'])
    expect(args.raw['upload']).toBe('false')
    expect(args.raw['cache']).toBe('false')
    const asked = cliArgs(['build', '--upload', 'true'])
    expect(asked.raw['upload']).toBe('true')
  })

  it('maps verify --host/--plugin/--load to verify-only inputs', () => {
    const args = cliArgs([
      'verify',
      '--host',
      'bin/bifrost-http',
      '--plugin',
      'a.so',
      '--plugin',
      'b.so',
      '--load'
    ])
    expect(args.raw['verify-only']).toBe('true')
    expect(args.raw['host-binary']).toBe('bin/bifrost-http')
    expect(args.raw['plugin-binaries']).toBe('a.so\nb.so')
    expect(args.raw['verify']).toBe('full')
    const noLoad = cliArgs(['verify', '--host', 'x'])
    expect(noLoad.raw['verify']).toBe('static')
  })

  it('prints help for --help and for no command', () => {
    expect(parseCli(['--help'])).toBe('help')
    expect(parseCli([])).toBe('help')
    // Every input is a flag of the commands that take it (verify lists no Go flags: it runs none).
    for (const i of INPUTS.filter(i => i.name !== 'token' && i.name !== 'verify-only')) {
      for (const c of i.commands)
        if (!(c === 'verify' && i.name.startsWith('go-')))
          expect(usage(c), `${c} --${i.name}`).toContain(`--${i.name}`)
    }
  })

  it('--version alone prints the tool version; after a command it is the stamp (input version)', () => {
    expect(parseCli(['--version'])).toBe('version')
    expect(parseCli(['--json', '--version'])).toBe('version')
    expect(cliArgs(['build', '--version', '1.2.3']).raw['version']).toBe('1.2.3')
    expect(cliArgs(['build', '--version=1.2.3']).raw['version']).toBe('1.2.3')
    // the older spelling still works
    expect(cliArgs(['build', '--bifrost-stamp', '2.0.0']).raw['version']).toBe('2.0.0')
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'))
    expect(TOOL_VERSION).toBe(pkg.version)
  })

  it('per-command help: its own flags, the CLI defaults, examples, lines within 100 columns', () => {
    expect(parseCli(['build', '--help'])).toEqual({ help: 'build' })
    expect(parseCli(['verify', '-h'])).toEqual({ help: 'verify' })
    // continuation lines joined, so a wrapped default still reads as one entry
    const build = usage('build').replace(/\n {27}/g, ' ')
    const verify = usage('verify').replace(/\n {27}/g, ' ')
    expect(build).not.toEqual(verify)
    expect(build).toMatch(/--upload +.*\(default: false\)/)
    expect(build).toMatch(/--cache +.*\(default: false\)/)
    expect(build).not.toContain('--verify-only')
    // build takes --host-binary too: plugin-only builds against an existing host
    expect(build).toContain('--host-binary')
    expect(verify).toContain('--host, --host-binary')
    expect(verify).toMatch(/default: static \(full with --load\)/)
    for (const text of [
      usage(),
      usage('build'),
      usage('verify'),
      usage('setup-go'),
      usage('doctor')
    ]) {
      expect(text).toContain('Examples:')
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100)
    }
  })

  it('says unknown flags in its own words, with the nearest flag', () => {
    const e = usageError(['build', '--go-versoin', '1.26.1'])
    expect(e.message).toBe('unknown flag --go-versoin for "build"')
    expect(e.fix).toBe('did you mean --go-version? (bifrost-build build --help lists the flags)')
    const missing = usageError(['build', '--go-version'])
    expect(missing.message).toBe('--go-version needs a value')
    expect(usageError(['verify', '--zzzz']).fix).toBe('bifrost-build verify --help lists the flags')
  })

  it('rejects unknown commands, unknown flags and flags of another command (exit 2)', () => {
    expect(usageError(['deploy']).render()).toMatch(
      /unknown command "deploy".*build, verify, setup-go/
    )
    expect(usageError(['build', '--colour', 'x']).render()).toMatch(/colour/)
    expect(usageError(['setup-go', '--plugins', 'x']).render()).toMatch(
      /--plugins does not apply to "setup-go"/
    )
    expect(usageError(['build', 'extra']).render()).toMatch(/unknown command/)
  })
})

describe('what a user sees: each message exactly', () => {
  const said = (argv: string[]) => usageError(argv).render()

  it('build --version 1.2.3 stamps 1.2.3; build --version alone asks for the value', () => {
    expect(cliArgs(['build', '--version', '1.2.3']).command).toBe('build')
    expect(said(['build', '--version'])).toBe(
      '--version needs a value Fix: write --version <value>, e.g. --version 1.4.19'
    )
  })

  it('build --plugin x: did you mean --plugins', () => {
    expect(said(['build', '--plugin', 'x'])).toBe(
      '--plugin does not apply to "build" Fix: did you mean --plugins? (--plugin is for: verify)'
    )
  })

  it('a flag missing its value names the allowed values, or an example', () => {
    expect(said(['build', '--libc'])).toBe(
      '--libc needs a value Fix: write --libc <value>, one of: glibc, musl'
    )
    expect(said(['build', '--mode'])).toBe(
      '--mode needs a value Fix: write --mode <value>, one of: static, dynamic, auto'
    )
    expect(said(['build', '--go-download-source'])).toBe(
      '--go-download-source needs a value Fix: write --go-download-source <value>, one of: dl, goproxy, local'
    )
    expect(said(['build', '--go-version'])).toBe(
      '--go-version needs a value Fix: write --go-version <value>, e.g. --go-version 1.26.1'
    )
    expect(said(['build', '--ldflags'])).toBe(
      '--ldflags needs a value Fix: write --ldflags=<value>, e.g. --ldflags=-X=main.A=b'
    )
  })

  it('--ldflags "-extldflags=...": write --ldflags=...', () => {
    expect(said(['build', '--ldflags', '-extldflags=-fuse-ld=bfd'])).toBe(
      '--ldflags is followed by a value that starts with "-" Fix: join them with "=": write --ldflags=<value>, e.g. --ldflags=-extldflags=-fuse-ld=bfd'
    )
    expect(cliArgs(['build', '--ldflags=-extldflags=-fuse-ld=bfd']).raw['ldflags']).toBe(
      '-extldflags=-fuse-ld=bfd'
    )
  })

  it('verify --help lists no Go download flags (verify runs no Go)', () => {
    const text = usage('verify')
    for (const f of [
      '--go-version',
      '--go-version-file',
      '--go-download-base-url',
      '--go-download-source'
    ])
      expect(text).not.toContain(f)
    expect(usage('build')).toContain('--go-download-source')
  })

  it('exit codes: 128 + the signal, 130 for Ctrl-C', () => {
    expect(signalExit('SIGINT')).toBe(130)
    expect(signalExit('SIGTERM')).toBe(143)
    expect(usage()).toContain('130 interrupted (Ctrl-C)')
  })
})

function fakeStream(
  tty: boolean
): PassThrough & { isTTY: boolean; columns: number; text(): string } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; columns: number; text(): string }
  let buf = ''
  s.on('data', d => (buf += d))
  s.isTTY = tty
  s.columns = 80
  s.text = () => buf
  return s
}

describe('ConsoleReporter', () => {
  it('prints plain stage lines and durations when not on a terminal', async () => {
    const out = fakeStream(false)
    const r = new ConsoleReporter(out as unknown as NodeJS.WriteStream)
    await r.stage('build', async () => r.processLine('compiling'))
    await expect(r.stage('verify', async () => Promise.reject(new Error('x')))).rejects.toThrow('x')
    expect(out.text()).toMatch(/==> build\n {2}compiling\n✓ build \(\d+ ms\)\n==> verify\n✗ verify/)
    expect(r.timings.map(t => [t.stage, t.status])).toEqual([
      ['build', 'ok'],
      ['verify', 'failed']
    ])
  })

  it('redraws one live line on a terminal and masks secrets everywhere', async () => {
    const before = process.env.CI
    delete process.env.CI
    try {
      const out = fakeStream(true)
      const r = new ConsoleReporter(out as unknown as NodeJS.WriteStream)
      r.setSecret('s3cr3t')
      await r.stage('build', async () => {
        r.processLine('go: downloading s3cr3t')
        r.info('token s3cr3t')
      })
      expect(out.text()).toContain('\r\x1b[2K▶ build')
      expect(out.text()).not.toContain('s3cr3t')
      expect(out.text()).toContain('token ***')
    } finally {
      if (before !== undefined) process.env.CI = before
    }
  })
})

describe('textSummary', () => {
  it('a verdict line, stage times, and no check lines when all passed', () => {
    const ctx = {
      timings: [
        { stage: 'build', ms: 1500, status: 'ok' },
        { stage: 'verify', ms: 300, status: 'ok' }
      ],
      verify: {
        ok: true,
        files: [],
        glibcFloor: '2.34',
        checks: [{ id: 'elf.machine', subject: 'bifrost-http', status: 'pass', message: 'x86-64' }]
      }
    } as unknown as RunContext
    const text = textSummary(ctx)
    expect(text.split('\n')[0]).toBe('✓ OK (0 file(s)): 1 of 1 checks passed')
    expect(text).not.toContain('elf.machine')
    expect(text).toContain('glibc floor: 2.34')
    expect(text).toMatch(/build 1\.5s, verify 0\.3s; total 1\.8s/)
  })

  it('files with human sizes; failed and warned checks without their fix; a failed verdict', () => {
    const ctx = {
      timings: [{ stage: 'verify', ms: 300, status: 'failed' }],
      package: {
        outputDir: '/o',
        files: [
          { name: 'bifrost-http', kind: 'host', size: 52_428_800, sha256: 'a'.repeat(64) },
          { name: 'plugins/hello.so', kind: 'plugin', size: 3_300_000, sha256: 'b'.repeat(64) },
          { name: 'BUILD.md', kind: 'doc', size: 10, sha256: 'c'.repeat(64) }
        ]
      },
      verify: {
        ok: false,
        files: [],
        checks: [
          { id: 'elf.machine', subject: 'bifrost-http', status: 'pass', message: 'x86-64' },
          {
            id: 'modules',
            subject: 'hello.so',
            status: 'fail',
            message: 'x differs',
            fix: 'go get x'
          },
          { id: 'glibc', subject: 'all', status: 'warn', message: 'old' }
        ]
      }
    } as unknown as RunContext
    const lines = textSummary(ctx, { message: 'm', title: 't', exitCode: 1 }).split('\n')
    expect(lines[0]).toBe(
      '✗ FAILED in verify (0 file(s)): 1 of 3 checks passed, 1 warned, 1 failed'
    )
    expect(lines).toContain('  FAIL modules hello.so: x differs')
    expect(lines).toContain('  warn glibc all: old')
    expect(lines).toContain(`  bifrost-http       50.0 MiB  ${'a'.repeat(12)}`)
    expect(lines).toContain(`  plugins/hello.so    3.1 MiB  ${'b'.repeat(12)}`)
    expect(lines.join('\n')).not.toContain('((')
    expect(lines.join('\n')).not.toContain('BUILD.md  ')
  })
})

describe('heartbeat: long work is never silent off a terminal', () => {
  it('heartbeatLine: stage, what it waits on, elapsed', () => {
    expect(heartbeatLine('build', 40_400, ['go build', 'go build'], 'building plugin hello')).toBe(
      'build: still running after 40 s, waiting on go build (2 processes); last: building plugin hello'
    )
    expect(heartbeatLine('toolchain', 42_000, [], 'downloading go1.26.1.linux-amd64.tar.gz')).toBe(
      'toolchain: still running after 42 s, last: downloading go1.26.1.linux-amd64.tar.gz'
    )
    expect(heartbeatLine('verify', 15_000, [])).toBe('verify: still running after 15 s')
  })

  it('the CLI prints one every interval while a child runs, and stops with the stage', async () => {
    const out = fakeStream(false)
    const r = new ConsoleReporter(out as unknown as NodeJS.WriteStream, false, 100)
    await r.stage('build', async () => {
      r.info('building plugin hello')
      await run('sleep', ['0.45'])
    })
    const beats = out
      .text()
      .split('\n')
      .filter(l => l.includes('still running'))
    expect(beats.length).toBeGreaterThanOrEqual(2)
    expect(beats[0]).toBe(
      'build: still running after 0 s, waiting on sleep 0.45; last: building plugin hello'
    )
    const after = out.text().length
    await new Promise(res => setTimeout(res, 250))
    expect(out.text().length).toBe(after)
  })

  it('the action log gets the same lines (core.info)', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      lines.push(String(chunk))
      return true
    })
    try {
      const r = new ActionReporter(100)
      await r.stage('toolchain', async () => {
        r.info('downloading go1.26.1.linux-amd64.tar.gz')
        await new Promise(res => setTimeout(res, 350))
      })
    } finally {
      spy.mockRestore()
    }
    expect(lines.join('')).toMatch(
      /toolchain: still running after 0 s, last: downloading go1\.26\.1\.linux-amd64\.tar\.gz\n/
    )
  })
})
