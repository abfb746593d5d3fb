/**
 * The public interface cannot drift: action.yml, src/inputs.ts and the README's tables say
 * the same thing, and the committed dist/ is what the sources bundle to.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { INPUTS, OUTPUTS } from '../src/inputs.js'
import { REPO } from './helpers/action.js'
import { runOk } from '../testkit/run.js'

interface ActionYml {
  name: string
  branding: { icon: string; color: string }
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string; post: string }
}

const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as ActionYml
const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8')

/** Rows of the first markdown table after a heading. */
function tableAfter(heading: string): string[][] {
  const start = readme.indexOf(heading)
  expect(start, `README has a "${heading}" section`).toBeGreaterThanOrEqual(0)
  const lines = readme.slice(start).split('\n')
  const first = lines.findIndex(l => l.startsWith('|'))
  const rows: string[][] = []
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map(c => c.trim())
    )
  }
  return rows
}

describe('action.yml', () => {
  it('runs on node24 with a post step, and is branded', () => {
    expect(action.name).toBe('bifrost-build')
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/post.js' })
    expect(action.branding.icon).toBeTruthy()
  })

  it('declares exactly the inputs of src/inputs.ts, with their defaults and descriptions', () => {
    expect(Object.keys(action.inputs)).toEqual(INPUTS.map(i => i.name))
    for (const spec of INPUTS) {
      expect(action.inputs[spec.name].default, spec.name).toBe(spec.default)
      expect(action.inputs[spec.name].description, spec.name).toBe(spec.description)
      expect(action.inputs[spec.name].required, spec.name).toBe(false)
    }
  })

  it('declares exactly the outputs of src/inputs.ts', () => {
    expect(Object.keys(action.outputs)).toEqual(OUTPUTS.map(o => o.name))
    for (const o of OUTPUTS) expect(action.outputs[o.name].description).toBe(o.description)
  })

  // The contract lives beside the checkout (../shared), as in CI; a bare clone elsewhere lacks it.
  const specFile = path.join(REPO, '..', 'shared', 'SPEC.md')
  it.skipIf(!existsSync(specFile))('covers every input and output the contract names', () => {
    const spec = readFileSync(specFile, 'utf8')
    const section = (from: string, to: string) => spec.slice(spec.indexOf(from), spec.indexOf(to))
    const contractInputs = [
      ...section('## Inputs', '## Outputs').matchAll(/^\| ([a-z-]+)(?: \/ ([a-z-]+))? \|/gm)
    ]
      .flatMap(m => [m[1], m[2]])
      .filter((n): n is string => Boolean(n) && n !== 'input')
    for (const name of contractInputs) expect(Object.keys(action.inputs)).toContain(name)
    const contractOutputs = [...section('## Outputs', '## Rules').matchAll(/`([a-z-]+)`/g)].map(
      m => m[1]
    )
    for (const name of contractOutputs) expect(Object.keys(action.outputs)).toContain(name)
  })
})

describe('README', () => {
  it('starts with the two commands for a fresh machine', () => {
    const head = readme.split('\n').slice(0, 30).join('\n')
    expect(head).toMatch(/```(?:sh|bash)\n[^`]*dist\/cli\/index\.js build[^`]*```/)
    expect(head).toMatch(/```(?:sh|bash)\n[^`]*npm test[^`]*```/)
  })

  it('.ci/run runs exactly the README test command', () => {
    const head = readme.split('\n').slice(0, 30).join('\n')
    const testBlock = /```(?:sh|bash)\n([^`]*npm test[^`]*)```/.exec(head)![1]
    const testCmd = testBlock.trim().split('\n').pop()!.trim()
    const ci = readFileSync(path.join(REPO, '.ci', 'run'), 'utf8')
    expect(ci.split('\n').map(l => l.trim())).toContain(testCmd)
  })

  it('documents every input with its default', () => {
    const rows = tableAfter('### Inputs')
    expect(rows.map(r => r[0].replace(/`/g, ''))).toEqual(INPUTS.map(i => i.name))
    for (const spec of INPUTS) {
      const row = rows.find(r => r[0].replace(/`/g, '') === spec.name)!
      expect(row[1].replace(/`/g, '').replace(/\\\|/g, '|'), spec.name).toBe(spec.default)
    }
  })

  it('documents every output', () => {
    const rows = tableAfter('### Outputs')
    expect(rows.map(r => r[0].replace(/`/g, ''))).toEqual(OUTPUTS.map(o => o.name))
  })
})

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap(name => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? listFiles(full, base) : [path.relative(base, full)]
  })
}

describe('dist/', () => {
  // One ncc bundle, but minutes on the shared 2-core machine under load.
  it('is what `npm run package` makes of the current sources', { timeout: 1_200_000 }, async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bb-dist-'))
    await runOk(process.execPath, [path.join(REPO, 'scripts', 'package.mjs'), out], {
      cwd: REPO,
      timeoutMs: 1_200_000
    })
    const dist = path.join(REPO, 'dist')
    const built = listFiles(out).sort()
    expect(listFiles(dist).sort(), 'dist/ holds the same files: run `npm run package`').toEqual(
      built
    )
    for (const file of built) {
      const same = readFileSync(path.join(out, file)).equals(readFileSync(path.join(dist, file)))
      expect(same, `dist/${file} is stale: run \`npm run package\` and commit dist/`).toBe(true)
    }
  })

  it('has one bundle: entries of a few lines import it, and no chunk is there twice', () => {
    const dist = path.join(REPO, 'dist')
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'))
    // The load test's sandbox supervisor is the fourth: run by path, beside the bundle.
    const entries = [
      action.runs.main,
      action.runs.post,
      pkg.bin['bifrost-build'],
      'dist/sandbox.js'
    ]
    for (const entry of entries) {
      const text = readFileSync(path.join(REPO, entry), 'utf8')
      expect(text.trim().split('\n').length, entry).toBeLessThanOrEqual(4)
      expect(text, entry).toMatch(/from '\.{1,2}\/bundle\/index\.js'/)
    }
    const js = listFiles(dist).filter(f => f.endsWith('.js'))
    expect(js.filter(f => !f.startsWith('bundle/')).sort()).toEqual(
      entries.map(e => path.relative('dist', e)).sort()
    )
    const bodies = new Map<string, string>()
    for (const f of js) {
      const body = readFileSync(path.join(dist, f), 'utf8')
      expect(bodies.get(body), `${f} is a copy of ${bodies.get(body)}`).toBeUndefined()
      bodies.set(body, f)
    }
    expect(listFiles(dist).filter(f => f.endsWith('licenses.txt'))).toEqual(['licenses.txt'])
  })
})
