/**
 * A failed run still reports: outputs known by then, the job summary (failed checks first,
 * the rest folded), a JSON report, one annotation per failed check with its id as title and
 * the plugin's go.mod as file, and one fix per error on its own line. Unit tests on a sample
 * context, then the real bundled action and CLI on the fixture.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CheckResult, RunContext } from '../src/context.js'
import { BuildError, failureOf, failureText, splitFix, withFix } from '../src/errors.js'
import { failIfNotOk } from '../src/steps/verify.js'
import { finishRun } from '../src/publish/outcome.js'
import { summaryMarkdown } from '../src/publish/index.js'
import { runAction, runCli, runnerDirs } from './helpers/action.js'
import { copyFixture, fixtureGoEnv } from '../testkit/fixture.js'
import { goEnv } from '../testkit/go-env.js'
import { makeSample, sampleContext } from './helpers/package.js'
import { fakeReporter } from './helpers/reporter.js'

const SKEW: CheckResult = {
  id: 'buildinfo.module',
  subject: 'hello.so',
  status: 'fail',
  message: 'module bifrost.test/core differs: host v1.1.0, plugin v1.0.0: loading fails',
  fix: 'in bifrost/plugins/hello: go get bifrost.test/core@v1.1.0'
}

function failedContext(): { ctx: RunContext; reporter: ReturnType<typeof fakeReporter> } {
  const s = makeSample()
  const reporter = fakeReporter()
  const ctx = sampleContext(s, reporter)
  ctx.verify = { ...s.verify, ok: false, checks: [SKEW, ...s.verify.checks] }
  ctx.timings.splice(-1, 1, { stage: 'verify', ms: 1500, status: 'failed' })
  return { ctx, reporter }
}

describe('one fix per error, on its own line', () => {
  it('splits a check message at its fix', () => {
    expect(splitFix(withFix(SKEW))).toEqual({
      text: 'module bifrost.test/core differs: host v1.1.0, plugin v1.0.0: loading fails',
      fix: 'in bifrost/plugins/hello: go get bifrost.test/core@v1.1.0'
    })
    expect(splitFix('no fix here')).toEqual({ text: 'no fix here' })
  })

  it('a failed verification names the checks and carries the one fix, not two', () => {
    let err: unknown
    try {
      failIfNotOk({ ok: false, checks: [SKEW], files: [] })
    } catch (e) {
      err = e
    }
    const text = failureText(failureOf(err))
    expect(text.match(/Fix:/g)).toHaveLength(1)
    expect(text.split('\n')).toEqual([
      'verification failed (1 check(s)): hello.so: module bifrost.test/core differs: host v1.1.0, plugin v1.0.0: loading fails',
      'Fix: in bifrost/plugins/hello: go get bifrost.test/core@v1.1.0; nothing was packaged or uploaded'
    ])
  })

  it('an input error: title names the input, the file is kept for the annotation', () => {
    const f = failureOf(
      new BuildError('transports/go.mod says "go 1.99"', {
        input: 'go-version',
        file: '/w/transports/go.mod',
        fix: 'set go-version to 1.99',
        usage: true
      })
    )
    expect(f).toMatchObject({
      title: 'input go-version',
      file: '/w/transports/go.mod',
      exitCode: 2,
      message: 'input go-version: transports/go.mod says "go 1.99"'
    })
  })
})

describe('finishRun after a failed verification', () => {
  it('sets the outputs known by then, writes summary and report, annotates each failed check', () => {
    const { ctx, reporter } = failedContext()
    const summary = path.join(mkdtempSync(path.join(os.tmpdir(), 'bb-sum-')), 'summary')
    writeFileSync(summary, '')
    const err = (() => {
      try {
        failIfNotOk(ctx.verify!)
      } catch (e) {
        return e
      }
    })()
    const temp = mkdtempSync(path.join(os.tmpdir(), 'bb-rt-'))
    const end = finishRun(ctx, err, { GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: temp })
    const plan = ctx.plan!
    expect(reporter.outputs).toMatchObject({
      'go-version': '1.26.1',
      mode: 'dynamic',
      libc: 'glibc',
      target: 'linux/amd64',
      'artifact-name': plan.artifactName,
      'output-dir': plan.outputDir,
      archive: '',
      'glibc-floor': '2.34'
    })
    // the report sits in RUNNER_TEMP (not in output-dir, which a failed run leaves alone)
    expect(reporter.outputs.report).toBe(path.join(temp, 'bifrost-build-report.json'))
    const report = JSON.parse(readFileSync(reporter.outputs.report, 'utf8'))
    expect(report.ok).toBe(false)
    expect(report.error.message).toMatch(/^verification failed/)
    expect(report.checks[0]).toMatchObject({ id: 'buildinfo.module', status: 'fail' })
    expect(report.checks[0].fix).toBe('in bifrost/plugins/hello: go get bifrost.test/core@v1.1.0')
    expect(end.report.outputs.report).toBe(reporter.outputs.report)

    const md = readFileSync(summary, 'utf8')
    expect(md).toMatch(/^## bifrost-build: ❌ dynamic glibc linux\/amd64, Go 1\.26\.1/)
    expect(md).toContain('**Failed in verify:** verification failed (1 check(s))')
    expect(md).toContain('**Fix:** in bifrost/plugins/hello: go get bifrost.test/core@v1.1.0;')
    expect(md).toContain('### Stage times')
    // the failed check is the first row of the checks table
    const rows = md
      .split('\n')
      .filter(l => /^\| (buildinfo\.module|elf\.machine|linkage\.dynamic|load) /.test(l))
    expect(rows[0]).toContain('| buildinfo.module | hello.so | ❌ fail |')

    const errors = reporter.lines.filter(l => l.level === 'error').map(l => l.message)
    expect(errors[0]).toBe(
      'hello.so: module bifrost.test/core differs: host v1.1.0, plugin v1.0.0: loading fails\nFix: in bifrost/plugins/hello: go get bifrost.test/core@v1.1.0'
    )
    expect(errors.at(-1)).toMatch(/^verification failed[^\n]*\nFix: [^\n]*$/)
  })

  it('annotations carry the check id as title and the plugin go.mod as file', () => {
    const { ctx } = failedContext()
    const props: unknown[] = []
    ctx.reporter.error = (_m: string, p?: unknown) => void props.push(p)
    finishRun(ctx, new Error('x'), { RUNNER_TEMP: mkdtempSync(path.join(os.tmpdir(), 'bb-rt-')) })
    expect(props[0]).toEqual({ title: 'buildinfo.module', file: 'bifrost/plugins/hello/go.mod' })
    expect(props.at(-1)).toEqual({ title: 'bifrost-build' })
  })

  it('folds the passing checks into <details> when there are many, failed ones stay on top', () => {
    const { ctx } = failedContext()
    const many: CheckResult[] = Array.from({ length: 12 }, (_, i) => ({
      id: `check.${i}`,
      subject: 'bifrost-http',
      status: 'pass',
      message: 'ok'
    }))
    ctx.verify!.checks = [...many, SKEW]
    const md = summaryMarkdown(ctx, {}, { message: 'verification failed', title: 't', exitCode: 1 })
    const details = md.indexOf('<details><summary>')
    expect(details).toBeGreaterThan(md.indexOf('| buildinfo.module |'))
    expect(md.indexOf('| check.0 |')).toBeGreaterThan(details)
    expect(md).toContain('</details>')
  })
})

const goVersion = goEnv().GOVERSION.slice(2)

describe('the bundled action and CLI on failure', () => {
  it('a go.mod newer than the chosen Go: summary, report, annotation on that go.mod', async () => {
    const dirs = runnerDirs()
    const src = await copyFixture(dirs.workspace)
    const gomod = path.join(src, 'transports', 'go.mod')
    writeFileSync(gomod, readFileSync(gomod, 'utf8').replace(/^go .*$/m, 'go 1.99.0'))
    const r = await runAction(
      { 'go-download-source': 'local', 'go-version': goVersion, 'output-dir': 'out' },
      { dirs, env: fixtureGoEnv() }
    )
    expect(r.code).toBe(1)
    expect(r.errors).toHaveLength(1)
    expect(r.errors[0]).toMatch(
      /^::error title=input go-version,file=transports\/go.mod::input go-version: .*go 1\.99\.0.*%0AFix: set go-version to 1\.99\.0/
    )
    expect(r.summary).toContain('## bifrost-build: ❌')
    expect(r.summary).toContain('**Fix:** set go-version to 1.99.0')
    expect(r.summary).toContain('| plan |')
    const report = JSON.parse(readFileSync(r.outputs.report, 'utf8'))
    expect(report).toMatchObject({ ok: false, error: { input: 'go-version', exitCode: 2 } })
  })

  it('a skewed plugin fails the load test: outputs, summary and annotations', async () => {
    const dirs = runnerDirs()
    await copyFixture(dirs.workspace)
    const r = await runAction(
      {
        'go-download-source': 'local',
        'go-version': goVersion,
        plugins: 'plugins/hello,plugins/skewed',
        'align-modules': 'warn',
        'output-dir': 'out',
        version: '1.0.0'
      },
      { dirs, env: fixtureGoEnv() }
    )
    expect(r.code, r.stdout.slice(-3000)).toBe(1)
    const checkErrors = r.errors.filter(e => /^::error title=(?!bifrost-build)/.test(e))
    expect(checkErrors.length).toBeGreaterThan(0)
    expect(checkErrors.some(e => e.includes('file=plugins/skewed/go.mod'))).toBe(true)
    for (const e of r.errors) expect(e.match(/Fix:/g)?.length ?? 0).toBeLessThanOrEqual(1)
    expect(r.outputs).toMatchObject({
      mode: 'dynamic',
      libc: 'glibc',
      target: 'linux/amd64',
      'go-version': goVersion,
      archive: '',
      'output-dir': path.join(dirs.workspace, 'out')
    })
    expect(r.outputs['artifact-name']).toMatch(/^bifrost-1\.0\.0-/)
    expect(r.summary).toContain('## bifrost-build: ❌ dynamic glibc linux/amd64')
    expect(r.summary).toContain('❌ fail')
    expect(r.summary).toContain('| verify |')
  }, 300_000)

  it('CLI --json prints the report on failure and exits 1; a usage error is JSON with exit 2', async () => {
    const ws = await copyFixture()
    const out = mkdtempSync(path.join(os.tmpdir(), 'bb-cli-fail-'))
    const r = await runCli(
      [
        'build',
        '--go-download-source',
        'local',
        '--plugins',
        'plugins/nope',
        '--output-dir',
        out,
        '--json'
      ],
      { cwd: ws, env: fixtureGoEnv() }
    )
    expect(r.code).toBe(2)
    const body = JSON.parse(r.stdout)
    expect(body.ok).toBe(false)
    expect(body.error.input).toBe('plugins')
    expect(r.stderr).toMatch(/\nFix: /)
    const usage = await runCli(['build', '--colour', 'red', '--json'])
    expect(usage.code).toBe(2)
    expect(JSON.parse(usage.stdout).error.message).toBe('unknown flag --colour for "build"')
    const version = await runCli(['--version'])
    expect(version.stdout.trim()).toMatch(/^bifrost-build \d+\.\d+\.\d+$/)
  }, 120_000)
})
