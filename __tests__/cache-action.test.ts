/**
 * The cache inputs through the real bundled action (dist/index.js, then dist/post.js as the
 * runner starts it), with the local-directory backend: cache-dependency-path keys the cache,
 * cache: restore-only restores and leaves nothing new behind, and with GOMODCACHE left to Go's
 * default the module cache lives in the runner's tool cache.
 */
import { appendFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAction, runnerDirs } from './helpers/action.js'
import { copyFixture, fixtureGoEnv } from '../testkit/fixture.js'
import { goEnv } from '../testkit/go-env.js'

describe('cache inputs (bundled action, local cache directory)', () => {
  it('cache-dependency-path keys the cache; restore-only restores and saves nothing', async () => {
    const dirs = runnerDirs()
    await copyFixture(dirs.workspace)
    const store = path.join(dirs.root, 'store')
    const inputs = {
      'go-download-source': 'local',
      'go-version': goEnv().GOVERSION.replace(/^go/, ''),
      plugins: 'plugins/hello',
      verify: 'static',
      upload: 'false',
      'output-dir': path.join(dirs.root, 'out'),
      'cache-dependency-path': '# the host only\ntransports/go.sum'
    }
    const env = {
      ...fixtureGoEnv(),
      BIFROST_BUILD_CACHE_DIR: store,
      // Go's default module cache (GOPATH under this HOME): the action moves it into the tool cache
      HOME: path.join(dirs.root, 'home'),
      GOMODCACHE: undefined,
      GOPATH: undefined
    }
    const log = (r: { stdout: string; stderr: string }) => r.stdout.slice(-4000) + r.stderr

    const first = await runAction({ ...inputs, cache: 'true' }, { dirs, env })
    expect(first.code, log(first)).toBe(0)
    const modcache = path.join(dirs.toolCache, 'bifrost-build', 'gomodcache')
    expect(first.exportedEnv.GOMODCACHE).toBe(modcache)
    expect(existsSync(path.join(modcache, 'bifrost.test', 'core@v1.1.0', 'go.mod'))).toBe(true)
    expect(first.stdout).toContain('Cache:          on, keyed by cache-dependency-path (1 files)')
    const key = /cache: no entry for (\S+) \(local\)/.exec(first.stdout)?.[1]
    expect(key, log(first)).toBeDefined()
    const post1 = await runAction({}, { dirs, env, post: true })
    expect(post1.stdout).toContain(`cache: saved ${key} (local)`)
    expect(readdirSync(store)).toEqual([key])

    // a changed host go.sum: another key, so a partial hit that `true` would save again
    appendFileSync(
      path.join(dirs.workspace, 'transports', 'go.sum'),
      'example.com/unused v1.0.0/go.mod h1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'
    )
    writeFileSync(dirs.files.state, '')
    const second = await runAction({ ...inputs, cache: 'restore-only' }, { dirs, env })
    expect(second.code, log(second)).toBe(0)
    expect(second.stdout).toContain('Cache:          restore-only')
    expect(second.stdout).toMatch(new RegExp(`cache: restored partial match ${key} for \\S+`))
    expect(second.outputs['cache-hit']).toBe('false')
    const post2 = await runAction({}, { dirs, env, post: true })
    expect(post2.code).toBe(0)
    expect(post2.stdout).toMatch(/cache: restore-only; \S+ is not saved/)
    expect(readdirSync(store)).toEqual([key])
    rmSync(dirs.root, { recursive: true, force: true })
  })
})
