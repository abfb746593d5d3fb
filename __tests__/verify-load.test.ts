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

/** The end of a stand-in host that serves its port, as the real one does after loading plugins. */
const serve = `exec ${process.execPath} -e "require('net').createServer().listen(Number(process.argv[1]), '127.0.0.1')" "$PORT"`

/** Live processes whose command line holds `marker`. */
function withMarker(marker: string): number[] {
  return readdirSync('/proc')
    .filter(n => /^\d+$/.test(n))
    .filter(n => {
      try {
        return readFileSync(`/proc/${n}/cmdline`, 'utf8').includes(marker) && alive(Number(n))
      } catch {
        return false
      }
    })
    .map(Number)
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
${serve}`
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
    expect(r.checks.map(c => [c.id, c.status])).toEqual([
      ['load.host', 'pass'],
      ['load', 'pass'],
      ['load', 'pass']
    ])
    expect(r.checks[0].message).toContain(
      "the load test ran with this machine's network, no offline stub"
    )
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
    const load = r.checks.filter(c => c.id === 'load')
    expect(load[0]).toMatchObject({ subject: 'hello.so', status: 'pass' })
    expect(load[1]).toMatchObject({ subject: 'world.so', status: 'fail' })
    expect(load[1].message).toContain(
      'plugin was built with a different version of package bifrost.test/core'
    )
  })

  it('a host that crashes before loading plugins: one load.host check quotes its fatal line once', async () => {
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
    expect(r.checks).toHaveLength(1)
    expect(r.checks[0]).toMatchObject({ id: 'load.host', subject: 'h', status: 'fail' })
    expect(r.checks[0].message).toContain('exited (code 2) before loading any plugin')
    expect(r.checks[0].message.split('no plugin module data')).toHaveLength(2)
    expect(r.message).toContain('its 2 plugin(s) were not tried')
  })

  it('a host whose JSON fatal line names a network fetch: the host is blamed, the line quoted once', async () => {
    const line = JSON.stringify({
      level: 'fatal',
      time: '2026-01-01T00:00:00Z',
      message:
        'failed to initialize pricing manager: Get "https://getbifrost.ai/datasheet": dial tcp: connect: network is unreachable'
    })
    const host = fakeHost(
      'nonet',
      `echo '{"level":"info","message":"starting"}'\necho '${line}'\nexit 1`
    )
    const r = await runLoadTest({
      host,
      hostName: 'bifrost-http',
      plugins,
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 20
    })
    expect(r.checks).toHaveLength(1)
    const [c] = r.checks
    expect(c).toMatchObject({ id: 'load.host', subject: 'bifrost-http', status: 'fail' })
    expect(c.message.split('failed to initialize pricing manager')).toHaveLength(2)
    expect(c.message).not.toContain('"level"')
    expect(c.fix).toMatch(/^the host needs the network at start-up/)
  })

  it('a host that exits after every plugin is active: the plugins fail and no child is left', async () => {
    const marker = `bb-left-${process.pid}-${Date.now()}`
    const host = fakeHost(
      'exitafter',
      `echo "plugin status: hello - active"
echo "plugin status: world - active"
${process.execPath} -e 'setInterval(() => {}, 1000)' ${marker} &
echo '{"level":"fatal","message":"listen: address already in use"}'
exit 1`
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
    const load = r.checks.filter(c => c.id === 'load')
    expect(load.map(c => c.status)).toEqual(['fail', 'fail'])
    expect(load[0].message).toContain('hello reported active, but then the host exited (code 1)')
    expect(load[0].message).toContain('address already in use')
    await new Promise(res => setTimeout(res, 300))
    expect(withMarker(marker)).toEqual([])
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
    expect(r.checks[0]).toMatchObject({ id: 'load.host', status: 'fail' })
    expect(r.checks[0].message).toContain(
      'did not get to loading plugins within 3 s (verify-timeout)'
    )
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
    const up = fakeHost('up', serve)
    const r = await runLoadTest({
      host: up,
      hostName: 'up',
      plugins: [],
      prefix: [],
      tmpRoot: appRoot,
      timeoutSec: 10,
      settleMs: 500
    })
    expect(r.status).toBe('pass')
    expect(r.message).toMatch(/^host started with no plugins and served/)
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
