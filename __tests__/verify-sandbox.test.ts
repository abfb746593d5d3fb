/**
 * The load test's offline sandbox with a real Go host and real Go plugins
 * (`__tests__/fixtures/sandbox`): the host fetches https://getbifrost.ai/datasheet at start-up,
 * as Bifrost 1.5 does, and exits without it. In the sandbox the stub answers `{}`, nothing
 * outside the machine answers, and no process the host or a plugin started outlives the load
 * test, also one that called setsid. The supervisor runs from source through vite-node here;
 * the bundle runs dist/sandbox.js.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO, FIXTURES } from '../testkit/fixture.js'
import { testGoEnv } from '../testkit/go-env.js'
import { runOk } from '../testkit/run.js'
import { runLoadTest, type LoadTestInput } from '../src/verify/load.js'
import { sandboxWays } from '../src/verify/load-sandbox.js'
import { dnsAnswer } from '../src/verify/sandbox.js'
import type { SandboxSpec } from '../src/verify/sandbox-protocol.js'
import { start } from '../src/proc.js'
import dnsPacket from 'dns-packet'

const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-sandbox-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const supervisor = [
  path.join(REPO, 'node_modules', '.bin', 'vite-node'),
  path.join(REPO, 'src', 'entries', 'sandbox.ts')
]
const ways = sandboxWays()
const bin = (name: string) => path.join(dir, name)

/** Live processes whose command line holds `text`. */
function processesWith(text: string): string[] {
  const found: string[] = []
  for (const n of readdirSync('/proc')) {
    if (!/^\d+$/.test(n)) continue
    try {
      const cmd = readFileSync(`/proc/${n}/cmdline`, 'utf8')
      const state = readFileSync(`/proc/${n}/stat`, 'utf8')
      if (cmd.includes(text) && !/^\d+ \(.*\) Z/.test(state)) found.push(`${n}: ${cmd}`)
    } catch {
      /* gone */
    }
  }
  return found
}

beforeAll(async () => {
  const src = path.join(FIXTURES, 'sandbox')
  const env = { ...process.env, ...testGoEnv(), GOPROXY: 'off', GOFLAGS: '-modcacherw' }
  await runOk('go', ['build', '-o', bin('host'), './host'], { cwd: src, env })
  for (const p of ['grabport', 'spawner'])
    await runOk('go', ['build', '-buildmode=plugin', '-o', bin(`${p}.so`), `./plugins/${p}`], {
      cwd: src,
      env
    })
}, 600_000)

function input(over: Partial<LoadTestInput>): LoadTestInput {
  return {
    host: bin('host'),
    hostName: 'bifrost-http',
    plugins: [],
    prefix: [],
    timeoutSec: 60,
    tmpRoot: mkdtempSync(path.join(dir, 'apps-')),
    sandbox: { ways, supervisor },
    ...over
  }
}

describe('offline sandbox', () => {
  it('answers every A question with 127.0.0.1 and nothing else', () => {
    const q = dnsPacket.encode({
      type: 'query',
      id: 7,
      questions: [
        { type: 'A', name: 'getbifrost.ai' },
        { type: 'AAAA', name: 'getbifrost.ai' }
      ]
    })
    const a = dnsPacket.decode(dnsAnswer(q)!)
    expect(a.id).toBe(7)
    expect(a.answers).toEqual([expect.objectContaining({ type: 'A', data: '127.0.0.1' })])
    expect(dnsAnswer(Buffer.from('junk'))).toBeUndefined()
  })

  it.skipIf(ways.length === 0)(
    'a host that fetches the datasheet at start-up gets {} from the stub; nothing outside answers',
    async () => {
      const r = await runLoadTest(input({}))
      expect(r.network).toMatch(/^offline/)
      expect(r.status).toBe('pass')
      expect(r.requests).toEqual([
        'GET getbifrost.ai/datasheet/model-parameters',
        'GET getbifrost.ai/datasheet'
      ])
      const log = r.log.join('\n')
      expect(log).toContain('fetched https://getbifrost.ai/datasheet: {}')
      expect(log).toMatch(/outside: dial tcp 1\.1\.1\.1:443: connect: network is unreachable/)
      expect(r.checks[0].message).toContain(
        'host fetched at start-up (served by the offline stub): GET getbifrost.ai/datasheet/model-parameters, GET getbifrost.ai/datasheet'
      )
    }
  )

  it.skipIf(ways.length === 0)(
    'a plugin that takes the host port and leaves children (one setsid) fails, and nothing is left',
    async () => {
      const tmpRoot = mkdtempSync(path.join(dir, 'grab-'))
      const r = await runLoadTest(
        input({ tmpRoot, plugins: [{ name: 'grabport', path: bin('grabport.so') }] })
      )
      expect(r.status).toBe('fail')
      const load = r.checks.find(c => c.id === 'load')!
      expect(load).toMatchObject({ subject: 'grabport.so', status: 'fail' })
      expect(load.message).toContain('grabport reported active, but then the host exited (code 1)')
      expect(load.message).toContain('failed to start server')
      await new Promise(res => setTimeout(res, 500))
      expect(processesWith(`bb-child-app-dir=${tmpRoot}`)).toEqual([])
    }
  )

  it.skipIf(ways.length === 0)(
    'a plugin that leaves children (one setsid) passes, and the load test ends them all',
    async () => {
      const tmpRoot = mkdtempSync(path.join(dir, 'spawn-'))
      const r = await runLoadTest(
        input({ tmpRoot, plugins: [{ name: 'spawner', path: bin('spawner.so') }] })
      )
      expect(r.status).toBe('pass')
      expect(r.checks.map(c => [c.id, c.status])).toEqual([
        ['load.host', 'pass'],
        ['load', 'pass']
      ])
      await new Promise(res => setTimeout(res, 500))
      expect(processesWith(`bb-child-app-dir=${tmpRoot}`)).toEqual([])
    }
  )

  it.skipIf(ways.length === 0)(
    'the supervisor ends the namespace when its stdin closes (where signals cannot reach it, through sudo)',
    async () => {
      const root = mkdtempSync(path.join(dir, 'lifeline-'))
      const marker = `bb-lifeline-${path.basename(root)}`
      const spec: SandboxSpec = {
        argv: [process.execPath, '-e', 'setInterval(() => {}, 1000)', marker],
        cwd: root,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
        port: 1,
        dir: path.join(root, 'sb'),
        token: 'TOKEN',
        lifeline: true
      }
      const specFile = path.join(root, 'spec.json')
      writeFileSync(specFile, JSON.stringify(spec))
      let ready!: () => void
      const isReady = new Promise<void>(r => (ready = r))
      const argv = [...ways[0].prefix, ...supervisor, specFile]
      const p = start(argv[0], argv.slice(1), {
        stdinLifeline: true,
        onLine: l => {
          if (l.startsWith('TOKEN {"event":"ready"')) ready()
        }
      })
      await isReady
      await new Promise(res => setTimeout(res, 500))
      expect(processesWith(marker)).toHaveLength(1)
      p.child.stdin!.end()
      const r = await p.done
      expect(r.code).not.toBe(0)
      expect(processesWith(marker)).toEqual([])
    }
  )
})
