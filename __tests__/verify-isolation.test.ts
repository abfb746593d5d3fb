import { describe, expect, it } from 'vitest'
import { sandboxWays } from '../src/verify/load-sandbox.js'
import { run } from '../src/proc.js'

const which = (cmd: string) => `/usr/bin/${cmd}`
const NS = ['--net', '--mount', '--pid', '--fork', '--kill-child', '--']

describe('load test sandbox namespaces', () => {
  it('root uses unshare; others an unprivileged user namespace, then sudo -n', () => {
    expect(sandboxWays(which, true)).toEqual([
      { prefix: ['/usr/bin/unshare', ...NS], how: 'unshare' }
    ])
    expect(sandboxWays(which, false)).toEqual([
      {
        prefix: ['/usr/bin/unshare', '--user', '--map-root-user', ...NS],
        how: 'an unprivileged user namespace'
      },
      { prefix: ['/usr/bin/sudo', '-n', '/usr/bin/unshare', ...NS], how: 'sudo -n unshare' }
    ])
    expect(sandboxWays(c => (c === 'sudo' ? undefined : which(c)), false)).toHaveLength(1)
    expect(sandboxWays(() => undefined, true)).toEqual([])
  })

  it('a process in the namespace sees no interface but lo', async () => {
    const ways = sandboxWays()
    if (ways.length === 0) return
    const [cmd, ...args] = ways[0].prefix
    const r = await run(cmd, [...args, 'cat', '/proc/net/dev'])
    if (r.code !== 0) return
    const lines = r.stdout.split('\n')
    const interfaces = lines
      .slice(2)
      .filter(l => l.includes(':'))
      .map(l => l.split(':')[0].trim())
    expect(interfaces).toEqual(['lo'])
  })
})
