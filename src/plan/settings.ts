/**
 * The settings that more than one plan reads: a full build (index.ts), a plugin-only build
 * (host-plan.ts) and, for the word lists, verify-only (verify-inputs.ts). One parser per
 * setting, so an input means the same in every mode; each plan keeps only the checks that
 * differ (a plugin-only build takes most settings from the host).
 */
import path from 'node:path'
import type {
  AlignModules,
  BifrostSource,
  GoWork,
  Plan,
  PluginSpec,
  UiMode,
  VerifyLevel
} from '../context.js'
import { BuildError } from '../errors.js'
import { defaults, type InputName, type RawInputs } from '../inputs.js'
import { redactCredentials } from '../net/credentials.js'
import { parseSourceDateEpoch } from '../util/source-date-epoch.js'
import { whichOnPath } from '../util/which.js'
import { cacheInputs } from './cache-inputs.js'
import { resolveOutputDir } from './paths.js'
import {
  parseBool,
  parseEnum,
  parseGlibcMax,
  parseInteger,
  parseLdflags,
  parseStampVersion
} from './values.js'

export const MODES = ['static', 'dynamic', 'auto'] as const
export const ALIGN: readonly AlignModules[] = ['error', 'warn', 'fix']
export const GO_WORK: readonly GoWork[] = ['off', 'local']
export const UI_MODES: readonly UiMode[] = ['auto', 'build', 'placeholder', 'skip']
export const VERIFY_LEVELS: readonly VerifyLevel[] = ['full', 'static', 'off']

/** Go and cgo settings from the user's environment that shape the build, recorded for BUILD.md. */
export const REPORTED_ENV = [
  'GOFLAGS',
  'GOPROXY',
  'GONOPROXY',
  'GOSUMDB',
  'GONOSUMDB',
  'GONOSUMCHECK',
  'GOPRIVATE',
  'GOINSECURE',
  'GOEXPERIMENT',
  'GOAMD64',
  'GOARM64',
  'CGO_CFLAGS',
  'CGO_CPPFLAGS',
  'CGO_CXXFLAGS',
  'CGO_LDFLAGS'
] as const

export function reportedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k of REPORTED_ENV) {
    const v = env[k]
    if (v !== undefined && v !== '') out[k] = redactCredentials(v)
  }
  return out
}

/** GOAMD64/GOARM64 as the go command accepts them; the build pins them for host and plugins. */
function checkArchLevel(env: Record<string, string>): void {
  const checks: [string, RegExp, string][] = [
    ['GOAMD64', /^v[1-4]$/, 'v1, v2, v3 or v4'],
    ['GOARM64', /^v(8\.[0-9]|9\.[0-5])(,(lse|crypto))*$/, 'v8.0 to v9.5, optionally ,lse/,crypto']
  ]
  for (const [name, re, allowed] of checks) {
    if (env[name] !== undefined && !re.test(env[name]))
      throw new BuildError(`environment variable ${name}=${env[name]} is not ${allowed}`, {
        fix: `unset ${name} or set it to ${allowed}`,
        usage: true
      })
  }
}

/**
 * The build's environment as the plan records it, SOURCE_DATE_EPOCH checked. `checkLevel`
 * checks GOAMD64/GOARM64 against what go accepts (a plugin-only build compares them with the
 * host's instead).
 */
export function planEnv(env: NodeJS.ProcessEnv, checkLevel: boolean): Record<string, string> {
  const out = reportedEnv(env)
  if (checkLevel) checkArchLevel(out)
  parseSourceDateEpoch(env)
  return out
}

/** What every plan starts from: the inputs over their defaults, the workspace, the PATH lookup. */
export function planBase(
  rawIn: RawInputs,
  opts: { workspace: string; env: NodeJS.ProcessEnv; which?: (cmd: string) => string | undefined }
): {
  raw: Record<InputName, string>
  workspace: string
  which: (cmd: string) => string | undefined
} {
  return {
    raw: { ...defaults(), ...rawIn },
    workspace: path.resolve(opts.workspace),
    which: opts.which ?? whichOnPath(opts.env)
  }
}

/** plugin-version, else the host's version stamp. */
export function pluginVersionOf(raw: Record<InputName, string>, version: string): string {
  return raw['plugin-version'].trim()
    ? parseStampVersion('plugin-version', raw['plugin-version'])
    : version
}

/**
 * version and plugin-version. `release` is the bifrost-version being built, which is the
 * version when the input is left at its default.
 */
export function parseVersions(
  raw: Record<InputName, string>,
  release?: string
): { version: string; pluginVersion: string } {
  const versionRaw = raw['version'].trim()
  const version =
    release !== undefined && (versionRaw === '' || versionRaw === 'dev-build')
      ? release
      : parseStampVersion('version', versionRaw || 'dev-build')
  return { version, pluginVersion: pluginVersionOf(raw, version) }
}

/** The settings both plans (a full build, a plugin-only build) read the same way. */
export function sharedSettings(
  raw: Record<InputName, string>,
  workspace: string,
  source: BifrostSource,
  plugins: PluginSpec[]
): Pick<
  Plan,
  | 'ldflags'
  | 'alignModules'
  | 'verify'
  | 'verifyTimeoutSec'
  | 'glibcMax'
  | 'outputDir'
  | 'upload'
  | 'retentionDays'
  | 'overwrite'
  | 'cache'
  | 'cacheRestoreOnly'
  | 'cacheDependencyFiles'
> {
  return {
    ldflags: parseLdflags(raw['ldflags']),
    alignModules: parseEnum('align-modules', raw['align-modules'], ALIGN),
    verify: parseEnum('verify', raw['verify'], VERIFY_LEVELS),
    verifyTimeoutSec: parseInteger('verify-timeout', raw['verify-timeout'], 1, 3600),
    glibcMax: parseGlibcMax(raw['glibc-max']),
    outputDir: resolveOutputDir(raw['output-dir'], workspace, source, plugins),
    upload: parseBool('upload', raw['upload']),
    retentionDays: raw['retention-days'].trim()
      ? parseInteger('retention-days', raw['retention-days'], 1, 90)
      : undefined,
    overwrite: parseBool('overwrite', raw['overwrite'] ?? 'false'),
    ...cacheInputs(raw, workspace)
  }
}
