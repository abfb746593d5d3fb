/**
 * The toolchain request from the inputs: go-version / go-version-file (or the checkout's
 * transports/go.mod, or the default), go-download-source, go-download-base-url and token.
 * The version file is read here, so the toolchain stage takes only the request.
 */
import { existsSync, realpathSync } from 'node:fs'
import path from 'node:path'
import type { RawInputs } from '../inputs.js'
import { FileReadError, readTextSync } from '../util/read-file.js'
import type { Arch, GoDownloadSource, ToolchainRequest } from '../context.js'
import { inputError } from '../errors.js'
import { redactCredentials, splitCredentials } from '../net/credentials.js'
import { BIFROST_TRANSPORTS_MODULE } from '../bifrost.js'
import { isInside } from '../util/inside.js'
import { parseVersionSpec, specText, versionFromFile } from '../lib/version-spec.js'
import { parseModuleVersion } from './values.js'

export interface ToolchainEnv {
  workspace: string
  env: NodeJS.ProcessEnv
  hostArch: Arch
}

export const DEFAULT_BASE_URL = 'https://go.dev/dl'
export const SOURCES: readonly GoDownloadSource[] = ['dl', 'goproxy', 'local']
const VERSION_FORMS = '1.26.1, go1.26.1, 1.26, 1.26.x, stable or oldstable'

/** The input wins when the user changed it; the env var serves runners configured once for all jobs. */
export function downloadBaseUrl(input: string | undefined, env: NodeJS.ProcessEnv): string {
  const typed = (input ?? '').trim()
  if (typed && typed !== DEFAULT_BASE_URL) return typed
  return env.GO_DOWNLOAD_BASE_URL?.trim() || DEFAULT_BASE_URL
}

function readVersionFile(file: string, workspace: string): { spec: string; from: string } {
  const full = path.resolve(workspace, file)
  // The file's first line is quoted in errors: never read (and so never echo) one from outside.
  const real = existsSync(full) ? realpathSync(full) : full
  const realWs = existsSync(workspace) ? realpathSync(workspace) : workspace
  if (!isInside(workspace, full) || !isInside(realWs, real))
    throw inputError(
      'go-version-file',
      `${JSON.stringify(file)} is outside the workspace ${workspace}`,
      'give a path relative to the workspace (go.mod, go.work, .go-version or .tool-versions)'
    )
  if (!existsSync(full))
    throw inputError(
      'go-version-file',
      `${full} does not exist`,
      'give a path relative to the workspace (go.mod, go.work, .go-version or .tool-versions)'
    )
  let text: string
  try {
    text = readTextSync(full, 1024 * 1024)
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    throw inputError(
      'go-version-file',
      e instanceof FileReadError
        ? `${file} ${e.message}`
        : `${file} cannot be read (${e.code ?? e.message})`,
      'point it at a readable file: go.mod, go.work, .go-version or .tool-versions'
    )
  }
  const found = versionFromFile(full, text)
  if (!found)
    throw inputError(
      'go-version-file',
      `${file} names no Go version`,
      path.basename(full) === 'go.mod' || path.basename(full) === 'go.work'
        ? 'add a `go` or `toolchain` line'
        : path.basename(full) === '.tool-versions'
          ? 'add a line `golang 1.26.1`'
          : 'write the version (e.g. 1.26.1) on the first line'
    )
  return { spec: found.spec, from: `${file} (${found.from})` }
}

/** Reads go-version / go-version-file / go-download-* / token from the inputs (reads the version file). */
export function toolchainRequest(raw: RawInputs, opts: ToolchainEnv): ToolchainRequest {
  const source = (raw['go-download-source'] ?? '').trim().toLowerCase() || 'dl'
  if (!SOURCES.includes(source as GoDownloadSource))
    throw inputError(
      'go-download-source',
      `unknown source "${source}"`,
      `use one of ${SOURCES.join(', ')}`
    )
  const typedUrl = downloadBaseUrl(raw['go-download-base-url'], opts.env)
  if (!/^https?:\/\/[^/]/.test(typedUrl))
    throw inputError(
      'go-download-base-url',
      `"${redactCredentials(typedUrl)}" is not an http(s) URL`,
      `use ${DEFAULT_BASE_URL} or a mirror of it`
    )
  // From here on the URL carries no password: every log line, error and record can show it.
  const { url: baseUrl, credentials } = splitCredentials(typedUrl)

  const file = (raw['go-version-file'] ?? '').trim()
  const explicit = (raw['go-version'] ?? '').trim()
  const chosen = chooseGoVersion(explicit, file, raw, opts.workspace)
  const { spec, from } = chosen
  const input = chosen.input
  const parsed = parseVersionSpec(spec)
  if (!parsed)
    throw inputError(input, `"${spec}" (from ${from}) is not a Go version`, `use ${VERSION_FORMS}`)

  return {
    versionSpec: specText(parsed),
    versionFrom: from,
    versionInput: input,
    ...(chosen.warning ? { warning: chosen.warning } : {}),
    ...(chosen.fromModule ? { fromModule: chosen.fromModule } : {}),
    downloadBaseUrl: baseUrl,
    ...(credentials ? { downloadCredentials: credentials } : {}),
    downloadSource: source as GoDownloadSource,
    hostArch: opts.hostArch,
    token: raw.token?.trim() || undefined,
    env: opts.env
  }
}

/** The Go release used when neither go-version nor go-version-file names one. */
export { DEFAULT_GO_VERSION } from '../lib/version-spec.js'
import { DEFAULT_GO_VERSION } from '../lib/version-spec.js'

/**
 * setup-go's precedence: an explicit go-version wins (with a warning when go-version-file is
 * set too); then go-version-file; with neither, the checkout's transports/go.mod go line; else
 * DEFAULT_GO_VERSION (a bifrost-version build: the go line of that release's go.mod, read
 * when the version is resolved, see goLineOfRelease).
 */
export function chooseGoVersion(
  explicit: string,
  file: string,
  raw: RawInputs,
  workspace: string
): {
  spec: string
  from: string
  input: string
  warning?: string
  fromModule?: { path: string; version: string }
} {
  if (explicit) {
    return {
      spec: explicit,
      from: 'go-version',
      input: 'go-version',
      ...(file
        ? {
            warning: `both go-version (${explicit}) and go-version-file (${file}) are set; go-version wins, as in actions/setup-go`
          }
        : {})
    }
  }
  if (file) return { ...readVersionFile(file, workspace), input: 'go-version-file' }
  if (!(raw['bifrost-version'] ?? '').trim()) {
    const gomod = path.join(
      path.resolve(workspace, (raw.source ?? '').trim() || '.'),
      'transports',
      'go.mod'
    )
    if (existsSync(gomod)) {
      const rel = path.relative(workspace, gomod)
      const found = versionFromFile(gomod, readTextSync(gomod))
      if (found) return { spec: found.spec, from: `${rel} (${found.from})`, input: 'go-version' }
    }
  }
  // Only a valid release is looked up: anything else is the plan's error, before any request.
  const release = validRelease(raw['bifrost-version'] ?? '')
  return {
    spec: DEFAULT_GO_VERSION,
    from: `the default ${DEFAULT_GO_VERSION}`,
    input: 'go-version',
    ...(release ? { fromModule: { path: BIFROST_TRANSPORTS_MODULE, version: release } } : {})
  }
}

function validRelease(raw: string): string | undefined {
  if (!raw.trim()) return undefined
  try {
    return parseModuleVersion('bifrost-version', raw)
  } catch {
    return undefined
  }
}
