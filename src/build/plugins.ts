/**
 * A plugin-only build (host-binary / host-manifest): the host exists, so only the plugins are
 * built, with the settings the plan took from the host and its modules as the reference for
 * align-modules. Nothing else differs from a full build's plugin step.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { BuildResult, BuiltFile } from '../context.js'
import { adaptDirectoryReplacements } from './modules.js'
import { alignPlugins } from './align.js'
import type { BuildInput, Ctx } from './ctx.js'
import { registerMatcher } from './go.js'
import { buildPluginSet, pluginCommands } from './index.js'

export async function buildPlugins(input: BuildInput): Promise<BuildResult> {
  const { plan, reporter } = input
  if (plan.source.kind !== 'host') throw new Error('buildPlugins needs a plan with a host')
  const host = plan.source.host
  const baseEnv = input.env ?? process.env
  const ctx: Ctx = { ...input, baseEnv, commands: [], outside: new Map() }
  const work = await mkdtemp(path.join(os.tmpdir(), 'bifrost-build-'))
  ctx.work = work
  const stopMatcher = await registerMatcher(reporter, baseEnv)
  try {
    if (host.modules.some(m => m.replace && !m.replace.version))
      reporter.notice(
        `the host replaces ${host.modules
          .filter(m => m.replace && !m.replace.version)
          .map(m => `${m.path} => ${m.replace!.path}`)
          .join(
            ', '
          )} by a directory, which is not here: a plugin's own directory replacement of such a module counts as the same source (only the version label is compared); the load test decides`
      )
    const aligned = await alignPlugins(ctx, host.modules, work, mine =>
      adaptDirectoryReplacements(host.modules, mine)
    )
    await mkdir(path.join(input.stagingDir, 'plugins'), { recursive: true })
    const t0 = Date.now()
    const plugins = await buildPluginSet(ctx, pluginCommands(ctx, aligned.modfiles))
    reporter.info(
      `built ${plugins.length} plugin(s) for the host ${host.name} (sha256 ${host.sha256.slice(0, 16)}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`
    )
    const hostFile: BuiltFile = {
      kind: 'host',
      name: host.name,
      file: host.name,
      path: host.file,
      command: { cwd: plan.workspace, env: {}, argv: [] },
      durationMs: 0,
      prebuilt: true
    }
    return {
      stagingDir: input.stagingDir,
      host: hostFile,
      plugins,
      hostModules: host.modules,
      sharedModules: aligned.shared,
      skew: aligned.skew,
      ui: 'skipped',
      // The host's root is not here: its directory replacements are left to the load test.
      moduleRoots: { plugins: Object.fromEntries(plan.plugins.map(p => [p.name, p.moduleDir])) },
      preparation: ctx.commands,
      ...(ctx.outside!.size ? { outsideReplaces: [...ctx.outside!.values()] } : {})
    }
  } finally {
    await rm(work, { recursive: true, force: true })
    stopMatcher()
  }
}
