/**
 * The bundled CLI as a user runs it on the bundled example: the plan's Go and Version lines,
 * one report of a failed check in the log and one in the summary (not four), and the exit
 * code of a run stopped by Ctrl-C.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DIST_CLI, REPO, runCli } from './helpers/action.js'
import { testGoEnv } from '../testkit/go-env.js'

const root = mkdtempSync(path.join(os.tmpdir(), 'bb-cli-users-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const EXAMPLE = [
  'build',
  '--source',
  'examples/quickstart',
  '--plugins',
  'hello=examples/quickstart/hello-plugin',
  '--go-download-source',
  'local',
  '--ui',
  'placeholder',
  '--verify',
  'static'
]

describe('the CLI on the bundled example', () => {
  it('names the Go on PATH as the source of the version, and the stamp as the Makefile writes it', async () => {
    const r = await runCli([...EXAMPLE, '--output-dir', path.join(root, 'ok')])
    expect(r.code, r.stderr.slice(-2000)).toBe(0)
    const go = r.stderr.split('\n').find(l => l.startsWith('Go:'))
    expect(go).toMatch(
      /^Go: {13}\d+\.\d+(\.\d+)? \(from the Go on PATH, go-download-source: local\)$/
    )
    expect(r.stderr).toContain(
      "Version:        dev-build, stamped -X main.Version=vdev-build as Bifrost's Makefile does (plugins: dev-build)"
    )
    expect(r.stderr).not.toContain('vdev-build (plugins')
  })

  it('a failed check is said once in the log (with its fix) and once in the summary', async () => {
    const r = await runCli([
      ...EXAMPLE,
      '--glibc-max',
      '2.17',
      '--output-dir',
      path.join(root, 'glibc')
    ])
    expect(r.code).toBe(1)
    const text = 'bifrost-http needs GLIBC_2.34, newer than glibc-max 2.17'
    const lines = r.stderr.split('\n').filter(l => l.includes(text))
    expect(lines, r.stderr).toHaveLength(2)
    expect(lines[0]).toMatch(/^FAIL {2}glibc\.floor {2}all: .*Fix: build on .* or raise glibc-max$/)
    expect(lines[1]).toMatch(/^ {2}FAIL glibc\.floor all: /)
    expect(r.stderr).not.toContain('error: verification failed')
  })

  it('any other failure is said once, as error: with its fix (a bad input exits 2)', async () => {
    const r = await runCli([
      ...EXAMPLE,
      '--plugins',
      'examples/quickstart/no-such-plugin',
      '--output-dir',
      path.join(root, 'bad')
    ])
    expect(r.code).toBe(2)
    const errors = r.stderr.split('\n').filter(l => l.includes('no-such-plugin" does not exist'))
    expect(errors, r.stderr).toEqual([
      `error: input plugins: plugin directory "examples/quickstart/no-such-plugin" does not exist (looked for ${path.join(REPO, 'examples/quickstart/no-such-plugin')})`
    ])
  })

  it('Ctrl-C stops the run with exit code 130', async () => {
    // A cold GOCACHE of its own makes the build long enough to interrupt.
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...testGoEnv(),
      GOCACHE: mkdtempSync(path.join(root, 'gocache-'))
    }
    const child = spawn(
      process.execPath,
      [DIST_CLI, ...EXAMPLE, '--output-dir', path.join(root, 'cancelled')],
      { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] }
    )
    let stderr = ''
    let sent = false
    child.stderr.on('data', d => {
      stderr += d
      // One Ctrl-C: a second one is the user insisting, and ends the process at once.
      if (!sent && stderr.includes('building the host')) sent = child.kill('SIGINT')
    })
    const code = await new Promise<number | null>(resolve => child.on('close', c => resolve(c)))
    expect(code, stderr.slice(-2000)).toBe(130)
    expect(stderr).toContain('cancelled (SIGINT)')
  })
})
