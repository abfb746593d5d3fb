/**
 * Module alignment: the modules each side links (`go list -deps`), compared plugin by plugin
 * with the host's, and with align-modules: fix a temp go.mod per plugin pinned to the host's.
 */
import { appendFile, copyFile, mkdir, readFile } from 'node:fs/promises'
import { existsSync, realpathSync } from 'node:fs'
import path from 'node:path'
import type { CommandRecord, ModuleSkew, ModuleVersion, PluginSpec } from '../context.js'
import { BuildError } from '../errors.js'
import { isInside } from '../util/inside.js'
import { HOST_FILE } from '../bifrost.js'
import { buildTags, buildVars } from './commands.js'
import type { Ctx } from './ctx.js'
import { errorTail, runGo } from './go.js'
import {
  alignCommand,
  compareModules,
  hostVersionQueries,
  parseJsonStream,
  replaceEdits,
  toModuleVersions,
  type ListedModule
} from './modules.js'
import { tidyOnlyInWorkspace, untidyModuleFix } from './workspace.js'

/**
 * A `replace` by a directory outside the workspace builds files that are not part of the
 * checkout (and that a reader of BUILD.md cannot get): said once per module as a warning, and
 * kept for BUILD.md and manifest.json.
 */
function noteOutsideReplaces(ctx: Ctx, mods: ModuleVersion[], plugin?: string): void {
  ctx.outside ??= new Map()
  const ws = ctx.plan.workspace
  const realWs = existsSync(ws) ? realpathSync(ws) : ws
  const who = plugin ?? HOST_FILE
  for (const m of mods) {
    if (!m.replace || m.replace.version) continue
    const dir = m.replace.path
    const real = existsSync(dir) ? realpathSync(dir) : dir
    const inside =
      (isInside(ws, dir) && isInside(realWs, real)) || (ctx.work && isInside(ctx.work, dir))
    if (inside) continue
    const key = `${m.path} ${real}`
    const known = ctx.outside!.get(key)
    if (known) {
      if (!known.usedBy.includes(who)) known.usedBy.push(who)
      continue
    }
    ctx.outside!.set(key, { module: m.path, dir: real, usedBy: [who] })
    ctx.reporter.warning(
      `module ${m.path} is replaced by the directory ${real}, outside the workspace ${ws}: its files are built into ${who} but are not part of the checkout (BUILD.md and manifest.json name it); vendor it into the checkout or replace it by a module version`
    )
  }
}

/** The fix for a failed `go list`: tidy does not repair a vendor/ that disagrees with go.mod. */
export function goListFix(tail: string, moduleDir: string, inWorkspace = false): string {
  // A go.mod or go.work newer than the chosen Go (GOTOOLCHAIN=local: go never switches).
  const newer = /(\S+) requires go >= (\S+) \(running go ([^;)\s]+)/.exec(tail)
  if (newer)
    return `set go-version: ${newer[2]} (or newer), or lower the go line of ${newer[1]} to ${newer[3]}`
  if (/inconsistent vendoring|vendor\/modules\.txt/.test(tail))
    return `run go mod vendor in ${moduleDir} (go mod tidy does not update vendor/) and commit vendor/, or delete vendor/ to build from the module cache`
  return untidyModuleFix(inWorkspace)
}

/**
 * The modules of the packages that go into the binary (`go list -deps` of the package, with the
 * build's GOOS/GOARCH/CGO and tags), not the whole module graph: test-only requirements of
 * dependencies are linked into neither side and must not count as skew (real Bifrost plugins
 * hit that with golang.org/x/sync, go-cmp, check.v1).
 */
export async function listModules(
  ctx: Ctx,
  moduleDir: string,
  pkg: string,
  modfile?: string
): Promise<ModuleVersion[]> {
  const tags = buildTags(ctx.plan)
  const rec: CommandRecord = {
    cwd: moduleDir,
    env: buildVars(ctx.plan, ctx.goWork),
    argv: [
      ctx.toolchain.goBin,
      'list',
      ...(modfile ? [`-modfile=${modfile}`] : []),
      ...(tags.length ? ['-tags', tags.join(',')] : []),
      '-e',
      '-deps',
      '-json=Module',
      pkg
    ]
  }
  const r = await runGo(ctx, rec, { stream: 'stderr', record: false })
  if (r.code !== 0) {
    const goMod = path.join(moduleDir, 'go.mod')
    const inWorkspace =
      !ctx.goWork &&
      ctx.plan.source.kind === 'checkout' &&
      tidyOnlyInWorkspace(
        await readFile(goMod, 'utf8').catch(() => ''),
        moduleDir,
        ctx.plan.source.dir
      )
    throw new BuildError(`go list -deps ${pkg} failed in ${moduleDir}: ${errorTail(r)}`, {
      file: goMod,
      fix: goListFix(errorTail(r), moduleDir, inWorkspace)
    })
  }
  const seen = new Map<string, ListedModule>()
  for (const p of parseJsonStream<{ Module?: ListedModule }>(r.stdout)) {
    if (p.Module && !seen.has(p.Module.Path)) seen.set(p.Module.Path, p.Module)
  }
  const mods = toModuleVersions([...seen.values()], moduleDir)
  noteOutsideReplaces(ctx, mods, ctx.plan.plugins.find(p => p.moduleDir === moduleDir)?.name)
  return mods
}

/** `./bifrost-http`, or the plugin's package relative to its module root. */
function pluginPackage(p: PluginSpec): string {
  const rel = path.relative(p.moduleDir, p.dir)
  return rel ? `./${rel.split(path.sep).join('/')}` : '.'
}

interface Alignment {
  shared: Record<string, ModuleVersion[]>
  skew: ModuleSkew[]
  modfiles: Record<string, string | undefined>
}

/** Compares every plugin's module graph with the host's; `fix` pins a temp go.mod per plugin. */
export async function alignPlugins(
  ctx: Ctx,
  host: ModuleVersion[],
  work: string,
  /** The host's modules as this plugin is compared with (plugin-only builds: src/plan/host.ts). */
  hostFor: (mine: ModuleVersion[]) => ModuleVersion[] = () => host
): Promise<Alignment> {
  const { plan, reporter } = ctx
  const out: Alignment = { shared: {}, skew: [], modfiles: {} }
  const failing: { plugin: PluginSpec; skew: ModuleSkew[] }[] = []
  for (const p of plan.plugins) {
    const mine = await listModules(ctx, p.moduleDir, pluginPackage(p))
    const hostMods = hostFor(mine)
    // Without -trimpath files are named by directory, so one directory under two version labels
    // is one package to the loader (measured: such a pair loads); with it, the label is in every name.
    const counts = (s: ModuleSkew) => plan.trimpath || !s.sameSource
    let { shared, skew } = compareModules(p.name, hostMods, mine)
    skew = skew.filter(counts)
    if (skew.length && plan.alignModules === 'fix') {
      const modfile = await pinnedModfile(ctx, p, skew, hostMods, work)
      const after = compareModules(
        p.name,
        hostMods,
        await listModules(ctx, p.moduleDir, pluginPackage(p), modfile)
      )
      reporter.info(
        `plugin ${p.name}: built with ${path.basename(modfile)} (a temp copy of its go.mod pinned to the host's ${skew.map(s => `${s.module} ${s.hostVersion}`).join(', ')}); the plugin's own files are untouched`
      )
      out.modfiles[p.name] = modfile
      ;({ shared, skew } = after)
      skew = skew.filter(counts)
    }
    out.shared[p.name] = shared
    out.skew.push(...skew)
    if (skew.length) failing.push({ plugin: p, skew })
  }
  if (!failing.length) return out
  const listing = failing
    .flatMap(f =>
      f.skew.map(
        s =>
          `${s.module} plugin ${f.plugin.name} has ${s.pluginVersion}, host has ${s.hostVersion}${s.sameSource ? ' (the same directory under another version label, which -trimpath writes into every file name)' : ''}`
      )
    )
    .join('; ')
  const fixes = failing.map(f => `in ${f.plugin.relDir}: ${alignCommand(f.skew, host)}`).join('; ')
  const workspaceFix = failing.some(f => f.skew.some(s => s.sameSource))
    ? ', or set go-work: local to build host and plugins in one Go workspace'
    : ''
  if (plan.alignModules === 'warn') {
    reporter.warning(
      `plugin modules differ from the host's (the plugins will fail to load): ${listing}. To align: ${fixes}${workspaceFix}`
    )
    return out
  }
  throw new BuildError(
    `plugin modules differ from the host's, so the plugins would fail to load: ${listing}`,
    {
      input: 'align-modules',
      module: failing[0].skew[0].module,
      fix: `${fixes} (or set align-modules: fix to build with the host's versions without editing the plugin${workspaceFix})`
    }
  )
}

/** A temp copy of the plugin's go.mod/go.sum pinned to the host's versions (`-modfile`). */
async function pinnedModfile(
  ctx: Ctx,
  p: PluginSpec,
  skew: ModuleSkew[],
  host: ModuleVersion[],
  work: string
): Promise<string> {
  const dir = path.join(work, 'modfiles', p.name)
  await mkdir(dir, { recursive: true })
  const modfile = path.join(dir, 'go.mod')
  await copyFile(path.join(p.moduleDir, 'go.mod'), modfile)
  if (existsSync(path.join(p.moduleDir, 'go.sum')))
    await copyFile(path.join(p.moduleDir, 'go.sum'), path.join(dir, 'go.sum'))
  // The host's own sums: go then checks each download against what the host was built from.
  const byPath = new Map(host.map(m => [m.path, m]))
  const sums = skew
    .map(s => byPath.get(s.module))
    .filter(h => h?.sum && !h.replace)
    .map(h => `${h!.path} ${h!.version} ${h!.sum}\n`)
  if (sums.length) await appendFile(path.join(dir, 'go.sum'), sums.join(''))
  const env = buildVars(ctx.plan, ctx.goWork)
  const steps: string[][] = []
  const edits = replaceEdits(skew, host)
  if (edits.length) steps.push(['mod', 'edit', `-modfile=${modfile}`, ...edits])
  const gets = hostVersionQueries(skew, host)
  if (gets.length) steps.push(['get', `-modfile=${modfile}`, ...gets])
  for (const args of steps) {
    const r = await runGo(ctx, { cwd: p.moduleDir, env, argv: [ctx.toolchain.goBin, ...args] })
    if (r.code !== 0)
      throw new BuildError(
        `aligning plugin ${p.name} with the host failed: go ${args.join(' ')}: ${errorTail(r)}`,
        {
          input: 'align-modules',
          file: path.join(p.moduleDir, 'go.mod'),
          fix: `align it by hand in ${p.relDir}: ${alignCommand(skew, host)}`
        }
      )
  }
  return modfile
}
