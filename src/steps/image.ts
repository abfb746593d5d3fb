/**
 * The runtime image: assembled from the verified files, a container of it load-tested, pushed
 * only after everything else passed; verify-only's host-image test.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { step } from '../step.js'
import { registryAuth } from './registry.js'
import { failIfNotOk } from './verify.js'

/** The runtime image (input `image`) from the verified files, in staging until packaged. */
export const assembleImage = step(
  'image',
  { ctx: ['plan', 'build'], run: ['staging'] },
  async r => {
    const { plan, build } = r.ctx
    const workDir = path.join(r.staging.dir, 'image')
    await mkdir(workDir, { recursive: true })
    r.ctx.image = await r.stages.assembleImage({
      plan,
      build,
      workDir,
      env: r.opts.env,
      credentials: await registryAuth(r, plan.image!.base.registry),
      reporter: r.opts.reporter,
      signal: r.opts.signal
    })
  },
  { stage: 'image', skip: r => !r.ctx.plan?.image }
)

/** A container of that image must load every plugin and answer its healthcheck; else nothing is packaged. */
export const imageLoadTest = step(
  'image load test',
  { ctx: ['plan', 'build', 'image', 'verify'], run: ['staging'] },
  async r => {
    const { plan, image, verify } = r.ctx
    const out = await r.stages.verifyImage({
      image,
      plugins: r.ctx.build.plugins.map(p => p.name),
      timeoutSec: plan.verifyTimeoutSec,
      reporter: r.opts.reporter,
      signal: r.opts.signal,
      tmpRoot: r.staging.dir
    })
    image.loadTest = { status: out.status, message: out.message }
    verify.checks.push(...out.checks)
    if (out.status === 'fail') verify.ok = false
    failIfNotOk(verify)
  },
  {
    stage: 'image test',
    skip: r => {
      if (!r.ctx.image || r.ctx.plan?.verify !== 'full') return true
      // A container of another architecture would need binfmt emulation registered on the runner.
      if (r.ctx.plan.target.arch === r.hostArch) return false
      r.opts.reporter.notice(
        `the image is linux/${r.ctx.plan.target.arch} and this runner linux/${r.hostArch}: no container of it is started here (the static checks and the host load test above still apply)`
      )
      return true
    }
  }
)

/** image-push: the image goes to its registry only after everything else passed. */
export const pushImage = step(
  'image push',
  { ctx: ['plan', 'image'] },
  async r => {
    const { image, plan } = r.ctx
    await r.stages.pushImage({
      image,
      ref: plan.image!.ref,
      credentials: await registryAuth(r, plan.image!.ref.registry),
      reporter: r.opts.reporter,
      signal: r.opts.signal
    })
  },
  { stage: 'image push', skip: r => !r.ctx.image || !r.ctx.plan?.image?.push }
)

/** verify-only with host-image: the plugins in a container of that image. */
export const verifyOnlyImage = step(
  'image test',
  { ctx: ['verify'], run: ['verifyInput'] },
  async r => {
    const input = r.verifyInput
    const out = await r.stages.verifyInHostImage({
      hostImage: input.hostImage!,
      plugins: input.plugins,
      timeoutSec: input.timeoutSec,
      reporter: r.opts.reporter,
      signal: r.opts.signal,
      tmpRoot: path.dirname(input.hostImage!.archive)
    })
    r.ctx.verify.checks.push(...out.checks)
    if (out.status === 'fail') r.ctx.verify.ok = false
    failIfNotOk(r.ctx.verify)
  },
  {
    stage: 'image test',
    skip: r => {
      const input = r.verifyInput
      return !input?.hostImage || input.level !== 'full' || input.target.arch !== r.hostArch
    }
  }
)
