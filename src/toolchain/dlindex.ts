/**
 * The download index of go.dev/dl (and its mirrors): `<base>/?mode=json&include=all`, a JSON
 * array of releases, each with its files and their SHA-256.
 */
import type { Arch } from '../context.js'
import { stripGo } from '../util/go-version.js'

export interface IndexFile {
  filename: string
  os: string
  arch: string
  sha256: string
  kind: string
}

export interface IndexRelease {
  /** Without `go`. */
  version: string
  stable: boolean
  files: IndexFile[]
}

export function trimBase(base: string): string {
  return base.trim().replace(/\/+$/, '')
}

export function indexUrl(base: string): string {
  return `${trimBase(base)}/?mode=json&include=all`
}

export function archiveName(version: string, arch: Arch): string {
  return `go${stripGo(version)}.linux-${arch}.tar.gz`
}

export function archiveUrl(base: string, version: string, arch: Arch): string {
  return `${trimBase(base)}/${archiveName(version, arch)}`
}

/** Parses the index; throws with the reason when the body is not one. */
export function parseIndex(body: string): IndexRelease[] {
  let data: unknown
  try {
    data = JSON.parse(body)
  } catch {
    throw new Error(`not JSON (starts with ${JSON.stringify(body.slice(0, 40))})`)
  }
  if (!Array.isArray(data)) throw new Error('not a JSON array of releases')
  const releases: IndexRelease[] = []
  for (const r of data as Record<string, unknown>[]) {
    if (typeof r?.version !== 'string' || !Array.isArray(r.files)) continue
    releases.push({
      version: stripGo(r.version),
      stable: r.stable === true,
      files: (r.files as Record<string, unknown>[])
        .filter(f => typeof f?.filename === 'string')
        .map(f => ({
          filename: String(f.filename),
          os: String(f.os ?? ''),
          arch: String(f.arch ?? ''),
          sha256: String(f.sha256 ?? '').toLowerCase(),
          kind: String(f.kind ?? '')
        }))
    })
  }
  if (releases.length === 0) throw new Error('no releases in it')
  return releases
}

/** Versions that have an archive for this platform (what `1.26.x` may choose from). */
export function versionsFor(releases: readonly IndexRelease[], arch: Arch): string[] {
  return releases
    .filter(r => r.files.some(f => f.filename === archiveName(r.version, arch)))
    .map(r => r.version)
}

/** `<file>.sha256` holds the hex digest, sometimes followed by the file name. */
export function parseSha256File(body: string): string | undefined {
  const m = /^\s*([0-9a-fA-F]{64})(?:\s|$)/.exec(body)
  return m ? m[1].toLowerCase() : undefined
}
