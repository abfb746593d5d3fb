/**
 * The go.mod of one module version, read from GOPROXY before any Go is installed: a
 * `bifrost-version` build picks its Go from that file's go line, as a checkout build picks it
 * from transports/go.mod. Follows the go command's GOPROXY list rules: after a ',' the next
 * entry is tried only on 404/410, after a '|' on any error; `direct` and `off` end the list
 * (reading a VCS needs the go command, which is not there yet).
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { getText, HttpStatusError, type HttpOptions } from '../net/http.js'

/** A go.mod is a few KiB; a proxy answering more is not serving one. */
const MAX_GOMOD_BYTES = 1024 * 1024

export interface ProxyEntry {
  url: string
  /** The separator after this entry: ',' falls through on "not found" only, '|' on any error. */
  fallThrough: 'notfound' | 'any'
}

/** `https://a,https://b|direct` -> its entries, with the rule for moving past each one. */
export function parseGoproxyList(goproxy: string): ProxyEntry[] {
  const out: ProxyEntry[] = []
  const re = /([^,|]*)([,|]?)/g
  for (const m of goproxy.matchAll(re)) {
    const url = m[1].trim()
    if (url) out.push({ url, fallThrough: m[2] === '|' ? 'any' : 'notfound' })
    if (!m[2]) break
  }
  return out
}

/** The proxy protocol's case escaping: `Azure` -> `!azure`. */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, c => `!${c.toLowerCase()}`)
}

export type ModFileResult = { text: string; url: string } | { reason: string }

export async function fetchModFile(
  goproxy: string,
  module: string,
  version: string,
  http: HttpOptions
): Promise<ModFileResult> {
  const entries = parseGoproxyList(goproxy || 'https://proxy.golang.org,direct')
  const reasons: string[] = []
  for (const entry of entries) {
    if (entry.url === 'direct' || entry.url === 'off') {
      reasons.push(`GOPROXY reaches ${module} through "${entry.url}", which needs the go command`)
      break
    }
    const base = entry.url.replace(/\/+$/, '')
    const url = `${base}/${escapeModulePath(module)}/@v/${escapeModulePath(version)}.mod`
    try {
      const text = url.startsWith('file://')
        ? await readFile(fileURLToPath(url), 'utf8')
        : /^https?:\/\//.test(url)
          ? await getText(url, { ...http, maxBytes: MAX_GOMOD_BYTES })
          : undefined
      if (text === undefined) {
        reasons.push(`${entry.url} is not a proxy URL`)
        continue
      }
      return { text, url }
    } catch (err) {
      const notFound =
        (err instanceof HttpStatusError && (err.status === 404 || err.status === 410)) ||
        (err as NodeJS.ErrnoException).code === 'ENOENT'
      reasons.push(`${url}: ${(err as Error).message}`)
      if (!notFound && entry.fallThrough === 'notfound') break
    }
  }
  return { reason: reasons.join('; ') || 'GOPROXY is empty' }
}
