/**
 * Paths the user gave: source and plugins resolved inside the workspace (realpath: a symlink
 * cannot lead out), and output-dir kept off the workspace and everything being built.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import type { BifrostSource, PluginSpec } from '../context.js'
import { inputError } from '../errors.js'
import { isInside } from '../util/inside.js'
import { checkPluginName } from './values.js'
import { FileReadError, readTextSync } from '../util/read-file.js'

/**
 * `raw` relative to the workspace (or absolute inside it) as a real directory inside the
 * workspace. `what` says which entry, for the message.
 */
export function resolveInsideWorkspace(
  input: string,
  raw: string,
  workspace: string,
  what: string
): string {
  if (/[\0\r\n]/.test(raw))
    throw inputError(input, `${what} holds a line break or NUL`, 'give a plain directory path')
  if (raw.split(/[/\\]/).includes('..'))
    throw inputError(
      input,
      `${what} ${JSON.stringify(raw)} uses "..": paths must stay inside the workspace ${workspace}`,
      'give a path relative to the workspace without ".." segments'
    )
  const realWs = realpathSync(workspace)
  const abs = path.resolve(workspace, raw)
  if (!isInside(workspace, abs) && !isInside(realWs, abs))
    throw inputError(
      input,
      `${what} ${JSON.stringify(raw)} is outside the workspace ${workspace}`,
      'check the directory out inside the workspace and give its relative path'
    )
  if (!existsSync(abs))
    throw inputError(
      input,
      `${what} ${JSON.stringify(raw)} does not exist (looked for ${abs})`,
      'check the path (relative to the workspace root)'
    )
  const real = realpathSync(abs)
  if (!isInside(realWs, real))
    throw inputError(
      input,
      `${what} ${JSON.stringify(raw)} is a symlink leading outside the workspace (to ${real})`,
      'check the directory out inside the workspace instead of linking to it'
    )
  if (!statSync(real).isDirectory())
    throw inputError(
      input,
      `${what} ${JSON.stringify(raw)} is a file, not a directory`,
      'give the directory that holds it'
    )
  return real
}

/** The Bifrost checkout: a directory inside the workspace that holds `transports/go.mod`. */
export function resolveSource(
  raw: string,
  workspace: string
): { dir: string; transportsDir: string } {
  const dir = resolveInsideWorkspace('source', raw.trim() || '.', workspace, 'source')
  const transportsDir = path.join(dir, 'transports')
  if (!existsSync(path.join(transportsDir, 'go.mod')))
    throw inputError(
      'source',
      `${dir} holds no transports/go.mod, so it is not a Bifrost checkout`,
      'set source to the directory that holds transports/ (the root of a maximhq/bifrost checkout)'
    )
  return { dir, transportsDir }
}

/** Plugin entries: newline- or comma-separated, each `dir` or `name=dir`. */
export function parsePluginEntries(raw: string): { name?: string; dir: string; entry: string }[] {
  return raw
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(Boolean)
    .map(entry => {
      const eq = entry.indexOf('=')
      if (eq < 0) return { dir: entry, entry }
      return { name: entry.slice(0, eq).trim(), dir: entry.slice(eq + 1).trim(), entry }
    })
}

const GLOB = /[*?[]/

/** One path segment's glob (`*`, `?`, `[abc]`) as a regular expression. */
function segmentRegex(seg: string): RegExp {
  let re = ''
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]
    if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else if (c === '[') {
      const end = seg.indexOf(']', i + 1)
      if (end < 0) re += '\\['
      else {
        re += `[${seg
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`
        i = end
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

/**
 * `plugins/*`: entries with glob characters become every matching directory inside the
 * workspace that holds Go files, sorted (so the build and BUILD.md do not depend on the
 * directory order). Hidden directories match only a pattern that starts with a dot.
 */
export function expandPluginGlobs(
  entries: { name?: string; dir: string; entry: string }[],
  workspace: string
): { name?: string; dir: string; entry: string }[] {
  const out: { name?: string; dir: string; entry: string }[] = []
  for (const e of entries) {
    if (!GLOB.test(e.dir) || e.name !== undefined) {
      out.push(e)
      continue
    }
    const segs = e.dir.replace(/^\.\//, '').split('/').filter(Boolean)
    if (path.isAbsolute(e.dir) || segs.includes('..'))
      throw inputError(
        'plugins',
        `the pattern ${JSON.stringify(e.entry)} reaches outside the workspace`,
        'write the pattern relative to the workspace, e.g. plugins/*'
      )
    let dirs = ['']
    for (const seg of segs) {
      const next: string[] = []
      for (const d of dirs) {
        if (!GLOB.test(seg)) {
          next.push(path.posix.join(d, seg))
          continue
        }
        const re = segmentRegex(seg)
        let names: string[] = []
        try {
          names = readdirSync(path.join(workspace, d), { withFileTypes: true })
            .filter(
              x =>
                x.isDirectory() &&
                re.test(x.name) &&
                (!x.name.startsWith('.') || seg.startsWith('.'))
            )
            .map(x => x.name)
        } catch {
          /* not a directory: no match */
        }
        for (const n of names) next.push(path.posix.join(d, n))
      }
      dirs = next
    }
    const matched = dirs
      .filter(d => {
        try {
          return readdirSync(path.join(workspace, d)).some(
            f => f.endsWith('.go') && !f.endsWith('_test.go')
          )
        } catch {
          return false
        }
      })
      .sort()
    if (matched.length === 0)
      throw inputError(
        'plugins',
        `the pattern ${JSON.stringify(e.entry)} matches no directory with Go files in the workspace`,
        'check the pattern (e.g. plugins/*), or list the plugin directories'
      )
    for (const d of matched) out.push({ dir: d, entry: d })
  }
  return out
}

/** Default name: the directory's base name, lower-cased, unsafe characters replaced. */
export function defaultPluginName(dir: string): string {
  return path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
}

export function resolvePlugins(raw: string, workspace: string): PluginSpec[] {
  const out: PluginSpec[] = []
  const byName = new Map<string, string>()
  const byDir = new Map<string, string>()
  const realWs = realpathSync(workspace)
  for (const e of expandPluginGlobs(parsePluginEntries(raw), workspace)) {
    if (!e.dir)
      throw inputError(
        'plugins',
        `entry ${JSON.stringify(e.entry)} has no directory`,
        'write dir or name=dir'
      )
    const dir = resolveInsideWorkspace('plugins', e.dir, workspace, 'plugin directory')
    const name = checkPluginName(e.name ?? defaultPluginName(dir), e.entry)
    const sameDir = byDir.get(dir)
    if (sameDir !== undefined)
      throw inputError(
        'plugins',
        `${JSON.stringify(e.entry)} and ${JSON.stringify(sameDir)} are the same plugin directory`,
        'list each plugin once'
      )
    const sameName = byName.get(name)
    if (sameName !== undefined)
      throw inputError(
        'plugins',
        `two plugins are named ${JSON.stringify(name)} (${JSON.stringify(sameName)} and ${JSON.stringify(e.entry)}); each becomes ${name}.so`,
        'give one of them another name with name=dir'
      )
    requireMainPackage(dir, e.dir)
    const moduleDir = findModuleDir(dir, realWs, e.dir)
    byName.set(name, e.entry)
    byDir.set(dir, e.entry)
    out.push({ name, dir, relDir: path.relative(realWs, dir) || '.', moduleDir })
  }
  return out
}

/** The package clause of a Go file, skipping comments and build constraints before it. */
export function packageName(source: string): string | undefined {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '')
  return /^\s*package\s+([A-Za-z_][A-Za-z0-9_]*)/m.exec(text)?.[1]
}

/** A Go file of a plugin directory: a FIFO, device or directory named *.go is refused, not read. */
function readGoFile(file: string, raw: string): string {
  try {
    // A regular file ends: the cap only bounds memory, and generated Go files can be large.
    return readTextSync(file, 256 * 1024 * 1024)
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    throw inputError(
      'plugins',
      `${file} in plugin directory ${JSON.stringify(raw)} ${e instanceof FileReadError ? e.message : `cannot be read (${e.code ?? e.message})`}`,
      `remove or rename ${path.basename(file)} (go build reads every .go file in the directory), or make it a readable Go source file`
    )
  }
}

function requireMainPackage(dir: string, raw: string): void {
  const goFiles = readdirSync(dir).filter(f => f.endsWith('.go') && !f.endsWith('_test.go'))
  if (goFiles.length === 0)
    throw inputError(
      'plugins',
      `plugin directory ${JSON.stringify(raw)} holds no Go files`,
      "point the entry at the directory with the plugin's package main"
    )
  const names = new Set(goFiles.map(f => packageName(readGoFile(path.join(dir, f), raw))))
  if (!names.has('main'))
    throw inputError(
      'plugins',
      `plugin directory ${JSON.stringify(raw)} holds package ${[...names].filter(Boolean).join(', ')}, not package main (go build -buildmode=plugin needs a main package)`,
      "point the entry at the directory with the plugin's package main"
    )
}

/** The nearest directory at or above `dir` with a go.mod, not above the workspace. */
function findModuleDir(dir: string, realWs: string, raw: string): string {
  for (let d = dir; isInside(realWs, d); d = path.dirname(d)) {
    if (existsSync(path.join(d, 'go.mod'))) return d
    if (d === realWs) break
  }
  throw inputError(
    'plugins',
    `plugin directory ${JSON.stringify(raw)} is not inside a Go module (no go.mod at or above it in the workspace)`,
    'add a go.mod for the plugin (go mod init) and commit it with its go.sum'
  )
}

/** Go trees of a Bifrost checkout: the build reads them, and output-dir must stay out of them. */
const CHECKOUT_TREES = ['transports', 'core', 'framework', 'plugins', 'ui']

/**
 * Anywhere but the workspace, the checkout, or a directory holding them (packaging replaces
 * it), and never inside what is built: the checkout's Go trees or a plugin's directory, where
 * output files would mix with sources (and `bifrost-http` collides with transports/bifrost-http).
 */
export function resolveOutputDir(
  raw: string,
  workspace: string,
  source: BifrostSource,
  plugins: readonly { name: string; dir: string }[]
): string {
  const v = raw.trim() || 'bifrost-dist'
  if (/[\0\r\n]/.test(v))
    throw inputError(
      'output-dir',
      'the path holds a line break or NUL',
      'give a plain directory path'
    )
  const dir = path.resolve(workspace, v)
  const protectedDirs = [workspace, ...(source.kind === 'checkout' ? [source.dir] : [])]
  for (const p of protectedDirs) {
    if (isInside(dir, p))
      throw inputError(
        'output-dir',
        `${JSON.stringify(raw.trim())} resolves to ${dir}, which is or holds ${p === workspace ? 'the workspace' : 'the source checkout'} (${p}); packaging replaces output-dir`,
        'set output-dir to a new directory such as bifrost-dist'
      )
  }
  const built = [
    ...(source.kind === 'checkout'
      ? CHECKOUT_TREES.map(t => ({
          what: `the source checkout's ${t}/`,
          dir: path.join(source.dir, t)
        }))
      : []),
    ...plugins
      .filter(p => p.dir !== workspace)
      .map(p => ({ what: `the directory of plugin ${p.name}`, dir: p.dir }))
  ]
  for (const b of built) {
    if (isInside(b.dir, dir))
      throw inputError(
        'output-dir',
        `${JSON.stringify(raw.trim())} resolves to ${dir}, inside ${b.what} (${b.dir}); build outputs would be written among the sources being built`,
        "set output-dir to a directory outside the checkout's sources, such as bifrost-dist"
      )
  }
  return dir
}
