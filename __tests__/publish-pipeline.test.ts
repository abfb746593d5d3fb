/**
 * The package and publish stages inside the real pipeline, with the stages before them
 * replaced by fakes through the pipeline's stages option and @actions/artifact replaced by a
 * recorder.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ToolchainRequest, VerifyReport } from '../src/context.js'
import type { StageEntries } from '../src/stages.js'
import { defaults } from '../src/inputs.js'
import { memoryState } from '../src/cache/state.js'
import { makeSample, tinySharedObject, type Sample } from './helpers/package.js'
import { fakeReporter } from './helpers/reporter.js'

const h = vi.hoisted(() => ({
  sample: undefined as unknown as Sample,
  verifyOk: true,
  /** The staging directory the pipeline gave the build. */
  staging: '',
  uploads: [] as { name: string; files: string[]; root: string; options: unknown }[]
}))

vi.mock('@actions/artifact', () => ({
  DefaultArtifactClient: class {
    async uploadArtifact(name: string, files: string[], root: string, options: unknown) {
      h.uploads.push({ name, files, root, options })
      return { id: 9, size: 1, digest: 'sha256:9' }
    }
  }
}))

const { runPipeline } = await import('../src/pipeline.js')

/** The stages before package and publish, replaced through the pipeline's stage option. */
const fakeStages: Partial<StageEntries> = {
  draftPlan: () => h.sample.plan,
  pinPlan: () => h.sample.plan,
  describePlan: () => [],
  toolchainRequest: () => ({}) as ToolchainRequest,
  resolveGoVersion: async () => '1.26.1',
  setupGo: async () => h.sample.toolchain,
  // The sample toolchain's go is not installed: no Go settings to read.
  readGoSettings: async () => ({ settings: [], warnings: [] }),
  build: async ({ stagingDir }) => {
    h.staging = stagingDir
    const b = h.sample.build
    mkdirSync(path.join(stagingDir, 'plugins'), { recursive: true })
    copyFileSync('/bin/true', path.join(stagingDir, 'bifrost-http'))
    for (const p of b.plugins)
      copyFileSync(tinySharedObject(), path.join(stagingDir, 'plugins', `${p.name}.so`))
    return {
      ...b,
      stagingDir,
      host: { ...b.host, path: path.join(stagingDir, 'bifrost-http') },
      plugins: b.plugins.map(p => ({
        ...p,
        path: path.join(stagingDir, 'plugins', `${p.name}.so`)
      }))
    }
  },
  verify: async (): Promise<VerifyReport> => {
    const v = h.sample.verify
    if (h.verifyOk) return v
    return {
      ...v,
      ok: false,
      checks: [
        ...v.checks,
        {
          id: 'buildinfo.module',
          subject: 'hello.so',
          status: 'fail',
          message: 'bifrost.test/core v1.0.0 vs host v1.1.0'
        }
      ]
    }
  }
}

describe('pipeline: package and publish', () => {
  beforeEach(() => {
    h.sample = makeSample()
    h.sample.plan.cache = false
    h.uploads.length = 0
    vi.stubEnv('ACTIONS_RUNTIME_TOKEN', 'tok')
    vi.stubEnv('ACTIONS_RESULTS_URL', 'http://127.0.0.1:1/')
    vi.stubEnv('GITHUB_STEP_SUMMARY', '')
  })
  afterEach(() => vi.unstubAllEnvs())

  function run() {
    const reporter = fakeReporter()
    return {
      reporter,
      done: runPipeline(defaults(), {
        reporter,
        workspace: h.sample.workspace,
        env: process.env,
        signal: new AbortController().signal,
        cacheState: memoryState(),
        stages: fakeStages
      })
    }
  }

  it('a failed check leaves no archive, no SHA256SUMS and makes no upload call', async () => {
    h.verifyOk = false
    const { done, reporter } = run()
    await expect(done).rejects.toThrow(/verification failed \(1 check\(s\)\).*hello\.so/)
    const out = h.sample.plan.outputDir
    const left = existsSync(out) ? readdirSync(out) : []
    expect(left.filter(n => n.endsWith('.tar.gz') || n === 'SHA256SUMS')).toEqual([])
    expect(h.uploads).toHaveLength(0)
    expect(reporter.outputs.archive).toBeUndefined()
    // the staging directory is gone too (it is in the temp dir, not beside output-dir)
    expect(h.staging).not.toBe('')
    expect(existsSync(h.staging)).toBe(false)
    expect(path.relative(h.sample.workspace, h.staging).startsWith('..')).toBe(true)
  })

  it('a passing run packages, uploads the three files through @actions/artifact and sets the outputs', async () => {
    h.verifyOk = true
    const { done, reporter } = run()
    const ctx = await done
    const out = h.sample.plan.outputDir
    expect(readdirSync(out)).toContain('SHA256SUMS')
    expect(h.uploads).toEqual([
      {
        name: h.sample.plan.artifactName,
        files: [ctx.package!.archive, ctx.package!.checksums, ctx.package!.manifest],
        root: out,
        options: { retentionDays: 7, compressionLevel: 0 }
      }
    ])
    expect(reporter.outputs['artifact-id']).toBe('9')
    expect(reporter.outputs['artifact-digest']).toBe('sha256:9')
    expect(reporter.outputs.archive).toBe(ctx.package!.archive)
  })
})
