/** Module graphs of host and plugins: what they share, where they differ, how to align them. */
import path from 'node:path'
import type { ModuleSkew, ModuleVersion } from '../context.js'

export interface ListedModule {
  Path: string
  Version?: string
  Main?: boolean
  Sum?: string
  Replace?: { Path: string; Version?: string; Dir?: string }
}

/** `go list -m -json all` prints one JSON object after another, not an array. */
export function parseJsonStream<T>(text: string): T[] {
  const out: T[] = []
  let depth = 0
  let start = -1
  let inString = false
  let escaped = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (escaped) escaped = false
      else if (c === '\\') escaped = true
      else if (c === '"') inString = false
      continue
    }
    if (c === '"') inString = true
    else if (c === '{') {
      if (depth++ === 0) start = i
    } else if (c === '}' && --depth === 0) {
      out.push(JSON.parse(text.slice(start, i + 1)) as T)
    }
  }
  return out
}

/** Non-main modules as ModuleVersion; a local replacement's path is made absolute from `moduleDir`. */
export function toModuleVersions(listed: ListedModule[], moduleDir: string): ModuleVersion[] {
  return listed
    .filter(m => !m.Main)
    .map(m => {
      const mv: ModuleVersion = { path: m.Path, version: m.Version ?? '' }
      if (m.Sum) mv.sum = m.Sum
      if (m.Replace) {
        const local = !m.Replace.Version
        mv.replace = {
          path: local ? path.resolve(moduleDir, m.Replace.Path) : m.Replace.Path,
          ...(m.Replace.Version ? { version: m.Replace.Version } : {})
        }
      }
      return mv
    })
}

/** `v1.2.3`, or `v1.2.3 => other@v1.2.4` / `v1.2.3 => /abs/dir` when replaced. */
export function describeModuleVersion(m: ModuleVersion): string {
  if (!m.replace) return m.version
  return `${m.version} => ${m.replace.path}${m.replace.version ? `@${m.replace.version}` : ''}`
}

/** A replacement by a directory (`=> ../core`), not by another module version. */
export function isLocalReplace(m: ModuleVersion): boolean {
  return !!m.replace && !m.replace.version
}

function sameModule(a: ModuleVersion, b: ModuleVersion): boolean {
  return (
    a.version === b.version &&
    (a.replace?.path ?? '') === (b.replace?.path ?? '') &&
    (a.replace?.version ?? '') === (b.replace?.version ?? '')
  )
}

/**
 * Modules the plugin shares with the host (by path), and those whose version label or
 * replacement differ: the go runtime refuses a plugin built against another version of a
 * package the host has, even when the source is identical.
 */
export function compareModules(
  plugin: string,
  host: ModuleVersion[],
  mine: ModuleVersion[]
): { shared: ModuleVersion[]; skew: ModuleSkew[] } {
  const byPath = new Map(host.map(m => [m.path, m]))
  const shared: ModuleVersion[] = []
  const skew: ModuleSkew[] = []
  for (const m of mine) {
    const h = byPath.get(m.path)
    if (!h) continue
    shared.push(h)
    if (!sameModule(h, m))
      skew.push({
        plugin,
        module: m.path,
        pluginVersion: describeModuleVersion(m),
        hostVersion: describeModuleVersion(h),
        ...(isLocalReplace(h) && isLocalReplace(m) && h.replace!.path === m.replace!.path
          ? { sameSource: true }
          : {})
      })
  }
  return { shared, skew }
}

/** The commands that align a plugin with the host, for the error message. */
export function alignCommand(skews: ModuleSkew[], host: ModuleVersion[]): string {
  const edits = replaceEdits(skews, host)
  const gets = hostVersionQueries(skews, host)
  return [
    edits.length ? `go mod edit ${edits.join(' ')}` : '',
    gets.length ? `go get ${gets.join(' ')}` : ''
  ]
    .filter(Boolean)
    .join(' && ')
}

/** `go mod edit` arguments that pin a temp go.mod to the host's replacements. */
export function replaceEdits(skews: ModuleSkew[], host: ModuleVersion[]): string[] {
  const byPath = new Map(host.map(m => [m.path, m]))
  const edits: string[] = []
  for (const s of skews) {
    const h = byPath.get(s.module)
    if (!h) continue
    // Same directory, other label: only the label changes (keeping the replace), which also
    // needs no network, unlike go get of a version the proxy may not serve.
    if (s.sameSource) edits.push(`-require=${h.path}@${h.version}`)
    else if (h.replace)
      edits.push(
        `-replace=${h.path}=${h.replace.path}${h.replace.version ? `@${h.replace.version}` : ''}`
      )
    // The plugin's own directory replace goes, and its require moves to the host's version in
    // the same edit: a replaced module is often required at v0.0.0-00010101000000-000000000000,
    // which go get would then try to fetch (the proxy has no such version).
    else if (s.pluginVersion.includes(' => '))
      edits.push(`-dropreplace=${h.path}`, `-require=${h.path}@${h.version}`)
  }
  return edits
}

/** `go get` arguments: every skewed module at the host's version. */
export function hostVersionQueries(skews: ModuleSkew[], host: ModuleVersion[]): string[] {
  const byPath = new Map(host.map(m => [m.path, m]))
  return [
    ...new Set(
      skews
        .filter(s => !s.sameSource)
        .map(s => byPath.get(s.module))
        .filter(Boolean)
        .map(h => `${h!.path}@${h!.version}`)
    )
  ]
}

/**
 * A directory replacement in the host (`=> ../core`) names a directory relative to the host's
 * own module, which is not here: the plugin's own directory replacement of that module is taken
 * as the same source (only the version label is compared), and the load test decides.
 */
export function adaptDirectoryReplacements(
  host: readonly ModuleVersion[],
  plugin: readonly ModuleVersion[]
): ModuleVersion[] {
  const mine = new Map(plugin.map(m => [m.path, m]))
  return host.map(h => {
    const p = mine.get(h.path)
    if (!h.replace || h.replace.version || !p?.replace || p.replace.version) return h
    return { ...h, replace: { path: p.replace.path } }
  })
}
