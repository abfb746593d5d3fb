/**
 * The build stage through the real bundled entry points (dist/cli/index.js and dist/index.js)
 * with `go-download-source: local`: plan -> toolchain -> build -> verify -> package, on a fixture
 * checkout.
 */
import { existsSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runAction, runCli } from './helpers/action.js'
import { freshRunnerDirs } from './helpers/bad-inputs-table.js'
import { copyFixture, fixtureGoEnv, gitStatus } from '../testkit/fixture.js'
import { localToolchain, tempDir } from './helpers/build.js'
import { runOk } from '../testkit/run.js'

const goVersion = localToolchain().version
const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('build through the bundled entry points', () => {
  it('CLI: bifrost-build build --source . --plugins plugins/hello --libc musl leaves a working host and plugin', async () => {
    const ws = await copyFixture()
    const out = tempDir('bb-cli-out-')
    dirs.push(ws, out)
    const outputDir = path.join(out, 'dist')
    const r = await runCli(
      [
        'build',
        '--source',
        '.',
        '--plugins',
        'plugins/hello',
        '--libc',
        'musl',
        '--bifrost-stamp',
        '2.0.0',
        '--go-download-source',
        'local',
        '--go-version',
        goVersion,
        '--output-dir',
        outputDir,
        '--ui',
        'placeholder',
        '--upload',
        'false',
        '--cache',
        'false'
      ],
      { cwd: ws, env: fixtureGoEnv() }
    )
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0)
    const host = path.join(outputDir, 'bifrost-http')
    expect((await runOk(host, ['-version'])).trim()).toBe('v2.0.0')
    expect(existsSync(path.join(outputDir, 'plugins', 'hello.so'))).toBe(true)
    expect(r.stderr).toContain('Target:         linux/amd64, libc musl, mode dynamic')
    expect(r.stderr).toContain('plugin status: hello - active')
    expect(await gitStatus(ws)).toBe('')
  })

  it('action: a dynamic glibc build registers the problem matcher; a skewed plugin fails with one ::error', async () => {
    const ws = await copyFixture()
    const out = tempDir('bb-action-out-')
    dirs.push(ws, out)
    const base = {
      plugins: 'plugins/hello',
      'go-download-source': 'local',
      'go-version': goVersion,
      ui: 'placeholder',
      upload: 'false',
      cache: 'false',
      'output-dir': path.join(out, 'ok')
    }
    const ok = await runAction(base, {
      dirs: freshRunnerDirs(ws),
      env: fixtureGoEnv()
    })
    dirs.push(ok.dirs.root)
    expect(ok.code, ok.stdout.slice(-3000)).toBe(0)
    expect(ok.stdout).toContain(
      `::add-matcher::${path.join(ok.dirs.temp, 'bifrost-build-go.json')}`
    )
    expect(ok.stdout).toContain('::remove-matcher owner=bifrost-build-go::')
    expect(ok.outputs.mode).toBe('dynamic')
    expect(ok.outputs.binary).toBe(path.join(out, 'ok', 'bifrost-http'))
    expect(await gitStatus(ws)).toBe('')

    const bad = await runAction(
      { ...base, plugins: 'plugins/hello,plugins/skewed', 'output-dir': path.join(out, 'bad') },
      { dirs: freshRunnerDirs(ws), env: fixtureGoEnv() }
    )
    dirs.push(bad.dirs.root)
    expect(bad.code).toBe(1)
    expect(bad.errors).toHaveLength(1)
    expect(bad.errors[0]).toContain('input align-modules: plugin modules differ')
    expect(bad.errors[0]).toContain('go get bifrost.test/core@v1.1.0')
    expect(existsSync(path.join(out, 'bad'))).toBe(false)
    expect(await gitStatus(ws)).toBe('')
  })
})
