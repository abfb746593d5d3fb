/**
 * End to end on real Bifrost modules: the action (bundled dist/, runner-style INPUT_*) builds the
 * fixture host in __tests__/fixtures/real-plugin/host (Bifrost-shaped, loading plugins through
 * the real github.com/maximhq/bifrost/framework/plugins loader, core v1.5.1) and a plugin of our
 * own importing the real core, dynamic glibc, `verify: full`. It passes only when the host logs
 * the plugin active. Then a plugin on another core (v1.4.2) must fail before building with
 * `align-modules: error`, naming the module, and load with `fix`.
 *
 * The real transports module is not served by the module proxy here (docs/real-bifrost.md), so
 * `bifrost-version` cannot be exercised; this is the closest real host. Slow (a cold build of the
 * host is minutes): gated by BIFROST_BUILD_E2E.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO, runAction, runnerDirs, type RunnerDirs } from './helpers/action.js'

const FIXTURE = path.join(REPO, '__tests__', 'fixtures', 'real-plugin')
const enabled = Boolean(process.env.BIFROST_BUILD_E2E)
const sharedToolCache = path.join(
  process.env.BB_TEST_CACHE_ROOT ?? os.tmpdir(),
  'real-bifrost-tool-cache'
)

/** The workspace a checkout would give: the host checkout plus plugin directories. */
function workspaceWith(...plugins: string[]): RunnerDirs {
  const dirs = runnerDirs()
  // One tool cache for the group: the Go download (about a minute) happens once.
  dirs.toolCache = sharedToolCache
  mkdirSync(sharedToolCache, { recursive: true })
  // The runner creates the command files before a step starts; @actions/core requires them.
  for (const f of Object.values(dirs.files)) writeFileSync(f, '')
  cpSync(path.join(FIXTURE, 'host'), path.join(dirs.workspace, 'bifrost'), { recursive: true })
  for (const p of plugins)
    cpSync(path.join(FIXTURE, p), path.join(dirs.workspace, 'plugins', p), { recursive: true })
  return dirs
}

const baseInputs = {
  'go-version': '1.26.1',
  // go.dev is not reachable here; the module proxy serves golang.org/toolchain.
  'go-download-source': 'goproxy',
  source: 'bifrost',
  mode: 'dynamic',
  libc: 'glibc',
  verify: 'full',
  version: '0.0.1-e2e',
  upload: 'false',
  cache: 'false'
}

// The sandbox's checksum database does not know these module versions (404); a real runner's
// does. go.sum files in the fixture cover every build; this only lets `fix` add lines.
const env = { GONOSUMDB: 'github.com/maximhq/bifrost' }

/** Stage timings in the test output: cold builds of a real host are CI's biggest cost. */
function stageTimes(label: string, log: string): void {
  const lines = log.split('\n').filter(l => /^\w[\w-]*: (done|failed) in /.test(l))
  console.log(`[${label}] ${lines.join('; ')}`)
}

describe.skipIf(!enabled)('real Bifrost modules end to end', () => {
  it('builds the host and our plugin, and the real loader reports it active', async () => {
    const dirs = workspaceWith('plugin')
    const r = await runAction(
      { ...baseInputs, plugins: 'real-plugin=plugins/plugin', 'align-modules': 'warn' },
      { dirs, env, timeoutMs: 1_800_000 }
    )
    const log = r.stdout + r.stderr
    stageTimes('real-plugin', log)
    expect(r.code, log).toBe(0)
    expect(log).toContain('plugin status: real-plugin - active')
    expect(r.outputs.mode).toBe('dynamic')
    expect(r.outputs['go-version']).toBe('1.26.1')
    const plugins = JSON.parse(r.outputs.plugins) as Array<{ name: string; path: string }>
    expect(plugins.map(p => p.name)).toEqual(['real-plugin'])
    expect(existsSync(r.outputs.binary)).toBe(true)
    const manifest = readFileSync(r.outputs.manifest, 'utf8')
    expect(manifest).toContain('github.com/maximhq/bifrost/core')
    // the user's checkout is left as it was found (no ui/ placeholder left behind)
    expect(existsSync(path.join(dirs.workspace, 'bifrost/transports/bifrost-http/ui'))).toBe(false)
  }, 1_800_000)

  // The hello-world-shaped plugin requires only core v1.5.1, the host's; `go list -m all`
  // differs in modules neither binary links (github.com/google/go-cmp v0.5.9 vs v0.7.0,
  // golang.org/x/sync v0.8.0 vs v0.20.0, gopkg.in/check.v1: test-only requirements of
  // dependencies). Alignment compares the modules of the packages built (`go list -deps`).
  it('align-modules error accepts a plugin that differs only in modules neither binary links', async () => {
    const dirs = workspaceWith('plugin')
    const r = await runAction(
      { ...baseInputs, plugins: 'real-plugin=plugins/plugin', 'align-modules': 'error' },
      { dirs, env, timeoutMs: 1_800_000 }
    )
    expect(r.errors.join('\n')).not.toContain('github.com/google/go-cmp')
    expect(r.code, r.stdout + r.stderr).toBe(0)
  }, 1_800_000)

  it('align-modules error: a plugin on core v1.4.2 fails before building, naming the module', async () => {
    const dirs = workspaceWith('skewed')
    const r = await runAction(
      { ...baseInputs, plugins: 'skewed=plugins/skewed', 'align-modules': 'error' },
      { dirs, env, timeoutMs: 600_000 }
    )
    const log = r.stdout + r.stderr
    expect(r.code, log).not.toBe(0)
    const error = r.errors.join('\n')
    expect(error).toContain('github.com/maximhq/bifrost/core')
    expect(error).toContain('v1.4.2')
    expect(error).toContain('v1.5.1')
    // before building: the host was never compiled
    expect(log).not.toContain('plugin status:')
    expect(r.outputs.binary ?? '').toBe('')
  }, 600_000)

  it('align-modules warn: a newer fasthttp builds, then the load test quotes the loader', async () => {
    const dirs = workspaceWith('depskew')
    const r = await runAction(
      { ...baseInputs, plugins: 'depskew=plugins/depskew', 'align-modules': 'warn' },
      { dirs, env, timeoutMs: 1_800_000 }
    )
    const log = r.stdout + r.stderr
    expect(r.code, log).not.toBe(0)
    expect(log).toContain('github.com/valyala/fasthttp')
    expect(r.errors.join('\n')).toContain('plugin was built with a different version of package')
  }, 1_800_000)

  // With the whole graph compared, the pinned graph differed in modules neither binary links
  // (go.opentelemetry.io/otel, google.golang.org/grpc, genproto) and `fix` stopped; comparing
  // the built packages' modules only, it pins core v1.5.1 and sonic and the plugin loads.
  it('align-modules fix: the same plugin is pinned to the host versions and loads', async () => {
    const dirs = workspaceWith('skewed')
    const goMod = readFileSync(path.join(dirs.workspace, 'plugins/skewed/go.mod'), 'utf8')
    const r = await runAction(
      { ...baseInputs, plugins: 'skewed=plugins/skewed', 'align-modules': 'fix' },
      { dirs, env, timeoutMs: 1_800_000 }
    )
    const log = r.stdout + r.stderr
    expect(r.code, log).toBe(0)
    expect(log).toContain('plugin status: skewed - active')
    // the user's go.mod is never edited
    expect(readFileSync(path.join(dirs.workspace, 'plugins/skewed/go.mod'), 'utf8')).toBe(goMod)
  }, 1_800_000)
})
