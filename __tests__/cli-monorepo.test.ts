/**
 * The real Bifrost's shape, offline: __tests__/fixtures/monorepo (core/, framework/ importing
 * core, transports/ requiring their published versions from a file GOPROXY, example plugins with
 * `replace => ../../../core` under a real label and under v0.0.0-00010101000000-000000000000, a
 * ui/ whose scripts have the real shape, a host logging JSON). Every build is the bundled CLI
 * (dist/cli) with real go builds and the host's own plugin loader as the judge.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, type ProcessResult } from './helpers/action.js'
import {
  commitAll,
  copyFixture,
  gitStatus,
  MONOREPO_FIXTURE,
  monorepoProxyDir
} from '../testkit/fixture.js'
import { runOk } from '../testkit/run.js'
import { tempDir } from './helpers/build.js'
import { rmSync } from 'node:fs'

const CORE = 'bifrost.test/core'
const V0 = 'v0.0.0-00010101000000-000000000000'
const cleanup: string[] = []
let env: Record<string, string>

beforeAll(async () => {
  const proxy = await monorepoProxyDir()
  env = { GOPROXY: `file://${proxy}`, GONOSUMDB: 'bifrost.test', GOFLAGS: '-modcacherw' }
}, 300_000)
afterAll(() => {
  for (const d of cleanup) rmSync(d, { recursive: true, force: true })
})

async function checkout(): Promise<string> {
  const dir = await copyFixture(tempDir('bb-monorepo-'), MONOREPO_FIXTURE)
  cleanup.push(dir)
  return dir
}

function commit(dir: string): Promise<void> {
  return commitAll(dir, 'edit')
}

function build(dir: string, args: string[], extraEnv: Record<string, string> = {}) {
  const out = tempDir('bb-monorepo-out-')
  cleanup.push(out)
  return runCli(
    [
      'build',
      '--source',
      dir,
      '--go-download-source',
      'local',
      '--output-dir',
      path.join(out, 'dist'),
      ...args
    ],
    { cwd: dir, env: { ...env, ...extraEnv } }
  ).then(r => ({ ...r, out: path.join(out, 'dist') }))
}

const log = (r: ProcessResult) => `${r.stdout}\n${r.stderr}`
const PLUGINS = 'hello-world=examples/plugins/hello-world,llm-only=examples/plugins/llm-only'

/** transports/go.mod replaced by the checkout's own modules, as Bifrost's forks build it. */
async function forkStyle(dir: string): Promise<void> {
  await runOk(
    'go',
    ['mod', 'edit', `-replace=${CORE}=../core`, '-replace=bifrost.test/framework=../framework'],
    { cwd: path.join(dir, 'transports') }
  )
  await commit(dir)
}

describe('the real Bifrost shape (monorepo fixture)', () => {
  it('go-work: local builds host and both example plugins in one workspace; both load; the real ui/ scripts build the UI; the tree is left as found', async () => {
    const dir = await checkout()
    const r = await build(dir, ['--plugins', PLUGINS, '--go-work', 'local', '--ui', 'auto'])
    expect(r.code, log(r)).toBe(0)
    expect(log(r)).toContain('pass  load  hello-world.so: plugin status: hello-world - active')
    expect(log(r)).toContain('pass  load  llm-only.so: plugin status: llm-only - active')
    // The host fetches its datasheet at start-up, as Bifrost 1.5 does: served offline.
    expect(log(r)).toContain(
      'host fetched at start-up (served by the offline stub): GET getbifrost.ai/datasheet/model-parameters, GET getbifrost.ai/datasheet'
    )
    expect(log(r)).toContain('every go.mod module of the checkout plus the plugins')
    const md = readFileSync(path.join(r.out, 'BUILD.md'), 'utf8')
    expect(md).toMatch(/go-work: local[^\n]*\n\n```\ngo 1\.26\n\nuse \(\n\t\/[^\n]*\/core\n/)
    expect(md).toContain('GOWORK=')
    // The UI came from the real-shape build script, through -overlay.
    expect(readFileSync(path.join(r.out, 'bifrost-http')).includes('bifrost fixture ui')).toBe(true)
    expect(await gitStatus(dir)).toBe('')
  }, 600_000)

  it("the checkout's go.work is used (its replaces kept), the listed plugins added", async () => {
    const dir = await checkout()
    writeFileSync(
      path.join(dir, 'go.work'),
      'go 1.26\n\nuse (\n\t./core\n\t./framework\n\t./transports\n)\n'
    )
    await commit(dir)
    const r = await build(dir, ['--plugins', PLUGINS, '--go-work', 'local'])
    expect(r.code, log(r)).toBe(0)
    expect(log(r)).toContain("the checkout's go.work plus the plugins")
    expect(log(r)).toContain('pass  load  llm-only.so: plugin status: llm-only - active')
    expect(await gitStatus(dir)).toBe('')
  }, 600_000)

  it('fork style: hello-world (same directory, same label) passes; llm-only (v0 label) is refused with a fix that, followed, loads', async () => {
    const dir = await checkout()
    await forkStyle(dir)
    const hello = await build(dir, ['--plugins', 'hello-world=examples/plugins/hello-world'])
    expect(hello.code, log(hello)).toBe(0)
    expect(log(hello)).toContain('pass  buildinfo.modules  hello-world.so')
    expect(log(hello)).toContain('plugin status: hello-world - active')

    // The build stage refuses before building, naming both labels and the fixes.
    const refused = await build(dir, ['--plugins', 'llm-only=examples/plugins/llm-only'])
    expect(refused.code).not.toBe(0)
    expect(log(refused)).toContain(`${CORE} plugin llm-only has ${V0} => `)
    expect(log(refused)).toContain(`go mod edit -require=${CORE}@v1.1.0`)
    expect(log(refused)).toContain('go-work: local')

    // Built anyway (align-modules: warn): the static check fails it and the real loader agrees.
    const built = await build(dir, [
      '--plugins',
      'llm-only=examples/plugins/llm-only',
      '--align-modules',
      'warn'
    ])
    expect(built.code).not.toBe(0)
    expect(log(built)).toMatch(
      new RegExp(
        `FAIL  buildinfo\\.module  llm-only\\.so: module ${CORE} has another version label: host v1\\.1\\.0, plugin ${V0}.*go mod edit -require=${CORE}@v1\\.1\\.0`
      )
    )
    expect(log(built)).toContain(`plugin was built with a different version of package ${CORE}`)
    expect(log(built)).toMatch(/FAIL {2}load {2}llm-only\.so: .*different version of package/)

    // align-modules: fix relabels a temp copy of its go.mod (the replace kept): it loads.
    const aligned = await build(dir, [
      '--plugins',
      'llm-only=examples/plugins/llm-only',
      '--align-modules',
      'fix'
    ])
    expect(aligned.code, log(aligned)).toBe(0)
    expect(log(aligned)).toContain('pass  load  llm-only.so: plugin status: llm-only - active')

    // The fix, followed, makes the pair load.
    await runOk('go', ['mod', 'edit', `-require=${CORE}@v1.1.0`], {
      cwd: path.join(dir, 'examples/plugins/llm-only')
    })
    await commit(dir)
    const fixed = await build(dir, ['--plugins', 'llm-only=examples/plugins/llm-only'])
    expect(fixed.code, log(fixed)).toBe(0)
    expect(log(fixed)).toContain('pass  load  llm-only.so: plugin status: llm-only - active')
    expect(await gitStatus(dir)).toBe('')
  }, 900_000)

  it('a UI build that cannot reach the network fails in one line naming the ways out; the tree is left as found', async () => {
    const dir = await checkout()
    const r = await build(dir, ['--go-work', 'local', '--ui', 'auto'], {
      FAKE_NEXT_FAIL: 'network'
    })
    expect(r.code).not.toBe(0)
    // One error line, and its fix on the next line naming the ways out.
    expect(log(r)).toMatch(
      /input ui: ui: npm run build needs the network, which it could not reach \(.*fonts\.googleapis\.com.*\)\nFix: .*ui: placeholder.*pre-built UI/
    )
    expect(existsSync(path.join(dir, 'transports/bifrost-http/ui'))).toBe(false)
    expect(await gitStatus(dir)).toBe('')
  }, 600_000)
})
