/**
 * Package, publish and cache through the real bundled action (dist/index.js): the post step's
 * cache save, and a full run on the Bifrost-shaped fixture.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { describe, expect, it } from 'vitest'
import { REPO, runAction, runnerDirs } from './helpers/action.js'
import { copyFixture, fixtureGoEnv, gitChanges } from '../testkit/fixture.js'
import { goEnv } from '../testkit/go-env.js'
import { runOk } from '../testkit/run.js'

function writeState(file: string, values: Record<string, string>): void {
  const body = Object.entries(values)
    .map(([k, v]) => `${k}<<EOF_STATE\n${v}\nEOF_STATE\n`)
    .join('')
  writeFileSync(file, body)
}

function cacheState(root: string) {
  const mod = path.join(root, 'mod')
  const build = path.join(root, 'build')
  mkdirSync(path.join(mod, 'example.com'), { recursive: true })
  mkdirSync(build, { recursive: true })
  writeFileSync(path.join(mod, 'example.com', 'x'), 'module\n')
  writeFileSync(path.join(build, 'README'), 'gocache\n')
  return {
    backend: 'local',
    dir: path.join(root, 'store'),
    key: 'bifrost-build-Linux-X64-go1.26.1-linux-amd64-glibc-dynamic-abc',
    restoreKeys: ['bifrost-build-Linux-X64-go1.26.1-linux-amd64-glibc-dynamic-'],
    paths: [mod, build],
    exact: false
  }
}

describe('post step (bundled action, dist/post.js)', () => {
  it('saves nothing after a failed build', async () => {
    const dirs = runnerDirs()
    const state = cacheState(dirs.root)
    writeState(dirs.files.state, { 'bifrost-build-cache': JSON.stringify(state) })
    const r = await runAction({}, { dirs, post: true })
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('cache: the build did not succeed; nothing saved')
    expect(existsSync(state.dir)).toBe(false)
  })

  it('saves the caches into the local directory after a successful build', async () => {
    const dirs = runnerDirs()
    const state = cacheState(dirs.root)
    writeState(dirs.files.state, {
      'bifrost-build-cache': JSON.stringify(state),
      'bifrost-build-ok': 'true'
    })
    const r = await runAction({}, { dirs, post: true })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toContain(`cache: saved ${state.key} (local)`)
    expect(readFileSync(path.join(state.dir, state.key, '1', 'README'), 'utf8')).toBe('gocache\n')
  })

  it('without any cache state (cache off, or the run stopped early) the post step is silent', async () => {
    const dirs = runnerDirs()
    writeState(dirs.files.state, {})
    const r = await runAction({}, { dirs, post: true })
    expect(r.code).toBe(0)
    expect(r.stdout).not.toContain('cache:')
  })
})

describe('full run on the fixture (bundled action)', () => {
  it('leaves archive, checksums, manifest and BUILD.md, sets every output, writes the summary', async () => {
    const dirs = runnerDirs()
    // The runner creates these files before a step runs; @actions/core refuses to write otherwise.
    for (const f of Object.values(dirs.files)) writeFileSync(f, '')
    const src = await copyFixture(dirs.workspace)
    const out = path.join(dirs.root, 'dist-out')
    const r = await runAction(
      {
        'go-download-source': 'local',
        'go-version': goEnv().GOVERSION.replace(/^go/, ''),
        plugins: 'plugins/hello,plugins/world',
        version: '1.0.0',
        'output-dir': out,
        cache: 'true'
      },
      { dirs, env: { ...fixtureGoEnv(), SOURCE_DATE_EPOCH: '1767225600' } }
    )
    expect(r.code, r.stdout.split('\n').slice(-40).join('\n') + r.stderr).toBe(0)
    const goVersion = goEnv().GOVERSION.slice(2)
    const name = `bifrost-1.0.0-go${goVersion}-linux-amd64-glibc-dynamic`
    const files = readdirSync(out).sort()
    for (const f of [
      'BUILD.md',
      'Dockerfile',
      'SHA256SUMS',
      `${name}.SHA256SUMS`,
      `${name}.manifest.json`,
      'bifrost-http',
      'config.json',
      'manifest.json',
      `${name}.tar.gz`,
      'plugins'
    ])
      expect(files).toContain(f)
    expect(readdirSync(path.join(out, 'plugins')).sort()).toEqual(['hello.so', 'world.so'])
    expect(await runOk('sha256sum', ['-c', `${name}.SHA256SUMS`], { cwd: out })).toContain(
      `${name}.tar.gz: OK`
    )
    expect(await runOk('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out })).toContain(
      'bifrost-http: OK'
    )
    expect(statSync(path.join(out, 'bifrost-http')).mode & 0o777).toBe(0o755)
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))
    const ajv = new Ajv2020({ allErrors: true })
    const validate = ajv.compile(
      JSON.parse(readFileSync(path.join(REPO, 'schema', 'manifest.schema.json'), 'utf8'))
    )
    expect(validate(manifest), ajv.errorsText(validate.errors)).toBe(true)
    expect(manifest.verify.ok).toBe(true)
    const md = readFileSync(path.join(out, 'BUILD.md'), 'utf8')
    expect(md).toContain('-buildmode=plugin')
    expect(md).toContain('bifrost.test/core')

    const o = r.outputs
    for (const k of [
      'go-version',
      'go-root',
      'mode',
      'libc',
      'target',
      'binary',
      'plugins',
      'archive',
      'checksums',
      'manifest',
      'glibc-floor',
      'cache-hit',
      'artifact-id',
      'artifact-url',
      'artifact-digest'
    ])
      expect(o, k).toHaveProperty(k)
    expect(o).toMatchObject({
      mode: 'dynamic',
      libc: 'glibc',
      target: 'linux/amd64',
      binary: path.join(out, 'bifrost-http'),
      archive: path.join(out, `${name}.tar.gz`),
      checksums: path.join(out, `${name}.SHA256SUMS`),
      manifest: path.join(out, `${name}.manifest.json`),
      'artifact-name': name,
      'output-dir': out,
      'cache-hit': 'false',
      'artifact-id': ''
    })
    expect(o['glibc-floor']).toMatch(/^2\.\d+$/)
    expect(JSON.parse(o.plugins).map((p: { name: string }) => p.name)).toEqual(['hello', 'world'])
    // no artifact service here: one notice, no failure; no cache service: one warning
    expect(r.stdout.match(/^::notice::not uploading/gm)).toHaveLength(1)
    expect(r.stdout).toMatch(/^::warning::cache: no cache service here/m)
    expect(r.summary).toContain('## bifrost-build: ✅ dynamic glibc linux/amd64')
    expect(r.summary).toContain('| `plugins/hello.so` |')
    expect(r.summary).toContain('### Stage times')
    // the checkout is left as found
    expect(await gitChanges(src)).toBe('')
  })
})
