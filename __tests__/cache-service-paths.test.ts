/**
 * The Actions cache service keeps an archive per key; only the service cannot run here. This
 * file stands it in with @actions/cache's own archive code (resolvePaths, createTar, extractTar:
 * what saveCache and restoreCache run around their HTTP calls) and a directory per key, and
 * checks that GOMODCACHE and GOCACHE come back at their own paths when the restoring job's
 * workspace is somewhere else, at another depth.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { ServiceBackend } from '../src/cache/backend.js'
import { REPO } from '../testkit/fixture.js'

const service = vi.hoisted(() => ({ store: '' }))

const internal = (file: string) =>
  pathToFileURL(path.join(REPO, 'node_modules', '@actions', 'cache', 'lib', 'internal', file)).href

vi.mock('@actions/cache', async () => {
  const utils = await import(internal('cacheUtils.js'))
  const tar = await import(internal('tar.js'))
  const archive = (key: string) => path.join(service.store, key, 'cache.tgz')
  return {
    async saveCache(paths: string[], key: string) {
      const dir = path.join(service.store, key)
      mkdirSync(dir, { recursive: true })
      await tar.createTar(dir, await utils.resolvePaths(paths), 'gzip')
      return 1
    },
    async restoreCache(_paths: string[], key: string) {
      if (!existsSync(archive(key))) return undefined
      await tar.extractTar(archive(key), 'gzip')
      return key
    }
  }
})

const root = mkdtempSync(path.join(os.tmpdir(), 'bb-cache-service-'))
service.store = path.join(root, 'service')
const workspaceBefore = process.env.GITHUB_WORKSPACE

afterEach(() => {
  if (workspaceBefore === undefined) delete process.env.GITHUB_WORKSPACE
  else process.env.GITHUB_WORKSPACE = workspaceBefore
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A runner: its workspace at `work/<repo>/<repo>` below `dir`, and the two cache paths. */
function runner(dir: string, caches: string) {
  const ws = path.join(root, dir, 'work', 'repo', 'repo')
  mkdirSync(ws, { recursive: true })
  return {
    ws,
    mod: path.join(root, caches, 'gomodcache'),
    build: path.join(root, caches, 'gocache')
  }
}

function fill(r: { mod: string; build: string }) {
  mkdirSync(path.join(r.mod, 'example.com', 'm@v1.0.0'), { recursive: true })
  writeFileSync(path.join(r.mod, 'example.com', 'm@v1.0.0', 'go.mod'), 'module example.com/m\n')
  mkdirSync(path.join(r.build, 'ab'), { recursive: true })
  writeFileSync(path.join(r.build, 'ab', 'abcd-d'), 'compiled\n')
}

describe('the cache service backend when the workspace moved', () => {
  it('restores GOMODCACHE and GOCACHE at their own paths, whatever the workspace', async () => {
    const a = runner('a', 'toolcache')
    fill(a)
    process.env.GITHUB_WORKSPACE = a.ws
    await new ServiceBackend().save([a.mod, a.build], 'k1')
    expect(process.env.GITHUB_WORKSPACE).toBe(a.ws)
    rmSync(path.join(root, 'toolcache'), { recursive: true, force: true })

    // another runner: the workspace three levels deeper, the tool cache at the same path
    const b = runner(path.join('b', 'x', 'y', 'z'), 'toolcache')
    process.env.GITHUB_WORKSPACE = b.ws
    expect(await new ServiceBackend().restore([b.mod, b.build], 'k1', [])).toBe('k1')
    expect(process.env.GITHUB_WORKSPACE).toBe(b.ws)
    expect(readFileSync(path.join(b.mod, 'example.com', 'm@v1.0.0', 'go.mod'), 'utf8')).toBe(
      'module example.com/m\n'
    )
    expect(readFileSync(path.join(b.build, 'ab', 'abcd-d'), 'utf8')).toBe('compiled\n')
  })

  it('control: @actions/cache alone unpacks them relative to the new workspace, elsewhere', async () => {
    const cache = await import('@actions/cache')
    const a = runner('c', 'toolcache2')
    fill(a)
    process.env.GITHUB_WORKSPACE = a.ws
    await cache.saveCache([a.mod, a.build], 'k2')
    rmSync(path.join(root, 'toolcache2'), { recursive: true, force: true })
    const b = runner(path.join('d', 'x', 'y', 'z'), 'toolcache2')
    process.env.GITHUB_WORKSPACE = b.ws
    expect(await cache.restoreCache([b.mod, b.build], 'k2', [])).toBe('k2')
    // a hit, yet nothing at the paths the build uses: four levels up from the new workspace
    expect(existsSync(b.mod)).toBe(false)
    expect(existsSync(path.join(root, 'd', 'x', 'y', 'toolcache2', 'gomodcache'))).toBe(true)
  })
})
