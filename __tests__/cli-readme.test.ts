/**
 * The README's first command (run the bundled example on a fresh machine) is run as written:
 * taken from the README, split into an argument array (no shell), from the repository root.
 * It must exit 0 and leave in its output-dir what the README's "Output files" section lists,
 * with `sha256sum -c SHA256SUMS` passing there, and leave the checkout as found. Its
 * `--output-dir` is swapped for a temp dir of the test's own: the README's directory may be a
 * user's, and no test touches a path it did not make.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO, testGoEnv } from './helpers/action.js'
import { run, runOk } from '../testkit/run.js'

/** The first line of the README's first fenced code block. */
function firstCommand(readme: string): string {
  const block = /^```[a-z]*\n([\s\S]*?)^```/m.exec(readme)
  if (!block) throw new Error('README.md has no fenced code block')
  return block[1].split('\n')[0].trim()
}

/**
 * Splits a command line into words the way a shell would for plain words and quotes, and
 * refuses anything only a shell could run (expansions, pipes, redirections, lists), so the
 * command stays one a user can paste and a test can start without a shell.
 */
function commandWords(line: string): string[] {
  const words: string[] = []
  let word: string | undefined
  let quote: "'" | '"' | undefined
  for (const c of line) {
    if (quote) {
      if (c === quote) quote = undefined
      else if (quote === '"' && /[$`\\]/.test(c))
        throw new Error(`needs a shell: ${c} in "${line}"`)
      else word += c
    } else if (c === "'" || c === '"') {
      quote = c
      word ??= ''
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (/[$`\\|&;<>(){}*?[\]~#!]/.test(c)) {
      throw new Error(`needs a shell: ${c} in "${line}"`)
    } else {
      word = (word ?? '') + c
    }
  }
  if (quote) throw new Error(`unclosed ${quote} in "${line}"`)
  if (word !== undefined) words.push(word)
  return words
}

/** The value of `--flag value` in `words`. */
function flag(words: string[], name: string): string {
  const i = words.indexOf(name)
  if (i < 0 || i + 1 >= words.length) throw new Error(`the README's first command has no ${name}`)
  return words[i + 1]
}

describe('commandWords', () => {
  it('splits plain words and quoted ones', () => {
    expect(commandWords(`node a.js --x 'a b' "c d" e=f`)).toEqual([
      'node',
      'a.js',
      '--x',
      'a b',
      'c d',
      'e=f'
    ])
  })

  it('refuses what only a shell runs', () => {
    for (const line of ['a && b', 'a | b', 'a > f', 'a $HOME', 'a `x`', 'a "$X"', 'a *.go', "a 'b"])
      expect(() => commandWords(line), line).toThrow()
  })
})

describe("the README's first command", () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8')
  const line = firstCommand(readme)
  const words = commandWords(line)

  it('runs the bundled CLI on the bundled example, with nothing downloaded', () => {
    expect(words.slice(0, 3)).toEqual(['node', 'dist/cli/index.js', 'build'])
    expect(flag(words, '--go-download-source')).toBe('local')
    expect(flag(words, '--output-dir')).not.toBe('')
    expect(existsSync(path.join(REPO, flag(words, '--source')))).toBe(true)
  })

  it('exits 0 and leaves what the README promises in its output-dir', async () => {
    const outputDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'bb-readme-')), 'dist')
    const args = words.map((w, i) => (words[i - 1] === '--output-dir' ? outputDir : w))
    const plugins = flag(words, '--plugins')
      .split(',')
      .map(p => (p.includes('=') ? p.slice(0, p.indexOf('=')) : path.basename(p)))
    const before = await runOk('git', ['status', '--porcelain', '--ignored', 'examples'], {
      cwd: REPO
    })
    try {
      const r = await run(args[0], args.slice(1), {
        cwd: REPO,
        env: { ...process.env, ...testGoEnv() },
        timeoutMs: 600_000
      })
      expect(r.code, `${line}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`).toBe(0)

      const files = readdirSync(outputDir)
      for (const f of [
        'bifrost-http',
        'BUILD.md',
        'manifest.json',
        'Dockerfile',
        'config.json',
        'SHA256SUMS'
      ])
        expect(files, f).toContain(f)
      for (const name of plugins)
        expect(existsSync(path.join(outputDir, 'plugins', `${name}.so`)), name).toBe(true)
      const archive = files.filter(f => f.endsWith('.tar.gz'))
      expect(archive).toHaveLength(1)
      const artifact = archive[0].slice(0, -'.tar.gz'.length)
      expect(files).toContain(`${artifact}.manifest.json`)
      expect(files).toContain(`${artifact}.SHA256SUMS`)
      const manifest = JSON.parse(readFileSync(path.join(outputDir, 'manifest.json'), 'utf8'))
      expect(manifest.schemaVersion).toBe(1)
      await runOk('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: outputDir })
      expect(
        await runOk('git', ['status', '--porcelain', '--ignored', 'examples'], { cwd: REPO })
      ).toBe(before)
    } finally {
      rmSync(path.dirname(outputDir), { recursive: true, force: true })
    }
  })
})
