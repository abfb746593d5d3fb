import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseCli, textSummary, usage, type CliArgs } from '../src/cli/main.js'
import { BuildError } from '../src/errors.js'
import { INPUTS } from '../src/inputs.js'
import { ConsoleReporter } from '../src/report.js'
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
    // Every input is a flag of the commands that take it; the stamp is --bifrost-stamp.
    for (const i of INPUTS.filter(i => i.name !== 'token' && i.name !== 'verify-only')) {
      const flag = i.name === 'version' ? 'bifrost-stamp' : i.name
      for (const c of i.commands) expect(usage(c), `${c} --${flag}`).toContain(`--${flag}`)
    }
  })

  it('--version prints the tool version; the stamp is --bifrost-stamp', () => {
    expect(parseCli(['--version'])).toBe('version')
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
      /input plugins: --plugins does not apply to "setup-go"/
    )
    expect(usageError(['build', 'extra']).render()).toMatch(/unknown command/)
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
