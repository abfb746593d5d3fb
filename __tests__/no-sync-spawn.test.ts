/**
 * Keeps synchronous child processes out of the tests, their helpers and the bench code they
 * import. A vitest worker blocked in spawnSync/execSync/execFileSync (a cold `go build`, a tar
 * of a Go toolchain) misses the deadline of its RPC to the main process, and the whole run
 * exits 1 although every test passed ("Timeout calling onTaskUpdate"). Use run()/runOk() from
 * testkit/run.ts instead. A command that is instant whatever the machine's load may stay
 * synchronous only by an entry in ALLOWED (file, the text of the call, and why).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from './helpers/action.js'

/** Scanned: every TypeScript/JavaScript file below these folders (fixtures are Go code). */
const ROOTS = ['__tests__', 'testkit', 'bench']
const SKIP = [path.join('__tests__', 'fixtures'), path.join('bench', 'fixtures')]

/** Allowed synchronous calls: `file` (relative to the repo) and a substring of the line. */
export const ALLOWED: { file: string; line: string; why: string }[] = []

/** A call, an aliasing import (`execFileSync as x`) or a property access (`cp.spawnSync`). */
const SYNC =
  /\b(spawnSync|execSync|execFileSync)\s*\(|\b(spawnSync|execSync|execFileSync)\s+as\b|\.(spawnSync|execSync|execFileSync)\b/

export interface Finding {
  file: string
  line: number
  text: string
}

/** Lines of `source` that start a synchronous child process (comments ignored). */
export function syncSpawns(file: string, source: string): Finding[] {
  const found: Finding[] = []
  let inBlock = false
  source.split('\n').forEach((raw, i) => {
    let text = raw
    if (inBlock) {
      const end = text.indexOf('*/')
      if (end < 0) return
      text = text.slice(end + 2)
      inBlock = false
    }
    text = text.replace(/\/\*.*?\*\//g, '')
    const open = text.indexOf('/*')
    if (open >= 0) {
      inBlock = true
      text = text.slice(0, open)
    }
    text = text.replace(/\/\/.*$/, '')
    if (!SYNC.test(text)) return
    if (ALLOWED.some(a => a.file === file && raw.includes(a.line))) return
    found.push({ file, line: i + 1, text: raw.trim() })
  })
  return found
}

function sources(dir: string): string[] {
  const rel = path.relative(REPO, dir)
  if (SKIP.includes(rel)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'out' ? [] : sources(full)
    return /\.(ts|mts|js|mjs)$/.test(e.name) ? [full] : []
  })
}

describe('no synchronous child processes in tests', () => {
  it('none in __tests__, testkit or bench/ outside the allow-list (file:line)', () => {
    const files = ROOTS.flatMap(r => sources(path.join(REPO, r)))
    expect(files.length).toBeGreaterThan(10)
    const found = files.flatMap(f => syncSpawns(path.relative(REPO, f), readFileSync(f, 'utf8')))
    const report = found.map(f => `${f.file}:${f.line}: ${f.text}`).join('\n')
    expect(
      report,
      'use run()/runOk() from testkit/run.ts: a blocked worker fails the vitest run'
    ).toBe('')
  })

  it('every allow-list entry still matches a line (no stale entries)', () => {
    for (const a of ALLOWED) {
      const text = readFileSync(path.join(REPO, a.file), 'utf8')
      expect(text.includes(a.line), `${a.file}: "${a.line}" (${a.why})`).toBe(true)
    }
  })

  it('finds calls, aliases and property calls; ignores comments and imports', () => {
    // Names spelled in pieces, so this file does not trip its own check.
    const [execFileS, spawnS, execS] = ['execFile', 'spawn', 'exec'].map(n => `${n}Sync`)
    const src = [
      `import { ${execFileS} } from 'node:child_process'`, // an import alone starts nothing
      `${execFileS}('go', ['build'])`, // 2
      `const r = cp.${spawnS}('tar', [])`, // 3
      `import { ${execS} as sh } from 'node:child_process'`, // 4
      `// ${spawnS}(...) in a comment`,
      '/**',
      ` * blocked in ${execFileS}( for minutes`,
      ' */',
      `/* ${execS}( */ const ok = 1`,
      "await run('go', ['build'])"
    ].join('\n')
    expect(syncSpawns('x.ts', src).map(f => f.line)).toEqual([2, 3, 4])
  })
})
