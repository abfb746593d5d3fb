/**
 * verify with no Go toolchain: the bundled CLI and action with PATH=/usr/bin:/bin (no go
 * anywhere on it) pass a good pair and name the module of a skewed one; and plugins are
 * checked against a host build's manifest.json (written by the real package stage), from a
 * path or a loopback URL, without the host binary.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { packageOutputs } from '../src/package/index.js'
import { manifestUrlProblem, parseHostManifest, readHostFacts } from '../src/lib/host-reference.js'
import { DIST_CLI, REPO, runAction, runCli } from './helpers/action.js'
import { makeSample } from './helpers/package.js'
import { startServer, type LoopbackServer } from '../testkit/toolchain.js'
import { buildFixture } from '../testkit/verify-builds.js'
import { fakeReporter } from './helpers/reporter.js'

vi.setConfig({ testTimeout: 900_000, hookTimeout: 900_000 })

const NO_GO = { PATH: '/usr/bin:/bin', GOROOT: undefined, GOTOOLCHAIN: undefined }
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bb-verify-nogo-'))
let host = ''
let hello = ''
let skewed = ''
let manifest = ''
let server: LoopbackServer

beforeAll(async () => {
  host = await buildFixture({ kind: 'host' })
  hello = await buildFixture({ kind: 'plugin', plugin: 'hello' })
  skewed = await buildFixture({ kind: 'plugin', plugin: 'skewed' })
  // The manifest of a real package stage run whose host is the fixture host.
  const s = makeSample({ root: path.join(tmp, 'pkg'), plugins: ['hello'] })
  copyFileSync(host, s.build.host.path)
  const r = await packageOutputs({
    plan: s.plan,
    toolchain: s.toolchain,
    build: s.build,
    // Verify hands on what it read of the host; package writes the hostReference from it.
    verify: { ...s.verify, hostFacts: await readHostFacts(host) },
    timings: [],
    reporter: fakeReporter(),
    env: { SOURCE_DATE_EPOCH: '1767225600' }
  })
  manifest = r.manifest
  server = await startServer()
  server.routes.set('/manifest.json', () => ({ file: manifest }))
  server.routes.set('/big.json', () => ({ body: ' '.repeat(9 * 1024 * 1024) }))
})
afterAll(async () => {
  await server?.close()
  rmSync(tmp, { recursive: true, force: true })
})

const out = (r: { stdout: string; stderr: string }) => r.stdout + r.stderr

describe('no go on PATH', () => {
  it('the test environment really has no go on /usr/bin:/bin', async () => {
    const r = await runCli(['setup-go', '--go-download-source', 'local'], { env: NO_GO })
    expect(r.code).not.toBe(0)
    expect(out(r)).toContain('needs a go on PATH')
  })

  it('bifrost-build verify: a good pair passes, with the load test', async () => {
    const r = await runCli(['verify', '--host', host, '--plugin', hello, '--load'], { env: NO_GO })
    expect(r.code, out(r)).toBe(0)
    expect(out(r)).toMatch(/buildinfo\.modules\s+hello\.so/)
    expect(out(r)).toContain('plugin status: hello - active')
    expect(out(r)).not.toMatch(/toolchain/i)
  })

  it('bifrost-build verify: a skewed plugin fails and names the module', async () => {
    const r = await runCli(['verify', '--host', host, '--plugin', skewed], { env: NO_GO })
    expect(r.code).toBe(1)
    expect(out(r)).toContain('module bifrost.test/core differs: host v1.1.0')
    expect(out(r)).toContain('plugin v1.0.0')
  })

  it('toolchain flags given to verify are ignored with a notice, not run', async () => {
    const r = await runCli(
      ['verify', '--host', host, '--plugin', hello, '--go-download-source', 'local'],
      { env: NO_GO }
    )
    expect(r.code, out(r)).toBe(0)
    expect(out(r)).toContain('go-download-source ignored')
  })

  it('the action with verify-only: true needs no Go and no download', async () => {
    const r = await runAction(
      { 'verify-only': 'true', 'host-binary': host, 'plugin-binaries': hello, verify: 'static' },
      // A download attempt would hit this closed port and fail the run.
      { env: { ...NO_GO, GO_DOWNLOAD_BASE_URL: 'http://127.0.0.1:9/dl' } }
    )
    expect(r.code, out(r)).toBe(0)
    expect(r.errors).toEqual([])
    expect(r.outputs['go-version'] ?? '').toBe('')
  })
})

describe('host-manifest: plugins against a host build manifest, without the host', () => {
  it('the package stage writes a schema-valid hostReference', () => {
    const m = JSON.parse(readFileSync(manifest, 'utf8'))
    const schema = JSON.parse(
      readFileSync(path.join(REPO, 'schema', 'manifest.schema.json'), 'utf8')
    )
    const ajv = new Ajv2020({ allErrors: true, strict: true })
    const validate = ajv.compile(schema)
    expect(validate(m), ajv.errorsText(validate.errors)).toBe(true)
    expect(m.hostReference).toMatchObject({
      version: 1,
      mode: 'dynamic',
      libc: 'glibc',
      target: 'linux/amd64',
      host: {
        name: 'bifrost-http',
        elf: { class: 64, machine: 'amd64', interp: '/lib64/ld-linux-x86-64.so.2' },
        buildInfo: { settings: { '-trimpath': 'true', CGO_ENABLED: '1' } }
      }
    })
    expect(m.hostReference.host.sha256).toBe(
      m.files.find((f: { kind: string }) => f.kind === 'host').sha256
    )
    expect(
      m.hostReference.host.buildInfo.deps.find(
        (d: { path: string }) => d.path === 'bifrost.test/core'
      )
    ).toMatchObject({ version: 'v1.1.0', sum: expect.stringMatching(/^h1:/) })
  })

  it('CLI, manifest path: a good plugin passes, the load test is skipped with a note', async () => {
    const r = await runCli(['verify', '--host-manifest', manifest, '--plugin', hello, '--load'], {
      env: NO_GO
    })
    expect(r.code, out(r)).toBe(0)
    expect(out(r)).toMatch(/reference\s+bifrost-http: host facts from the manifest/)
    expect(out(r)).toMatch(/buildinfo\.modules\s+hello\.so/)
    expect(out(r)).toContain('load test skipped: it needs the host binary')
  })

  it('CLI, manifest path: a skewed plugin fails and names the module', async () => {
    const r = await runCli(['verify', '--host-manifest', manifest, '--plugin', skewed], {
      env: NO_GO
    })
    expect(r.code).toBe(1)
    expect(out(r)).toContain('module bifrost.test/core differs: host v1.1.0')
  })

  it('the same verdicts as against the host binary, check by check', async () => {
    // The one line per check verify logs: `<status>  <id>  <subject>: <message>`.
    const verdicts = async (args: string[]) => {
      const r = await runCli(['verify', ...args], { env: NO_GO })
      return out(r)
        .split('\n')
        .map(l => /^(pass|FAIL|warn|skip) {2}(\S+) {2}(\S+): /.exec(l))
        .filter(m => m !== null && m[3] !== 'bifrost-http' && m[2] !== 'load')
        .map(m => `${m![2]} ${m![3]} ${m![1]}`)
    }
    for (const plugin of [hello, skewed]) {
      const fromManifest = await verdicts(['--host-manifest', manifest, '--plugin', plugin])
      expect(fromManifest.length).toBeGreaterThan(5)
      expect(fromManifest).toEqual(await verdicts(['--host', host, '--plugin', plugin]))
    }
  })

  it('action, manifest from a loopback URL', async () => {
    const r = await runAction(
      {
        'verify-only': 'true',
        'host-manifest': `${server.url}/manifest.json`,
        'plugin-binaries': skewed,
        verify: 'full'
      },
      { env: NO_GO }
    )
    expect(r.code).toBe(1)
    expect(r.errors.join('\n')).toContain('module bifrost.test/core differs')
    expect(server.count('/manifest.json')).toBeGreaterThan(0)
  })

  it('bad manifests: one clear error naming the input and the source', async () => {
    const write = (name: string, text: string) => {
      const f = path.join(tmp, name)
      writeFileSync(f, text)
      return f
    }
    const old = JSON.parse(readFileSync(manifest, 'utf8'))
    delete old.hostReference
    const future = JSON.parse(readFileSync(manifest, 'utf8'))
    future.hostReference.version = 2
    const cases: [string[], RegExp][] = [
      [
        ['--host-manifest', path.join(tmp, 'nope.json')],
        /input host-manifest: .*nope\.json does not exist/
      ],
      [['--host-manifest', write('text.json', 'hello')], /text\.json: is not JSON/],
      [['--host-manifest', write('other.json', '{"a":1}')], /is not a bifrost-build manifest/],
      [['--host-manifest', write('old.json', JSON.stringify(old))], /has no hostReference section/],
      [['--host-manifest', write('v2.json', JSON.stringify(future))], /hostReference version 2/],
      [['--host-manifest', `${server.url}/missing.json`], /cannot download .*HTTP 404/],
      [['--host-manifest', `${server.url}/big.json`], /larger than 8388608 bytes/],
      [['--host-manifest', 'http://example.com/manifest.json'], /http:\/\/ is not allowed/],
      [['--host-manifest', manifest, '--host', host], /both host-binary and host-manifest/]
    ]
    for (const [args, re] of cases) {
      const r = await runCli(['verify', ...args, '--plugin', hello], { env: NO_GO })
      expect(r.code, args.join(' ')).toBe(2)
      expect(out(r), args.join(' ')).toMatch(re)
    }
    const none = await runCli(['verify', '--host-manifest', manifest], { env: NO_GO })
    expect(none.code).toBe(2)
    expect(out(none)).toContain('no plugin is given')
  })

  it('URL rule and section validation as pure functions', () => {
    expect(manifestUrlProblem('https://github.com/o/r/releases/download/v1/manifest.json')).toBe(
      undefined
    )
    expect(manifestUrlProblem('http://127.0.0.1:8080/m.json')).toBe(undefined)
    expect(manifestUrlProblem('http://[::1]:8080/m.json')).toBe(undefined)
    expect(manifestUrlProblem('http://10.0.0.1/m.json')).toMatch(/not allowed/)
    expect(manifestUrlProblem('ftp://x/m.json')).toMatch(/not allowed/)
    const m = JSON.parse(readFileSync(manifest, 'utf8'))
    m.hostReference.host.buildInfo.deps[0].version = 7
    expect(() => parseHostManifest(JSON.stringify(m), 'm.json')).toThrow(
      /m\.json: hostReference is malformed: host\.buildInfo\.deps\[0\]/
    )
    expect(DIST_CLI).toMatch(/dist\/cli\/index\.js$/)
  })
})
