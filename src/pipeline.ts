/**
 * Wires the stages together; the action and the CLI both call this. Order:
 * plan (inputs validated, Go version resolved, nothing downloaded yet) -> toolchain ->
 * cache restore -> build -> verify -> package -> publish. A failing stage stops the run and
 * removes the staging directory, so nothing half-made reaches output-dir or the artifact store.
 */
import { constants } from 'node:fs'
import { access, mkdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { RunContext, VerifyReport } from './context.js'
import { BuildError, inputError, splitFix } from './errors.js'
import type { RawInputs } from './inputs.js'
import type { Reporter } from './report.js'
import { describePlan, makePlan } from './plan/index.js'
import { resolveGoVersion, setupGo, toolchainRequest } from './toolchain/index.js'
import { machineArch } from './platform.js'

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
    const version = await resolveGoVersion(req, reporter)
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

  const req = toolchainRequest(raw, { workspace: opts.workspace, env: opts.env, hostArch })
  const plan = await reporter.stage('plan', async () => {
    const goVersion = await resolveGoVersion(req, reporter)
    const p = makePlan(raw, { workspace: opts.workspace, env: opts.env, goVersion, hostArch })
    for (const line of describePlan(p)) reporter.info(line)
    return p
  })
  ctx.plan = plan
  // Before any download or build: a read-only or misplaced output-dir would only show at the end.
  const outputProblem = await outputDirProblem(plan.outputDir)
  if (outputProblem)
    throw inputError('output-dir', outputProblem, 'point output-dir at a writable directory')
  // A failed run must not leave an earlier run's archive beside nothing (or beside new binaries).
  const { clearPublishedOutputs, packageOutputs } = await stages.package()
  await clearPublishedOutputs(plan.outputDir).catch(err => {
    throw diskError(err, plan.outputDir) ?? err
  })

  ctx.toolchain = await reporter.stage('toolchain', () =>
    setupGo(req, plan.goVersion, reporter, signal)
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
  const stagingDir = path.join(
    path.dirname(plan.outputDir),
    `.${path.basename(plan.outputDir)}.partial-${process.pid}`
  )
  await rm(stagingDir, { recursive: true, force: true })
  try {
    await mkdir(stagingDir, { recursive: true })
    await runStages()
  } catch (err) {
    throw diskError(err, plan.outputDir) ?? err
  } finally {
    await rm(stagingDir, { recursive: true, force: true })
  }
  ctx.publish = await reporter.stage('publish', () => publish(ctx))
  setOutputs(ctx)
  return ctx

  async function runStages(): Promise<void> {
    ctx.build = await reporter.stage('build', () =>
      build({ plan, toolchain: ctx.toolchain!, reporter, signal, stagingDir })
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
        goBin: ctx.toolchain!.goBin,
        goEnv: ctx.toolchain!.env,
        sysroot: plan.cc.sysroot,
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

const DISK_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EFBIG: 'a file exceeds the size limit',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted'
}

/** Disk full or read-only while writing output: one clear line instead of a bare errno. */
export function diskError(err: unknown, outputDir: string): BuildError | undefined {
  const e = err as NodeJS.ErrnoException
  const why = e?.code ? DISK_ERRORS[e.code] : undefined
  if (!why || err instanceof BuildError) return undefined
  return new BuildError(`writing ${e.path ?? outputDir} failed: ${why} (${e.code})`, {
    input: 'output-dir',
    fix: 'free space on that disk or point output-dir at a writable one with room; nothing was published',
    cause: err
  })
}

/** `verify-only`: check binaries built elsewhere; builds and publishes nothing. */
export async function runVerifyOnly(raw: RawInputs, opts: PipelineOptions): Promise<RunContext> {
  const { reporter, signal } = opts
  const ctx: RunContext = opts.ctx ?? { reporter, signal, timings: reporter.timings }
  const [{ verifyOnlyInput }, { verify }, { setOutputs }] = await Promise.all([
    import('./verify/inputs.js'),
    stages.verify(),
    stages.publish()
  ])
  const hostArch = machineArch()
  const req = toolchainRequest(raw, { workspace: opts.workspace, env: opts.env, hostArch })
  const input = verifyOnlyInput(raw, { workspace: opts.workspace, hostArch })
  ctx.toolchain = await reporter.stage('toolchain', async () => {
    const version = await resolveGoVersion(req, reporter)
    return setupGo(req, version, reporter, signal)
  })
  announceToolchain(ctx)
  ctx.verify = await reporter.stage('verify', async () => {
    const report = await verify({
      ...input,
      goBin: ctx.toolchain!.goBin,
      goEnv: ctx.toolchain!.env,
      reporter,
      signal
    })
    ctx.verify = report
    failIfNotOk(report)
    return report
  })
  setOutputs(ctx)
  return ctx
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
