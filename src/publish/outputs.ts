/**
 * Every output of the contract, and the job summary, from what the run's context holds: set
 * once per run, passed or failed (by the pipeline's last step, or by finishRun).
 */
import { appendFileSync } from 'node:fs'
import path from 'node:path'
import type { RunContext } from '../context.js'
import type { Failure } from '../errors.js'
import { targetOfArch } from '../lib/targets.js'
import { sha256FileSync } from '../util/sha256.js'
import { summaryMarkdown } from './summary.js'

function targetOf(ctx: RunContext): string {
  if (ctx.plan) return `${ctx.plan.target.os}/${ctx.plan.target.arch}`
  const host = ctx.verify?.files.find(f => f.kind === 'host')
  return targetOfArch(host?.machine)?.name ?? ''
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
    set('binary', pkg.files.find(f => f.kind === 'host')?.path)
    plugins = pkg.files
      .filter(f => f.kind === 'plugin')
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
