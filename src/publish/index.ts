/**
 * Stage 7: upload the archive, SHA256SUMS and manifest as one workflow artifact, set every
 * output of the contract and write the job summary.
 */
import path from 'node:path'
import type { PublishResult, RunContext } from '../context.js'
import { BuildError } from '../errors.js'
import {
  artifactUrl,
  defaultUploader,
  deleteEarlier,
  serviceUnavailable,
  uploadError,
  type ArtifactUploader
} from './upload.js'

export { summaryMarkdown } from './summary.js'
// The entries load finishRun from here, as the pipeline loads publish: one lazy chunk for both,
// where two import sites would each get their own copy of this module.
export { finishRun } from './outcome.js'
export { outputValues, outputsWritten, setOutputs } from './outputs.js'
export type { ArtifactUploader } from './upload.js'
export { pushImage } from './push.js'

export interface PublishDeps {
  uploader?: () => Promise<ArtifactUploader>
  env?: NodeJS.ProcessEnv
}

/**
 * The upload, or the cancel when it comes first: the artifact client takes no signal, and an
 * upload that is not finalized never becomes an artifact, so the run stops waiting (and the
 * entry exits) instead of finishing it after the user cancelled.
 */
function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(
      v => {
        signal.removeEventListener('abort', onAbort)
        resolve(v)
      },
      e => {
        signal.removeEventListener('abort', onAbort)
        reject(e)
      }
    )
  })
}

export async function publish(ctx: RunContext, deps: PublishDeps = {}): Promise<PublishResult> {
  const env = deps.env ?? process.env
  const { plan, reporter } = ctx
  const pkg = ctx.package
  if (!plan || !pkg) throw new Error('publish runs only after package')
  if (!plan.upload) {
    reporter.info(`upload: false; the files are in ${pkg.outputDir}`)
    return { uploaded: false, reason: 'upload: false' }
  }
  const unavailable = serviceUnavailable(env)
  if (unavailable) {
    reporter.notice(`not uploading: ${unavailable}; the files are in ${pkg.outputDir}`)
    return { uploaded: false, reason: unavailable }
  }
  const files = [pkg.archive, pkg.checksums, pkg.manifest]
  // The user cancelled: nothing goes up after that.
  ctx.signal?.throwIfAborted()
  const uploader = await (deps.uploader ?? defaultUploader)()
  let res
  try {
    if (plan.overwrite) {
      const deleted = await deleteEarlier(uploader, plan.artifactName)
      if (deleted !== undefined)
        reporter.info(
          `overwrite: deleted the earlier artifact ${plan.artifactName} (id ${deleted})`
        )
    }
    res = await untilAborted(
      uploader.uploadArtifact(plan.artifactName, files, pkg.outputDir, {
        retentionDays: plan.retentionDays,
        compressionLevel: 0
      }),
      ctx.signal
    )
  } catch (err) {
    if (ctx.signal?.aborted) throw err
    if (err instanceof BuildError) throw err
    if ((err as Error)?.name === 'GHESNotSupportedError') {
      const reason = `the artifact service is not available on this server (${(err as Error).message})`
      reporter.notice(`not uploading: ${reason}; the files are in ${pkg.outputDir}`)
      return { uploaded: false, reason }
    }
    throw uploadError(plan.artifactName, err)
  }
  const result: PublishResult = {
    uploaded: true,
    artifactId: res.id === undefined ? undefined : String(res.id),
    artifactUrl: artifactUrl(env, res.id),
    artifactDigest: res.digest
  }
  reporter.info(
    `uploaded artifact ${plan.artifactName} (${files.map(f => path.basename(f)).join(', ')})` +
      (result.artifactUrl ? `: ${result.artifactUrl}` : '')
  )
  return result
}
