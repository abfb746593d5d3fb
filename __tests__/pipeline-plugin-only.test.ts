/**
 * Plugin-only builds (host-binary + plugins) through the real bundled CLI and action: fixture
 * hosts built elsewhere with non-default settings (tags, GOAMD64, GOEXPERIMENT, no -trimpath,
 * musl, arm64 under qemu), each matched by a plugin-only build that the host's real loader
 * loads; a skewed plugin refused before building with align-modules: error and loaded with fix.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { runAction, runCli, runnerDirs } from './helpers/action.js'
import { copyFixture, fixtureGoEnv, gitStatus } from '../testkit/fixture.js'
import { buildFixture, type FixtureBuild } from '../testkit/verify-builds.js'
import { startServer } from '../testkit/toolchain.js'
import { tempDir } from './helpers/build.js'

const e2e = process.env.BIFROST_BUILD_E2E === '1'
const exec = promisify(execFile)
const MIN = 60_000

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

async function settingsOf(file: string): Promise<Record<string, string>> {
  const { stdout } = await exec('go', ['version', '-m', '-json', file], {
    env: { ...process.env, GOTOOLCHAIN: 'local' }
  })
  const bi = JSON.parse(stdout) as { Settings: { Key: string; Value: string }[] }
  return Object.fromEntries(bi.Settings.map(s => [s.Key, s.Value]))
}

/** `bifrost-build build --host-binary <host> --plugins <dir>` in a fresh fixture checkout. */
async function pluginOnly(host: string, extra: string[] = [], plugin = 'plugins/hello') {
  const ws = await copyFixture()
  const out = path.join(tempDir('bb-po-out-'), 'dist')
  const r = await runCli(
    [
      'build',
      '--host-binary',
      host,
      '--plugins',
      plugin,
      '--go-download-source',
      'local',
      '--output-dir',
      out,
      '--verify-timeout',
      '120',
      ...extra
    ],
    { cwd: ws, env: fixtureGoEnv(), timeoutMs: 15 * MIN }
  )
  return { ...r, ws, out, log: r.stdout + r.stderr }
}

function expectLoaded(r: { code: number | null; log: string }, name = 'hello'): void {
  expect(r.log, r.log.slice(-3000)).toMatch(new RegExp(`pass\\s+load\\s+${name}\\.so`))
  expect(r.code, r.log.slice(-3000)).toBe(0)
}

async function expectPackagedFor(out: string, host: string, name = 'hello'): Promise<void> {
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))
  expect(manifest.builtFor).toMatchObject({ kind: 'binary', sha256: sha256(host) })
  expect(manifest.plan.source).toMatchObject({ kind: 'host', sha256: sha256(host) })
  const names = manifest.files.map((f: { name: string }) => f.name)
  expect(names).toContain(`plugins/${name}.so`)
  expect(names).not.toContain('bifrost-http')
  expect(existsSync(path.join(out, 'bifrost-http'))).toBe(false)
  const buildMd = readFileSync(path.join(out, 'BUILD.md'), 'utf8')
  expect(buildMd).toContain('## Built for this host')
  expect(buildMd).toContain(sha256(host))
  const { stdout } = await exec('tar', ['-tzf', path.join(out, manifest.archive.name)])
  expect(stdout).toContain(`plugins/${name}.so`)
  expect(stdout).not.toMatch(/\/bifrost-http$/m)
}

describe('plugin-only builds against an existing host', () => {
  it(
    'glibc host with tags, GOAMD64=v3, GOEXPERIMENT=jsonv2 and no -trimpath: the plugin matches and loads',
    async () => {
      const spec: FixtureBuild = {
        kind: 'host',
        tags: ['bb_extra'],
        goamd64: 'v3',
        trimpath: false,
        goexperiment: 'jsonv2'
      }
      const host = await buildFixture(spec)
      const r = await pluginOnly(host)
      expectLoaded(r)
      // Taken from the host, not from this machine's defaults.
      expect(r.log).toMatch(/From the host:\s+Go \d+\.\d+\.\d+, linux\/amd64 GOAMD64=v3, glibc/)
      expect(r.log).toContain('-ldflags -X main.Version') // the stamp, recorded without -trimpath
      const so = path.join(r.out, 'plugins', 'hello.so')
      const s = await settingsOf(so)
      expect(s).toMatchObject({
        GOAMD64: 'v3',
        '-tags': 'bb_extra',
        GOEXPERIMENT: 'jsonv2',
        '-buildmode': 'plugin'
      })
      expect(s['-trimpath']).toBeUndefined()
      await expectPackagedFor(r.out, host)
      expect(await gitStatus(r.ws)).toBe('') // the plugin's go.mod is never edited
    },
    20 * MIN
  )

  it(
    'a skewed plugin is refused before building with align-modules: error and loads with fix (host from a URL)',
    async () => {
      const host = await buildFixture({ kind: 'host' })
      const refused = await pluginOnly(host, ['--align-modules', 'error'], 'plugins/skewed')
      expect(refused.code).toBe(1)
      expect(refused.log).toMatch(
        /input align-modules: plugin modules differ from the host's.*bifrost\.test\/core plugin skewed has v1\.0\.0, host has v1\.1\.0/
      )
      expect(refused.log).not.toMatch(/building plugin skewed/)

      // The same host from a loopback URL, checked against its sha256, then pinned with fix.
      const server = await startServer()
      server.routes.set('/releases/bifrost-http', () => ({ file: host }))
      try {
        const url = `${server.url}/releases/bifrost-http`
        const wrong = await pluginOnly(
          url,
          ['--host-binary-sha256', '0'.repeat(64)],
          'plugins/skewed'
        )
        expect(wrong.code).toBe(2)
        expect(wrong.log).toMatch(
          /input host-binary-sha256: .* downloaded with sha256 [0-9a-f]{64}, not 0{64}; nothing was built/
        )
        const noSum = await pluginOnly(url, [], 'plugins/skewed')
        expect(noSum.log).toMatch(
          /input host-binary-sha256: host-binary is a URL .* no host-binary-sha256 is set/
        )
        const fixed = await pluginOnly(
          url,
          ['--align-modules', 'fix', '--host-binary-sha256', sha256(host)],
          'plugins/skewed'
        )
        expectLoaded(fixed, 'skewed')
        expect(fixed.log).toMatch(/pinned to the host's bifrost\.test\/core v1\.1\.0/)
        await expectPackagedFor(fixed.out, host, 'skewed')
        expect(await gitStatus(fixed.ws)).toBe('')
      } finally {
        await server.close()
      }
    },
    20 * MIN
  )

  it(
    'hosts that cannot take plugins get one clear error naming what is missing',
    async () => {
      const stat = await buildFixture({ kind: 'host', static: true })
      const r1 = await pluginOnly(stat)
      expect(r1.code).toBe(2)
      expect(r1.log).toMatch(/input host-binary: .* is statically linked \(no PT_INTERP\)/)

      // Build info removed (its magic overwritten, as a post-processing tool might).
      const host = await buildFixture({ kind: 'host' })
      const broken = path.join(tempDir('bb-po-broken-'), 'bifrost-http')
      copyFileSync(host, broken)
      const buf = readFileSync(broken)
      const magic = Buffer.from('\xff Go buildinf:', 'latin1')
      for (let i = buf.indexOf(magic); i >= 0; i = buf.indexOf(magic, i + 1)) buf.fill(0, i, i + 14)
      writeFileSync(broken, buf)
      const r2 = await pluginOnly(broken)
      expect(r2.code).toBe(2)
      expect(r2.log).toMatch(/input host-binary: .* carries no readable Go build info/)
      expect(r2.log).not.toMatch(/==> toolchain/)
    },
    10 * MIN
  )

  it(
    'host-manifest: the same plugin-only build from the manifest of the host build; the load test is skipped with a note',
    async () => {
      const host = await buildFixture({ kind: 'host' })
      const { makeHostReference, readHostFacts } = await import('../src/lib/host-reference.js')
      const reference = makeHostReference(await readHostFacts(host), {
        name: 'bifrost-http',
        sha256: sha256(host),
        mode: 'dynamic',
        libc: 'glibc',
        target: 'linux/amd64'
      })
      const manifest = path.join(tempDir('bb-po-manifest-'), 'manifest.json')
      writeFileSync(
        manifest,
        JSON.stringify({ generator: 'bifrost-build', hostReference: reference })
      )
      const ws = await copyFixture()
      const out = path.join(tempDir('bb-po-out-'), 'dist')
      const r = await runCli(
        [
          'build',
          '--host-manifest',
          manifest,
          '--plugins',
          'plugins/hello',
          '--go-download-source',
          'local',
          '--output-dir',
          out
        ],
        { cwd: ws, env: fixtureGoEnv(), timeoutMs: 15 * MIN }
      )
      const log = r.stdout + r.stderr
      expect(r.code, log.slice(-3000)).toBe(0)
      expect(log).toMatch(/pass\s+buildinfo\.modules\s+hello\.so/)
      expect(log).toMatch(/skip\s+load/)
      const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))
      expect(m.builtFor).toMatchObject({ kind: 'manifest', sha256: sha256(host) })
      expect(m.builtFor.notRecorded.join(' ')).toMatch(/load test needs it and is skipped/)
      // The plugin so built loads into the real host.
      const loaded = await runCli(
        ['verify', '--host', host, '--plugin', path.join(out, 'plugins', 'hello.so'), '--load'],
        { cwd: ws, timeoutMs: 5 * MIN }
      )
      expect(loaded.code, loaded.stderr.slice(-2000)).toBe(0)
      expect(loaded.stdout + loaded.stderr).toMatch(/pass\s+load/)
    },
    20 * MIN
  )

  it.runIf(e2e)(
    'musl host with GOAMD64=v2 through the action (INPUT_* as the runner sets them): loads',
    async () => {
      const host = await buildFixture({ kind: 'host', libc: 'musl', goamd64: 'v2' })
      const dirs = runnerDirs()
      await copyFixture(dirs.workspace)
      const r = await runAction(
        {
          'host-binary': host,
          plugins: 'plugins/hello',
          'go-download-source': 'local',
          upload: 'false',
          cache: 'false',
          'verify-timeout': '120'
        },
        { dirs, env: fixtureGoEnv(), timeoutMs: 15 * MIN }
      )
      const log = r.stdout + r.stderr
      expect(r.code, log.slice(-3000)).toBe(0)
      expect(log).toMatch(/pass\s+load\s+hello\.so/)
      expect(r.outputs.libc).toBe('musl')
      const so = path.join(dirs.workspace, 'bifrost-dist', 'plugins', 'hello.so')
      expect((await settingsOf(so)).GOAMD64).toBe('v2')
      await expectPackagedFor(path.join(dirs.workspace, 'bifrost-dist'), host)
    },
    20 * MIN
  )

  it.runIf(e2e)(
    'arm64 host: the plugin is cross-built for it and loaded under qemu',
    async () => {
      const host = await buildFixture({ kind: 'host', arch: 'arm64' })
      const r = await pluginOnly(host, ['--verify-timeout', '300'])
      expectLoaded(r)
      expect(r.log).toMatch(/linux\/arm64 GOARM64=v8\.0, glibc \(aarch64-linux-gnu-gcc\)/)
      expect((await settingsOf(path.join(r.out, 'plugins', 'hello.so'))).GOARCH).toBe('arm64')
    },
    25 * MIN
  )
})
