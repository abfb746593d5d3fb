import { describe, expect, it } from 'vitest'
import { networkIsolation } from '../src/verify/load.js'
import { run } from '../src/proc.js'

describe('load test network isolation', () => {
  it('runs the host in a namespace with no interface but lo, where one can be had', async () => {
    const iso = await networkIsolation()
    if (iso.prefix.length === 0) {
      expect(iso.how).toMatch(/not available/)
      return
    }
    expect(iso.prefix[0]).toMatch(/unshare$/)
    const r = await run(iso.prefix[0], [...iso.prefix.slice(1), 'cat', '/proc/net/dev'])
    const interfaces = r.stdout
      .split('\n')
      .slice(2)
      .map(l => l.split(':')[0].trim())
      .filter(Boolean)
    expect(interfaces).toEqual(['lo'])
  })

  it('falls back to the plain network, saying so, without unshare', async () => {
    const iso = await networkIsolation(() => undefined)
    expect(iso).toEqual({
      prefix: [],
      how: 'with the network of this machine (unshare --net not available)'
    })
  })
})
