/**
 * What a user needs to pin this action: its own workflows pin every action by commit SHA with
 * the version in a comment (kept current by dependabot), CI runs the action itself on the
 * bundled example on the runtime action.yml asks for, the release workflow bumps every
 * version string and moves the major tag, and the repository has owners and templates.
 * actionlint over these workflows: action-examples.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { REPO } from './helpers/action.js'
import { TOOL_VERSION } from '../src/tool-version.js'

const GH = path.join(REPO, '.github')
const WORKFLOWS = path.join(GH, 'workflows')
const read = (f: string) => readFileSync(f, 'utf8')

interface Job {
  'runs-on'?: string
  steps?: { uses?: string; run?: string; with?: Record<string, unknown> }[]
}
const workflow = (name: string) =>
  parse(read(path.join(WORKFLOWS, name))) as { jobs: Record<string, Job> }

describe("this repository's workflows", () => {
  const files = readdirSync(WORKFLOWS).filter(f => /\.ya?ml$/.test(f))

  it('pin every action by full commit SHA, the version in a comment', () => {
    const bad: string[] = []
    for (const f of files)
      for (const line of read(path.join(WORKFLOWS, f)).split('\n')) {
        const m = /^\s*-?\s*uses:\s*(\S+)(.*)$/.exec(line)
        if (!m || m[1] === './') continue
        if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(m[1]) || !/^\s+# v\d+(\.\d+)*$/.test(m[2]))
          bad.push(`${f}: ${line.trim()}`)
      }
    expect(bad).toEqual([])
  })

  it('dependabot keeps the pinned actions and the npm packages current', () => {
    const d = parse(read(path.join(GH, 'dependabot.yml'))) as {
      updates: { 'package-ecosystem': string }[]
    }
    expect(d.updates.map(u => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm'])
  })

  it('CI runs Node 24 (action.yml runs on node24) and the action itself on the bundled example', () => {
    expect(read(path.join(REPO, 'action.yml'))).toMatch(/using: ['"]?node24/)
    const ci = workflow('ci.yml')
    for (const job of Object.values(ci.jobs))
      for (const s of job.steps ?? [])
        if (s.uses?.startsWith('actions/setup-node@')) expect(s.with?.['node-version']).toBe(24)
    const own = Object.values(ci.jobs)
      .flatMap(j => j.steps ?? [])
      .find(s => s.uses === './')
    expect(own?.with).toMatchObject({
      source: 'examples/quickstart',
      plugins: 'hello=examples/quickstart/hello-plugin'
    })
    expect(existsSync(path.join(REPO, 'examples', 'quickstart', 'transports', 'go.mod'))).toBe(true)
  })

  it('the release workflow bumps package.json and the --version, and moves the major tag', () => {
    const text = read(path.join(WORKFLOWS, 'release.yml'))
    expect(text).toContain('npm version "$VERSION" --no-git-tag-version')
    expect(text).toContain('src/tool-version.ts')
    expect(text).toContain('git tag -f "$major"')
    expect(text).toContain('git push -f origin "refs/tags/$major"')
    expect(text).toContain('grep -qx "## $VERSION" CHANGELOG.md')
    // the sed it runs matches the file as it is written
    expect(read(path.join(REPO, 'src', 'tool-version.ts'))).toMatch(
      /^export const TOOL_VERSION = '\d+\.\d+\.\d+'$/m
    )
  })
})

describe('the first release', () => {
  it('is 1.0.0 in package.json, the tool version and CHANGELOG.md', () => {
    const pkg = JSON.parse(read(path.join(REPO, 'package.json')))
    expect(pkg.version).toBe('1.0.0')
    expect(TOOL_VERSION).toBe('1.0.0')
    const changelog = read(path.join(REPO, 'CHANGELOG.md'))
    expect(changelog).toMatch(/^## Unreleased\n\n## 1\.0\.0\n\n- /m)
  })

  it('has CODEOWNERS, issue forms and a pull request template', () => {
    for (const f of [
      'CODEOWNERS',
      'ISSUE_TEMPLATE/bug_report.yml',
      'ISSUE_TEMPLATE/feature_request.yml',
      'ISSUE_TEMPLATE/config.yml',
      'pull_request_template.md'
    ])
      expect(existsSync(path.join(GH, f)), f).toBe(true)
    const bug = parse(read(path.join(GH, 'ISSUE_TEMPLATE', 'bug_report.yml'))) as {
      body: { id?: string }[]
    }
    expect(bug.body.map(b => b.id).filter(Boolean)).toContain('version')
  })
})

describe('the names the docs give are the names uploaded', () => {
  const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight']

  it('the README counts the example workflows right', () => {
    const n = readdirSync(path.join(REPO, 'examples', 'workflows')).filter(f =>
      /\.ya?ml$/.test(f)
    ).length
    expect(read(path.join(REPO, 'README.md'))).toContain(
      `All ${WORDS[n]} are in [\`examples/workflows/\`]`
    )
  })

  it('the plugin-manifest example and the README fetch <artifact-name>.manifest.json', () => {
    // the default artifact name: bifrost-<version>-go<go>-<os>-<arch>-<libc>-<mode>
    const cell = /bifrost-\d+\.\d+\.\d+-go\d+\.\d+\.\d+-linux-(amd64|arm64)-(glibc|musl)-dynamic/
    for (const f of [
      path.join(REPO, 'examples', 'workflows', 'plugin-manifest.yml'),
      path.join(REPO, 'README.md')
    ]) {
      const text = read(f)
      const pattern = /--pattern (\S+)/.exec(text)?.[1] ?? ''
      expect(pattern, f).toMatch(new RegExp(`^${cell.source}\\.manifest\\.json$`))
      expect(/host-manifest: (\S+)/.exec(text)?.[1], f).toBe(`host/${pattern}`)
      expect(text, f).not.toMatch(/--pattern manifest\.json|host-manifest: host\/manifest\.json/)
    }
  })
})
