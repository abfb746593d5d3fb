/**
 * Wires the stages together; the action and the CLI both call this. Order:
 * plan (inputs validated, Go version resolved, nothing downloaded yet) -> toolchain ->
 * cache restore -> build -> verify -> package -> publish. A failing stage stops the run and
 * removes the staging directory, so nothing half-made reaches output-dir or the artifact store.
 */
import { constants } from 'node:fs'
import { access, mkdir, mkdtemp, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { RunContext, VerifyReport } from './context.js'
import { BuildError, inputError, splitFix } from './errors.js'
import { diskError } from './util/disk-error.js'
import { defaults, type RawInputs } from './inputs.js'
import type { Reporter } from './report.js'
import { describePlan, makePlan } from './plan/index.js'
import { resolveGoVersion, setupGo, toolchainRequest } from './toolchain/index.js'
import { machineArch } from './platform.js'
import { tempRoot } from './toolchain/toolcache.js'

/*
 * The later stages are loaded when they are reached, not at start-up: the first log line then
 * waits only for the plan and toolchain code (bench figure 6, time to the first log line).
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
  /** Stop after these stages (the CLI's `setup-go`). */
  only?: 'setup-go'
  /** The run's context, made by the caller so it still holds what was known when a stage throws. */
  ctx?: RunContext
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

export async function runSetupGo(raw: RawInputs, opts: PipelineOptions): Promise<RunContext> {
  const { reporter } = opts
  const ctx: RunContext = opts.ctx ?? { reporter, signal: opts.signal, timings: reporter.timings }
  const hostArch = machineArch()
  const req = toolchainRequest(raw, { workspace: opts.workspace, env: opts.env, hostArch })
  ctx.toolchain = await reporter.stage('toolchain', async () => {
    const version = await resolveGoVersion(req, reporter, opts.signal)
    return setupGo(req, version, reporter, opts.signal)
  })
  announceToolchain(ctx)
  return ctx
}

/** Set as soon as Go is there, so even a failed build says which Go it used. */
function announceToolchain(ctx: RunContext): void {
  ctx.reporter.setOutput('go-version', ctx.toolchain!.version)
  ctx.reporter.setOutput('go-root', ctx.toolchain!.goroot)
}

export async function runPipeline(raw: RawInputs, opts: PipelineOptions): Promise<RunContext> {
  if (isTrue(raw, 'verify-only')) return runVerifyOnly(raw, opts)
  const { reporter, signal } = opts
  const ctx: RunContext = opts.ctx ?? { reporter, signal, timings: reporter.timings }
  const hostArch = machineArch()

  // Plugin-only (host-binary with plugins): the host decides the Go release, so the request
  // is made from its build info inside the plan stage.
  const pluginOnly =
    (raw['host-binary'] ?? '').trim() !== '' || (raw['host-manifest'] ?? '').trim() !== ''
  let req = pluginOnly
    ? undefined
    : toolchainRequest(raw, { workspace: opts.workspace, env: opts.env, hostArch })
  const plan = await reporter.stage('plan', async () => {
    if (!req) {
      const { planFromHost, describeHost } = await import('./plan/host-plan.js')
      const r = await planFromHost(raw, { ...opts, hostArch })
      req = r.request
      for (const line of [...describePlan(r.plan), ...describeHost(r.plan)]) reporter.info(line)
      return r.plan
    }
    const goVersion = await resolveGoVersion(req, reporter, signal)
    const p = makePlan(raw, { workspace: opts.workspace, env: opts.env, goVersion, hostArch })
    for (const line of describePlan(p)) reporter.info(line)
    return p
  })
  ctx.plan = plan
  // Before any download or build: a read-only or misplaced output-dir would only show at the end.
  const outputProblem = await outputDirProblem(plan.outputDir)
  if (outputProblem)
    throw inputError('output-dir', outputProblem, 'point output-dir at a writable directory')
  // One run per output-dir from here to the upload: two would interleave their files.
  const unlock = await lockOutputDir(plan.outputDir)
  try {
    // A failed run must not leave an earlier run's archive beside nothing (or beside new binaries).
    const { clearPublishedOutputs, packageOutputs } = await stages.package()
    await clearPublishedOutputs(plan.outputDir).catch(err => {
      throw diskError(err, plan.outputDir) ?? err
    })

    ctx.toolchain = await reporter.stage('toolchain', () =>
      setupGo(req!, plan.goVersion, reporter, signal)
    )
    announceToolchain(ctx)

    if (plan.cache) {
      const { restoreCache } = await stages.cache()
      ctx.cache = await reporter.stage('cache restore', () =>
        restoreCache(plan, ctx.toolchain!, reporter)
      )
    }

    const [{ build }, { verify }, { publish, setOutputs }] = await Promise.all([
      stages.build(),
      stages.verify(),
      stages.publish()
    ])
    /*
     * Staging lives in the runner's temp dir, not beside output-dir: output-dir's parent may be
     * read-only, and the temp dir is emptied after every job even if this run is killed. The
     * package stage assembles in a directory inside output-dir (a copy when staging is on
     * another file system), so the final renames into output-dir stay atomic.
     */
    const stagingDir = await mkdtemp(path.join(tempRoot(opts.env), 'bifrost-build-staging-'))
    // cmd/go leaves its go-build* work dirs behind when it is killed: keep them in staging.
    const goTmp = path.join(stagingDir, 'gotmp')
    try {
      await mkdir(goTmp)
      await runStages(stagingDir, goTmp)
    } catch (err) {
      throw diskError(err, plan.outputDir, stagingDir) ?? err
    } finally {
      await rm(stagingDir, { recursive: true, force: true })
    }
    ctx.publish = await reporter.stage('publish', () => publish(ctx))
    setOutputs(ctx)
    return ctx

    async function runStages(stagingDir: string, goTmp: string): Promise<void> {
      const toolchain = { ...ctx.toolchain!, env: { ...ctx.toolchain!.env, GOTMPDIR: goTmp } }
      ctx.build = await reporter.stage('build', () =>
        build({ plan, toolchain, reporter, signal, stagingDir })
      )
      ctx.verify = await reporter.stage('verify', async () => {
        const report = await verify({
          host: ctx.build!.host.path,
          plugins: ctx.build!.plugins.map(p => ({ name: p.name, path: p.path })),
          mode: plan.mode,
          libc: plan.libc,
          target: plan.target,
          level: plan.verify,
          timeoutSec: plan.verifyTimeoutSec,
          glibcMax: plan.glibcMax,
          sysroot: plan.cc.sysroot,
          moduleRoots: ctx.build!.moduleRoots,
          hostReference: plan.source.kind === 'host' ? plan.source.host.reference : undefined,
          reporter,
          signal
        })
        ctx.verify = report // kept when failing: the summary and annotations list the checks
        failIfNotOk(report)
        return report
      })
      ctx.package = await reporter.stage('package', () =>
        packageOutputs({
          plan,
          toolchain: ctx.toolchain!,
          build: ctx.build!,
          verify: ctx.verify!,
          timings: ctx.timings,
          reporter
        })
      )
    }
  } finally {
    await unlock()
  }
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

/**
 * `verify-only`: check binaries built elsewhere; builds and publishes nothing. No toolchain
 * stage: build info is read from the files, so no Go and no network (but an https
 * host-manifest) are needed, and the load test is the only process started.
 */
export async function runVerifyOnly(raw: RawInputs, opts: PipelineOptions): Promise<RunContext> {
  const { reporter, signal } = opts
  const ctx: RunContext = opts.ctx ?? { reporter, signal, timings: reporter.timings }
  const [{ verifyOnlyInput }, { verify }, { setOutputs }] = await Promise.all([
    import('./verify/inputs.js'),
    stages.verify(),
    stages.publish()
  ])
  const input = await verifyOnlyInput(raw, {
    workspace: opts.workspace,
    hostArch: machineArch(),
    token: raw['token'],
    signal
  })
  const ignored = TOOLCHAIN_INPUTS.filter(n => {
    const v = (raw[n] ?? '').trim()
    return v !== '' && v !== defaults()[n]
  })
  if (ignored.length)
    reporter.notice(
      `verify-only reads the Go build info from the files and needs no Go: ${ignored.join(', ')} ignored`
    )
  ctx.verify = await reporter.stage('verify', async () => {
    const report = await verify({ ...input, reporter, signal })
    ctx.verify = report
    failIfNotOk(report)
    return report
  })
  setOutputs(ctx)
  return ctx
}

const TOOLCHAIN_INPUTS = [
  'go-version',
  'go-version-file',
  'go-download-base-url',
  'go-download-source'
] as const

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
