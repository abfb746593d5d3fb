/**
 * No test touches a path outside its own temp dirs. Two greps over the test files and testkit:
 *
 * - absolute path literals in a writable place (/tmp, /home, /work, /opt, ...) are allowed only
 *   where they are data handed to pure functions (listed below with the reason); a test that
 *   needs a real directory makes one with mkdtemp;
 * - a call that writes, moves or deletes (rm, writeFile, mkdir, chmod, cp's destination, ...)
 *   never names the repository, the current directory or the home directory as its target, nor
 *   a path taken from the docs (a README's `--output-dir /tmp/x` is a user's directory).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO } from './helpers/action.js'

function sources(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name)
    if (e.isDirectory()) {
      if (e.name !== 'fixtures' && e.name !== 'node_modules') out.push(...sources(rel))
    } else if (/\.(ts|mjs|js)$/.test(e.name)) out.push(rel)
  }
  return out
}

const SELF = path.join('__tests__', 'pipeline-test-paths.test.ts')
const FILES = [...sources('__tests__'), ...sources('testkit')].filter(f => f !== SELF)

/** Pure data: these strings only go into functions that compute with them; none is opened. */
const PURE_DATA: Record<string, string[]> = {
  '__tests__/helpers/package.ts': [
    '/opt/hostedtoolcache/go/1.26.1/x64/bin/go',
    '/home/runner/.cache/go-build',
    '/opt/hostedtoolcache/go/1.26.1/x64'
  ],
  '__tests__/verify-rules.test.ts': ['/opt/sr', '/tmp/app'],
  '__tests__/toolchain-version.test.ts': [
    '/opt/go',
    '/home/u',
    '/opt/go/bin',
    '/home/u/go',
    '/home/u/go/pkg/mod',
    '/home/u/.cache/go-build',
    '/opt/hostedtoolcache'
  ],
  '__tests__/plan-inputs.test.ts': ['/tmp/elsewhere', '/home/x'],
  '__tests__/publish-outputs.test.ts': ['/opt/hostedtoolcache/go/1.26.1/x64'],
  // the module-cache decision (stableModuleCache) over a runner's environment
  '__tests__/plan-cache-inputs.test.ts': [
    '/home/u/go',
    '/home/u/go/pkg/mod',
    '/opt/tc',
    '/srv/mods'
  ],
  // command lines shown for BUILD.md: the temp names are rewritten, never opened
  '__tests__/package-outputs.test.ts': [
    '/tmp/bifrost-build-Zx9Q2a/transports',
    '/tmp/bifrost-build-AbC123/go.work',
    '/var/tmp/x/.bifrost-build-staging-q1w2e3/go.mod'
  ]
}

const WRITABLE =
  /(?<=['"`])\/(?:tmp|var|home|root|work|srv|mnt|opt|media|run)(?:\/[A-Za-z0-9._-]+)*\/?/g

/** Calls that create, change or delete what their first argument names. */
const WRITERS = [
  'rm',
  'rmSync',
  'rmdir',
  'rmdirSync',
  'unlink',
  'unlinkSync',
  'writeFile',
  'writeFileSync',
  'appendFile',
  'appendFileSync',
  'mkdir',
  'mkdirSync',
  'chmod',
  'chmodSync',
  'truncate',
  'truncateSync'
]
/** Calls whose second argument is the one written. */
const COPIERS = ['cp', 'cpSync', 'copyFile', 'copyFileSync', 'rename', 'renameSync', 'symlinkSync']

/** The arguments of the call that starts at `open` (the index of its `(`), split at top level. */
function callArgs(text: string, open: number): string[] {
  const args: string[] = []
  let depth = 0
  let start = open + 1
  for (let i = open; i < text.length; i++) {
    const c = text[i]
    if (c === '(' || c === '[' || c === '{') depth++
    else if (c === ')' || c === ']' || c === '}') {
      depth--
      if (depth === 0) {
        args.push(text.slice(start, i).trim())
        return args
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i).trim())
      start = i + 1
    }
  }
  return args
}

/**
 * The written path of every writing call in `text`, with its line number; a bare name is
 * followed to its `const`/`let` (one level), so `rmSync(outputDir)` shows where outputDir came from.
 */
export function writtenPaths(text: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = []
  const re = new RegExp(
    `(?<![\\w.])(?:fs\\.|fsp\\.)?(${[...WRITERS, ...COPIERS].join('|')})\\(`,
    'g'
  )
  for (const m of text.matchAll(re)) {
    const args = callArgs(text, m.index + m[0].length - 1)
    let target = COPIERS.includes(m[1]) ? args[1] : args[0]
    if (target && /^[A-Za-z_$][\w$]*$/.test(target)) {
      const decl = new RegExp(`(?:const|let|var)\\s+${target}\\s*=\\s*([^\\n]+)`).exec(text)
      if (decl) target = `${target} = ${decl[1].trim()}`
    }
    if (target) out.push({ line: text.slice(0, m.index).split('\n').length, target })
  }
  return out
}

/** A written path that is not the test's own: the repository, the cwd, home, or a doc's path. */
const FOREIGN = /\bREPO\b|process\.cwd\(\)|homedir\(\)|\bHOME\b|\bflag\(words/

describe('tests keep to their own temp dirs', () => {
  it('finds the test files', () => {
    expect(FILES.length).toBeGreaterThan(20)
    expect(FILES).toContain(path.join('__tests__', 'cli-readme.test.ts'))
  })

  it('absolute paths in writable places are only pure data', () => {
    const found: string[] = []
    for (const f of FILES) {
      const text = readFileSync(path.join(REPO, f), 'utf8')
      for (const m of text.matchAll(WRITABLE)) {
        const p = m[0].replace(/\/$/, '')
        if (!(PURE_DATA[f] ?? []).includes(p)) found.push(`${f}: ${p}`)
      }
    }
    expect(found, 'make a temp dir (mkdtemp) instead of naming a fixed path').toEqual([])
  })

  it("no write, copy or delete names the repository, the cwd, home or a doc's path", () => {
    const found: string[] = []
    for (const f of FILES) {
      const text = readFileSync(path.join(REPO, f), 'utf8')
      for (const w of writtenPaths(text))
        if (FOREIGN.test(w.target)) found.push(`${f}:${w.line}: ${w.target}`)
    }
    expect(found).toEqual([])
  })

  it('the grep sees what it must', () => {
    const bad = [
      "rmSync(path.resolve(REPO, flag(words, '--output-dir')), { recursive: true })",
      "await writeFile(path.join(process.cwd(), 'x'), '')",
      "cpSync(src, path.join(os.homedir(), '.cache'))"
    ]
    bad.push(
      "const outputDir = path.resolve(REPO, flag(words, '--output-dir'))\nrmSync(outputDir, { force: true })"
    )
    for (const b of bad)
      expect(
        writtenPaths(b).some(w => FOREIGN.test(w.target)),
        b
      ).toBe(true)
    const ok = "rmSync(path.join(root, 'x')); cpSync(path.join(REPO, 'examples'), ws)"
    expect(writtenPaths(ok).some(w => FOREIGN.test(w.target))).toBe(false)
    expect("x('/tmp/bifrost-dist')".match(WRITABLE)).toEqual(['/tmp/bifrost-dist'])
  })
})
