/**
 * Stage 1: inputs -> one validated plan (pure; reads files only), before any download. The
 * plan does not know the exact Go release: the toolchain stage resolves the request, then
 * `pinPlan` checks the go lines against that release and names the artifact after it.
 */
import path from 'node:path'
import { defaults, type InputName, type RawInputs } from '../inputs.js'
import { LIBCS } from '../lib/targets.js'
import type {
  AlignModules,
  GoWork,
  Arch,
  BifrostSource,
  Mode,
  Plan,
  ToolchainRequest
} from '../context.js'
import { inputError } from '../errors.js'
import { chooseCompiler } from './compiler.js'
import { checkGoLine } from '../util/go-version.js'
import { parseImageInputs } from './image.js'
import { formatImageRef } from '../lib/oci/reference.js'
import { resolvePlugins, resolveSource } from './paths.js'
import {
  GO_WORK,
  MODES,
  UI_MODES,
  parseVersions,
  planBase,
  planEnv,
  sharedSettings
} from './settings.js'
import {
  parseArtifactName,
  parseBool,
  parseEnum,
  parseModuleVersion,
  parseTags,
  parseTargetArch
} from './values.js'

/** The word lists of the enum inputs, for the CLI's help (src/cli/main.ts imports them here). */
export { ALIGN, GO_WORK, MODES, UI_MODES, VERIFY_LEVELS } from './settings.js'

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

/** source or bifrost-version: the checkout to build, or the release from the module proxy. */
function draftSource(raw: Record<InputName, string>, workspace: string): BifrostSource {
  const sourceRaw = raw['source'].trim()
  const moduleRaw = raw['bifrost-version'].trim()
  if (sourceRaw && moduleRaw)
    throw inputError(
      'source',
      `both source (${JSON.stringify(sourceRaw)}) and bifrost-version (${JSON.stringify(moduleRaw)}) are set`,
      'set source to build a checkout, or bifrost-version to build a release from the module proxy, not both'
    )
  if (moduleRaw)
    return { kind: 'module', version: parseModuleVersion('bifrost-version', moduleRaw) }
  const s = resolveSource(sourceRaw, workspace)
  return { kind: 'checkout', ...s }
}

/** mode, with auto decided by whether there are plugins (they need a dynamic host). */
function draftMode(raw: Record<InputName, string>, plugins: number): Exclude<Mode, 'auto'> {
  const modeIn = parseEnum('mode', raw['mode'], MODES)
  if (modeIn === 'static' && plugins > 0)
    throw inputError(
      'mode',
      `mode static with ${plugins} plugin(s): a statically linked binary cannot load Go plugins`,
      'use mode: dynamic (or auto), or remove the plugins'
    )
  return modeIn === 'auto' ? (plugins > 0 ? 'dynamic' : 'static') : modeIn
}

/** go-work: local needs a checkout, and go rejects -modfile (align-modules: fix) in a workspace. */
function draftGoWork(
  raw: Record<InputName, string>,
  source: BifrostSource,
  alignModules: AlignModules
): GoWork {
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
  return goWork
}

export function draftPlan(rawIn: RawInputs, opts: DraftEnv): PlanDraft {
  const { raw, workspace, which } = planBase(rawIn, opts)
  const source = draftSource(raw, workspace)
  const plugins = resolvePlugins(raw['plugins'], workspace)
  const mode = draftMode(raw, plugins.length)
  const libc = parseEnum('libc', raw['libc'], LIBCS)
  const arch = parseTargetArch(raw['target'], opts.hostArch)
  const cc = chooseCompiler(libc, arch, opts.hostArch, raw['cc'], workspace, which)
  const { version, pluginVersion } = parseVersions(
    raw,
    source.kind === 'module' ? source.version : undefined
  )
  const tags = parseTags(raw['tags'])
  const shared = sharedSettings(raw, workspace, source, plugins)
  const trimpath = parseBool('trimpath', raw['trimpath'])
  const goWork = draftGoWork(raw, source, shared.alignModules)
  const ui = parseEnum('ui', raw['ui'], UI_MODES)
  const artifactName = parseArtifactName(raw['artifact-name'], '') || undefined
  const env = planEnv(opts.env, true)
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
