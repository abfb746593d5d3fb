/**
 * Our action under a real runner implementation: act runs a workflow with `uses: ./` (this
 * repository's action.yml and bundled dist/) on the real-plugin fixture, so INPUT_* defaults
 * from action.yml, the post step (cache save), outputs between steps and act's cache server
 * (save in one run, exact restore in the next) are exercised. Upload stays off: act's artifact server rejects the bundled @actions/artifact
 * (nektos/act#6021, see action-act-runner.test.ts). Gated by BIFROST_BUILD_E2E (a cold host build is minutes).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { REPO, testGoEnv } from './helpers/action.js'
import {
  COPY_REPO_STEP,
  ensureTools,
  installedTools,
  makeActRepo,
  runAct,
  type TestTools
} from './helpers/act.js'

const enabled = Boolean(process.env.BIFROST_BUILD_E2E)
const FIXTURE = path.join(REPO, '__tests__', 'fixtures', 'real-plugin')

const WORKFLOW = `name: bifrost
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
${COPY_REPO_STEP}      - id: bifrost
        uses: ./
        with:
          go-download-source: goproxy
          source: bifrost
          plugins: real-plugin=plugins/real-plugin
          mode: dynamic
          libc: glibc
          verify: full
          version: 0.0.1-act
          upload: false
          # warn, not the default error, until alignment ignores modules neither binary links
          # (docs/real-bifrost.md §9; the default reaching the action is itself checked there)
          align-modules: warn
      - name: Outputs reach the next step
        run: |
          echo "built \${{ steps.bifrost.outputs.binary }} with Go \${{ steps.bifrost.outputs.go-version }}"
          echo "plugins: \${{ steps.bifrost.outputs.plugins }}"
          test -x "\${{ steps.bifrost.outputs.binary }}"
`

describe.skipIf(!enabled)('act runs our action on the real-plugin fixture', () => {
  let tools: TestTools
  beforeAll(async () => {
    tools = installedTools() ?? (await ensureTools(testGoEnv()))
  }, 1_300_000)

  it('builds, loads the plugin, passes outputs on, saves the cache in the post step and restores it', async () => {
    const repo = await makeActRepo({ '.github/workflows/bifrost.yml': WORKFLOW }, [
      [path.join(REPO, 'action.yml'), 'action.yml'],
      [path.join(REPO, 'dist'), 'dist'],
      [path.join(FIXTURE, 'host'), 'bifrost'],
      [path.join(FIXTURE, 'plugin'), 'plugins/real-plugin']
    ])
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'bb-act-cache-'))
    const env = {
      ...testGoEnv(),
      // the sandbox's checksum database lacks these versions; the fixture's go.sum covers them
      GONOSUMDB: 'github.com/maximhq/bifrost'
    }
    try {
      const first = await runAct(tools, repo, '.github/workflows/bifrost.yml', {
        env,
        cacheDir,
        timeoutMs: 1_800_000
      })
      const log = first.stdout + first.stderr
      expect(first.code, log).toBe(0)
      expect(log).toContain('plugin status: real-plugin - active')
      expect(log).toMatch(/built \/\S+bifrost-http with Go 1\.26\.1/)
      expect(log).toContain('"name":"real-plugin"')
      // the post step saved GOMODCACHE/GOCACHE through act's cache server
      expect(log).toMatch(/cache: saved bifrost-build-\S+ \(service\)/)

      const second = await runAct(tools, repo, '.github/workflows/bifrost.yml', {
        env,
        cacheDir,
        timeoutMs: 1_800_000
      })
      const log2 = second.stdout + second.stderr
      expect(second.code, log2).toBe(0)
      // act's cache server lowercases keys (pkg/artifactcache/handler.go), so the key it
      // returns differs in case from ours; actions/cache compares keys case-insensitively, the
      // action compares them exactly and reports a partial match (then saves again).
      expect(log2).toMatch(
        /cache: restored (exact key|partial match bifrost-build-linux-x64-\S+ for) bifrost-build-Linux-X64-\S+ \(service\)/
      )
    } finally {
      // the saved cache is the whole GOCACHE: hundreds of MB
      rmSync(cacheDir, { recursive: true, force: true })
    }
  }, 1_800_000)
})
