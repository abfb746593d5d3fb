/**
 * `bifrost-build verify` through the bundled CLI (dist/cli/index.js) on real fixture binaries:
 * exit 0 when compatible, 1 with one line per failed check, 2 for a bad file.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { runCli } from './helpers/action.js'
import { buildEnv, buildFixture } from '../testkit/verify-builds.js'

// Cold fixture builds on a busy 2-core machine can take minutes; they are cached afterwards.
vi.setConfig({ testTimeout: 900_000, hookTimeout: 900_000 })

describe('bifrost-build verify (bundled CLI)', () => {
  let env: Record<string, string> = {}
  beforeAll(async () => {
    env = buildEnv()
  })
  // verify reads build info from the files: no Go flags needed (no-Go runs: verify-nogo.test.ts).
  const local = (args: string[]) =>
    runCli(['verify', ...args], { env: { GOPROXY: env.GOPROXY, GONOSUMDB: env.GONOSUMDB } })

  it('exit 0 for a compatible host and plugin, with the load test', async () => {
    const host = await buildFixture({ kind: 'host' })
    const hello = await buildFixture({ kind: 'plugin', plugin: 'hello' })
    const r = await local(['--host', host, '--plugin', hello, '--load'])
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const out = r.stdout + r.stderr
    expect(out).toMatch(/buildinfo\.modules\s+hello\.so/)
    expect(out).toContain('plugin status: hello - active')
  })

  it('exit 1 with the skewed module named, and the loader error quoted', async () => {
    const host = await buildFixture({ kind: 'host' })
    const skewed = await buildFixture({ kind: 'plugin', plugin: 'skewed' })
    const r = await local(['--host', host, '--plugin', skewed, '--load'])
    expect(r.code).toBe(1)
    const out = r.stdout + r.stderr
    expect(out).toContain('module bifrost.test/core differs: host v1.1.0')
    expect(out).toContain('plugin was built with a different version of package bifrost.test/core')
  })

  it('exit 2 for a plugin path that is not a file', async () => {
    const host = await buildFixture({ kind: 'host' })
    const r = await local(['--host', host, '--plugin', '/nonexistent/x.so'])
    expect(r.code).toBe(2)
    expect(r.stdout + r.stderr).toContain('/nonexistent/x.so does not exist')
  })
})
