/**
 * Measures host-first vs concurrent (plugins alongside the host) with a cold GOCACHE each time:
 * dynamic glibc host + hello + world. Slow (~35 s a run), so only with BB_BUILD_BENCH=1; the
 * figures it prints decided DEFAULT_ORDER in src/build/index.ts.
 */
import { rmSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { build, type BuildOrder } from '../src/build/index.js'
import { fixturePlan, fixtureUserEnv, localToolchain, tempDir } from './helpers/build.js'
import { copyFixture } from '../testkit/fixture.js'
import { fakeReporter } from './helpers/reporter.js'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe.runIf(process.env.BB_BUILD_BENCH)('build order with a cold GOCACHE', () => {
  it('host-first vs concurrent', { timeout: 1_800_000 }, async () => {
    const ws = await copyFixture()
    dirs.push(ws)
    const plan = fixturePlan(ws, { plugins: 'plugins/hello\nplugins/world' })
    const rounds = Number(process.env.BB_BUILD_BENCH_ROUNDS || 2)
    const figures: string[] = []
    for (let i = 0; i < rounds; i++) {
      for (const order of ['host-first', 'concurrent'] as BuildOrder[]) {
        const cache = tempDir('bb-bench-gocache-')
        dirs.push(cache)
        const toolchain = localToolchain()
        toolchain.env.GOCACHE = cache
        const staging = tempDir('bb-bench-stage-')
        dirs.push(staging)
        const t0 = Date.now()
        const r = await build({
          plan,
          toolchain,
          reporter: fakeReporter(),
          signal: new AbortController().signal,
          stagingDir: staging,
          env: fixtureUserEnv({ GOCACHE: cache }),
          order
        })
        const wall = Date.now() - t0
        figures.push(
          `${order}: wall ${(wall / 1000).toFixed(1)} s, host ${(r.host.durationMs / 1000).toFixed(1)} s, plugins ${r.plugins.map(p => `${p.name} ${(p.durationMs / 1000).toFixed(1)} s`).join(', ')}`
        )
        rmSync(cache, { recursive: true, force: true })
      }
    }
    console.log(figures.join('\n'))
    expect(figures).toHaveLength(rounds * 2)
  })
})
