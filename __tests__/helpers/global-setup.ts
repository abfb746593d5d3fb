/**
 * One GOCACHE and GOMODCACHE for every test file (real go builds are the slow part; the
 * brief asks to share them). Workers inherit process.env from here.
 */
import { mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export default function setup(): void {
  const root = process.env.BB_TEST_CACHE_ROOT || path.join(os.tmpdir(), 'bifrost-build-test-cache')
  const gocache = path.join(root, 'gocache')
  const gomodcache = path.join(root, 'gomodcache')
  mkdirSync(gocache, { recursive: true })
  mkdirSync(gomodcache, { recursive: true })
  process.env.BB_TEST_CACHE_ROOT = root
  process.env.BB_TEST_GOCACHE = gocache
  process.env.BB_TEST_GOMODCACHE = gomodcache
}
