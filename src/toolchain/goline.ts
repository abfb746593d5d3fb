/**
 * go.mod against the Go release the toolchain stage installed: the step between the toolchain
 * and the build (and the build again for a module it downloads), never the plan, which only
 * knows the version request.
 */
import { readFileSync } from 'node:fs'
import { BuildError } from '../errors.js'
import { compareGoVersions } from '../plan/values.js'

/** The `go` directive of a go.mod, e.g. `1.26` or `1.26.1`. */
export function goLine(gomod: string): string | undefined {
  return /^go\s+([0-9][0-9A-Za-z.]*)\s*(?:\/\/.*)?$/m.exec(gomod)?.[1]
}

/** Go never switches toolchains here (GOTOOLCHAIN=local): a newer `go` line cannot build. */
export function checkGoLine(gomodPath: string, goVersion: string): void {
  const want = goLine(readFileSync(gomodPath, 'utf8'))
  if (want && compareGoVersions(want, goVersion) > 0)
    throw new BuildError(`${gomodPath} says "go ${want}", newer than the chosen Go ${goVersion}`, {
      input: 'go-version',
      file: gomodPath,
      fix: `set go-version to ${want} or newer (or go-version-file to that go.mod), or lower its go line`,
      usage: true
    })
}
