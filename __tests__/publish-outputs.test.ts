import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { FileFacts, PackageResult, PackagedFile, RunContext } from '../src/context.js'
import { BuildError } from '../src/errors.js'
import {
  publish,
  setOutputs,
  summaryMarkdown,
  type ArtifactUploader
} from '../src/publish/index.js'
import { makeSample, sampleContext } from './helpers/package.js'
import { fakeReporter, type FakeReporter } from './helpers/reporter.js'

const RUNNER_ENV = {
  ACTIONS_RUNTIME_TOKEN: 'tok',
  ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_REPOSITORY: 'acme/gw',
  GITHUB_RUN_ID: '77'
}

/** `facts`: verify's facts of the packaged binaries, as packaging attaches them. */
function fakePackage(outputDir: string, facts: FileFacts[] = []): PackageResult {
  const h = (c: string) => c.repeat(64)
  const factsOf = (name: string) =>
    facts.find(f => (f.kind === 'host' ? 'bifrost-http' : `plugins/${f.name}`) === name)
  const files = [
    { name: 'BUILD.md', size: 4321, sha256: h('1'), mode: 0o644 },
    { name: 'bifrost-http', size: 52_428_800, sha256: h('2'), mode: 0o755 },
    { name: 'plugins/hello.so', size: 3_145_728, sha256: h('3'), mode: 0o755 },
    { name: 'plugins/world.so', size: 3_145_728, sha256: h('4'), mode: 0o755 },
    { name: 'manifest.json', size: 9000, sha256: h('5'), mode: 0o644 },
    {
      name: 'bifrost-1.2.3-linux-amd64-glibc-dynamic.tar.gz',
      size: 20_000_000,
      sha256: h('6'),
      mode: 0o644
    }
  ].map(f => {
    const known = factsOf(f.name)
    const kind: PackagedFile['kind'] =
      f.name === 'bifrost-http'
        ? 'host'
        : f.name.endsWith('.so')
          ? 'plugin'
          : f.name.endsWith('.tar.gz')
            ? 'archive'
            : f.name === 'manifest.json'
              ? 'manifest'
              : 'doc'
    return {
      ...f,
      kind,
      path: path.join(outputDir, f.name),
      ...(known ? { facts: known } : {})
    }
  })
  return {
    outputDir,
    files,
    archive: path.join(outputDir, 'bifrost-1.2.3-linux-amd64-glibc-dynamic.tar.gz'),
    checksums: path.join(outputDir, 'SHA256SUMS'),
    manifest: path.join(outputDir, 'manifest.json'),
    buildMd: path.join(outputDir, 'BUILD.md'),
    dockerfile: path.join(outputDir, 'Dockerfile')
  }
}

function ctxWithPackage(): { ctx: RunContext; reporter: FakeReporter } {
  const s = makeSample()
  const reporter = fakeReporter()
  const ctx = sampleContext(s, reporter)
  ctx.package = fakePackage(s.plan.outputDir, s.verify.files)
  return { ctx, reporter }
}

function fakeUploader(
  impl?: () => Promise<{ id?: number; size?: number; digest?: string }>,
  existing: Record<string, number> = {},
  deleteError?: Error
) {
  const calls: { name: string; files: string[]; root: string; options: unknown }[] = []
  const deleted: string[] = []
  const uploader: ArtifactUploader = {
    async uploadArtifact(name, files, root, options) {
      calls.push({ name, files, root, options })
      return impl ? impl() : { id: 4242, size: 123, digest: 'sha256:abc' }
    },
    async deleteArtifact(name) {
      if (deleteError) throw deleteError
      if (!(name in existing)) {
        // @actions/artifact's error when the run has no artifact of that name
        const e = new Error(`Artifact not found for name: ${name}`)
        e.name = 'ArtifactNotFoundError'
        throw e
      }
      deleted.push(name)
      return { id: existing[name] }
    }
  }
  return { calls, deleted, factory: async () => uploader }
}

describe('publish', () => {
  it('uploads archive, SHA256SUMS and manifest under the artifact name, uncompressed, with retention', async () => {
    const { ctx } = ctxWithPackage()
    const up = fakeUploader()
    const r = await publish(ctx, { uploader: up.factory, env: RUNNER_ENV })
    expect(up.calls).toEqual([
      {
        name: 'bifrost-1.2.3-linux-amd64-glibc-dynamic',
        files: [ctx.package!.archive, ctx.package!.checksums, ctx.package!.manifest],
        root: ctx.package!.outputDir,
        options: { retentionDays: 7, compressionLevel: 0 }
      }
    ])
    expect(r).toEqual({
      uploaded: true,
      artifactId: '4242',
      artifactUrl: 'https://github.com/acme/gw/actions/runs/77/artifacts/4242',
      artifactDigest: 'sha256:abc'
    })
  })

  it('overwrite: true deletes the earlier artifact of that name first, as upload-artifact v4', async () => {
    const { ctx, reporter } = ctxWithPackage()
    ctx.plan!.overwrite = true
    const name = 'bifrost-1.2.3-linux-amd64-glibc-dynamic'
    const up = fakeUploader(undefined, { [name]: 17 })
    expect((await publish(ctx, { uploader: up.factory, env: RUNNER_ENV })).uploaded).toBe(true)
    expect(up.deleted).toEqual([name])
    expect(up.calls).toHaveLength(1)
    expect(reporter.messages('info')).toContain(
      `overwrite: deleted the earlier artifact ${name} (id 17)`
    )
    // none to delete (the first attempt): uploads all the same
    const first = fakeUploader()
    expect((await publish(ctx, { uploader: first.factory, env: RUNNER_ENV })).uploaded).toBe(true)
    expect(first.deleted).toEqual([])
    // overwrite: false (the default) never deletes
    ctx.plan!.overwrite = false
    const keep = fakeUploader(undefined, { [name]: 17 })
    await publish(ctx, { uploader: keep.factory, env: RUNNER_ENV })
    expect(keep.deleted).toEqual([])
  })

  it('overwrite: a failed delete stops before uploading, naming the input', async () => {
    const { ctx } = ctxWithPackage()
    ctx.plan!.overwrite = true
    const up = fakeUploader(undefined, {}, new Error('Failed request: (500) Internal Server Error'))
    const err = await publish(ctx, { uploader: up.factory, env: RUNNER_ENV }).catch(e => e)
    expect((err as BuildError).render()).toBe(
      'input overwrite: deleting the earlier artifact "bifrost-1.2.3-linux-amd64-glibc-dynamic" failed: Failed request: (500) Internal Server Error Fix: give this run its own artifact-name, or set overwrite: false (the files are still in output-dir)'
    )
    expect(up.calls).toHaveLength(0)
  })

  it('without a runtime token: one notice, files kept, no upload, no failure', async () => {
    const { ctx, reporter } = ctxWithPackage()
    const up = fakeUploader()
    const r = await publish(ctx, { uploader: up.factory, env: {} })
    expect(up.calls).toHaveLength(0)
    expect(r.uploaded).toBe(false)
    expect(r.reason).toMatch(/ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL not set/)
    const notices = reporter.lines.filter(l => l.level === 'notice')
    expect(notices).toHaveLength(1)
    expect(notices[0].message).toContain(ctx.package!.outputDir)
    expect(reporter.lines.filter(l => l.level === 'warning' || l.level === 'error')).toHaveLength(0)
  })

  it('upload: false uploads nothing and says why', async () => {
    const { ctx } = ctxWithPackage()
    ctx.plan!.upload = false
    const up = fakeUploader()
    expect(await publish(ctx, { uploader: up.factory, env: RUNNER_ENV })).toEqual({
      uploaded: false,
      reason: 'upload: false'
    })
    expect(up.calls).toHaveLength(0)
  })

  it('a failed upload fails the run with the service’s reason', async () => {
    const { ctx } = ctxWithPackage()
    const quota = fakeUploader(async () => {
      throw new Error('Failed request: (403) Forbidden: Artifact storage quota has been hit')
    })
    const err = await publish(ctx, { uploader: quota.factory, env: RUNNER_ENV }).catch(e => e)
    expect(err).toBeInstanceOf(BuildError)
    expect((err as BuildError).render()).toBe(
      'input retention-days: uploading artifact "bifrost-1.2.3-linux-amd64-glibc-dynamic" failed: Failed request: (403) Forbidden: Artifact storage quota has been hit Fix: delete old artifacts or lower retention-days; the files are still in output-dir'
    )
    const conflict = fakeUploader(async () => {
      throw new Error(
        '(409) Conflict: an artifact with this name already exists on the workflow run'
      )
    })
    const err2 = await publish(ctx, { uploader: conflict.factory, env: RUNNER_ENV }).catch(e => e)
    expect((err2 as BuildError).where.input).toBe('artifact-name')
    expect((err2 as BuildError).message).toContain('already exists on the workflow run')
  })
})

describe('setOutputs', () => {
  it('sets every output of the contract after a full run, and appends the summary', () => {
    const { ctx, reporter } = ctxWithPackage()
    ctx.publish = {
      uploaded: true,
      artifactId: '1',
      artifactUrl: 'https://x/1',
      artifactDigest: 'sha256:d'
    }
    const summary = path.join(mkdtempSync(path.join(os.tmpdir(), 'bb-sum-')), 'summary')
    writeFileSync(summary, 'earlier step\n')
    setOutputs(ctx, { GITHUB_STEP_SUMMARY: summary })
    const out = ctx.package!.outputDir
    expect(reporter.outputs).toEqual({
      'go-version': '1.26.1',
      'go-root': '/opt/hostedtoolcache/go/1.26.1/x64',
      mode: 'dynamic',
      libc: 'glibc',
      target: 'linux/amd64',
      binary: path.join(out, 'bifrost-http'),
      plugins: JSON.stringify([
        { name: 'hello', path: path.join(out, 'plugins/hello.so'), sha256: '3'.repeat(64) },
        { name: 'world', path: path.join(out, 'plugins/world.so'), sha256: '4'.repeat(64) }
      ]),
      archive: path.join(out, 'bifrost-1.2.3-linux-amd64-glibc-dynamic.tar.gz'),
      checksums: path.join(out, 'SHA256SUMS'),
      manifest: path.join(out, 'manifest.json'),
      'glibc-floor': '2.34',
      'cache-hit': 'false',
      'artifact-id': '1',
      'artifact-url': 'https://x/1',
      'artifact-digest': 'sha256:d',
      'artifact-name': 'bifrost-1.2.3-linux-amd64-glibc-dynamic',
      'output-dir': out,
      'image-digest': '',
      'image-archive': ''
    })
    const text = readFileSync(summary, 'utf8')
    expect(text.startsWith('earlier step\n## bifrost-build: ✅ dynamic glibc linux/amd64')).toBe(
      true
    )
  })

  it('verify-only: outputs from the checked files, hashes computed, package outputs empty', () => {
    const s = makeSample()
    const reporter = fakeReporter()
    const ctx: RunContext = {
      reporter,
      signal: new AbortController().signal,
      toolchain: s.toolchain,
      verify: s.verify,
      timings: [{ stage: 'verify', ms: 900, status: 'ok' }]
    }
    setOutputs(ctx, {})
    const plugins = JSON.parse(reporter.outputs.plugins)
    expect(plugins.map((p: { name: string }) => p.name)).toEqual(['world', 'hello'])
    expect(plugins[0].sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(reporter.outputs).toMatchObject({
      mode: 'dynamic',
      libc: 'glibc',
      target: 'linux/amd64',
      binary: s.build.host.path,
      archive: '',
      checksums: '',
      manifest: '',
      'glibc-floor': '2.34',
      'cache-hit': 'false',
      'artifact-id': ''
    })
    expect(Object.keys(reporter.outputs)).toHaveLength(19)
    const md = summaryMarkdown(ctx, { [s.build.host.path]: 'f'.repeat(64) })
    expect(md).toContain('## bifrost-build: ✅ verify-only, Go 1.26.1')
    expect(md).toContain('`' + 'f'.repeat(64) + '`')
  })
})

describe('summaryMarkdown', () => {
  it('holds every figure of a sample run', () => {
    const { ctx } = ctxWithPackage()
    ctx.publish = {
      uploaded: true,
      artifactId: '4242',
      artifactUrl: 'https://github.com/acme/gw/actions/runs/77/artifacts/4242',
      artifactDigest: 'sha256:abc'
    }
    ctx.timings.push(
      { stage: 'package', ms: 2100, status: 'ok' },
      { stage: 'publish', ms: 640, status: 'ok' }
    )
    expect(summaryMarkdown(ctx)).toMatchInlineSnapshot(`
      "## bifrost-build: ✅ dynamic glibc linux/amd64, Go 1.26.1

      ### Files

      | file | size | sha256 | linkage | libc | glibc floor |
      |---|---:|---|---|---|---|
      | \`BUILD.md\` | 4.2 KiB | \`1111111111111111111111111111111111111111111111111111111111111111\` |  |  |  |
      | \`bifrost-http\` | 50.0 MiB | \`2222222222222222222222222222222222222222222222222222222222222222\` | dynamic | glibc | 2.34 |
      | \`plugins/hello.so\` | 3.0 MiB | \`3333333333333333333333333333333333333333333333333333333333333333\` | dynamic | glibc | 2.2.5 |
      | \`plugins/world.so\` | 3.0 MiB | \`4444444444444444444444444444444444444444444444444444444444444444\` | dynamic | glibc | 2.2.5 |
      | \`manifest.json\` | 8.8 KiB | \`5555555555555555555555555555555555555555555555555555555555555555\` |  |  |  |
      | \`bifrost-1.2.3-linux-amd64-glibc-dynamic.tar.gz\` | 19.1 MiB | \`6666666666666666666666666666666666666666666666666666666666666666\` |  |  |  |

      glibc floor of the set: **2.34**

      ### Checks: 4 pass, 0 fail

      | check | file | result | detail |
      |---|---|---|---|
      | elf.machine | bifrost-http | ✅ pass | x86-64 (amd64) |
      | linkage.dynamic | bifrost-http | ✅ pass | PT_INTERP /lib64/ld-linux-x86-64.so.2, needs libc.so.6 |
      | load | world.so | ✅ pass | plugin status: world - active |
      | load | hello.so | ✅ pass | plugin status: hello - active |
      | load test | all | ✅ pass | 2 plugin(s) active |

      ### Plan

      | | |
      |---|---|
      | Go | 1.26.1 (dl) |
      | Source | \`bifrost\` |
      | Mode / libc / target | dynamic glibc linux/amd64 |
      | Version / plugin version | 1.2.3 / 1.2.3 |
      | Plugins | world (\`bifrost/plugins/world\`), hello (\`bifrost/plugins/hello\`) |
      | C compiler | \`gcc\` |
      | Extra ldflags | \`-X 'main.Note=it''s'\` |
      | trimpath / align-modules / ui / verify | true / error / auto / full |
      | Output dir | \`bifrost-dist\` |
      | Artifact name | \`bifrost-1.2.3-linux-amd64-glibc-dynamic\` |
      | Cache | partial hit (\`k-old\`) |

      ### Artifact

      [bifrost-1.2.3-linux-amd64-glibc-dynamic](https://github.com/acme/gw/actions/runs/77/artifacts/4242) (id 4242, digest \`sha256:abc\`)

      ### Stage times

      | stage | time | status |
      |---|---:|---|
      | plan | 12 ms | ok |
      | toolchain | 2.3 s | ok |
      | cache restore | 800 ms | ok |
      | build | 31.0 s | ok |
      | verify | 1.5 s | ok |
      | package | 2.1 s | ok |
      | publish | 640 ms | ok |
      | **total** | **38.4 s** | |
      "
    `)
  })
})
