/**
 * The cache inputs as setup-go users write them: `cache-dependency-path` globs (relative to the
 * workspace, `!` lines, comments) on a real directory tree, `cache: restore-only` through the
 * restore and the post step, and where the module cache goes on a runner.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  cacheAfterSuccess,
  memoryState,
  restoreCache,
  saveCache,
  type CacheBackend,
  type StateStore
} from '../src/cache/index.js'
import { cacheInputs, parseCacheMode, resolveDependencyFiles } from '../src/plan/cache-inputs.js'
import { goSumHash, MODULE_CACHE_DIR, stableModuleCache } from '../src/cache/restore.js'
import { BuildError } from '../src/errors.js'
import { makeSample, sampleContext } from './helpers/package.js'
import { fakeReporter } from './helpers/reporter.js'

const roots: string[] = []
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true })
})

/** A checkout-shaped tree: transports, three plugins, a vendored copy, a link out. */
function workspace(): { ws: string; outside: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bb-cache-inputs-'))
  roots.push(root)
  const ws = path.join(root, 'ws')
  const outside = path.join(root, 'outside')
  const file = (rel: string, body = `${rel}\n`) => {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true })
    writeFileSync(path.join(ws, rel), body)
  }
  file('transports/go.sum')
  file('transports/go.mod', 'module t\n')
  file('plugins/a/go.sum')
  file('plugins/b/go.sum')
  file('plugins/b/deep/nested/go.sum')
  file('.hidden/go.sum')
  mkdirSync(path.join(outside, 'mod'), { recursive: true })
  writeFileSync(path.join(outside, 'mod', 'go.sum'), 'outside\n')
  symlinkSync(path.join(outside, 'mod'), path.join(ws, 'linked-dir'))
  symlinkSync(path.join(outside, 'mod', 'go.sum'), path.join(ws, 'plugins', 'a', 'linked.sum'))
  return { ws, outside }
}

function rel(ws: string, files: string[] | undefined) {
  return files?.map(f => path.relative(ws, f))
}

function errorOf(fn: () => unknown): BuildError {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(BuildError)
    return err as BuildError
  }
  throw new Error('no error')
}

describe('cache', () => {
  it('takes true, false and restore-only in any case and spacing', () => {
    expect(parseCacheMode(' TRUE ')).toEqual({ cache: true })
    expect(parseCacheMode('false')).toEqual({ cache: false })
    expect(parseCacheMode(' Restore-Only ')).toEqual({ cache: true, cacheRestoreOnly: true })
  })

  it('rejects anything else, naming the three values', () => {
    for (const v of ['yes', '1', 'read-only', 'restore']) {
      const e = errorOf(() => parseCacheMode(v))
      expect(e.where.input).toBe('cache')
      expect(e.message).toContain(JSON.stringify(v))
      expect(e.fix).toMatch(/true.*restore-only.*false/)
    }
  })
})

describe('cache-dependency-path', () => {
  it('empty (or only comments) keeps the default go.sum files', () => {
    const { ws } = workspace()
    expect(resolveDependencyFiles('', ws)).toBeUndefined()
    expect(resolveDependencyFiles('  \n# nothing\n', ws)).toBeUndefined()
  })

  it('resolves paths and globs relative to the workspace, sorted and without repeats', () => {
    const { ws } = workspace()
    expect(rel(ws, resolveDependencyFiles('transports/go.sum', ws))).toEqual(['transports/go.sum'])
    expect(rel(ws, resolveDependencyFiles('./transports/go.sum', ws))).toEqual([
      'transports/go.sum'
    ])
    expect(rel(ws, resolveDependencyFiles('plugins/*/go.sum\ntransports/go.sum', ws))).toEqual([
      'plugins/a/go.sum',
      'plugins/b/go.sum',
      'transports/go.sum'
    ])
    // ** reaches every depth and hidden directories (as setup-go's globs do); the directory
    // link out of the workspace is not followed
    expect(rel(ws, resolveDependencyFiles('**/go.sum\nplugins/a/go.sum', ws))).toEqual([
      '.hidden/go.sum',
      'plugins/a/go.sum',
      'plugins/b/deep/nested/go.sum',
      'plugins/b/go.sum',
      'transports/go.sum'
    ])
    // an absolute path inside the workspace is fine
    expect(rel(ws, resolveDependencyFiles(path.join(ws, 'transports', 'go.sum'), ws))).toEqual([
      'transports/go.sum'
    ])
  })

  it('! lines exclude, # lines are comments, blank lines and CRLF are fine', () => {
    const { ws } = workspace()
    const input = '# host and plugins\r\n\r\n  **/go.sum  \r\n!.hidden/**\r\n!plugins/b/deep/**\r\n'
    expect(rel(ws, resolveDependencyFiles(input, ws))).toEqual([
      'plugins/a/go.sum',
      'plugins/b/go.sum',
      'transports/go.sum'
    ])
  })

  it('a line matching no file is one error naming the line, the input and the fix', () => {
    const { ws } = workspace()
    const e = errorOf(() => resolveDependencyFiles('transports/go.sum\nplugin/*/go.sum', ws))
    expect(e.where.input).toBe('cache-dependency-path')
    expect(e.message).toBe(`"plugin/*/go.sum" matches no file inside the workspace ${ws}`)
    expect(e.fix).toMatch(/relative to the workspace.*leave cache-dependency-path empty/)
    // the plain path of a missing file, and a directory (no file)
    expect(errorOf(() => resolveDependencyFiles('go.sum', ws)).message).toContain('"go.sum"')
    expect(errorOf(() => resolveDependencyFiles('transports', ws)).message).toContain(
      'matches no file'
    )
  })

  it('nothing outside the workspace keys the cache: .., absolute paths and symlinks out', () => {
    const { ws, outside } = workspace()
    const dots = errorOf(() => resolveDependencyFiles('../outside/mod/go.sum', ws))
    expect([dots.where.input, dots.message]).toEqual([
      'cache-dependency-path',
      `"../outside/mod/go.sum" uses "..": the files must be inside the workspace ${ws}`
    ])
    const abs = errorOf(() => resolveDependencyFiles(path.join(outside, '**', 'go.sum'), ws))
    expect(abs.message).toContain('is outside the workspace')
    // through a directory link, or a file link
    for (const line of ['linked-dir/go.sum', 'linked-dir/*.sum', 'plugins/a/linked.sum'])
      expect(errorOf(() => resolveDependencyFiles(line, ws)).message, line).toContain(
        'matches no file inside the workspace'
      )
  })

  it('! lines that leave nothing are an error too', () => {
    const { ws } = workspace()
    const e = errorOf(() => resolveDependencyFiles('plugins/*/go.sum\n!plugins/**', ws))
    expect(e.where.input).toBe('cache-dependency-path')
    expect(e.message).toMatch(/exclude every file/)
  })

  it('is read only with the cache on', () => {
    const { ws } = workspace()
    const raw = { cache: 'false', 'cache-dependency-path': 'nope/go.sum' }
    expect(cacheInputs(raw, ws)).toEqual({ cache: false })
    expect(() => cacheInputs({ ...raw, cache: 'restore-only' }, ws)).toThrow(/nope\/go\.sum/)
    expect(
      rel(
        ws,
        cacheInputs({ cache: 'true', 'cache-dependency-path': 'transports/go.sum' }, ws)
          .cacheDependencyFiles
      )
    ).toEqual(['transports/go.sum'])
  })

  it('the key hashes the named files instead of the default ones', async () => {
    const s = makeSample()
    const ws = s.plan.workspace
    mkdirSync(path.join(ws, 'extra'), { recursive: true })
    writeFileSync(path.join(ws, 'extra', 'go.sum'), 'one\n')
    const byDefault = await goSumHash(s.plan)
    const named = {
      ...s.plan,
      cacheDependencyFiles: resolveDependencyFiles('extra/go.sum', ws)
    }
    const first = await goSumHash(named)
    expect(first).not.toBe(byDefault)
    // a plugin's go.sum no longer matters; the named one does
    writeFileSync(path.join(s.plan.plugins[0].moduleDir, 'go.sum'), 'changed\n')
    expect(await goSumHash(named)).toBe(first)
    writeFileSync(path.join(ws, 'extra', 'go.sum'), 'two\n')
    expect(await goSumHash(named)).not.toBe(first)
  })
})

function recordingBackend() {
  const ops: string[] = []
  const backend: CacheBackend = {
    kind: 'service',
    async restore(_paths, _key, restoreKeys) {
      ops.push('restore')
      return `${restoreKeys[0]}older`
    },
    async save() {
      ops.push('save')
    }
  }
  return { backend, ops }
}

function postState(): StateStore {
  const values = new Map<string, string>()
  return { mode: 'post', save: (k, v) => void values.set(k, v), get: k => values.get(k) ?? '' }
}

describe('cache: restore-only', () => {
  it('restores, and the post step saves nothing even after a successful build', async () => {
    const s = makeSample()
    s.toolchain.env.GOMODCACHE = '/c/mod'
    s.toolchain.env.GOCACHE = '/c/build'
    const plan = { ...s.plan, cacheRestoreOnly: true }
    const { backend, ops } = recordingBackend()
    const state = postState()
    const reporter = fakeReporter()
    const r = await restoreCache(plan, s.toolchain, reporter, { backend, state, env: {} })
    expect(r).toMatchObject({ enabled: true, hit: true, exact: false, restoreOnly: true })
    const ctx = sampleContext(s, reporter)
    ctx.cache = r
    await cacheAfterSuccess(ctx, { state, backend })
    await saveCache(reporter, { state, backend })
    expect(ops).toEqual(['restore'])
    expect(reporter.messages('info').at(-1)).toBe(`cache: restore-only; ${r.key} is not saved`)
  })

  it('the CLI (saving inline) saves nothing either, and a miss says nothing will be saved', async () => {
    const s = makeSample()
    s.toolchain.env.GOMODCACHE = '/c/mod'
    s.toolchain.env.GOCACHE = '/c/build'
    const ops: string[] = []
    const backend: CacheBackend = {
      kind: 'local',
      restore: async () => void ops.push('restore'),
      save: async () => void ops.push('save')
    }
    const state = memoryState()
    const reporter = fakeReporter()
    const plan = { ...s.plan, cacheRestoreOnly: true }
    const r = await restoreCache(plan, s.toolchain, reporter, { backend, state, env: {} })
    expect(reporter.messages('info')).toContain(
      `cache: no entry for ${r.key} (local); restore-only: nothing is saved`
    )
    const ctx = sampleContext(s, reporter)
    ctx.cache = r
    await cacheAfterSuccess(ctx, { state, backend })
    expect(ops).toEqual(['restore'])
  })
})

describe('the module cache on a runner', () => {
  const goEnv = (gomodcache: string) => ({ GOPATH: '/home/u/go', GOMODCACHE: gomodcache })

  it("replaces Go's default with one under the tool cache", () => {
    expect(stableModuleCache(goEnv('/home/u/go/pkg/mod'), { RUNNER_TOOL_CACHE: '/opt/tc' })).toBe(
      path.join('/opt/tc', MODULE_CACHE_DIR)
    )
    expect(MODULE_CACHE_DIR).toBe('bifrost-build/gomodcache')
  })

  it("keeps a GOMODCACHE of the user's own, and Go's default off a runner", () => {
    expect(stableModuleCache(goEnv('/srv/mods'), { RUNNER_TOOL_CACHE: '/opt/tc' })).toBeUndefined()
    expect(stableModuleCache(goEnv('/home/u/go/pkg/mod'), {})).toBeUndefined()
    expect(
      stableModuleCache(goEnv('/home/u/go/pkg/mod'), { RUNNER_TOOL_CACHE: 'relative/tc' })
    ).toBeUndefined()
  })

  it('the restore moves the build and later steps there, and caches that path', async () => {
    const s = makeSample()
    s.toolchain.env.GOPATH = '/home/u/go'
    s.toolchain.env.GOMODCACHE = '/home/u/go/pkg/mod'
    s.toolchain.env.GOCACHE = '/c/build'
    const paths: string[][] = []
    const backend: CacheBackend = {
      kind: 'service',
      restore: async p => void paths.push(p),
      save: async () => undefined
    }
    const reporter = fakeReporter()
    const toolCache = mkdtempSync(path.join(os.tmpdir(), 'bb-cache-tc-'))
    roots.push(toolCache)
    const env = { RUNNER_TOOL_CACHE: toolCache }
    await restoreCache(s.plan, s.toolchain, reporter, { backend, state: postState(), env })
    const fixed = path.join(toolCache, MODULE_CACHE_DIR)
    expect(s.toolchain.env.GOMODCACHE).toBe(fixed)
    expect(reporter.exported).toEqual({ GOMODCACHE: fixed })
    expect(paths).toEqual([[fixed, '/c/build']])
  })

  it('a tool cache that cannot hold it leaves GOMODCACHE as it was, and says why', async () => {
    const s = makeSample()
    s.toolchain.env.GOPATH = '/home/u/go'
    s.toolchain.env.GOMODCACHE = '/home/u/go/pkg/mod'
    s.toolchain.env.GOCACHE = '/c/build'
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-cache-tc-'))
    roots.push(root)
    writeFileSync(path.join(root, 'a-file'), '')
    const { backend } = recordingBackend()
    const reporter = fakeReporter()
    const env = { RUNNER_TOOL_CACHE: path.join(root, 'a-file') }
    await restoreCache(s.plan, s.toolchain, reporter, { backend, state: postState(), env })
    expect(s.toolchain.env.GOMODCACHE).toBe('/home/u/go/pkg/mod')
    expect(reporter.exported).toEqual({})
    expect(reporter.messages('info')[0]).toBe(
      `cache: the tool cache's module cache ${path.join(root, 'a-file', MODULE_CACHE_DIR)} cannot be used (ENOTDIR); keeping GOMODCACHE /home/u/go/pkg/mod`
    )
  })

  it("a user's GOMODCACHE inside the workspace is kept, with a line saying what it costs", async () => {
    const s = makeSample()
    s.toolchain.env.GOPATH = '/home/u/go'
    s.toolchain.env.GOMODCACHE = '/w/repo/.gomod'
    s.toolchain.env.GOCACHE = '/c/build'
    const { backend } = recordingBackend()
    const reporter = fakeReporter()
    const env = { RUNNER_TOOL_CACHE: '/opt/tc', GITHUB_WORKSPACE: '/w/repo' }
    await restoreCache(s.plan, s.toolchain, reporter, { backend, state: postState(), env })
    expect(s.toolchain.env.GOMODCACHE).toBe('/w/repo/.gomod')
    expect(reporter.exported).toEqual({})
    expect(reporter.messages('info')[0]).toMatch(
      /^cache: GOMODCACHE \/w\/repo\/\.gomod is inside GITHUB_WORKSPACE, .*recompiled/
    )
  })
})

describe('the CLI flags', () => {
  it('take the same names; --cache-dependency-path may be repeated', async () => {
    const { parseCli } = await import('../src/cli/args.js')
    const r = parseCli([
      'build',
      '--cache',
      'restore-only',
      '--cache-dependency-path',
      'transports/go.sum',
      '--cache-dependency-path',
      'plugins/*/go.sum'
    ])
    if (typeof r === 'string' || !('raw' in r)) throw new Error('not a run')
    expect(r.raw['cache']).toBe('restore-only')
    expect(r.raw['cache-dependency-path']).toBe('transports/go.sum\nplugins/*/go.sum')
  })
})
