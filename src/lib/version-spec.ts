/**
 * Go version strings: parsing what users type and what version files hold, ordering
 * releases, and choosing from the download index. Pure functions only.
 */
import path from 'node:path'
import { compareGoVersions, stripGo } from '../util/go-version.js'

/** The Go of the source document, when nothing names one. */
export const DEFAULT_GO_VERSION = '1.26.1'

/**
 * What the user asked for: one release, the newest patch of a minor line, or (as in
 * actions/setup-go) `stable` (the newest release) or `oldstable` (the newest of the minor line
 * before it).
 */
export type VersionSpec =
  | { kind: 'exact'; version: string }
  | { kind: 'minor'; major: number; minor: number }
  | { kind: 'alias'; alias: 'stable' | 'oldstable' }

interface Parsed {
  major: number
  minor: number
  patch: number
  /** 0 beta, 1 rc, 2 release: a release sorts after its pre-releases. */
  stage: number
  pre: number
}

const RELEASE = /^(\d+)\.(\d+)(?:\.(\d+))?(?:(beta|rc)(\d+))?$/

export function parseRelease(version: string): Parsed | undefined {
  const m = RELEASE.exec(stripGo(version))
  if (!m) return undefined
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: m[3] === undefined ? 0 : Number(m[3]),
    stage: m[4] === 'beta' ? 0 : m[4] === 'rc' ? 1 : 2,
    pre: m[5] === undefined ? 0 : Number(m[5])
  }
}

/**
 * `1.26.1`, `go1.26.1`, `1.27rc1` (exact); `1.26`, `1.26.x`, `go1.26` (newest patch);
 * `stable`, `oldstable` (any case).
 */
export function parseVersionSpec(input: string): VersionSpec | undefined {
  const alias = input.trim().toLowerCase()
  if (alias === 'stable' || alias === 'oldstable') return { kind: 'alias', alias }
  const s = stripGo(input)
  const minor = /^(\d+)\.(\d+)(?:\.x)?$/.exec(s)
  if (minor) return { kind: 'minor', major: Number(minor[1]), minor: Number(minor[2]) }
  if (/^\d+\.\d+\.\d+$/.test(s) || /^\d+\.\d+(?:beta|rc)\d+$/.test(s))
    return { kind: 'exact', version: s }
  return undefined
}

/** A spec as the request carries it: `1.26.1`, or `1.26` for the newest patch of that line. */
export function specText(spec: VersionSpec): string {
  if (spec.kind === 'alias') return spec.alias
  return spec.kind === 'exact' ? spec.version : `${spec.major}.${spec.minor}`
}

export function isStable(version: string): boolean {
  return parseRelease(version)?.stage === 2
}

/** Whether `version` can satisfy `spec`; an alias matches only once resolved (resolveAlias). */
export function matchesSpec(version: string, spec: VersionSpec): boolean {
  if (spec.kind === 'alias') return false
  if (spec.kind === 'exact') return stripGo(version) === spec.version
  const p = parseRelease(version)
  return p !== undefined && p.major === spec.major && p.minor === spec.minor
}

/** Newest stable release of a minor line among `available`, if any. */
export function newestMatching(
  available: readonly string[],
  spec: VersionSpec
): string | undefined {
  return available
    .map(stripGo)
    .filter(v => matchesSpec(v, spec) && (spec.kind === 'exact' || isStable(v)))
    .sort(compareGoVersions)
    .at(-1)
}

/**
 * `stable`: the newest stable release among `available`; `oldstable`: the newest stable
 * release of the minor line before that one (setup-go's meaning).
 */
export function resolveAlias(
  available: readonly string[],
  alias: 'stable' | 'oldstable'
): string | undefined {
  const stable = available.map(stripGo).filter(isStable).sort(compareGoVersions)
  const newest = stable.at(-1)
  if (!newest || alias === 'stable') return newest
  const top = parseRelease(newest)!
  return stable
    .filter(v => {
      const p = parseRelease(v)!
      return p.major < top.major || (p.major === top.major && p.minor < top.minor)
    })
    .at(-1)
}

/** A number whose distances roughly follow how far apart two releases are. */
function rank(p: Parsed): number {
  return p.major * 1e6 + p.minor * 1e3 + p.patch + (p.stage - 2) * 0.1 + p.pre * 0.01
}

/** The `count` releases closest to what was asked for, oldest first, for "did you mean". */
export function nearestVersions(available: readonly string[], wanted: string, count = 5): string[] {
  const w = parseRelease(wanted) ??
    parseRelease(`${stripGo(wanted).replace(/\.x$/, '')}.0`) ?? {
      major: 0,
      minor: 0,
      patch: 0,
      stage: 2,
      pre: 0
    }
  const target = rank(w)
  const unique = [...new Set(available.map(stripGo))].filter(v => parseRelease(v))
  return unique
    .map(v => ({ v, d: Math.abs(rank(parseRelease(v)!) - target) }))
    .sort((a, b) => a.d - b.d || compareGoVersions(b.v, a.v))
    .slice(0, count)
    .map(x => x.v)
    .sort(compareGoVersions)
}

/**
 * The tool cache keys tools by semver; this matches what actions/setup-go writes, so Go
 * releases preinstalled on hosted runners are found: `1.20` -> `1.20.0`, `1.27rc1` -> `1.27.0-rc.1`.
 */
export function toSemver(version: string): string {
  const p = parseRelease(version)
  if (!p) return stripGo(version)
  const base = `${p.major}.${p.minor}.${p.patch}`
  return p.stage === 2 ? base : `${base}-${p.stage === 0 ? 'beta' : 'rc'}.${p.pre}`
}

/** `1.20` and `1.20.0` name the same release. */
export function sameRelease(a: string, b: string): boolean {
  return toSemver(a) === toSemver(b)
}

export function fromSemver(semver: string): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-(beta|rc)\.(\d+))?$/.exec(semver)
  if (!m) return undefined
  if (m[4]) return `${m[1]}.${m[2]}${m[4]}${m[5]}`
  return `${m[1]}.${m[2]}.${m[3]}`
}

/** Go before 1.21 named the first release of a line `go1.20`, not `go1.20.0`. */
export function releaseCandidates(version: string): string[] {
  const p = parseRelease(version)
  if (p && p.stage === 2 && p.patch === 0 && p.major === 1 && p.minor < 21)
    return [stripGo(version), `${p.major}.${p.minor}`]
  return [stripGo(version)]
}

export interface FileVersion {
  /** As written in the file, without `go`. */
  spec: string
  /** Which line gave it, for messages (`toolchain line`, `go line`, `golang entry`). */
  from: string
}

function stripComment(line: string, marker: string): string {
  const i = line.indexOf(marker)
  return (i >= 0 ? line.slice(0, i) : line).trim()
}

/** go.mod / go.work: the `toolchain` line names the release to use, so it wins over `go`. */
export function versionFromGoMod(content: string): FileVersion | undefined {
  let go: string | undefined
  let toolchain: string | undefined
  for (const raw of content.split(/\r?\n/)) {
    const line = stripComment(raw, '//')
    const m = /^(go|toolchain)\s+(\S+)$/.exec(line)
    if (!m) continue
    if (m[1] === 'go') go = m[2]
    else if (m[2] !== 'default') toolchain = m[2]
  }
  if (toolchain) return { spec: stripGo(toolchain), from: 'toolchain line' }
  if (go) return { spec: stripGo(go), from: 'go line' }
  return undefined
}

/** asdf/mise `.tool-versions`: `golang 1.26.1` (asdf) or `go 1.26.1` (mise). */
export function versionFromToolVersions(content: string): FileVersion | undefined {
  for (const raw of content.split(/\r?\n/)) {
    const m = /^(golang|go)\s+(\S+)/.exec(stripComment(raw, '#'))
    if (m) return { spec: stripGo(m[2]), from: `${m[1]} entry` }
  }
  return undefined
}

/** `.go-version` and any other plain file: the first line that is not a comment. */
export function versionFromPlainFile(content: string): FileVersion | undefined {
  for (const raw of content.split(/\r?\n/)) {
    const line = stripComment(raw, '#')
    if (line) return { spec: stripGo(line), from: 'first line' }
  }
  return undefined
}

export function versionFromFile(fileName: string, content: string): FileVersion | undefined {
  const base = path.basename(fileName)
  if (base === 'go.mod' || base === 'go.work') return versionFromGoMod(content)
  if (base === '.tool-versions') return versionFromToolVersions(content)
  return versionFromPlainFile(content)
}
