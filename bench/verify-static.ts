/**
 * Benchmark of the static verify checks: a real fixture host with 5
 * plugins, and a 100 MB ELF host (the real host padded to 100 MB, as a big Bifrost with its
 * UI embedded would be). Prints time and peak memory as JSON lines.
 *
 *   npx vite-node bench/verify-static.ts [--runs 5]
 *
 * Needs go and gcc only to build the fixtures (once, cached); verify itself starts no process.
 */
import { copyFileSync, mkdtempSync, openSync, closeSync, ftruncateSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readElf } from '../src/lib/elf.js'
import { verify } from '../src/verify/index.js'
import type { Reporter } from '../src/report.js'

import { prepareTestEnv } from '../testkit/test-env.js'
import { buildFixture } from '../testkit/verify-builds.js'

await prepareTestEnv()

const runsArg = process.argv.indexOf('--runs')
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5

const quiet: Reporter = {
  info() {},
  debug() {},
  notice() {},
  warning() {},
  error() {},
  stage: (_n, fn) => fn(),
  processLine() {},
  setOutput() {},
  exportVariable() {},
  addPath() {},
  setSecret() {},
  timings: []
}

const work = mkdtempSync(path.join(os.tmpdir(), 'bb-bench-verify-'))
try {
  const host = await buildFixture({ kind: 'host' })
  const hello = await buildFixture({ kind: 'plugin', plugin: 'hello' })
  const plugins = ['p1', 'p2', 'p3', 'p4', 'p5'].map(name => {
    const p = path.join(work, `${name}.so`)
    copyFileSync(hello, p)
    return { name, path: p }
  })
  const bigHost = path.join(work, 'bifrost-http-100mb')
  copyFileSync(host, bigHost)
  const fd = openSync(bigHost, 'r+')
  ftruncateSync(fd, 100 * 1024 * 1024)
  closeSync(fd)

  const measure = async (label: string, fn: () => Promise<unknown>) => {
    const times: number[] = []
    let peak = process.memoryUsage().rss
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5)
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint()
      await fn()
      times.push(Number(process.hrtime.bigint() - t0) / 1e6)
    }
    clearInterval(sampler)
    peak = Math.max(peak, process.memoryUsage().rss)
    times.sort((a, b) => a - b)
    console.log(
      JSON.stringify({
        bench: label,
        runs: RUNS,
        medianMs: Math.round(times[Math.floor(times.length / 2)] * 10) / 10,
        maxMs: Math.round(times[times.length - 1] * 10) / 10,
        peakRssMB: Math.round(peak / 1024 / 1024)
      })
    )
  }

  const staticVerify = (h: string) => () =>
    verify({
      host: h,
      plugins,
      mode: 'dynamic',
      libc: 'glibc',
      target: { os: 'linux', arch: 'amd64' },
      level: 'static',
      timeoutSec: 60,
      reporter: quiet,
      signal: new AbortController().signal
    }).then(r => {
      if (!r.ok)
        throw new Error(
          `unexpected failure: ${JSON.stringify(r.checks.filter(c => c.status === 'fail'))}`
        )
    })

  await measure('elf-read host + 5 plugins (no go process)', () =>
    Promise.all([host, ...plugins.map(p => p.path)].map(f => readElf(f)))
  )
  await measure('elf-read 100 MB host', async () => {
    const info = await readElf(bigHost)
    const bytes = info.reads.reduce((n, [, len]) => n + len, 0)
    if (bytes > 1024 * 1024) throw new Error(`read ${bytes} bytes`)
  })
  await measure(
    'static verify host + 5 plugins (build info read in TypeScript, no go process)',
    staticVerify(host)
  )
  await measure('static verify 100 MB host + 5 plugins (no go process)', staticVerify(bigHost))
  console.log(
    JSON.stringify({
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      hostBytes: (await readElf(host)).size,
      note: 'peak RSS includes node and vite-node (~100 MB idle)'
    })
  )
} finally {
  rmSync(work, { recursive: true, force: true })
}
