/**
 * The steps before the build: the Go request and the plan, output-dir checked and locked, Go
 * installed and announced, the plan pinned to it, go settings read, the cache restored and a
 * staging dir opened. Each says why it is where it is.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import { inputError } from '../errors.js'
import { diskError } from '../util/disk-error.js'
import { isPluginOnly } from '../plan/index.js'
import { step } from '../step.js'
import { lockOutputDir, outputDirProblem } from '../package/output-dir.js'
import { tempRoot } from '../util/temp-root.js'

/** go-version / go-version-file read into a request; nothing resolved or downloaded yet. */
export const goRequest = step('go request', {}, async r => {
  r.request = await r.stages.toolchainRequest(r.raw, { ...r.opts, hostArch: r.hostArch })
  if (r.opts.goVersionFrom && r.request.versionFrom === 'go-version')
    r.request = { ...r.request, versionFrom: r.opts.goVersionFrom }
})

export const plan = step(
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
export const outputDirWritable = step('output-dir writable', { run: ['draft'] }, async r => {
  const problem = await outputDirProblem(r.draft.outputDir)
  if (problem) throw inputError('output-dir', problem, 'point output-dir at a writable directory')
})

/** One run per output-dir from here to the upload: two would interleave their files. */
export const lockOutput = step('lock output-dir', { run: ['draft'] }, async r => {
  r.cleanups.set('lock', await lockOutputDir(r.draft.outputDir))
})

/** A failed run must not leave an earlier run's archive beside nothing (or beside new binaries). */
export const clearOutputs = step('clear output-dir', { run: ['draft'] }, async r => {
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
export const installGo = step(
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
export const announceGo = step('announce Go', { ctx: ['toolchain'] }, r => {
  r.ctx.reporter.setOutput('go-version', r.ctx.toolchain.version)
  r.ctx.reporter.setOutput('go-root', r.ctx.toolchain.goroot)
})

/** The exact release is known now: go lines newer than it fail before any build. */
export const pin = step(
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
export const goSettings = step('go settings', { ctx: ['plan', 'toolchain'] }, async r => {
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

export const restoreCache = step(
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
export const openStaging = step('staging dir', {}, async r => {
  const dir = await mkdtemp(path.join(tempRoot(r.opts.env), 'bifrost-build-staging-'))
  r.cleanups.set('staging', () => rm(dir, { recursive: true, force: true }))
  // cmd/go leaves its go-build* work dirs behind when it is killed: keep them in staging.
  const goTmp = path.join(dir, 'gotmp')
  r.staging = { dir, goTmp }
  await mkdir(goTmp)
})
