/**
 * The copy-paste workflows in examples/workflows (and the README's snippets) must name only
 * inputs and outputs that action.yml has, and pass actionlint (pinned, from
 * scripts/install-test-tools.sh; runs when BIFROST_BUILD_E2E is set or the tool is installed).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { REPO, testGoEnv } from './helpers/action.js'
import { ensureTools, installedTools, type TestTools } from './helpers/act.js'
import { run } from '../testkit/run.js'

const WORKFLOWS_DIR = path.join(REPO, 'examples', 'workflows')
const OUR_ACTION = /^(\.\/?|[\w.-]+\/bifrost-build@[\w.-]+)$/

interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
}

const actionYml = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}

function workflowFiles(): string[] {
  return readdirSync(WORKFLOWS_DIR)
    .filter(f => /\.ya?ml$/.test(f))
    .map(f => path.join(WORKFLOWS_DIR, f))
}

function ourSteps(doc: { jobs?: Record<string, { steps?: Step[] }> }): Step[] {
  return Object.values(doc.jobs ?? {}).flatMap(job =>
    (job.steps ?? []).filter(s => typeof s.uses === 'string' && OUR_ACTION.test(s.uses))
  )
}

/** Problems in one workflow: unknown inputs, unknown outputs read from our steps. */
export function checkAgainstActionYml(text: string): string[] {
  const doc = parse(text) as { jobs?: Record<string, { steps?: Step[] }> }
  const problems: string[] = []
  const ids = new Set<string>()
  for (const step of ourSteps(doc)) {
    if (step.id) ids.add(step.id)
    for (const key of Object.keys(step.with ?? {}))
      if (!(key in actionYml.inputs)) problems.push(`unknown input "${key}"`)
  }
  for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g))
    if (ids.has(m[1]) && !(m[2] in actionYml.outputs)) problems.push(`unknown output "${m[2]}"`)
  return problems
}

describe('example workflows match action.yml', () => {
  it('has the release, plugin PR and static workflows', () => {
    const names = workflowFiles().map(f => path.basename(f))
    expect(names).toEqual(expect.arrayContaining(['release.yml', 'plugin-pr.yml', 'static.yml']))
  })

  it.each(workflowFiles().map(f => [path.basename(f), f]))(
    '%s uses only real inputs and outputs',
    (_name, file) => {
      const text = readFileSync(file, 'utf8')
      expect(ourSteps(parse(text)).length).toBeGreaterThan(0)
      expect(checkAgainstActionYml(text)).toEqual([])
    }
  )

  it('the release matrix covers amd64 and arm64 with glibc and musl, and uploads', () => {
    const doc = parse(readFileSync(path.join(WORKFLOWS_DIR, 'release.yml'), 'utf8'))
    const matrix = doc.jobs.build.strategy.matrix
    expect(matrix.target).toEqual(['linux/amd64', 'linux/arm64'])
    expect(matrix.libc).toEqual(['glibc', 'musl'])
    const step = ourSteps(doc)[0]
    expect(step.with?.plugins).toBeTruthy()
    expect(step.with?.upload).not.toBe(false)
  })

  it('the checker catches a misspelt input and an unknown output', () => {
    const bad = `jobs:
  b:
    runs-on: ubuntu-latest
    steps:
      - id: x
        uses: org/bifrost-build@v1
        with:
          go-versoin: 1.26.1
      - run: echo \${{ steps.x.outputs.binary-path }}
`
    expect(checkAgainstActionYml(bad)).toEqual([
      'unknown input "go-versoin"',
      'unknown output "binary-path"'
    ])
  })

  it("the README's workflow snippets use only real inputs and outputs", () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8')
    const snippets = [...readme.matchAll(/```ya?ml\n([\s\S]*?)```/g)].map(m => m[1])
    for (const snippet of snippets) {
      if (!/bifrost-build@/.test(snippet)) continue
      // README snippets are often bare step lists: wrap them into a job.
      const text = /^\s*jobs:/m.test(snippet)
        ? snippet
        : `jobs:\n  j:\n    runs-on: ubuntu-latest\n    steps:\n${snippet.replace(/^/gm, '      ')}`
      expect(checkAgainstActionYml(text), snippet).toEqual([])
    }
  })
})

const lintEnabled = Boolean(process.env.BIFROST_BUILD_E2E) || installedTools() !== undefined

describe.skipIf(!lintEnabled)('actionlint', () => {
  let tools: TestTools
  beforeAll(async () => {
    tools = installedTools() ?? (await ensureTools(testGoEnv()))
  }, 1_300_000)

  it("passes this repository's own workflows (CI and release)", async () => {
    const dir = path.join(REPO, '.github', 'workflows')
    const files = readdirSync(dir)
      .filter(f => /\.ya?ml$/.test(f))
      .map(f => path.join(dir, f))
    expect(files.map(f => path.basename(f)).sort()).toEqual(['ci.yml', 'release.yml'])
    const r = await run(tools.actionlint, ['-no-color', ...files], { cwd: REPO })
    expect(r.code, r.stdout + r.stderr).toBe(0)
  })

  it('passes every example workflow', async () => {
    const r = await run(tools.actionlint, ['-no-color', ...workflowFiles()], { cwd: REPO })
    expect(r.code, r.stdout + r.stderr).toBe(0)
  })

  it('fails a broken workflow (so the pass above means something)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-actionlint-'))
    const file = path.join(dir, 'broken.yml')
    writeFileSync(
      file,
      'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n'
    )
    const r = await run(tools.actionlint, ['-no-color', file])
    expect(r.code).not.toBe(0)
    expect(r.stdout).toContain('matrix')
  })
})
