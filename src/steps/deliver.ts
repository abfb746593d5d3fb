/**
 * The build and what follows a passed verify: packaging into output-dir, the staging dir
 * removed, the cache saved, the upload and the outputs.
 */
import { step, undo } from '../step.js'

export const build = step(
  'build',
  { ctx: ['plan', 'toolchain'], run: ['staging'] },
  async r => {
    // A plugin-only build (host-binary, host-manifest) builds the plugins alone.
    const build = r.ctx.plan.source.kind === 'host' ? r.stages.buildPlugins : r.stages.build
    const { reporter, signal } = r.opts
    const t = r.ctx.toolchain
    const toolchain = { ...t, env: { ...t.env, GOTMPDIR: r.staging.goTmp } }
    r.ctx.build = await build({
      plan: r.ctx.plan,
      toolchain,
      reporter,
      signal,
      stagingDir: r.staging.dir
    })
  },
  { stage: 'build' }
)

export const packageOutputs = step(
  'package',
  { ctx: ['plan', 'toolchain', 'build', 'verify'] },
  async r => {
    const { ctx } = r
    ctx.package = await r.stages.packageOutputs({
      plan: ctx.plan,
      toolchain: ctx.toolchain,
      build: ctx.build,
      verify: ctx.verify,
      image: ctx.image,
      timings: ctx.timings,
      reporter: ctx.reporter,
      signal: r.opts.signal
    })
  },
  { stage: 'package' }
)

export const closeStaging = step('remove staging dir', {}, async r => {
  await undo(r, 'staging')
  r.staging = undefined
})

/** Build, checks and packaging passed: from here the caches are worth keeping. */
export const saveCache = step(
  'cache save',
  {},
  async r => {
    await r.stages.cacheAfterSuccess(r.ctx, { state: r.opts.cacheState })
  },
  { skip: r => !r.ctx.cache?.key }
)

export const publish = step(
  'publish',
  {},
  async r => {
    r.ctx.publish = await r.stages.publish(r.ctx)
  },
  { stage: 'publish' }
)

/** Every output of the contract and the job summary, from what the context holds. */
export const setOutputs = step('outputs', {}, async r => {
  await r.stages.setOutputs(r.ctx)
})
