/**
 * The checks: verify's input from the build (or, verify-only, from the inputs), the stage
 * itself, and the one error a failed report becomes.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import type { VerifyReport } from '../context.js'
import { BuildError } from '../errors.js'
import { ignoredGoInputs } from '../plan/index.js'
import { step } from '../step.js'
import { tempRoot } from '../util/temp-root.js'
import { registryAuth } from './registry.js'

/** The build's files and the plan's settings, as the verify stage takes them. */
export const verifyBuilt = step('verify input', { ctx: ['plan', 'build'] }, r => {
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
export const verifyAndFail = step(
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

/** verify-only: the files and settings to check, from the inputs (host-manifest may be fetched). */
export const verifyOnlyInput = step('verify-only input', {}, async r => {
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

/** verify-only reads the build info from the files: toolchain inputs set anyway are said to be unused. */
export const noteIgnoredGoInputs = step('ignored Go inputs', {}, r => {
  const ignored = ignoredGoInputs(r.raw)
  if (ignored.length)
    r.opts.reporter.notice(
      `verify-only reads the Go build info from the files and needs no Go: ${ignored.join(', ')} ignored`
    )
})

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
