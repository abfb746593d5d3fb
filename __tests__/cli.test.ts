import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parseCli, textSummary, usage } from '../src/cli/main.js'
import { BuildError } from '../src/errors.js'
import { INPUTS } from '../src/inputs.js'
import { ConsoleReporter } from '../src/report.js'
import type { RunContext } from '../src/context.js'

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
    const args = parseCli([
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
    expect(args).not.toBe('help')
    if (args === 'help') return
    expect(args.command).toBe('build')
    expect(args.raw['libc']).toBe('musl')
    expect(args.raw['plugins']).toBe('a\nb=c')
    expect(args.raw['mode']).toBe('auto')
    expect(args.raw['version']).toBe('dev-build')
  })

  it('does not upload or use the cache service unless asked, since a local run has neither', () => {
    const args = parseCli(['build'])
    if (args === 'help') throw new Error('help')
    expect(args.raw['upload']).toBe('false')
    expect(args.raw['cache']).toBe('false')
    const asked = parseCli(['build', '--upload', 'true'])
    if (asked === 'help') throw new Error('help')
    expect(asked.raw['upload']).toBe('true')
  })

  it('maps verify --host/--plugin/--load to verify-only inputs', () => {
    const args = parseCli([
      'verify',
      '--host',
      'bin/bifrost-http',
      '--plugin',
      'a.so',
      '--plugin',
      'b.so',
      '--load'
    ])
    if (args === 'help') throw new Error('help')
    expect(args.raw['verify-only']).toBe('true')
    expect(args.raw['host-binary']).toBe('bin/bifrost-http')
    expect(args.raw['plugin-binaries']).toBe('a.so\nb.so')
    expect(args.raw['verify']).toBe('full')
    const noLoad = parseCli(['verify', '--host', 'x'])
    if (noLoad === 'help') throw new Error('help')
    expect(noLoad.raw['verify']).toBe('static')
  })

  it('prints help for --help and for no command', () => {
    expect(parseCli(['--help'])).toBe('help')
    expect(parseCli([])).toBe('help')
    for (const i of INPUTS.filter(i => i.name !== 'token' && i.name !== 'verify-only')) {
      expect(usage()).toContain(`--${i.name}`)
    }
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
  it('lists checks, files and stage times', () => {
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
    expect(text).toContain('ok   elf.machine')
    expect(text).toContain('glibc floor: 2.34')
    expect(text).toMatch(/build 1\.5s, verify 0\.3s \(total 1\.8s\)/)
  })
})
