/**
 * Stage 1: inputs -> one validated plan (pure; reads files only), before any download. The
 * plan does not know the exact Go release: the toolchain stage resolves the request, then
 * `pinPlan` checks the go lines against that release and names the artifact after it.
 */
import path from 'node:path'
import { defaults, type InputName, type RawInputs } from '../inputs.js'
import { LIBCS, TARGET_NAMES } from '../lib/targets.js'
import type {
  AlignModules,
  GoWork,
  Arch,
  BifrostSource,
  Plan,
  PluginSpec,
  ToolchainRequest,
  UiMode,
  VerifyLevel
} from '../context.js'
import { BuildError, inputError } from '../errors.js'
import { whichOnPath } from '../util/which.js'
import { chooseCompiler } from './compiler.js'
import { isInside } from '../util/inside.js'
import { checkGoLine } from '../util/go-version.js'
import { parseImageInputs } from './image.js'
import { formatImageRef } from '../lib/oci/reference.js'
import { resolvePlugins, resolveSource } from './paths.js'
import {
  parseArtifactName,
  parseBool,
  parseEnum,
  parseGlibcMax,
  parseInteger,
  parseLdflags,
  parseModuleVersion,
  parseStampVersion,
  parseTags
} from './values.js'
import { parseSourceDateEpoch } from '../util/source-date-epoch.js'
import { redactCredentials } from '../net/credentials.js'
import { cacheInputs } from './cache-inputs.js'

export interface DraftEnv {
  workspace: string
  env: NodeJS.ProcessEnv
  /** The machine's own arch: the default target. */
  hostArch: Arch
  /** Looks a command up on PATH (absolute path or undefined); injectable for tests. */
  which?: (cmd: string) => string | undefined
}

export interface PlanEnv extends DraftEnv {
  /** The exact Go version the toolchain stage resolved. */
  goVersion: string
}

/**
 * The plan as the plan stage makes it: everything but what needs the exact Go release.
 * `artifactName` is the user's (validated) name, undefined for the default.
 */
export type PlanDraft = Omit<Plan, 'goVersion' | 'artifactName'> & {
  goVersion?: string
  artifactName?: string
}

/** True when the inputs ask for a plugin-only build (host-binary with plugins, not verify-only). */
export function isPluginOnly(raw: RawInputs): boolean {
  return (
    (['host-binary', 'host-manifest', 'host-image'] as const).some(
      n => (raw[n] ?? '').trim() !== ''
    ) && (raw['verify-only'] ?? '').trim().toLowerCase() !== 'true'
  )
}

const TOOLCHAIN_INPUTS = [
  'go-version',
  'go-version-file',
  'go-download-base-url',
  'go-download-source'
] as const

/** The toolchain inputs set to something other than their default: verify-only ignores them. */
export function ignoredGoInputs(raw: RawInputs): InputName[] {
  return TOOLCHAIN_INPUTS.filter(n => {
    const v = (raw[n] ?? '').trim()
    return v !== '' && v !== defaults()[n]
  })
}

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

/** plugin-version, else the host's version stamp. */
export function pluginVersionOf(raw: Record<InputName, string>, version: string): string {
  return raw['plugin-version'].trim()
    ? parseStampVersion('plugin-version', raw['plugin-version'])
    : version
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

export function draftPlan(rawIn: RawInputs, opts: DraftEnv): PlanDraft {
  const raw = { ...defaults(), ...rawIn }
  const workspace = path.resolve(opts.workspace)
  const which = opts.which ?? whichOnPath(opts.env)

  const sourceRaw = raw['source'].trim()
  const moduleRaw = raw['bifrost-version'].trim()
  if (sourceRaw && moduleRaw)
    throw inputError(
      'source',
      `both source (${JSON.stringify(sourceRaw)}) and bifrost-version (${JSON.stringify(moduleRaw)}) are set`,
      'set source to build a checkout, or bifrost-version to build a release from the module proxy, not both'
    )
  let source: BifrostSource
  if (moduleRaw) {
    source = { kind: 'module', version: parseModuleVersion('bifrost-version', moduleRaw) }
  } else {
    const s = resolveSource(sourceRaw, workspace)
    source = { kind: 'checkout', ...s }
  }

  const plugins = resolvePlugins(raw['plugins'], workspace)
  const modeIn = parseEnum('mode', raw['mode'], MODES)
  if (modeIn === 'static' && plugins.length > 0)
    throw inputError(
      'mode',
      `mode static with ${plugins.length} plugin(s): a statically linked binary cannot load Go plugins`,
      'use mode: dynamic (or auto), or remove the plugins'
    )
  const mode = modeIn === 'auto' ? (plugins.length > 0 ? 'dynamic' : 'static') : modeIn
  const libc = parseEnum('libc', raw['libc'], LIBCS)
  const targetRaw = raw['target'].trim() || `linux/${opts.hostArch}`
  const arch = parseEnum('target', targetRaw, TARGET_NAMES).split('/')[1] as Arch
  const cc = chooseCompiler(libc, arch, opts.hostArch, raw['cc'], workspace, which)

  const versionRaw = raw['version'].trim()
  const version =
    source.kind === 'module' && (versionRaw === '' || versionRaw === 'dev-build')
      ? source.version
      : parseStampVersion('version', versionRaw || 'dev-build')
  const pluginVersion = pluginVersionOf(raw, version)
  const tags = parseTags(raw['tags'])
  const shared = sharedSettings(raw, workspace, source, plugins)
  const trimpath = parseBool('trimpath', raw['trimpath'])
  const { alignModules } = shared
  const goWork = parseEnum('go-work', raw['go-work'] ?? 'off', GO_WORK)
  if (goWork === 'local' && source.kind !== 'checkout')
    throw inputError(
      'go-work',
      'local needs a Bifrost checkout to make a workspace of, and bifrost-version downloads a release',
      'set source to the checkout, or go-work: off'
    )
  if (goWork === 'local' && alignModules === 'fix')
    throw inputError(
      'go-work',
      'local cannot be combined with align-modules: fix (go rejects -modfile in workspace mode)',
      'use align-modules: error or warn with go-work: local, or go-work: off'
    )
  const ui = parseEnum('ui', raw['ui'], UI_MODES)
  const artifactName = parseArtifactName(raw['artifact-name'], '') || undefined
  const env = reportedEnv(opts.env)
  checkArchLevel(env)
  parseSourceDateEpoch(opts.env)
  const image = parseImageInputs(raw, mode, libc)

  return {
    workspace,
    source,
    mode,
    libc,
    target: { os: 'linux', arch },
    cc,
    version,
    pluginVersion,
    tags,
    trimpath,
    goWork,
    ui,
    ...shared,
    ...(artifactName ? { artifactName } : {}),
    plugins,
    reportedEnv: env,
    ...(image ? { image } : {})
  }
}

/**
 * The step right after the toolchain stage: a go.mod whose go line is newer than the Go
 * installed fails here, before anything is built, and the default artifact name gets the
 * exact release.
 */
export function pinPlan(draft: PlanDraft, goVersion: string): Plan {
  if (draft.source.kind === 'checkout')
    checkGoLine(path.join(draft.source.transportsDir, 'go.mod'), goVersion)
  for (const p of draft.plugins) checkGoLine(path.join(p.moduleDir, 'go.mod'), goVersion)
  const { version, target, libc, mode } = draft
  return {
    ...draft,
    goVersion,
    // Bifrost and Go versions in the name: a matrix over either gets distinct artifacts.
    artifactName:
      draft.artifactName ?? `bifrost-${version}-go${goVersion}-linux-${target.arch}-${libc}-${mode}`
  }
}

/** Plan and pin in one call, for callers that already know the Go release. */
export function makePlan(raw: RawInputs, opts: PlanEnv): Plan {
  return pinPlan(draftPlan(raw, opts), opts.goVersion)
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

/** `1.26.1 (from <where>)`: the real source of the version, before it is resolved. */
function goLine(go: ToolchainRequest): string {
  const m = go.fromModule
  return m
    ? `the go line of ${m.path}@v${m.version}'s go.mod, read from GOPROXY (else ${go.versionSpec}, the default)`
    : go.versionFrom.startsWith('the default')
      ? `${go.versionSpec} (the default: no go-version, go-version-file or transports/go.mod)`
      : `${go.versionSpec} (from ${go.versionFrom})`
}

/** The plan as readable lines (printed in the plan stage's log group). */
export function describePlan(plan: PlanDraft, go?: ToolchainRequest): string[] {
  const src =
    plan.source.kind === 'checkout'
      ? `checkout ${plan.source.dir}`
      : plan.source.kind === 'module'
        ? `github.com/maximhq/bifrost/transports@v${plan.source.version} (module proxy)`
        : `the existing host ${plan.source.host.from} (plugins only)`
  const cc = [
    plan.cc.command,
    plan.cc.package ? `(package ${plan.cc.package})` : '(from input cc)',
    plan.cc.sysroot ? `sysroot ${plan.cc.sysroot}` : ''
  ]
    .filter(Boolean)
    .join(' ')
  const lines = [
    `Bifrost:        ${src}`,
    `Go:             ${plan.goVersion ?? (go ? goLine(go) : '')}`,
    `Target:         ${plan.target.os}/${plan.target.arch}, libc ${plan.libc}, mode ${plan.mode}`,
    `C compiler:     ${cc}`,
    `Version:        ${plan.version}, stamped -X main.Version=v${plan.version} as Bifrost's Makefile does (plugins: ${plan.pluginVersion})`,
    `Tags:           ${plan.tags.join(' ') || '(none)'}${plan.mode === 'static' ? ' + sqlite_static' : ''}`,
    `Extra ldflags:  ${plan.ldflags.join(' ') || '(none)'}`,
    `trimpath:       ${plan.trimpath}`,
    `Modules:        align-modules ${plan.alignModules}`,
    `UI:             ${plan.ui}`,
    `Verify:         ${plan.verify}${plan.verify === 'full' ? ` (load test timeout ${plan.verifyTimeoutSec} s)` : ''}${plan.glibcMax ? `, glibc <= ${plan.glibcMax}` : ''}`,
    `Output:         ${plan.outputDir}`,
    `Artifact:       ${plan.upload ? (plan.artifactName ?? 'bifrost-<version>-go<Go>-<target>-<libc>-<mode>') : '(upload off)'}${plan.retentionDays ? `, kept ${plan.retentionDays} days` : ''}${plan.upload && plan.overwrite ? ', overwrite' : ''}`,
    `Cache:          ${plan.cache ? (plan.cacheRestoreOnly ? 'restore-only' : 'on') : 'off'}${plan.cacheDependencyFiles ? `, keyed by cache-dependency-path (${plan.cacheDependencyFiles.length} files)` : ''}`,
    `Plugins:        ${plan.plugins.length === 0 ? '(none)' : plan.plugins.length}`
  ]
  for (const p of plan.plugins) lines.push(`  ${p.name}.so <- ${p.relDir}`)
  if (plan.image)
    lines.push(
      `Image:          ${plan.image.name} on ${formatImageRef(plan.image.base)}${plan.image.push ? ', pushed' : ''}`
    )
  const env = Object.entries(plan.reportedEnv)
  if (env.length) lines.push(`Environment:    ${env.map(([k, v]) => `${k}=${v}`).join(' ')}`)
  return lines
}
