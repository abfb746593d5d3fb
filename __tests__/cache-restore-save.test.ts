import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Plan, Toolchain } from '../src/context.js'
import {
  cacheAfterSuccess,
  cacheKeys,
  hashGoSums,
  LocalDirBackend,
  memoryState,
  restoreCache,
  saveCache,
  type CacheBackend,
  type StateStore
} from '../src/cache/index.js'
import { goSumHash } from '../src/cache/restore.js'
import { ConsoleReporter } from '../src/report.js'
import { makeSample, sampleContext } from './helpers/package.js'
import { runOk } from '../testkit/run.js'
import { fakeReporter } from './helpers/reporter.js'

vi.mock('@actions/cache', () => ({
  restoreCache: vi.fn(async () => 'bifrost-build-old'),
  saveCache: vi.fn(async () => 1)
}))

const BASE = {
  runnerOs: 'Linux',
  runnerArch: 'X64',
  goVersion: '1.26.1',
  target: { os: 'linux' as const, arch: 'amd64' as const },
  libc: 'glibc' as const,
  mode: 'dynamic' as const,
  goSumHash: 'h'.repeat(64)
}

describe('cache keys', () => {
  it('names every part, with the restore key being the key without the hash', () => {
    const k = cacheKeys(BASE)
    expect(k.key).toBe(
      `bifrost-build-Linux-X64-go1.26.1-linux-amd64-glibc-dynamic-${'h'.repeat(64)}`
    )
    expect(k.restoreKeys).toEqual(['bifrost-build-Linux-X64-go1.26.1-linux-amd64-glibc-dynamic-'])
    expect(k.key.startsWith(k.restoreKeys[0])).toBe(true)
  })

  it('is stable for the same inputs and changes with each part', () => {
    expect(cacheKeys({ ...BASE })).toEqual(cacheKeys(BASE))
    const variants = [
      { runnerOs: 'macOS' },
      { runnerArch: 'ARM64' },
      { goVersion: '1.26.2' },
      { target: { os: 'linux' as const, arch: 'arm64' as const } },
      { libc: 'musl' as const },
      { mode: 'static' as const },
      { goSumHash: 'g'.repeat(64) }
    ]
    const keys = new Set([
      cacheKeys(BASE).key,
      ...variants.map(v => cacheKeys({ ...BASE, ...v }).key)
    ])
    expect(keys.size).toBe(variants.length + 1)
    // only the go.sum hash keeps the restore key
    for (const v of variants) {
      const same = cacheKeys({ ...BASE, ...v }).restoreKeys[0] === cacheKeys(BASE).restoreKeys[0]
      expect(same).toBe('goSumHash' in v)
    }
  })

  it('hashes every go.sum involved, in any order', async () => {
    expect(
      hashGoSums([
        { name: 'a', content: '1' },
        { name: 'b', content: '2' }
      ])
    ).toBe(
      hashGoSums([
        { name: 'b', content: '2' },
        { name: 'a', content: '1' }
      ])
    )
    expect(hashGoSums([{ name: 'a', content: '1' }])).not.toBe(
      hashGoSums([{ name: 'a', content: '2' }])
    )
    const s = makeSample()
    const before = await goSumHash(s.plan)
    expect(await goSumHash(s.plan)).toBe(before)
    writeFileSync(path.join(s.plan.plugins[0].moduleDir, 'go.sum'), 'changed\n')
    const afterPlugin = await goSumHash(s.plan)
    expect(afterPlugin).not.toBe(before)
    writeFileSync(
      path.join((s.plan.source as { transportsDir: string }).transportsDir, 'go.sum'),
      'x\n'
    )
    expect(await goSumHash(s.plan)).not.toBe(afterPlugin)
  })
})

function fakeBackend(restored?: (key: string, restoreKeys: string[]) => string | undefined) {
  const calls: { op: 'restore' | 'save'; paths: string[]; key: string; restoreKeys: string[] }[] =
    []
  const backend: CacheBackend = {
    kind: 'service',
    async restore(paths, key, restoreKeys) {
      calls.push({ op: 'restore', paths, key, restoreKeys })
      return restored?.(key, restoreKeys)
    },
    async save(paths, key, restoreKeys) {
      calls.push({ op: 'save', paths, key, restoreKeys })
    }
  }
  return { backend, calls }
}

function postState(): StateStore & { values: Map<string, string> } {
  const values = new Map<string, string>()
  return {
    mode: 'post',
    values,
    save: (k, v) => void values.set(k, v),
    get: k => values.get(k) ?? ''
  }
}

function sample(): { plan: Plan; toolchain: Toolchain } {
  const s = makeSample()
  s.toolchain.env.GOMODCACHE = '/c/mod'
  s.toolchain.env.GOCACHE = '/c/build'
  return s
}

describe('restore and save flow (fake cache service)', () => {
  it('miss: restores nothing, then the post step saves the key after a successful build', async () => {
    const { plan, toolchain } = sample()
    const { backend, calls } = fakeBackend()
    const state = postState()
    const reporter = fakeReporter()
    const r = await restoreCache(plan, toolchain, reporter, { backend, state, env: {} })
    expect(r).toMatchObject({ enabled: true, hit: false, exact: false })
    expect(r.key).toMatch(
      /^bifrost-build-Linux-X64-go1\.26\.1-linux-amd64-glibc-dynamic-[0-9a-f]{64}$/
    )
    expect(calls).toEqual([
      {
        op: 'restore',
        paths: ['/c/mod', '/c/build'],
        key: r.key,
        restoreKeys: [r.key!.slice(0, -64)]
      }
    ])
    const ctx = sampleContext(makeSample(), reporter)
    ctx.cache = r
    await cacheAfterSuccess(ctx, { state, backend })
    expect(calls).toHaveLength(1) // post mode: nothing saved yet
    await saveCache(reporter, { state, backend })
    expect(calls[1]).toEqual({
      op: 'save',
      paths: ['/c/mod', '/c/build'],
      key: r.key,
      restoreKeys: r.key ? [r.key.slice(0, -64)] : []
    })
  })

  it('the post step saves nothing after a failed build', async () => {
    const { plan, toolchain } = sample()
    const { backend, calls } = fakeBackend()
    const state = postState()
    const reporter = fakeReporter()
    await restoreCache(plan, toolchain, reporter, { backend, state, env: {} })
    // build failed: publish never ran, so nothing recorded success
    await saveCache(reporter, { state, backend })
    expect(calls.map(c => c.op)).toEqual(['restore'])
    expect(reporter.lines.at(-1)!.message).toBe('cache: the build did not succeed; nothing saved')
  })

  it('exact hit: cache-hit, and nothing saved afterwards', async () => {
    const { plan, toolchain } = sample()
    const { backend, calls } = fakeBackend(key => key)
    const state = postState()
    const reporter = fakeReporter()
    const r = await restoreCache(plan, toolchain, reporter, { backend, state, env: {} })
    expect(r).toMatchObject({ hit: true, exact: true, restoredKey: r.key })
    const ctx = sampleContext(makeSample(), reporter)
    ctx.cache = r
    await cacheAfterSuccess(ctx, { state, backend })
    await saveCache(reporter, { state, backend })
    expect(calls.map(c => c.op)).toEqual(['restore'])
  })

  it('a server that lowercases keys (act) still gives an exact hit, so nothing is saved again', async () => {
    const { plan, toolchain } = sample()
    const { backend, calls } = fakeBackend(key => key.toLowerCase())
    const state = postState()
    const reporter = fakeReporter()
    const r = await restoreCache(plan, toolchain, reporter, { backend, state, env: {} })
    expect(r).toMatchObject({ hit: true, exact: true })
    const ctx = sampleContext(makeSample(), reporter)
    ctx.cache = r
    await cacheAfterSuccess(ctx, { state, backend })
    await saveCache(reporter, { state, backend })
    expect(calls.map(c => c.op)).toEqual(['restore'])
  })

  it('partial hit through the restore key is saved under the new key', async () => {
    const { plan, toolchain } = sample()
    const { backend, calls } = fakeBackend((_k, rk) => `${rk[0]}old`)
    const state = postState()
    const reporter = fakeReporter()
    const r = await restoreCache(plan, toolchain, reporter, { backend, state, env: {} })
    expect(r).toMatchObject({ hit: true, exact: false })
    const ctx = sampleContext(makeSample(), reporter)
    ctx.cache = r
    await cacheAfterSuccess(ctx, { state, backend })
    await saveCache(reporter, { state, backend })
    expect(calls.map(c => [c.op, c.key])).toEqual([
      ['restore', r.key],
      ['save', r.key]
    ])
  })

  it('a failing service is a warning and the build goes on; so is a failing save', async () => {
    const { plan, toolchain } = sample()
    const state = postState()
    const reporter = fakeReporter()
    const broken: CacheBackend = {
      kind: 'service',
      restore: async () => {
        throw new Error('Cache service responded with 503')
      },
      save: async () => {
        throw new Error(
          'Unable to reserve cache with key x, another job may be creating this cache.'
        )
      }
    }
    const r = await restoreCache(plan, toolchain, reporter, { backend: broken, state, env: {} })
    expect(r).toMatchObject({ enabled: true, hit: false, exact: false })
    state.save('bifrost-build-ok', 'true')
    await saveCache(reporter, { state, backend: broken })
    const warnings = reporter.lines.filter(l => l.level === 'warning').map(l => l.message)
    expect(warnings).toHaveLength(2)
    expect(warnings[0]).toContain('503')
    expect(warnings[1]).toContain('another job may be creating this cache')
  })

  it('no cache service and no local dir: one warning, no state, nothing to save', async () => {
    const { plan, toolchain } = sample()
    const state = postState()
    const reporter = fakeReporter()
    const r = await restoreCache(plan, toolchain, reporter, { state, env: {} })
    expect(r).toMatchObject({ enabled: true, hit: false, exact: false })
    expect(r.reason).toMatch(/ACTIONS_CACHE_URL and ACTIONS_RESULTS_URL not set/)
    expect(reporter.lines.filter(l => l.level === 'warning')).toHaveLength(1)
    expect(state.values.size).toBe(0)
  })

  it('with the service there, @actions/cache is called with the paths, key and restore keys', async () => {
    const cache = await import('@actions/cache')
    const { plan, toolchain } = sample()
    const state = postState()
    const r = await restoreCache(plan, toolchain, fakeReporter(), {
      state,
      env: { ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/' }
    })
    expect(cache.restoreCache).toHaveBeenCalledWith(['/c/mod', '/c/build'], r.key, [
      r.key!.slice(0, -64)
    ])
    expect(r).toMatchObject({ hit: true, exact: false, restoredKey: 'bifrost-build-old' })
    state.save('bifrost-build-ok', 'true')
    await saveCache(fakeReporter(), { state })
    expect(cache.saveCache).toHaveBeenCalledWith(['/c/mod', '/c/build'], r.key)
  })

  it('the CLI (no post step) saves right after success', async () => {
    const { plan, toolchain } = sample()
    const { backend, calls } = fakeBackend()
    const reporter = new ConsoleReporter(new (await import('node:stream')).PassThrough() as never)
    // The CLI's entry passes the in-memory state: no post step to hand the key to.
    const state = memoryState()
    const r = await restoreCache(plan, toolchain, reporter, { backend, state, env: {} })
    const ctx = sampleContext(makeSample(), reporter)
    ctx.cache = r
    await cacheAfterSuccess(ctx, { state, backend })
    expect(calls.map(c => c.op)).toEqual(['restore', 'save'])
  })
})

describe('local-directory backend (BIFROST_BUILD_CACHE_DIR), for real', () => {
  function tree(root: string) {
    const mod = path.join(root, 'gomodcache')
    const build = path.join(root, 'gocache')
    mkdirSync(path.join(mod, 'example.com', 'm@v1.0.0'), { recursive: true })
    writeFileSync(path.join(mod, 'example.com', 'm@v1.0.0', 'go.mod'), 'module example.com/m\n')
    chmodSync(path.join(mod, 'example.com', 'm@v1.0.0', 'go.mod'), 0o444)
    chmodSync(path.join(mod, 'example.com', 'm@v1.0.0'), 0o555) // like a real GOMODCACHE
    mkdirSync(path.join(build, 'ab'), { recursive: true })
    writeFileSync(path.join(build, 'ab', 'abcd-d'), Buffer.alloc(4096, 7))
    writeFileSync(path.join(build, 'tool'), '#!/bin/sh\n')
    chmodSync(path.join(build, 'tool'), 0o755)
    symlinkSync('ab/abcd-d', path.join(build, 'link'))
    return { mod, build }
  }

  it('round trip: save after success, restore into empty dirs with content, modes and links', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-cache-local-'))
    const cacheDir = path.join(root, 'store')
    const first = tree(path.join(root, 'first'))
    const s = makeSample()
    s.toolchain.env.GOMODCACHE = first.mod
    s.toolchain.env.GOCACHE = first.build
    const env = { BIFROST_BUILD_CACHE_DIR: cacheDir }
    const state = postState()
    const reporter = fakeReporter()

    const miss = await restoreCache(s.plan, s.toolchain, reporter, { state, env })
    expect(miss).toMatchObject({ hit: false, exact: false })
    const ctx = sampleContext(s, reporter)
    ctx.cache = miss
    await cacheAfterSuccess(ctx, { state })
    await saveCache(reporter, { state })
    expect(readdirSync(cacheDir)).toEqual([miss.key])

    // a second run on a fresh machine: empty GOMODCACHE/GOCACHE
    const second = {
      mod: path.join(root, 'second', 'mod'),
      build: path.join(root, 'second', 'build')
    }
    s.toolchain.env.GOMODCACHE = second.mod
    s.toolchain.env.GOCACHE = second.build
    const state2 = postState()
    const hit = await restoreCache(s.plan, s.toolchain, fakeReporter(), { state: state2, env })
    expect(hit).toMatchObject({ hit: true, exact: true, restoredKey: miss.key })
    expect(readFileSync(path.join(second.mod, 'example.com', 'm@v1.0.0', 'go.mod'), 'utf8')).toBe(
      'module example.com/m\n'
    )
    expect(statSync(path.join(second.mod, 'example.com', 'm@v1.0.0')).mode & 0o777).toBe(0o555)
    expect(statSync(path.join(second.build, 'tool')).mode & 0o777).toBe(0o755)
    expect(
      readFileSync(path.join(second.build, 'ab', 'abcd-d')).equals(Buffer.alloc(4096, 7))
    ).toBe(true)
    expect(lstatSync(path.join(second.build, 'link')).isSymbolicLink()).toBe(true)
    expect(readlinkSync(path.join(second.build, 'link'))).toBe('ab/abcd-d')

    // a changed go.sum: partial hit from the same prefix, saved under the new key, old one pruned
    writeFileSync(path.join(s.plan.plugins[0].moduleDir, 'go.sum'), 'new dep\n')
    const state3 = postState()
    const partial = await restoreCache(s.plan, s.toolchain, fakeReporter(), {
      state: state3,
      env
    })
    expect(partial).toMatchObject({ hit: true, exact: false, restoredKey: miss.key })
    expect(partial.key).not.toBe(miss.key)
    state3.save('bifrost-build-ok', 'true')
    await saveCache(fakeReporter(), { state: state3 })
    expect(readdirSync(cacheDir)).toEqual([partial.key])
    await runOk('chmod', ['-R', 'u+w', root])
    rmSync(root, { recursive: true, force: true })
  })

  it('a restore into a cache in use adds the missing files and never rewrites one in place', async () => {
    // go maps GOCACHE files into memory: a file truncated and rewritten under it (cp does that)
    // crashes that go with SIGBUS, in this job or another sharing the cache.
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-cache-local-'))
    const cacheDir = path.join(root, 'store')
    const saved = tree(path.join(root, 'saved'))
    const s = makeSample()
    s.toolchain.env.GOMODCACHE = saved.mod
    s.toolchain.env.GOCACHE = saved.build
    const env = { BIFROST_BUILD_CACHE_DIR: cacheDir }
    const state = postState()
    const miss = await restoreCache(s.plan, s.toolchain, fakeReporter(), { state, env })
    const ctx = sampleContext(s, fakeReporter())
    ctx.cache = miss
    await cacheAfterSuccess(ctx, { state })
    await saveCache(fakeReporter(), { state })

    const inUse = {
      mod: path.join(root, 'in-use', 'mod'),
      build: path.join(root, 'in-use', 'build')
    }
    mkdirSync(path.join(inUse.build, 'ab'), { recursive: true })
    const held = path.join(inUse.build, 'ab', 'abcd-d')
    writeFileSync(held, Buffer.alloc(4096, 1))
    const before = statSync(held)
    s.toolchain.env.GOMODCACHE = inUse.mod
    s.toolchain.env.GOCACHE = inUse.build
    const hit = await restoreCache(s.plan, s.toolchain, fakeReporter(), { state: postState(), env })
    expect(hit).toMatchObject({ hit: true, exact: true })
    const after = statSync(held)
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs])
    expect(readFileSync(held).equals(Buffer.alloc(4096, 1))).toBe(true)
    expect(readFileSync(path.join(inUse.build, 'tool'), 'utf8')).toBe('#!/bin/sh\n')
    expect(readFileSync(path.join(inUse.mod, 'example.com', 'm@v1.0.0', 'go.mod'), 'utf8')).toBe(
      'module example.com/m\n'
    )
    await runOk('chmod', ['-R', 'u+w', root])
    rmSync(root, { recursive: true, force: true })
  })

  it('a failed build saves nothing into the directory', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-cache-local-'))
    const t = tree(path.join(root, 'src'))
    const s = makeSample()
    s.toolchain.env.GOMODCACHE = t.mod
    s.toolchain.env.GOCACHE = t.build
    const state = postState()
    const env = { BIFROST_BUILD_CACHE_DIR: path.join(root, 'store') }
    await restoreCache(s.plan, s.toolchain, fakeReporter(), { state, env })
    await saveCache(fakeReporter(), { state })
    expect(existsSync(path.join(root, 'store'))).toBe(false)
    await runOk('chmod', ['-R', 'u+w', root])
    rmSync(root, { recursive: true, force: true })
  })

  it('LocalDirBackend ignores an entry that was never completed', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-cache-local-'))
    mkdirSync(path.join(root, 'bifrost-build-x-half', '0'), { recursive: true })
    const b = new LocalDirBackend(root)
    expect(
      await b.restore([path.join(root, 'dest')], 'bifrost-build-x-full', ['bifrost-build-x-'])
    ).toBe(undefined)
  })

  it('memoryState keeps values for the CLI', () => {
    const st = memoryState()
    st.save('a', '1')
    expect([st.mode, st.get('a'), st.get('b')]).toEqual(['inline', '1', ''])
  })
})
