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
import { randomBytes } from 'node:crypto'
import {
  access,
  link,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  rmdir,
  stat,
  writeFile
} from 'node:fs/promises'
import path from 'node:path'
import type { Arch, RunContext, ToolchainRequest, VerifyReport } from './context.js'
import { BuildError, cancelledError, inputError, splitFix } from './errors.js'
import { diskError } from './util/disk-error.js'
import { defaults, type RawInputs } from './inputs.js'
import type { Reporter } from './report.js'
import { describePlan, draftPlan, pinPlan, type PlanDraft } from './plan/index.js'
import { resolveGoVersion, setupGo, toolchainRequest } from './toolchain/index.js'
import type { StateStore } from './cache/state.js'
import type { VerifyInput } from './verify/index.js'
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
  (r.raw['host-binary'] ?? '').trim() !== '' || (r.raw['host-manifest'] ?? '').trim() !== ''

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
      const h = await planFromHost(r.raw, {
        ...r.opts,
        hostArch: r.hostArch,
        cleanup: (name, undo) => r.cleanups.set(name, undo)
      })
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
  const { clearPublishedOutputs, removeLeftoverAssemblies } = await stages.package()
  const dir = r.draft!.outputDir
  await clearPublishedOutputs(dir).catch(err => {
    throw diskError(err, dir) ?? err
  })
  // A run killed while packaging leaves its assembly directory: ours, and no one else's now.
  for (const name of await removeLeftoverAssemblies(dir))
    r.opts.reporter.info(
      `removed ${path.join(dir, name)}, left by a run that was killed while packaging`
    )
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

/**
 * The Go settings the build will really run with (environment and the GOENV file of
 * `go env -w`): recorded in the plan's log, BUILD.md and manifest.json; one that runs a
 * program is refused before anything is built.
 */
const goSettings = step('go settings', async r => {
  const { readGoSettings } = await import('./toolchain/settings.js')
  const { buildVars } = await import('./build/commands.js')
  const plan = r.ctx.plan!
  const t = r.ctx.toolchain!
  const ours = buildVars(plan)
  const found = await readGoSettings(
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
      timings: ctx.timings,
      reporter: ctx.reporter,
      signal: r.opts.signal
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

/** Every output of the contract and the job summary, from what the context holds. */
const setOutputs = step('outputs', async r => {
  const { setOutputs } = await stages.publish()
  setOutputs(r.ctx)
})

/** verify-only: the files and settings to check, from the inputs (host-manifest may be fetched). */
const verifyOnlyInput = step('verify-only input', async r => {
  const { verifyOnlyInput } = await import('./verify/inputs.js')
  r.verifyInput = await verifyOnlyInput(r.raw, {
    workspace: r.opts.workspace,
    hostArch: r.hostArch,
    token: r.raw['token'],
    signal: r.opts.signal,
    warn: m => r.opts.reporter.warning(m)
  })
})

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
  goSettings, // go env -json: what shapes the build, recorded; programs refused
  restoreCache, // GOMODCACHE/GOCACHE (cache: true)
  openStaging, // a temp dir the build writes into
  build, // host and plugins, one toolchain, one flag set
  verifyBuilt, // the build's files as verify's input
  verifyAndFail, // static checks and the load test; nothing packaged on failure
  packageOutputs, // output-dir: binaries, BUILD.md, manifest, archive, SHA256SUMS
  closeStaging, // staging is not needed past packaging
  saveCache, // now (CLI) or in the post step (action)
  publish, // the artifact upload
  setOutputs // outputs and job summary
]

/** `verify-only`: check binaries built elsewhere; no Go, no build, nothing published. */
export const VERIFY_ONLY: readonly Step[] = [
  verifyOnlyInput, // host, plugins and settings from the inputs
  noteIgnoredGoInputs, // toolchain inputs are unused here
  verifyAndFail, // static checks and the load test
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
      // A cancelled run stops between steps too: nothing packaged, published or set after it.
      if (signal.aborted) throw cancelledError(signal.reason, `before ${s.name}`)
      if (s.skip?.(r)) continue
      try {
        await (s.stage ? reporter.stage(s.stage, async () => s.run(r)) : s.run(r))
      } catch (err) {
        if (signal.aborted) throw cancelledError(signal.reason, s.name)
        // Writes into staging or output-dir that hit a full or read-only disk: one clear line.
        throw (r.staging && diskError(err, r.draft!.outputDir, r.staging.dir)) || err
      }
    }
    if (signal.aborted) throw cancelledError(signal.reason)
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
 * The pid in a lock file: 0 when it holds no pid of ours (a stale lock), undefined when there
 * is no file (nothing to take over: someone may be linking theirs into place right now).
 */
async function lockHolder(file: string): Promise<number | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return undefined
  }
  const pid = /^(\d+)\n$/.exec(text)
  return pid ? Number(pid[1]) : 0
}

/** A holder that is gone: no such process, or our own pid (a container restarted with it). */
const staleHolder = (pid: number | undefined) =>
  pid !== undefined && (pid === 0 || pid === process.pid || !processAlive(pid))

/** How old a takeover guard must be before it is judged left by a killed run (it lives a few ms). */
const GUARD_STALE_MS = 10_000

/**
 * Takes output-dir for this run: a lock file inside it holding our pid. A second run into
 * the same directory fails at once instead of mixing its files with ours; a lock whose
 * process is gone (a killed run) is taken over. Returns the release, which also removes
 * output-dir again if this run created it and left it empty.
 *
 * The lock appears whole: written to a file of our own, then hard-linked to the lock's name
 * (link fails if the name exists), so no one ever reads a half-written lock. Taking over a
 * stale lock is done by one run at a time, under a second lock (the guard): the guard holder
 * reads the lock again and removes it only if its holder is still gone, and no one else ever
 * removes a lock they do not hold, so a lock that a live run just took is never removed.
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
  const guard = `${file}.takeover`
  const mine = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`
  const fail = (err: unknown) => diskError(err, dir) ?? err
  await writeFile(mine, `${process.pid}\n`, { flag: 'wx', mode: 0o644 }).catch(err => {
    throw fail(err)
  })
  try {
    for (let tries = 0; ; tries++) {
      try {
        await link(mine, file)
        await removeDeadLockFiles(dir)
        return async () => {
          await rm(file, { force: true })
          if (!existed) await rmdir(dir).catch(() => undefined)
        }
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw fail(err)
      }
      const holder = await lockHolder(file)
      // Gone since our link failed: try again.
      if (holder === undefined && tries < 20) continue
      if (tries >= 20 || !staleHolder(holder))
        throw new BuildError(
          `${dir} is in use by another bifrost-build run (pid ${holder || 'unknown'} holds ${file})`,
          {
            input: 'output-dir',
            fix: 'give each concurrent build its own output-dir, or wait for the other run to finish'
          }
        )
      await takeOverStale(file, guard, mine)
      await new Promise(r => setTimeout(r, 5 + Math.random() * 20))
    }
  } finally {
    await rm(mine, { force: true })
  }
}

/** The lock files a killed run left beside the lock (`<lock>.<pid>.<hex>`), their pid gone. */
async function removeDeadLockFiles(dir: string): Promise<void> {
  const own = new RegExp(`^${LOCK_FILE.replace(/\./g, '\\.')}\\.(\\d+)\\.[0-9a-f]{12}$`)
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = own.exec(name)?.[1]
    if (pid && Number(pid) !== process.pid && !processAlive(Number(pid)))
      await rm(path.join(dir, name), { force: true })
  }
}

/** Removes a stale lock while holding the guard; returns without doing anything if another run holds it. */
async function takeOverStale(file: string, guard: string, mine: string): Promise<void> {
  try {
    await link(mine, guard)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    // A guard left by a run killed in those few milliseconds: its holder gone, and old.
    const st = await stat(guard).catch(() => undefined)
    if (st && Date.now() - st.mtimeMs > GUARD_STALE_MS && staleHolder(await lockHolder(guard)))
      await rm(guard, { force: true })
    return
  }
  try {
    // Read again under the guard: only a guard holder removes a lock, so a lock read here
    // is the file removed next, and its holder is checked once more. No file means no
    // stale lock: a run may be linking its own into place, which must not be removed.
    if (staleHolder(await lockHolder(file))) await rm(file, { force: true })
  } finally {
    await rm(guard, { force: true })
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
