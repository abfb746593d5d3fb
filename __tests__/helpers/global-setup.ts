/**
 * vitest's global set-up: runs once in the main process; the workers inherit its process.env.
 * Every temp dir the run makes (tests, the action's, go's) goes under one root of its own
 * (TMPDIR), removed when the run ends: a full run makes several GB of them. The caches kept
 * between runs (test GOCACHE, the base file systems) stay where they were.
 */
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { prepareTestEnv } from '../../testkit/test-env.js'
import { run } from '../../testkit/run.js'

export default async function setup(): Promise<() => Promise<void>> {
  const base = os.tmpdir()
  process.env.BB_TEST_CACHE_ROOT ||= path.join(base, 'bifrost-build-test-cache')
  process.env.BIFROST_BUILD_TEST_BASES ||= path.join(base, 'bifrost-build-test-bases')
  // Short: podman refuses a runroot path past 50 characters, and it is made under TMPDIR.
  const runTmp = mkdtempSync(path.join(base, 'bbt-'))
  process.env.TMPDIR = runTmp
  await prepareTestEnv()
  return async () => {
    if (process.env.BB_KEEP_TEST_TMP) return
    // GOMODCACHE copies are read-only: writable first, then removed.
    await run('chmod', ['-R', 'u+w', runTmp])
    await run('rm', ['-rf', runTmp])
  }
}
