/**
 * The module rules: every Go module host and plugin share must come from the same source as
 * the Go plugin loader judges it (version, sum, replacement, and under -trimpath the version
 * label). Kept apart from the build-setting rules because judging a directory replacement
 * needs each side's module root and its own vocabulary (labels, workspaces, directories).
 */
import path from 'node:path'
import type { CheckResult } from '../context.js'
import type { BuildInfo, GoModule } from '../lib/binary.js'
import { fail, pass, trimpathOf, warn } from './rule.js'

export function describeModule(m: GoModule): string {
  const base = `${m.version || '(no version)'}${m.sum ? ` ${m.sum}` : ''}`
  if (!m.replace) return base
  const r = m.replace
  return `${base} => ${r.path}${r.version ? ` ${r.version}` : ''}${r.sum ? ` ${r.sum}` : ''}`
}

function sameModule(a: GoModule, b: GoModule): boolean {
  return describeModule(a) === describeModule(b)
}

export interface SharedModule {
  host: GoModule
  plugin: GoModule
}

/** The modules the plugin links that the host links too, with each side's record. */
export function sharedModules(h: BuildInfo, p: BuildInfo): SharedModule[] {
  const hostMods = new Map<string, GoModule>()
  for (const m of h.deps) hostMods.set(m.path, m)
  // The host's own main module (e.g. bifrost's transports) counts too when a plugin depends on it.
  if (h.main) hostMods.set(h.main.path, h.main)
  const out: SharedModule[] = []
  for (const m of p.deps) {
    const hm = hostMods.get(m.path)
    if (hm) out.push({ host: hm, plugin: m })
  }
  return out
}

/** `(devel)` or no version: a main or workspace module, built from a directory. */
const isDevel = (v: string | undefined) => !v || v === '(devel)'

/** The directory a module is replaced by (`=> ../core`), not another module version. */
function localReplace(m: GoModule): string | undefined {
  return m.replace && isDevel(m.replace.version) ? m.replace.path : undefined
}

/** A replacement directory made absolute from the side's own root; undefined when unknowable. */
function replaceDir(dir: string, root: string | undefined): string | undefined {
  if (path.isAbsolute(dir)) return path.normalize(dir)
  return root ? path.resolve(root, dir) : undefined
}

interface Source {
  label: string
  dir?: string
  local: boolean
  workspace: boolean
}

/** Where a module's source comes from, as the loader sees it: a version label and maybe a directory. */
function sourceOf(m: GoModule, root: string | undefined): Source {
  const local = localReplace(m)
  if (local !== undefined)
    return { label: m.version, dir: replaceDir(local, root), local: true, workspace: false }
  return {
    label: m.version || '(devel)',
    local: false,
    workspace: !m.replace && isDevel(m.version)
  }
}

const refused = (mod: string) =>
  `loading fails with "plugin was built with a different version of package ${mod}" (or another package of that module)`

/** What one judgement of a shared module needs besides the pair. */
interface ModuleContext {
  h: BuildInfo
  subject: string
  trimpath: boolean
  roots: { host?: string; plugin?: string }
}

/**
 * Every module host and plugin share, as the Go plugin loader judges it. A directory
 * replacement is resolved from each side's own root (`../core` from transports/ and
 * `../../../core` from examples/plugins/x/ are one directory: the same source). With
 * -trimpath every file is named `<module>@<version label>/...`, so the same source under two
 * labels (v1.4.15 and v0.0.0-00010101000000-000000000000, or a workspace's `(devel)`) still makes
 * "plugin was built with a different version of package"; without -trimpath files are named by
 * directory and the label does not matter. What cannot be known (verify-only has no roots) is a
 * warning: the load test decides.
 */
export function moduleChecks(
  h: BuildInfo,
  p: BuildInfo,
  subject: string,
  roots: { host?: string; plugin?: string } = {}
): CheckResult[] {
  const shared = sharedModules(h, p)
  const ctx: ModuleContext = {
    h,
    subject,
    trimpath: trimpathOf(h.settings) && trimpathOf(p.settings),
    roots
  }
  const out: CheckResult[] = []
  for (const pair of shared) {
    const c = judgeModule(pair, ctx)
    if (c) out.push(c)
  }
  if (!out.some(c => c.status === 'fail'))
    out.unshift(
      pass(
        'buildinfo.modules',
        subject,
        shared.length
          ? `${shared.length} shared module(s) at the host's version, sum and replacement: ${shared.map(x => `${x.host.path}@${x.host.version || '(devel)'}`).join(', ')}`
          : 'shares no module with the host'
      )
    )
  return out
}

/** One shared module: undefined when it is the same source, else a failure or a warning. */
function judgeModule({ host, plugin }: SharedModule, ctx: ModuleContext): CheckResult | undefined {
  const { roots, subject } = ctx
  if (sameModule(host, plugin) && !(localReplace(host) !== undefined && roots.host && roots.plugin))
    return undefined
  if (ctx.h.main?.path === host.path && isDevel(host.version)) {
    if (isDevel(plugin.version) && !plugin.replace) return undefined // one workspace, both (devel)
    return warn(
      'buildinfo.module',
      subject,
      `module ${host.path}: the host is built from its checkout (${host.version || 'no version'}), the plugin requires ${describeModule(plugin)}: the versions cannot be compared; if the source differs, ${refused(host.path)}`,
      `build the plugin in the host's workspace (go-work: local), or against the same checkout (replace directive)`
    )
  }
  const hs = sourceOf(host, roots.host)
  const ps = sourceOf(plugin, roots.plugin)
  if ((hs.local || hs.workspace) && (ps.local || ps.workspace))
    return directoryModule({ host, plugin }, hs, ps, ctx)
  if (sameModule(host, plugin)) return undefined
  const fix =
    host.replace && !plugin.replace
      ? `add the host's replace (${host.path} => ${host.replace.path}${host.replace.version ? ` ${host.replace.version}` : ''}) to the plugin's go.mod`
      : `require ${host.path} ${host.version} in the plugin's go.mod${plugin.replace ? ` and drop its replace` : ''} (go get ${host.path}@${host.version}), or use align-modules: fix`
  return fail(
    'buildinfo.module',
    subject,
    `module ${host.path} differs: host ${describeModule(host)}, plugin ${describeModule(plugin)}: ${refused(host.path)}`,
    fix
  )
}

/** Both sides build the module from a directory (a replace or a workspace). */
function directoryModule(
  { host, plugin }: SharedModule,
  hs: Source,
  ps: Source,
  ctx: ModuleContext
): CheckResult | undefined {
  const both = `host ${describeModule(host)}${hs.dir && hs.dir !== host.replace?.path ? ` (${hs.dir})` : ''}, plugin ${describeModule(plugin)}${ps.dir && ps.dir !== plugin.replace?.path ? ` (${ps.dir})` : ''}`
  const sameDir = hs.dir !== undefined && hs.dir === ps.dir
  const dirsKnown = hs.dir !== undefined && ps.dir !== undefined
  if (hs.label !== ps.label && ctx.trimpath) {
    const relabel =
      hs.workspace || ps.workspace
        ? ''
        : `, or give the plugin the host's label: go mod edit -require=${host.path}@${host.version} in the plugin's module (its replace stays)${dirsKnown && !sameDir ? ` and replace it by the host's directory ${hs.dir}` : ''}`
    return fail(
      'buildinfo.module',
      ctx.subject,
      `module ${host.path} has another version label: host ${hs.label}, plugin ${ps.label} (${both}): -trimpath names every file ${host.path}@<label>, so even the same source gives other packages and ${refused(host.path)}`,
      `build host and plugins in one Go workspace (go-work: local)${relabel}`
    )
  }
  if (sameDir) return undefined
  if (hs.workspace && ps.workspace) return undefined
  return dirsKnown
    ? warn(
        'buildinfo.module',
        ctx.subject,
        `module ${host.path} comes from two directories: ${both}: it loads only if their source is identical; otherwise ${refused(host.path)}; the load test decides`,
        `replace it by the host's directory ${hs.dir}, or use go-work: local`
      )
    : warn(
        'buildinfo.module',
        ctx.subject,
        `module ${host.path} comes from directories (${both}) that are relative to each binary's own module root, which its build info does not record: whether they are the same source cannot be known here; the load test decides (a build run compares them). If they differ, ${refused(host.path)}`
      )
}
