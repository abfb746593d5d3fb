/**
 * The load test's process handling with stand-in hosts (small shell scripts): a host that
 * floods its log, one that never answers, one that exits, one that leaves a child behind.
 * Each must end with the right verdict, the process group gone and the temp dir removed.
 * The real Go hosts and plugins are in verify-builds.test.ts.
 */
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runLoadTest } from '../src/verify/load.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-load-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A stand-in host: gets `-app-dir <d> -host 127.0.0.1 -port <n>`. */
function fakeHost(name: string, body: string): string {
  const f = path.join(dir, name)
  writeFileSync(f, `#!/bin/sh\nAPP_DIR="$2"\nPORT="$6"\n${body}\n`)
  chmodSync(f, 0o755)
  return f
}

/** Each test's app dirs go under its own root, so parallel test files cannot disturb the count. */
const appRoot = mkdtempSync(path.join(os.tmpdir(), 'bb-load-apps-'))
afterAll(() => rmSync(appRoot, { recursive: true, force: true }))
function verifyDirs(): string[] {
  return readdirSync(appRoot).filter(n => n.startsWith('bifrost-verify-'))
}

/** Running (a zombie waiting for a reaper that a container may not have counts as gone). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !/^\d+ \(.*\) Z/.test(stat)
  } catch {
    return false
  }
}

const plugins = [
  { name: 'hello', path: '/x/hello.so' },
  { name: 'world', path: '/x/world.so' }
]

describe('load test process handling', () => {
  it('passes when every plugin reports active, reading config.json from the app dir', async () => {
    const host = fakeHost(
      'good',
      `grep -q '"path": "/x/hello.so"' "$APP_DIR/config.json" || exit 9
echo "plugin status: hello - active"
echo "plugin status: world - active"
echo "successfully started bifrost, serving UI on http://127.0.0.1:$PORT"
exec sleep 60`
    )
    const before = verifyDirs().length
    const r = await runLoadTest({
      host,
      hostName: 'good',
      plugins,
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 20
    })
    expect(r.status).toBe('pass')
    expect(r.checks.map(c => c.status)).toEqual(['pass', 'pass'])
    expect(verifyDirs().length).toBe(before)
  })

  it("quotes the loader's own error for the plugin that failed", async () => {
    const host = fakeHost(
      'onefails',
      `echo "plugin status: hello - active"
echo 'failed to load plugin world: plugin.Open("/x/world"): plugin was built with a different version of package bifrost.test/core'
exec sleep 60`
    )
    const r = await runLoadTest({
      host,
      hostName: 'h',
      plugins,
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 20
    })
    expect(r.status).toBe('fail')
    expect(r.checks[0]).toMatchObject({ subject: 'hello.so', status: 'pass' })
    expect(r.checks[1]).toMatchObject({ subject: 'world.so', status: 'fail' })
    expect(r.checks[1].message).toContain(
      'plugin was built with a different version of package bifrost.test/core'
    )
  })

  it('a host that crashes: its exit and fatal error are quoted', async () => {
    const host = fakeHost(
      'crash',
      `echo starting
echo "fatal error: runtime: no plugin module data" >&2
exit 2`
    )
    const r = await runLoadTest({
      host,
      hostName: 'h',
      plugins,
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 20
    })
    expect(r.status).toBe('fail')
    expect(r.checks[0].message).toContain('exited (code 2)')
    expect(r.checks[0].message).toContain('fatal error: runtime: no plugin module data')
  })

  it('a host that floods its log and never reports: timeout, bounded log, group killed', async () => {
    const pidFile = path.join(dir, 'flood.pid')
    const host = fakeHost(
      'flood',
      `sleep 300 &
echo $! > ${pidFile}
while :; do echo "noise noise noise noise noise noise noise noise noise noise noise"; done`
    )
    const before = verifyDirs().length
    const t0 = Date.now()
    const r = await runLoadTest({
      host,
      hostName: 'h',
      plugins,
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 3
    })
    expect(Date.now() - t0).toBeLessThan(10_000)
    expect(r.status).toBe('fail')
    expect(r.checks[0].message).toContain('within 3 s (verify-timeout)')
    expect(r.log.length).toBeLessThanOrEqual(200)
    const child = Number(readFileSync(pidFile, 'utf8'))
    await new Promise(res => setTimeout(res, 200))
    expect(alive(child)).toBe(false)
    expect(verifyDirs().length).toBe(before)
  })

  it('a host that writes one endless line: memory stays bounded and the test times out', async () => {
    const host = fakeHost(
      'longline',
      `while :; do printf 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'; done`
    )
    const rss0 = process.memoryUsage().rss
    const r = await runLoadTest({
      host,
      hostName: 'h',
      plugins,
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 3
    })
    expect(r.status).toBe('fail')
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024)
  })

  it('no plugins: passes when the host starts and stays up, fails when it exits', async () => {
    const up = fakeHost('up', 'exec sleep 60')
    const r = await runLoadTest({
      host: up,
      hostName: 'up',
      plugins: [],
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 10,
      settleMs: 500
    })
    expect(r).toMatchObject({
      status: 'pass',
      message: 'host started with no plugins and stayed up'
    })
    const down = fakeHost('down', 'echo "listen: address already in use" >&2; exit 1')
    const d = await runLoadTest({
      host: down,
      hostName: 'down',
      plugins: [],
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 10
    })
    expect(d.status).toBe('fail')
    expect(d.message).toContain('exited (code 1)')
    expect(d.message).toContain('address already in use')
  })

  it('cancellation (the job is cancelled) stops the host and says so', async () => {
    const host = fakeHost('slow', 'exec sleep 60')
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 300)
    const before = verifyDirs().length
    const t0 = Date.now()
    const r = await runLoadTest({
      host,
      hostName: 'h',
      plugins,
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 30,
      signal: ac.signal
    })
    expect(Date.now() - t0).toBeLessThan(5000)
    expect(r.status).toBe('fail')
    expect(r.checks[0].message).toContain('the run was cancelled')
    expect(verifyDirs().length).toBe(before)
  })

  it('a host that cannot be started at all', async () => {
    const r = await runLoadTest({
      host: path.join(dir, 'does-not-exist'),
      hostName: 'h',
      plugins,
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 5
    })
    expect(r.status).toBe('fail')
    expect(r.checks[0].message).toMatch(/could not be started|ENOENT/)
    expect(existsSync(path.join(dir, 'does-not-exist'))).toBe(false)
  })
})
