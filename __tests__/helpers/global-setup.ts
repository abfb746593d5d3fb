/**
 * One GOCACHE and GOMODCACHE for every test file (real go builds are the slow part; the
 * brief asks to share them). Workers inherit process.env from here.
 */
import { mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fixtureProxyDirAsync } from './fixture.js'

export default async function setup(): Promise<void> {
  const root = process.env.BB_TEST_CACHE_ROOT || path.join(os.tmpdir(), 'bifrost-build-test-cache')
  const gocache = path.join(root, 'gocache')
  const gomodcache = path.join(root, 'gomodcache')
  mkdirSync(gocache, { recursive: true })
  mkdirSync(gomodcache, { recursive: true })
  process.env.BB_TEST_CACHE_ROOT = root
  process.env.BB_TEST_GOCACHE = gocache
  process.env.BB_TEST_GOMODCACHE = gomodcache
  // Made once here, in the main process: a worker blocked for a minute in a synchronous
  // `go run` misses vitest's RPC deadline ("Timeout calling onTaskUpdate") on a cold cache.
  await fixtureProxyDirAsync()
}
