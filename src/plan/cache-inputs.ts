/**
 * The cache inputs, read by the plan before anything is downloaded: `cache` (`true`, `false`,
 * `restore-only`) and `cache-dependency-path` (the go.sum files that key the cache, as
 * newline-separated globs relative to the workspace, with `!` lines excluding, as in setup-go).
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs'
import path from 'node:path'
import { Minimatch } from 'minimatch'
import type { Plan } from '../context.js'
import { inputError } from '../errors.js'
import { isInside } from '../util/inside.js'

const INPUT = 'cache-dependency-path'
const FIX_EMPTY = `or leave ${INPUT} empty to key the cache on transports/go.sum and each plugin's go.sum`

/** The plan's cache fields; the go.sum globs are read only when the cache is on. */
export function cacheInputs(
  raw: Readonly<Record<string, string>>,
  workspace: string
): Pick<Plan, 'cache' | 'cacheRestoreOnly' | 'cacheDependencyFiles'> {
  const mode = parseCacheMode(raw['cache'] ?? 'true')
  const files = mode.cache ? resolveDependencyFiles(raw[INPUT] ?? '', workspace) : undefined
  return files ? { ...mode, cacheDependencyFiles: files } : mode
}

export const CACHE_MODES = ['true', 'false', 'restore-only'] as const

/** `cache`: restore at all, and whether a successful build saves what it used. */
export function parseCacheMode(raw: string): { cache: boolean; cacheRestoreOnly?: true } {
  const v = raw.trim().toLowerCase()
  if (v === 'true') return { cache: true }
  if (v === 'false') return { cache: false }
  if (v === 'restore-only') return { cache: true, cacheRestoreOnly: true }
  throw inputError(
    'cache',
    `unknown value ${JSON.stringify(raw)}; allowed: ${CACHE_MODES.join(', ')}`,
    'set cache: true (restore and save), restore-only (restore, never save: pull requests) or false'
  )
}

/** A glob segment: anything minimatch would not take literally. */
const MAGIC = /[*?[\]{}\\]|[!+@]\(/

/**
 * The files `cache-dependency-path` names, absolute and sorted, or undefined when it is empty
 * (the default go.sum files key the cache). Every positive line must match at least one file
 * inside the workspace; a symlink leading out of it does not count.
 */
export function resolveDependencyFiles(raw: string, workspace: string): string[] | undefined {
  const lines = raw
    .split(/\r?\n/)
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'))
  if (!lines.length) return undefined
  const ws = path.resolve(workspace)
  const realWs = realpathSync(ws)
  const include: { line: string; mm: Minimatch }[] = []
  const exclude: Minimatch[] = []
  for (const line of lines) {
    const negated = line.startsWith('!')
    const pattern = relativePattern(negated ? line.slice(1).trim() : line, line, ws, realWs)
    const mm = new Minimatch(pattern, { dot: true })
    if (negated) exclude.push(mm)
    else include.push({ line, mm })
  }

  const matched = new Map<string, Set<string>>()
  for (const { line, mm } of include) {
    const files = new Set<string>()
    for (const rel of walk(ws, realWs, mm.pattern)) if (mm.match(rel)) files.add(rel)
    if (!files.size)
      throw inputError(
        INPUT,
        `${JSON.stringify(line)} matches no file inside the workspace ${ws}`,
        `give go.sum paths or globs relative to the workspace (e.g. transports/go.sum or **/go.sum), ${FIX_EMPTY}`
      )
    matched.set(line, files)
  }
  const all = new Set<string>()
  for (const files of matched.values())
    for (const rel of files) if (!exclude.some(mm => mm.match(rel))) all.add(rel)
  if (!all.size)
    throw inputError(
      INPUT,
      `the ! lines exclude every file the other lines match (${[...matched.keys()].join(', ')})`,
      `drop or narrow the ! lines, ${FIX_EMPTY}`
    )
  return [...all].sort().map(rel => path.join(ws, rel))
}

/** A line as a pattern relative to the workspace, posix-style; outside it is an error. */
function relativePattern(body: string, line: string, ws: string, realWs: string): string {
  if (!body || /\0/.test(body))
    throw inputError(
      INPUT,
      `${JSON.stringify(line)} is not a path or glob`,
      `remove that line, ${FIX_EMPTY}`
    )
  if (body.split(/[/\\]/).includes('..'))
    throw inputError(
      INPUT,
      `${JSON.stringify(line)} uses "..": the files must be inside the workspace ${ws}`,
      'give paths relative to the workspace without ".." segments'
    )
  if (!path.isAbsolute(body)) return body.replace(/^(\.\/)+/, '')
  const base = isInside(ws, body) ? ws : isInside(realWs, body) ? realWs : undefined
  if (!base)
    throw inputError(
      INPUT,
      `${JSON.stringify(line)} is outside the workspace ${ws}`,
      'give paths relative to the workspace (the go.sum files must be in the checkout)'
    )
  return path.relative(base, body).split(path.sep).join('/') || '.'
}

/**
 * The files a pattern can match (relative to the workspace, posix-style): read from its literal
 * leading directory, only as deep as its segments reach unless it has `**` or braces.
 * Symlinked directories are not entered and a symlinked file counts only when it resolves
 * inside the workspace: nothing outside the checkout can change the key.
 */
function* walk(ws: string, realWs: string, pattern: string): Generator<string> {
  const segs = pattern.split('/')
  const literal: string[] = []
  for (const s of segs.slice(0, -1)) {
    if (MAGIC.test(s)) break
    literal.push(s)
  }
  const base = literal.join('/')
  const deep = /\*\*|[{}]/.test(pattern)
  const maxDepth = deep ? Infinity : segs.length - literal.length - 1
  const start = path.join(ws, base)
  try {
    // the literal part may itself pass through a symlink
    if (!isInside(realWs, realpathSync(start))) return
  } catch {
    return
  }
  const stack: { dir: string; rel: string; depth: number }[] = [{ dir: start, rel: base, depth: 0 }]
  while (stack.length) {
    const { dir, rel, depth } = stack.pop()!
    let entries: Dirent[]
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      continue // not there, or not a directory: that pattern simply matches nothing here
    }
    for (const e of entries) {
      const abs = path.join(dir, e.name)
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) {
        if (depth < maxDepth) stack.push({ dir: abs, rel: r, depth: depth + 1 })
      } else if (e.isFile()) {
        yield r
      } else if (e.isSymbolicLink()) {
        try {
          if (isInside(realWs, realpathSync(abs)) && statSync(abs).isFile()) yield r
        } catch {
          // a dangling link is no file
        }
      }
    }
  }
}
