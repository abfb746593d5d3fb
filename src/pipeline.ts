/**
 * The three pipelines, each an ordered list of steps (GoReleaser's pipes): `build`,
 * `verify-only` and `setup-go`. Data flows one way, each stage taking its typed input and
 * returning its output into the run's context:
 *   plan -> toolchain -> cache restore -> build -> verify -> package -> publish.
 * A failing step stops the run; the steps' cleanups (staging dir, output-dir lock) still run,
 * so nothing half-made reaches output-dir or the artifact store. docs/architecture.md has the
 * picture and where to add a step.
 */
import type { RunContext } from './context.js'
import { cancelledError } from './errors.js'
import { diskError } from './util/disk-error.js'
import type { RawInputs } from './inputs.js'
import { isPluginOnly } from './plan/index.js'
import { parseBool } from './plan/values.js'
import { STAGES } from './stages.js'
import { undo, type PipelineOptions, type Run, type Step } from './step.js'
import { machineArch } from './platform.js'
import {
  announceGo,
  clearOutputs,
  goRequest,
  goSettings,
  installGo,
  lockOutput,
  openStaging,
  outputDirWritable,
  pin,
  plan,
  restoreCache
} from './steps/prepare.js'
import {
  build,
  closeStaging,
  packageOutputs,
  publish,
  saveCache,
  setOutputs
} from './steps/deliver.js'
import { assembleImage, imageLoadTest, pushImage, verifyOnlyImage } from './steps/image.js'
import { noteIgnoredGoInputs, verifyAndFail, verifyBuilt, verifyOnlyInput } from './steps/verify.js'

export type { PipelineOptions }

// ---- the pipelines ---------------------------------------------------------------------------

/** `setup-go` (CLI): the toolchain stage alone. */
export const SETUP_GO: readonly Step[] = [goRequest, installGo, announceGo]

/** The build: everything, in the order data flows. */
export const BUILD: readonly Step[] = [
  { ...goRequest, skip: r => isPluginOnly(r.raw) }, // plugin-only: the plan asks for the host's Go
  plan, // every input validated; nothing downloaded
  outputDirWritable, // fail before the download, not at the end
  lockOutput, // one run per output-dir
  clearOutputs, // no stale archive beside a failed run
  installGo, // the exact Go, checked by running it
  announceGo, // go-version and go-root even if the build fails
  pin, // go lines against that Go; the artifact name
  goSettings, // go env -json: what shapes the build, recorded; programs refused
  restoreCache, // GOMODCACHE/GOCACHE (cache: true)
  openStaging, // a temp dir the build writes into
  build, // host and plugins, one toolchain, one flag set
  verifyBuilt, // the build's files as verify's input
  verifyAndFail, // static checks and the load test; nothing packaged on failure
  assembleImage, // image: the runtime image from the verified files (staging)
  imageLoadTest, // image: a container of it loads every plugin, healthcheck answers
  packageOutputs, // output-dir: binaries, BUILD.md, manifest, archive, SHA256SUMS, image archive
  saveCache, // now (CLI) or in the post step (action)
  publish, // the artifact upload
  pushImage, // image-push: the image to its registry (its blobs are still in staging)
  closeStaging, // staging is not needed past packaging and the push
  setOutputs // outputs and job summary
]

/** `verify-only`: check binaries built elsewhere; no Go, no build, nothing published. */
export const VERIFY_ONLY: readonly Step[] = [
  verifyOnlyInput, // host, plugins and settings from the inputs
  noteIgnoredGoInputs, // toolchain inputs are unused here
  verifyAndFail, // static checks and the load test
  verifyOnlyImage, // host-image: the plugins in a container of that image
  setOutputs // outputs and job summary from the checked files
]

/** Runs the steps in order; the first error stops them, mapped to a disk error when it is one. */
export async function runSteps(
  steps: readonly Step[],
  raw: RawInputs,
  opts: PipelineOptions
): Promise<RunContext> {
  const { reporter, signal } = opts
  const ctx: RunContext = opts.ctx ?? { reporter, signal, timings: reporter.timings }
  const stages = { ...STAGES, ...opts.stages }
  const r: Run = { raw, opts, stages, ctx, hostArch: machineArch(), cleanups: new Map() }
  try {
    for (const s of steps) {
      // A cancelled run stops between steps too: nothing packaged, published or set after it.
      if (signal.aborted) throw cancelledError(signal.reason, `before ${s.name}`)
      if (s.skip?.(r)) continue
      try {
        await (s.stage ? reporter.stage(s.stage, async () => s.run(r)) : s.run(r))
      } catch (err) {
        if (signal.aborted) throw cancelledError(signal.reason, s.name)
        // Writes into staging or output-dir that hit a full or read-only disk: one clear line.
        throw (r.staging && r.draft && diskError(err, r.draft.outputDir, r.staging.dir)) || err
      }
    }
    if (signal.aborted) throw cancelledError(signal.reason)
    return ctx
  } finally {
    for (const name of [...r.cleanups.keys()].reverse()) await undo(r, name)
  }
}

export function runSetupGo(raw: RawInputs, opts: PipelineOptions): Promise<RunContext> {
  return runSteps(SETUP_GO, raw, opts)
}

export function runPipeline(raw: RawInputs, opts: PipelineOptions): Promise<RunContext> {
  return runSteps(
    parseBool('verify-only', (raw['verify-only'] ?? '').trim() || 'false') ? VERIFY_ONLY : BUILD,
    raw,
    opts
  )
}
