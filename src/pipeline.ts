/**
 * The three pipelines, each an ordered list of steps (GoReleaser's pipes): `build`,
 * `verify-only` and `setup-go`. Data flows one way, each stage taking its typed input and
 * returning its output into the run's context:
 *   plan -> toolchain -> cache restore -> build -> verify -> package -> publish.
 * A failing step stops the run; the steps' cleanups (staging dir, output-dir lock) still run,
 * so nothing half-made reaches output-dir or the artifact store. docs/architecture.md has the
 * picture and where to add a step.
 */
import { constants } from 'node:fs'
import { access, mkdir, mkdtemp, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Arch, RunContext, ToolchainRequest, VerifyReport } from './context.js'
import { BuildError, inputError, splitFix } from './errors.js'
import { diskError } from './util/disk-error.js'
import { defaults, type RawInputs } from './inputs.js'
import type { Reporter } from './report.js'
import { describePlan, draftPlan, pinPlan, type PlanDraft } from './plan/index.js'
import { resolveGoVersion, setupGo, toolchainRequest } from './toolchain/index.js'
import type { StateStore } from './cache/state.js'
import type { VerifyInput } from './verify/index.js'
import type { VerifyOnlyInput } from './verify/inputs.js'
import { machineArch } from './platform.js'
import { tempRoot } from './toolchain/toolcache.js'

/*
 * The later stages are loaded when they are reached, not at start-up: the first log line then
 * waits only for the plan and toolchain code (docs/performance.md, time to the first log line).
 */
const stages = {
  cache: () => import('./cache/index.js'),
  build: () => import('./build/index.js'),
  verify: () => import('./verify/index.js'),
  package: () => import('./package/index.js'),
  publish: () => import('./publish/index.js')
}

export interface PipelineOptions {
  reporter: Reporter
  workspace: string
  env: NodeJS.ProcessEnv
  signal: AbortSignal
  /**
   * Where the cache restore leaves its key for the save: the runner's state (the action saves
   * in its post step) or memory (the CLI saves right after success). Chosen by the entry.
   */
  cacheState: StateStore
  /** The run's context, made by the caller so it still holds what was known when a stage throws. */
  ctx?: RunContext
}

/** What the steps of one run share: the inputs, the context they fill, and what is in between. */
interface Run {
  raw: RawInputs
  opts: PipelineOptions
  ctx: RunContext
  hostArch: Arch
  /** The Go release asked for (the plan's output for the toolchain). */
  request?: ToolchainRequest
  /** The plan before the exact Go release is known. */
  draft?: PlanDraft
  verifyInput?: Omit<VerifyInput, 'reporter' | 'signal'>
  staging?: { dir: string; goTmp: string }
  /** Undone in reverse order when the run ends, passed or failed; a step may undo one early. */
  cleanups: Map<string, () => Promise<void>>
}

/** One step: what it is called in the log (a log group when `stage` is set) and what it does. */
interface Step {
  name: string
  /** Runs inside a log group of this name, timed in the summary. */
  stage?: string
  skip?: (r: Run) => boolean
  run: (r: Run) => Promise<void> | void
}

const step = (name: string, run: Step['run'], more: Partial<Step> = {}): Step => ({
  name,
  run,
  ...more
})

// ---- the steps; each pipeline below lists them in order -------------------------------------

const isPluginOnly = (r: Run) =>
  ['host-binary', 'host-manifest', 'host-image'].some(n => (r.raw[n] ?? '').trim() !== '')

/** go-version / go-version-file read into a request; nothing resolved or downloaded yet. */
const goRequest = step('go request', r => {
  r.request = toolchainRequest(r.raw, { ...r.opts, hostArch: r.hostArch })
})

const plan = step(
  'plan',
  async r => {
    const { reporter } = r.opts
    if (isPluginOnly(r)) {
      // Plugin-only: the host decides the Go release, so its build info makes the request.
      const { planFromHost, describeHost } = await import('./plan/host-plan.js')
      const h = await planFromHost(r.raw, { ...r.opts, hostArch: r.hostArch })
      r.request = h.request
      r.draft = h.plan
      for (const line of [...describePlan(h.plan), ...describeHost(h.plan)]) reporter.info(line)
      return
    }
    r.draft = draftPlan(r.raw, { ...r.opts, hostArch: r.hostArch })
    for (const line of describePlan(r.draft, r.request)) reporter.info(line)
  },
  { stage: 'plan' }
)

/** Before any download or build: a read-only or misplaced output-dir would only show at the end. */
const outputDirWritable = step('output-dir writable', async r => {
  const problem = await outputDirProblem(r.draft!.outputDir)
  if (problem) throw inputError('output-dir', problem, 'point output-dir at a writable directory')
})

/** One run per output-dir from here to the upload: two would interleave their files. */
const lockOutput = step('lock output-dir', async r => {
  r.cleanups.set('lock', await lockOutputDir(r.draft!.outputDir))
})

/** A failed run must not leave an earlier run's archive beside nothing (or beside new binaries). */
const clearOutputs = step('clear output-dir', async r => {
  const { clearPublishedOutputs } = await stages.package()
  await clearPublishedOutputs(r.draft!.outputDir).catch(err => {
    throw diskError(err, r.draft!.outputDir) ?? err
  })
})

/** Resolve the request to one release, install it; its version and GOROOT are outputs at once. */
const installGo = step(
  'toolchain',
  async r => {
    const { reporter, signal } = r.opts
    const version = await resolveGoVersion(r.request!, reporter, signal)
    r.ctx.toolchain = await setupGo(r.request!, version, reporter, signal)
  },
  { stage: 'toolchain' }
)

/** Set as soon as Go is there, so even a failed build says which Go it used. */
const announceGo = step('announce Go', r => {
  r.ctx.reporter.setOutput('go-version', r.ctx.toolchain!.version)
  r.ctx.reporter.setOutput('go-root', r.ctx.toolchain!.goroot)
})

/** The exact release is known now: go lines newer than it fail before any build. */
const pin = step('pin the plan to the Go release', r => {
  r.ctx.plan = pinPlan(r.draft!, r.ctx.toolchain!.version)
})

const restoreCache = step(
  'cache restore',
  async r => {
    const { restoreCache } = await stages.cache()
    r.ctx.cache = await restoreCache(r.ctx.plan!, r.ctx.toolchain!, r.ctx.reporter, {
      state: r.opts.cacheState
    })
  },
  { stage: 'cache restore', skip: r => !r.ctx.plan!.cache }
)

/*
 * Staging lives in the runner's temp dir, not beside output-dir: output-dir's parent may be
 * read-only, and the temp dir is emptied after every job even if this run is killed. The
 * package stage assembles in a directory inside output-dir (a copy when staging is on
 * another file system), so the final renames into output-dir stay atomic.
 */
const openStaging = step('staging dir', async r => {
  const dir = await mkdtemp(path.join(tempRoot(r.opts.env), 'bifrost-build-staging-'))
  r.cleanups.set('staging', () => rm(dir, { recursive: true, force: true }))
  // cmd/go leaves its go-build* work dirs behind when it is killed: keep them in staging.
  const goTmp = path.join(dir, 'gotmp')
  r.staging = { dir, goTmp }
  await mkdir(goTmp)
})

const build = step(
  'build',
  async r => {
    const { build } = await stages.build()
    const { reporter, signal } = r.opts
    const t = r.ctx.toolchain!
    const toolchain = { ...t, env: { ...t.env, GOTMPDIR: r.staging!.goTmp } }
    r.ctx.build = await build({
      plan: r.ctx.plan!,
      toolchain,
      reporter,
      signal,
      stagingDir: r.staging!.dir
    })
  },
  { stage: 'build' }
)

/** The build's files and the plan's settings, as the verify stage takes them. */
const verifyBuilt = step('verify input', r => {
  const { plan, build } = r.ctx
  r.verifyInput = {
    host: build!.host.path,
    plugins: build!.plugins.map(p => ({ name: p.name, path: p.path })),
    mode: plan!.mode,
    libc: plan!.libc,
    target: plan!.target,
    level: plan!.verify,
    timeoutSec: plan!.verifyTimeoutSec,
    glibcMax: plan!.glibcMax,
    sysroot: plan!.cc.sysroot,
    moduleRoots: build!.moduleRoots,
    hostReference: plan!.source.kind === 'host' ? plan!.source.host.reference : undefined
  }
})

/** Shared by both pipelines that verify: the report is kept when failing (summary, annotations). */
const verifyAndFail = step(
  'verify',
  async r => {
    const { verify } = await stages.verify()
    const { reporter, signal } = r.opts
    const report = await verify({ ...r.verifyInput!, reporter, signal })
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
  async r => {
    const { assembleImage } = await import('./package/image.js')
    const { plan, build } = r.ctx
    const workDir = path.join(r.staging!.dir, 'image')
    await mkdir(workDir, { recursive: true })
    r.ctx.image = await assembleImage({
      plan: plan!,
      build: build!,
      workDir,
      env: r.opts.env,
      credentials: await registryAuth(r, plan!.image!.base.registry),
      reporter: r.opts.reporter,
      signal: r.opts.signal
    })
  },
  { stage: 'image', skip: r => !r.ctx.plan!.image }
)

/** A container of that image must load every plugin and answer its healthcheck; else nothing is packaged. */
const imageLoadTest = step(
  'image load test',
  async r => {
    const { verifyImage } = await stages.verify()
    const { plan, image, verify } = r.ctx
    const out = await verifyImage({
      image: image!,
      plugins: r.ctx.build!.plugins.map(p => p.name),
      timeoutSec: plan!.verifyTimeoutSec,
      reporter: r.opts.reporter,
      signal: r.opts.signal,
      tmpRoot: r.staging!.dir
    })
    image!.loadTest = { status: out.status, message: out.message }
    verify!.checks.push(...out.checks)
    if (out.status === 'fail') verify!.ok = false
    failIfNotOk(verify!)
  },
  {
    stage: 'image test',
    skip: r => {
      if (!r.ctx.image || r.ctx.plan!.verify !== 'full') return true
      // A container of another architecture would need binfmt emulation registered on the runner.
      if (r.ctx.plan!.target.arch === r.hostArch) return false
      r.opts.reporter.notice(
        `the image is linux/${r.ctx.plan!.target.arch} and this runner linux/${r.hostArch}: no container of it is started here (the static checks and the host load test above still apply)`
      )
      return true
    }
  }
)

const packageOutputs = step(
  'package',
  async r => {
    const { packageOutputs } = await stages.package()
    const { ctx } = r
    ctx.package = await packageOutputs({
      plan: ctx.plan!,
      toolchain: ctx.toolchain!,
      build: ctx.build!,
      verify: ctx.verify!,
      image: ctx.image,
      timings: ctx.timings,
      reporter: ctx.reporter
    })
  },
  { stage: 'package' }
)

const closeStaging = step('remove staging dir', async r => {
  await undo(r, 'staging')
  r.staging = undefined
})

/** Build, checks and packaging passed: from here the caches are worth keeping. */
const saveCache = step(
  'cache save',
  async r => {
    const { cacheAfterSuccess } = await stages.cache()
    await cacheAfterSuccess(r.ctx, { state: r.opts.cacheState })
  },
  { skip: r => !r.ctx.cache?.key }
)

const publish = step(
  'publish',
  async r => {
    const { publish } = await stages.publish()
    r.ctx.publish = await publish(r.ctx)
  },
  { stage: 'publish' }
)

/** image-push: the image goes to its registry only after everything else passed. */
const pushImage = step(
  'image push',
  async r => {
    const { pushImage } = await stages.publish()
    const { image, plan } = r.ctx
    await pushImage({
      image: image!,
      ref: plan!.image!.ref,
      credentials: await registryAuth(r, plan!.image!.ref.registry),
      reporter: r.opts.reporter,
      signal: r.opts.signal
    })
  },
  { stage: 'image push', skip: r => !r.ctx.image || !r.ctx.plan!.image?.push }
)

/** Every output of the contract and the job summary, from what the context holds. */
const setOutputs = step('outputs', async r => {
  const { setOutputs } = await stages.publish()
  setOutputs(r.ctx)
})

/** verify-only: the files and settings to check, from the inputs (host-manifest may be fetched). */
const verifyOnlyInput = step('verify-only input', async r => {
  const { verifyOnlyInput } = await import('./verify/inputs.js')
  let workDir: string | undefined
  if ((r.raw['host-image'] ?? '').trim()) {
    // host-image: the pulled image and the test's podman store live here until the run ends.
    workDir = await mkdtemp(path.join(tempRoot(r.opts.env), 'bifrost-build-host-image-'))
    const dir = workDir
    r.cleanups.set('host-image', () => rm(dir, { recursive: true, force: true }))
  }
  r.verifyInput = await verifyOnlyInput(r.raw, {
    workspace: r.opts.workspace,
    hostArch: r.hostArch,
    token: r.raw['token'],
    signal: r.opts.signal,
    workDir,
    credentials: registry => registryAuth(r, registry),
    reporter: r.opts.reporter
  })
})

/** verify-only with host-image: the plugins in a container of that image. */
const verifyOnlyImage = step(
  'image test',
  async r => {
    const { verifyInHostImage } = await stages.verify()
    const input = r.verifyInput as VerifyOnlyInput
    const out = await verifyInHostImage({
      hostImage: input.hostImage!,
      plugins: input.plugins,
      timeoutSec: input.timeoutSec,
      reporter: r.opts.reporter,
      signal: r.opts.signal,
      tmpRoot: path.dirname(input.hostImage!.archive)
    })
    r.ctx.verify!.checks.push(...out.checks)
    if (out.status === 'fail') r.ctx.verify!.ok = false
    failIfNotOk(r.ctx.verify!)
  },
  {
    stage: 'image test',
    skip: r => {
      const input = r.verifyInput as VerifyOnlyInput | undefined
      return !input?.hostImage || input.level !== 'full' || input.target.arch !== r.hostArch
    }
  }
)

const TOOLCHAIN_INPUTS = [
  'go-version',
  'go-version-file',
  'go-download-base-url',
  'go-download-source'
] as const

/** verify-only reads the build info from the files: toolchain inputs set anyway are said to be unused. */
const noteIgnoredGoInputs = step('ignored Go inputs', r => {
  const ignored = TOOLCHAIN_INPUTS.filter(n => {
    const v = (r.raw[n] ?? '').trim()
    return v !== '' && v !== defaults()[n]
  })
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
  { ...goRequest, skip: isPluginOnly }, // plugin-only: the plan asks for the host's Go
  plan, // every input validated; nothing downloaded
  outputDirWritable, // fail before the download, not at the end
  lockOutput, // one run per output-dir
  clearOutputs, // no stale archive beside a failed run
  installGo, // the exact Go, checked by running it
  announceGo, // go-version and go-root even if the build fails
  pin, // go lines against that Go; the artifact name
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
  const r: Run = { raw, opts, ctx, hostArch: machineArch(), cleanups: new Map() }
  try {
    for (const s of steps) {
      if (s.skip?.(r)) continue
      try {
        await (s.stage ? reporter.stage(s.stage, async () => s.run(r)) : s.run(r))
      } catch (err) {
        // Writes into staging or output-dir that hit a full or read-only disk: one clear line.
        throw (r.staging && diskError(err, r.draft!.outputDir, r.staging.dir)) || err
      }
    }
    return ctx
  } finally {
    for (const name of [...r.cleanups.keys()].reverse()) await undo(r, name)
  }
}

async function undo(r: Run, name: string): Promise<void> {
  const fn = r.cleanups.get(name)
  r.cleanups.delete(name)
  await fn?.()
}

export function runSetupGo(raw: RawInputs, opts: PipelineOptions): Promise<RunContext> {
  return runSteps(SETUP_GO, raw, opts)
}

export function runPipeline(raw: RawInputs, opts: PipelineOptions): Promise<RunContext> {
  return runSteps(isTrue(raw, 'verify-only') ? VERIFY_ONLY : BUILD, raw, opts)
}

function isTrue(raw: RawInputs, name: string): boolean {
  const v = (raw[name] ?? '').trim().toLowerCase()
  if (v === 'true') return true
  if (v === 'false' || v === '') return false
  throw inputError(
    name,
    `expected true or false, got "${raw[name]}"`,
    `set ${name}: true or ${name}: false`
  )
}

/** Why output-dir cannot be written (checked on the nearest existing ancestor), or undefined. */
export async function outputDirProblem(dir: string): Promise<string | undefined> {
  for (let p = dir; ; p = path.dirname(p)) {
    const st = await stat(p).catch(() => undefined)
    if (st) {
      if (!st.isDirectory())
        return p === dir
          ? `${dir} exists and is not a directory`
          : `${p} is a file, so ${dir} cannot be created`
      try {
        await access(p, constants.W_OK)
      } catch (err) {
        return `${p} is not writable (${(err as NodeJS.ErrnoException).code})`
      }
      return undefined
    }
    if (path.dirname(p) === p) return undefined
  }
}

export const LOCK_FILE = '.bifrost-build.lock'

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes output-dir for this run: a lock file created exclusively (O_EXCL) inside it, holding
 * our pid. A second run into the same directory fails at once instead of mixing its files
 * with ours; a lock whose process is gone (a killed run) is taken over. Returns the release,
 * which also removes output-dir again if this run created it and left it empty.
 */
export async function lockOutputDir(dir: string): Promise<() => Promise<void>> {
  const existed = await stat(dir).then(
    () => true,
    () => false
  )
  await mkdir(dir, { recursive: true }).catch(err => {
    throw diskError(err, dir) ?? err
  })
  const file = path.join(dir, LOCK_FILE)
  for (let tries = 0; ; tries++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o644 })
      return async () => {
        await rm(file, { force: true })
        if (!existed) await rmdir(dir).catch(() => undefined)
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw diskError(err, dir) ?? err
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim())
    // Our own pid can only be a leftover (a container restarted with the same pid).
    if (tries >= 2 || (holder > 0 && holder !== process.pid && processAlive(holder)))
      throw new BuildError(
        `${dir} is in use by another bifrost-build run (pid ${holder || 'unknown'} holds ${file})`,
        {
          input: 'output-dir',
          fix: 'give each concurrent build its own output-dir, or wait for the other run to finish'
        }
      )
    await rm(file, { force: true })
  }
}

export function failIfNotOk(report: VerifyReport): void {
  if (report.ok) return
  const failed = report.checks.filter(c => c.status === 'fail')
  // Each failed check is annotated with its own fix; the run's error names them and gives one.
  const list = failed.map(c => `${c.subject}: ${splitFix(c.message).text}`).join('; ')
  const single = failed.length === 1 ? splitFix(failed[0].message).fix : undefined
  throw new BuildError(`verification failed (${failed.length} check(s)): ${list}`, {
    fix: single
      ? `${single}; nothing was packaged or uploaded`
      : 'follow the fix of each failed check above; nothing was packaged or uploaded'
  })
}
