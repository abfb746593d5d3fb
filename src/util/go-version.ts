/**
 * The order of Go versions, as go/version defines it: a language version (`1.26`) comes before
 * its pre-releases, and they before the release (`1.26` < `1.26beta1` < `1.26rc1` < `1.26.0` <
 * `1.26.1`). Before Go 1.21, `1.20` was itself the first release (= `1.20.0`). go.mod `go`
 * lines are checked with it (plan, and build for a downloaded Bifrost), the toolchain orders
 * download indexes and the tool cache with it.
 */
import { BuildError } from '../errors.js'
import { readTextSync } from './read-file.js'

/** `go1.26.1` -> `1.26.1`; leaves other text alone. */
export function stripGo(s: string): string {
  return s.trim().replace(/^go(?=\d)/, '')
}

export function compareGoVersions(a: string, b: string): number {
  const pa = goVersionKey(a)
  const pb = goVersionKey(b)
  if (!pa || !pb) return stripGo(a).localeCompare(stripGo(b))
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i]
  return 0
}

/** [major, minor, stage, n]: stage 0 language version, 1 beta, 2 rc, 3 release (n = patch). */
function goVersionKey(v: string): number[] | undefined {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+)|(rc|beta)(\d+))?$/.exec(stripGo(v))
  if (!m) return undefined
  const major = Number(m[1])
  const minor = Number(m[2] ?? 0)
  if (m[3] !== undefined) return [major, minor, 3, Number(m[3])]
  if (m[4] === 'rc') return [major, minor, 2, Number(m[5])]
  if (m[4] === 'beta') return [major, minor, 1, Number(m[5])]
  if (major === 1 && minor < 21) return [major, minor, 3, 0]
  return [major, minor, 0, 0]
}

/** The `go` directive of a go.mod, e.g. `1.26` or `1.26.1`. */
export function goLine(gomod: string): string | undefined {
  return /^go\s+([0-9][0-9A-Za-z.]*)\s*(?:\/\/.*)?$/m.exec(gomod)?.[1]
}

/** Go never switches toolchains here (GOTOOLCHAIN=local): a newer `go` line cannot build. */
export function checkGoLine(gomodPath: string, goVersion: string): void {
  const want = goLine(readTextSync(gomodPath))
  if (want && compareGoVersions(want, goVersion) > 0)
    throw new BuildError(`${gomodPath} says "go ${want}", newer than the chosen Go ${goVersion}`, {
      input: 'go-version',
      file: gomodPath,
      fix: `set go-version to ${want} or newer (or go-version-file to that go.mod), or lower its go line`,
      usage: true
    })
}
