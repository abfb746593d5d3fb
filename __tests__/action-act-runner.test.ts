/**
 * Runs workflows with nektos/act (a real runner implementation) in self-hosted mode, its
 * artifact and cache servers on 127.0.0.1. This group proves the runner side independently of
 * the pipeline: a `runs.using: node24` action used as `uses: ./` gets its `INPUT_*` defaults
 * from action.yml, passes outputs to later steps, runs its `post` step with the saved state,
 * uploads an artifact with the same @actions/artifact the action bundles (act's v4 artifact
 * API) and saves then restores a cache with the same @actions/cache (act's v1 cache API).
 *
 * Runs when BIFROST_BUILD_E2E is set (CI; installs act/actionlint if needed) or when a
 * previous run left the pinned tools in the cache directory.
 */
import { readFileSync } from 'node:fs'
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

const enabled = Boolean(process.env.BIFROST_BUILD_E2E) || installedTools() !== undefined

const ACTION_YML = `name: probe
description: A node24 action that touches every runner service the real action uses.
inputs:
  who:
    description: who to greet
    default: world
  mode:
    description: save, restore or upload
    required: true
outputs:
  greeting:
    description: greeting
runs:
  using: node24
  main: main.mjs
  post: post.mjs
`

// Loads @actions/* from this repository's node_modules: the versions dist/ bundles.
const MAIN_MJS = `import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
const load = p => import(pathToFileURL(path.join(process.env.BB_NODE_MODULES, p)).href)
const core = await load('@actions/core/lib/core.js')
const mode = core.getInput('mode', { required: true })
core.setOutput('greeting', 'hello ' + core.getInput('who'))
core.saveState('started', mode)
core.info('probe running on node ' + process.version)
// Relative: the cache version hashes the paths, and act gives every job a new workspace.
const cacheDir = 'probe-cache'
const key = 'probe-' + process.env.GITHUB_RUN_ID
if (mode === 'upload') {
  const { DefaultArtifactClient } = await load('@actions/artifact/lib/artifact.js')
  fs.writeFileSync('probe.txt', 'uploaded through act\\n')
  const r = await new DefaultArtifactClient().uploadArtifact('probe-artifact', [path.resolve('probe.txt')], process.cwd())
  core.setOutput('artifact-id', String(r.id))
}
if (mode === 'save') {
  const cache = await load('@actions/cache/lib/cache.js')
  fs.mkdirSync(cacheDir, { recursive: true })
  fs.writeFileSync(path.join(cacheDir, 'data.txt'), 'cached through act')
  core.setOutput('cache-id', String(await cache.saveCache([cacheDir], key)))
}
if (mode === 'restore') {
  const cache = await load('@actions/cache/lib/cache.js')
  core.setOutput('cache-hit', String(await cache.restoreCache([cacheDir], key)))
  core.setOutput('restored', fs.readFileSync(path.join(cacheDir, 'data.txt'), 'utf8'))
}
`

const POST_MJS = `console.log('probe post step, state started=' + process.env.STATE_started)
`

const WORKFLOW = `name: probe
on: push
jobs:
  produce:
    runs-on: ubuntu-latest
    steps:
${COPY_REPO_STEP}      - id: probe
        uses: ./
        with:
          mode: save
      - name: Read the outputs of the previous step
        run: echo "next step saw '\${{ steps.probe.outputs.greeting }}' cache=\${{ steps.probe.outputs.cache-id }}"
  consume:
    needs: produce
    runs-on: ubuntu-latest
    steps:
${COPY_REPO_STEP}      - id: probe
        uses: ./
        with:
          who: act
          mode: restore
`

const UPLOAD_WORKFLOW = `name: upload
on: push
jobs:
  upload:
    runs-on: ubuntu-latest
    steps:
${COPY_REPO_STEP}      - uses: ./
        with:
          mode: upload
`

// BB_ACT_NODE_MODULES tries other @actions/* versions against act without touching package.json.
const nodeModules = () => process.env.BB_ACT_NODE_MODULES ?? path.join(REPO, 'node_modules')

describe.skipIf(!enabled)('act runs a node24 `uses: ./` action on this machine', () => {
  let tools: TestTools
  let repo: string

  beforeAll(async () => {
    tools = installedTools() ?? (await ensureTools(testGoEnv()))
    repo = await makeActRepo({
      'action.yml': ACTION_YML,
      'main.mjs': MAIN_MJS,
      'post.mjs': POST_MJS,
      '.github/workflows/probe.yml': WORKFLOW,
      '.github/workflows/upload.yml': UPLOAD_WORKFLOW
    })
  }, 1_300_000)

  it('inputs from action.yml, outputs between steps, post step, cache save then restore', async () => {
    const r = await runAct(tools, repo, '.github/workflows/probe.yml', {
      env: { BB_NODE_MODULES: nodeModules() },
      timeoutMs: 300_000
    })
    const log = r.stdout + r.stderr
    expect(r.code, log).toBe(0)
    expect(readFileSync(path.join(repo, 'action.yml'), 'utf8')).toContain('using: node24')
    expect(log).toContain('probe running on node')
    // the default of an input comes from action.yml, an explicit `with:` overrides it
    expect(r.outputs).toContainEqual(['greeting', 'hello world'])
    expect(r.outputs).toContainEqual(['greeting', 'hello act'])
    expect(log).toMatch(/next step saw 'hello world' cache=\d+/)
    expect(log).toContain('probe post step, state started=save')
    expect(log).toContain('probe post step, state started=restore')
    // the cache saved by the first job (act's v1 cache API) was restored by the second
    expect(r.outputs.find(([k]) => k === 'cache-hit')?.[1]).toMatch(/^probe-/)
    expect(r.outputs).toContainEqual(['restored', 'cached through act'])
  })

  // act v0.2.81 (and v0.2.82) cannot take an upload from the @actions/artifact this action
  // bundles: 6.2.x sends CreateArtifact.mime_type, which act's strict protojson decoding
  // rejects ("unknown field mime_type"), and with older clients the blob PUT fails with 401
  // "Error unauthorized" because act leaves the base64 `=` of its `sig` query unescaped and the
  // Azure SDK drops it (nektos/act#6021). `it.fails` turns red once a fixed act is pinned:
  // then make this a plain `it`.
  it.fails("artifact upload through act's artifact server (nektos/act#6021)", async () => {
    const r = await runAct(tools, repo, '.github/workflows/upload.yml', {
      env: { BB_NODE_MODULES: nodeModules() },
      timeoutMs: 300_000
    })
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const files = r.artifactFiles()
    expect(
      files.some(f => f.includes('probe-artifact')),
      files.join('\n')
    ).toBe(true)
  })
})
