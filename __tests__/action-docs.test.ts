/**
 * The test layout CONTRIBUTING.md states, and the docs that point at tests: every test file is
 * named `<stage>-<topic>.test.ts`, and every `__tests__/…` file a doc names exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from './helpers/action.js'

const STAGES = ['plan', 'toolchain', 'cache', 'build', 'verify', 'package', 'publish']
const WHOLE_RUN = ['cli', 'action', 'pipeline']
/** Guards on the test suite itself, not on a stage of the product. */
const SUITE_GUARDS = ['no-sync-spawn.test.ts']

const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  'SECURITY.md',
  ...readdirSync(path.join(REPO, 'docs'))
    .filter(f => f.endsWith('.md'))
    .map(f => path.join('docs', f))
]

describe('test files', () => {
  it('are named <stage>-<topic>.test.ts', () => {
    const stage = new RegExp(`^(${[...STAGES, ...WHOLE_RUN].join('|')})-[a-z0-9-]+\\.test\\.ts$`)
    const odd = readdirSync(path.join(REPO, '__tests__'))
      .filter(f => f.endsWith('.test.ts'))
      .filter(f => !stage.test(f) && !SUITE_GUARDS.includes(f))
    expect(odd, 'rename them (git mv) and update the docs that name them').toEqual([])
  })

  it('named in the docs exist', () => {
    const missing = DOCS.flatMap(doc =>
      [
        ...readFileSync(path.join(REPO, doc), 'utf8').matchAll(
          /(__tests__\/[\w./-]+\.ts|[\w-]+\.test\.ts)\b/g
        )
      ]
        .map(m => (m[1].startsWith('__tests__/') ? m[1] : `__tests__/${m[1]}`))
        .filter(f => !existsSync(path.join(REPO, f)))
        .map(f => `${doc}: ${f}`)
    )
    expect(missing).toEqual([])
  })
})
