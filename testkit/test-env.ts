/**
 * What tests and the bench need before their first fixture build: one GOCACHE and GOMODCACHE
 * for every test file (real go builds are the slow part), the fixture's file GOPROXY, and what
 * the Go on PATH reports. vitest's global set-up calls it, and so do bench/run and
 * bench/verify-static, which run outside vitest on a machine where no test may have run.
 * Children (vitest workers, the bench's runs) inherit it all through process.env.
 */
import { mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ensureFixtureProxy } from './fixture.js'
import { loadGoEnv } from './go-env.js'

export async function prepareTestEnv(): Promise<void> {
  const root = process.env.BB_TEST_CACHE_ROOT || path.join(os.tmpdir(), 'bifrost-build-test-cache')
  process.env.BB_TEST_CACHE_ROOT = root
  process.env.BB_TEST_GOCACHE ||= path.join(root, 'gocache')
  process.env.BB_TEST_GOMODCACHE ||= path.join(root, 'gomodcache')
  mkdirSync(process.env.BB_TEST_GOCACHE, { recursive: true })
  mkdirSync(process.env.BB_TEST_GOMODCACHE, { recursive: true })
  // Built here, asynchronously, in the main process: a worker blocked for a minute in a
  // synchronous `go run` misses vitest's RPC deadline ("Timeout calling onTaskUpdate").
  await ensureFixtureProxy()
  await loadGoEnv()
}
