/**
 * The three pipelines, each an ordered list of steps (GoReleaser's pipes): `build`,
 * `verify-only` and `setup-go`. Data flows one way, each stage taking its typed input and
 * returning its output into the run's context:
 *   plan -> toolchain -> cache restore -> build -> verify -> package -> publish.
 * A failing step stops the run; the steps' cleanups (staging dir, output-dir lock) still run,
 * so nothing half-made reaches output-dir or the artifact store. docs/architecture.md has the
 * picture and where to add a step.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import type { RunContext, VerifyReport } from './context.js'
import { BuildError, cancelledError, inputError } from './errors.js'
import { diskError } from './util/disk-error.js'
import type { RawInputs } from './inputs.js'
import { ignoredGoInputs, isPluginOnly } from './plan/index.js'
import { parseBool } from './plan/values.js'
import { STAGES } from './stages.js'
import { step, undo, type PipelineOptions, type Run, type Step } from './step.js'
import { lockOutputDir, outputDirProblem } from './package/output-dir.js'
import { machineArch } from './platform.js'
import { tempRoot } from './util/temp-root.js'

export type { PipelineOptions }

// ---- the steps; each pipeline below lists them in order -------------------------------------

/** go-version / go-version-file read into a request; nothing resolved or downloaded yet. */
const goRequest = step('go request', {}, async r => {
  r.request = await r.stages.toolchainRequest(r.raw, { ...r.opts, hostArch: r.hostArch })
  if (r.opts.goVersionFrom && r.request.versionFrom === 'go-version')
    r.request = { ...r.request, versionFrom: r.opts.goVersionFrom }
})

const plan = step(
  'plan',
  {},
  async r => {
    const { reporter } = r.opts
    if (isPluginOnly(r.raw)) {
      // Plugin-only: the host decides the Go release, so its build info makes the request.
      const h = await r.stages.planFromHost(r.raw, {
        ...r.opts,
        hostArch: r.hostArch,
        cleanup: (name, undo) => r.cleanups.set(name, undo)
      })
      r.request = h.request
      r.draft = h.plan
      const lines = [
        ...(await r.stages.describePlan(h.plan)),
        ...(await r.stages.describeHost(h.plan))
      ]
      for (const line of lines) reporter.info(line)
      return
    }
    r.draft = await r.stages.draftPlan(r.raw, { ...r.opts, hostArch: r.hostArch })
    for (const line of await r.stages.describePlan(r.draft, r.request)) reporter.info(line)
  },
  { stage: 'plan' }
)

/** Before any download or build: a read-only or misplaced output-dir would only show at the end. */
const outputDirWritable = step('output-dir writable', { run: ['draft'] }, async r => {
  const problem = await outputDirProblem(r.draft.outputDir)
  if (problem) throw inputError('output-dir', problem, 'point output-dir at a writable directory')
})

/** One run per output-dir from here to the upload: two would interleave their files. */
const lockOutput = step('lock output-dir', { run: ['draft'] }, async r => {
  r.cleanups.set('lock', await lockOutputDir(r.draft.outputDir))
})

/** A failed run must not leave an earlier run's archive beside nothing (or beside new binaries). */
const clearOutputs = step('clear output-dir', { run: ['draft'] }, async r => {
  const dir = r.draft.outputDir
  await Promise.resolve(r.stages.clearPublishedOutputs(dir)).catch(err => {
    throw diskError(err, dir) ?? err
  })
  // A run killed while packaging leaves its assembly directory: ours, and no one else's now.
  for (const name of await r.stages.removeLeftoverAssemblies(dir))
    r.opts.reporter.info(
      `removed ${path.join(dir, name)}, left by a run that was killed while packaging`
    )
})

/** Resolve the request to one release, install it; its version and GOROOT are outputs at once. */
const installGo = step(
  'toolchain',
  { run: ['request'] },
  async r => {
    const { reporter, signal } = r.opts
    const version = await r.stages.resolveGoVersion(r.request, reporter, signal)
    r.ctx.toolchain = await r.stages.setupGo(r.request, version, reporter, signal)
  },
  { stage: 'toolchain' }
)

/** Set as soon as Go is there, so even a failed build says which Go it used. */
const announceGo = step('announce Go', { ctx: ['toolchain'] }, r => {
  r.ctx.reporter.setOutput('go-version', r.ctx.toolchain.version)
  r.ctx.reporter.setOutput('go-root', r.ctx.toolchain.goroot)
})

/** The exact release is known now: go lines newer than it fail before any build. */
const pin = step(
  'pin the plan to the Go release',
  { ctx: ['toolchain'], run: ['draft'] },
  async r => {
    r.ctx.plan = await r.stages.pinPlan(r.draft, r.ctx.toolchain.version)
  }
)

/**
 * The Go settings the build will really run with (environment and the GOENV file of
 * `go env -w`): recorded in the plan's log, BUILD.md and manifest.json; one that runs a
 * program is refused before anything is built.
 */
const goSettings = step('go settings', { ctx: ['plan', 'toolchain'] }, async r => {
  const plan = r.ctx.plan
  const t = r.ctx.toolchain
  const ours = await r.stages.buildVars(plan)
  const found = await r.stages.readGoSettings(
    t.goBin,
    { ...r.opts.env, ...t.env, ...ours },
    { ours, signal: r.opts.signal }
  )
  plan.goSettings = found.settings
  for (const s of found.settings)
    r.opts.reporter.info(`Go setting:     ${s.name}=${s.value} (from the ${s.from})`)
  for (const w of found.warnings) r.opts.reporter.warning(w)
})

const restoreCache = step(
  'cache restore',
  { ctx: ['plan', 'toolchain'] },
  async r => {
    r.ctx.cache = await r.stages.restoreCache(r.ctx.plan, r.ctx.toolchain, r.ctx.reporter, {
      state: r.opts.cacheState
    })
  },
  { stage: 'cache restore', skip: r => r.ctx.plan?.cache !== true }
)

/*
 * Staging lives in the runner's temp dir, not beside output-dir: output-dir's parent may be
 * read-only, and the temp dir is emptied after every job even if this run is killed. The
 * package stage assembles in a directory inside output-dir (a copy when staging is on
 * another file system), so the final renames into output-dir stay atomic.
 */
const openStaging = step('staging dir', {}, async r => {
  const dir = await mkdtemp(path.join(tempRoot(r.opts.env), 'bifrost-build-staging-'))
  r.cleanups.set('staging', () => rm(dir, { recursive: true, force: true }))
  // cmd/go leaves its go-build* work dirs behind when it is killed: keep them in staging.
  const goTmp = path.join(dir, 'gotmp')
  r.staging = { dir, goTmp }
  await mkdir(goTmp)
})

const build = step(
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

/** The build's files and the plan's settings, as the verify stage takes them. */
const verifyBuilt = step('verify input', { ctx: ['plan', 'build'] }, r => {
  const { plan, build } = r.ctx
  r.verifyInput = {
    host: build.host.path,
    plugins: build.plugins.map(p => ({ name: p.name, path: p.path })),
    mode: plan.mode,
    libc: plan.libc,
    target: plan.target,
    level: plan.verify,
    timeoutSec: plan.verifyTimeoutSec,
    glibcMax: plan.glibcMax,
    sysroot: plan.cc.sysroot,
    moduleRoots: build.moduleRoots,
    hostReference: plan.source.kind === 'host' ? plan.source.host.reference : undefined
  }
})

/** Shared by both pipelines that verify: the report is kept when failing (summary, annotations). */
const verifyAndFail = step(
  'verify',
  { run: ['verifyInput'] },
  async r => {
    const { reporter, signal } = r.opts
    const report = await r.stages.verify({ ...r.verifyInput, reporter, signal })
    r.ctx.verify = report
    failIfNotOk(report)
  },
  { stage: 'verify' }
)

/** Credentials per registry, masked before any request; never put into the context. */
function registryAuth(r: Run, registry: string) {
  return import('./plan/image.js').then(({ credentialsFor }) => {
    const c = credentialsFor(registry, r.raw, r.opts.env)
    if (c) r.opts.reporter.setSecret(c.password)
    return c
  })
}

/** The runtime image (input `image`) from the verified files, in staging until packaged. */
const assembleImage = step(
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
const imageLoadTest = step(
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

const packageOutputs = step(
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

const closeStaging = step('remove staging dir', {}, async r => {
  await undo(r, 'staging')
  r.staging = undefined
})

/** Build, checks and packaging passed: from here the caches are worth keeping. */
const saveCache = step(
  'cache save',
  {},
  async r => {
    await r.stages.cacheAfterSuccess(r.ctx, { state: r.opts.cacheState })
  },
  { skip: r => !r.ctx.cache?.key }
)

const publish = step(
  'publish',
  {},
  async r => {
    r.ctx.publish = await r.stages.publish(r.ctx)
  },
  { stage: 'publish' }
)

/** image-push: the image goes to its registry only after everything else passed. */
const pushImage = step(
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

/** Every output of the contract and the job summary, from what the context holds. */
const setOutputs = step('outputs', {}, async r => {
  await r.stages.setOutputs(r.ctx)
})

/** verify-only: the files and settings to check, from the inputs (host-manifest may be fetched). */
const verifyOnlyInput = step('verify-only input', {}, async r => {
  let workDir: string | undefined
  if ((r.raw['host-image'] ?? '').trim()) {
    // host-image: the pulled image and the test's podman store live here until the run ends.
    workDir = await mkdtemp(path.join(tempRoot(r.opts.env), 'bifrost-build-host-image-'))
    const dir = workDir
    r.cleanups.set('host-image', () => rm(dir, { recursive: true, force: true }))
  }
  r.verifyInput = await r.stages.verifyOnlyInput(r.raw, {
    workspace: r.opts.workspace,
    hostArch: r.hostArch,
    token: r.raw['token'],
    signal: r.opts.signal,
    warn: m => r.opts.reporter.warning(m),
    workDir,
    credentials: registry => registryAuth(r, registry),
    reporter: r.opts.reporter
  })
})

/** verify-only with host-image: the plugins in a container of that image. */
const verifyOnlyImage = step(
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

/** verify-only reads the build info from the files: toolchain inputs set anyway are said to be unused. */
const noteIgnoredGoInputs = step('ignored Go inputs', {}, r => {
  const ignored = ignoredGoInputs(r.raw)
  if (ignored.length)
    r.opts.reporter.notice(
      `verify-only reads the Go build info from the files and needs no Go: ${ignored.join(', ')} ignored`
    )
})

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

export function failIfNotOk(report: VerifyReport): void {
  if (report.ok) return
  const failed = report.checks.filter(c => c.status === 'fail')
  // Each failed check is annotated with its own fix; the run's error names them and gives one.
  const list = failed.map(c => `${c.subject}: ${c.message}`).join('; ')
  const single = failed.length === 1 ? failed[0].fix : undefined
  throw new BuildError(`verification failed (${failed.length} check(s)): ${list}`, {
    fix: single
      ? `${single}; nothing was packaged or uploaded`
      : 'follow the fix of each failed check above; nothing was packaged or uploaded'
  })
}
