/**
 * Stage 7: upload the archive, SHA256SUMS and manifest as one workflow artifact, set every
 * output of the contract and write the job summary.
 */
import { appendFileSync } from 'node:fs'
import path from 'node:path'
import type { PublishResult, RunContext } from '../context.js'
import type { Failure } from '../errors.js'
import { sha256FileSync } from '../util/sha256.js'
import { summaryMarkdown } from './summary.js'
import {
  artifactUrl,
  defaultUploader,
  serviceUnavailable,
  uploadError,
  type ArtifactUploader
} from './upload.js'

export { summaryMarkdown } from './summary.js'
// The entries load finishRun from here, as the pipeline loads publish: one lazy chunk for both,
// where two import sites would each get their own copy of this module.
export { finishRun } from './outcome.js'
export type { ArtifactUploader } from './upload.js'
export { pushImage } from './push.js'

export interface PublishDeps {
  uploader?: () => Promise<ArtifactUploader>
  env?: NodeJS.ProcessEnv
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
  const uploader = await (deps.uploader ?? defaultUploader)()
  let res
  try {
    res = await uploader.uploadArtifact(plan.artifactName, files, pkg.outputDir, {
      retentionDays: plan.retentionDays,
      compressionLevel: 0
    })
  } catch (err) {
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

function targetOf(ctx: RunContext): string {
  if (ctx.plan) return `${ctx.plan.target.os}/${ctx.plan.target.arch}`
  const host = ctx.verify?.files.find(f => f.kind === 'host')
  return host && (host.machine === 'amd64' || host.machine === 'arm64')
    ? `linux/${host.machine}`
    : ''
}

/**
 * Every output of the contract from what the context holds (empty when a stage did not run,
 * e.g. archive in verify-only mode or after a failed build). `hashes` receives the sha256 of
 * files hashed here (verify-only), for the summary.
 */
export function outputValues(
  ctx: RunContext,
  hashes: Record<string, string> = {}
): Record<string, string> {
  const out: Record<string, string> = {}
  const set = (name: string, value: string | undefined) => (out[name] = value ?? '')
  const pkg = ctx.package
  const hostFacts = ctx.verify?.files.find(f => f.kind === 'host')

  set('go-version', ctx.toolchain?.version)
  set('go-root', ctx.toolchain?.goroot)
  set('mode', ctx.plan?.mode ?? hostFacts?.linkage)
  set('libc', ctx.plan?.libc ?? hostFacts?.libc)
  set('target', targetOf(ctx))

  let plugins: { name: string; path: string; sha256: string }[]
  if (pkg) {
    set('binary', pkg.files.find(f => f.name === 'bifrost-http')?.path)
    plugins = pkg.files
      .filter(f => f.name.startsWith('plugins/') && f.name.endsWith('.so'))
      .map(f => ({ name: path.basename(f.name, '.so'), path: f.path, sha256: f.sha256 }))
  } else {
    set('binary', hostFacts?.path)
    for (const f of ctx.verify?.files ?? []) {
      try {
        hashes[f.path] = sha256FileSync(f.path)
      } catch {
        /* file gone: no hash */
      }
    }
    plugins = (ctx.verify?.files ?? [])
      .filter(f => f.kind === 'plugin')
      .map(f => ({
        name: f.name.replace(/\.so$/, ''),
        path: f.path,
        sha256: hashes[f.path] ?? ''
      }))
  }
  set('plugins', JSON.stringify(plugins))
  set('archive', pkg?.archive)
  set('checksums', pkg?.checksums)
  set('manifest', pkg?.manifest)
  set('glibc-floor', ctx.verify?.glibcFloor)
  set('cache-hit', String(Boolean(ctx.cache?.exact)))
  set('artifact-id', ctx.publish?.artifactId)
  set('artifact-url', ctx.publish?.artifactUrl)
  set('artifact-digest', ctx.publish?.artifactDigest)
  set('artifact-name', ctx.plan?.artifactName)
  set('output-dir', ctx.package?.outputDir ?? ctx.plan?.outputDir)
  set('image-digest', ctx.package?.imageArchive ? ctx.image?.digest : undefined)
  set('image-archive', ctx.package?.imageArchive)
  return out
}

/** Runs whose outputs and summary were written (once per run, success or failure). */
const finished = new WeakSet<RunContext>()

export function outputsWritten(ctx: RunContext): boolean {
  return finished.has(ctx)
}

/**
 * Sets every output of the contract and writes the job summary when the runner gave a
 * summary file; `failure` is the error that stopped the run. Synchronous, so the pipeline's
 * last call cannot leave work behind.
 */
export function setOutputs(
  ctx: RunContext,
  env: NodeJS.ProcessEnv = process.env,
  failure?: Failure
): void {
  finished.add(ctx)
  const hashes: Record<string, string> = {}
  for (const [name, value] of Object.entries(outputValues(ctx, hashes)))
    ctx.reporter.setOutput(name, value)

  const summaryFile = env.GITHUB_STEP_SUMMARY
  if (summaryFile) {
    try {
      // What core.summary.write() does, without its promise: appended, never replaced.
      appendFileSync(summaryFile, summaryMarkdown(ctx, hashes, failure) + '\n')
    } catch (err) {
      ctx.reporter.warning(`could not write the job summary: ${(err as Error).message}`)
    }
  }
}
