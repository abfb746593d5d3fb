/**
 * The `dl` route end to end: the bundled CLI installs Go from a loopback mirror of go.dev/dl
 * serving the installed Go repacked as an official archive, with the mirror's faults.
 */
import { cpSync, existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO, runAction, runCli, runnerDirs, type RunnerDirs } from './helpers/action.js'
import {
  dlIndex,
  goRelease,
  startServer,
  type InstalledGo,
  type LoopbackServer
} from '../testkit/toolchain.js'
import { runOk } from '../testkit/run.js'

const INDEX = '/?mode=json&include=all'
let go: InstalledGo
let archive: string
let sha: string
let server: LoopbackServer
let archivePath: string
/** A version this mirror pretends to have, to serve the installed Go under a wrong name. */
let fakeVersion: string

beforeAll(async () => {
  ;({ go, archive, sha, archivePath } = await goRelease())
  const [maj, min, patch] = go.version.split('.').map(Number)
  fakeVersion = `${maj}.${min}.${patch + 100}`
  server = await startServer()
})

afterAll(async () => {
  await server?.close()
})

function setupGo(dirs: RunnerDirs, args: string[], env: Record<string, string | undefined> = {}) {
  return runCli(['setup-go', ...args], {
    env: { RUNNER_TOOL_CACHE: dirs.toolCache, RUNNER_TEMP: dirs.temp, ...env }
  })
}

function goroot(stdout: string): string {
  return stdout.trim().split('\n').at(-1) ?? ''
}

function cachedVersions(dirs: RunnerDirs): string[] {
  const dir = path.join(dirs.toolCache, 'go')
  return existsSync(dir) ? readdirSync(dir).filter(n => !n.startsWith('.')) : []
}

function serveGoodMirror(): void {
  server.reset()
  server.routes.set(INDEX, () => ({
    body: dlIndex([
      { version: go.version, sha256: sha, arch: go.arch },
      {
        version: `${go.version.split('.').slice(0, 2).join('.')}rc1`,
        sha256: sha,
        arch: go.arch,
        stable: false
      }
    ])
  }))
  server.routes.set(archivePath, () => ({ file: archive }))
}

describe('setup-go from a go.dev/dl mirror', () => {
  const dirs = runnerDirs()

  it('downloads, verifies and installs into the tool cache; the installed go runs', async () => {
    serveGoodMirror()
    const r = await setupGo(dirs, [
      '--go-version',
      `go${go.version}`,
      '--go-download-base-url',
      server.url,
      '--token',
      'sekrit-token-value'
    ])
    expect(r.stderr).not.toContain('sekrit-token-value')
    expect(r.code, r.stderr).toBe(0)
    const root = goroot(r.stdout)
    expect(root).toBe(
      path.join(dirs.toolCache, 'go', go.version, go.arch === 'amd64' ? 'x64' : 'arm64')
    )
    expect(existsSync(`${root}.complete`)).toBe(true)
    const out = await runOk(path.join(root, 'bin', 'go'), ['version'], {
      env: { PATH: process.env.PATH, GOTOOLCHAIN: 'local' }
    })
    expect(out).toContain(`go${go.version} linux/${go.arch}`)
    const envRoot = await runOk(path.join(root, 'bin', 'go'), ['env', 'GOROOT'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, GOTOOLCHAIN: 'local' }
    })
    expect(envRoot.trim()).toBe(root)
    expect(server.count(INDEX)).toBe(1)
    expect(server.count(archivePath)).toBe(1)
    // The token is for GitHub-hosted mirrors only.
    expect(server.authorizations).toEqual([])
  })

  it('finds it in the tool cache the second time without any HTTP request', async () => {
    server.reset()
    const r = await setupGo(dirs, [
      '--go-version',
      go.version,
      '--go-download-base-url',
      server.url
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain('found in the tool cache')
    expect(server.requests).toEqual([])
  })

  it('resolves 1.N.x to the newest stable patch in the index (base URL from GO_DOWNLOAD_BASE_URL)', async () => {
    serveGoodMirror()
    const minor = go.version.split('.').slice(0, 2).join('.')
    const r = await setupGo(dirs, ['--go-version', `${minor}.x`], {
      GO_DOWNLOAD_BASE_URL: server.url
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain(`resolved to ${go.version}`)
    expect(server.count(INDEX)).toBe(1)
    expect(server.count(archivePath)).toBe(0)
  })

  it('go-version stable (setup-go) resolves through the index to the newest release', async () => {
    serveGoodMirror()
    const r = await setupGo(dirs, ['--go-version', 'stable', '--go-download-base-url', server.url])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain(`Go stable (from go-version) resolved to ${go.version}`)
    expect(goroot(r.stdout)).toContain(path.join('go', go.version))
    expect(server.count(INDEX)).toBe(1)
  })

  it('names the nearest releases for a version the index does not have', async () => {
    serveGoodMirror()
    const r = await setupGo(runnerDirs(), [
      '--go-version',
      fakeVersion,
      '--go-download-base-url',
      server.url
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`Go ${fakeVersion} is not in the download index`)
    expect(r.stderr).toContain(`nearest available: `)
    expect(r.stderr).toContain(go.version)
    expect(server.requests).toEqual([INDEX])
  })
})

describe('setup-go with a faulty mirror', () => {
  it('retries a 500 and falls back to <file>.sha256 when the mirror has no index', async () => {
    server.reset()
    server.routes.set(`${archivePath}.sha256`, () => ({
      body: `${sha}  go${go.version}.linux-${go.arch}.tar.gz\n`
    }))
    server.routes.set(archivePath, (_req, n) =>
      n === 1 ? { status: 500, body: 'oops' } : { file: archive }
    )
    const dirs = runnerDirs()
    const r = await setupGo(dirs, [
      '--go-version',
      go.version,
      '--go-download-base-url',
      server.url
    ])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain('HTTP 500')
    expect(r.stderr).toContain('retrying')
    expect(server.count(archivePath)).toBe(2)
    expect(server.count(INDEX)).toBe(1)
    expect(cachedVersions(dirs)).toEqual([go.version])
  })

  it('a 404 without an index names the URL and says the version could not be checked', async () => {
    server.reset()
    const dirs = runnerDirs()
    const r = await setupGo(dirs, [
      '--go-version',
      fakeVersion,
      '--go-download-base-url',
      server.url
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      `${server.url}/go${fakeVersion}.linux-${go.arch}.tar.gz.sha256 returned 404`
    )
    expect(r.stderr).toContain(
      `whether Go ${fakeVersion} exists on this mirror could not be checked`
    )
    expect(cachedVersions(dirs)).toEqual([])
  })

  it('a 404 for an archive the index lists says the mirror is missing the file', async () => {
    server.reset()
    server.routes.set(INDEX, () => ({
      body: dlIndex([{ version: go.version, sha256: sha, arch: go.arch }])
    }))
    const dirs = runnerDirs()
    const r = await setupGo(dirs, [
      '--go-version',
      go.version,
      '--go-download-base-url',
      server.url
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      `${server.url}${archivePath} returned 404; the index lists Go ${go.version}`
    )
    expect(cachedVersions(dirs)).toEqual([])
  })

  it('refuses an archive whose SHA-256 differs from the index and leaves the tool cache empty', async () => {
    server.reset()
    server.routes.set(INDEX, () => ({
      body: dlIndex([{ version: go.version, sha256: 'ab'.repeat(32), arch: go.arch }])
    }))
    server.routes.set(archivePath, () => ({ file: archive }))
    const dirs = runnerDirs()
    const r = await setupGo(dirs, [
      '--go-version',
      go.version,
      '--go-download-base-url',
      server.url
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`has SHA-256 ${sha}`)
    expect(r.stderr).toContain(`checksum is ${'ab'.repeat(32)}`)
    expect(r.stderr).toContain('input go-download-base-url')
    expect(cachedVersions(dirs)).toEqual([])
    expect(readdirSync(dirs.temp).filter(n => n !== 'bifrost-build-report.json')).toEqual([])
  })

  it('retries a truncated body, then fails clearly, leaving nothing behind', async () => {
    server.reset()
    server.routes.set(INDEX, () => ({
      body: dlIndex([{ version: go.version, sha256: sha, arch: go.arch }])
    }))
    server.routes.set(archivePath, () => ({ file: archive, truncateAt: 1 << 20 }))
    const dirs = runnerDirs()
    const r = await setupGo(dirs, [
      '--go-version',
      go.version,
      '--go-download-base-url',
      server.url
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(
      new RegExp(
        `download of ${server.url}${archivePath} was truncated: the connection closed after \\d+ of`
      )
    )
    expect(server.count(archivePath)).toBe(4)
    expect(cachedVersions(dirs)).toEqual([])
    expect(readdirSync(dirs.temp).filter(n => n !== 'bifrost-build-report.json')).toEqual([])
  })

  it('refuses an archive whose go version is not the one its name says', async () => {
    server.reset()
    const wrongName = `/go${fakeVersion}.linux-${go.arch}.tar.gz`
    server.routes.set(INDEX, () => ({
      body: dlIndex([{ version: fakeVersion, sha256: sha, arch: go.arch }])
    }))
    server.routes.set(wrongName, () => ({ file: archive }))
    const dirs = runnerDirs()
    const r = await setupGo(dirs, [
      '--go-version',
      fakeVersion,
      '--go-download-base-url',
      server.url
    ])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`unpacked to go${go.version} linux/${go.arch}, not go${fakeVersion}`)
    expect(cachedVersions(dirs)).toEqual([])
    expect(readdirSync(path.join(dirs.toolCache, 'go'))).toEqual([])
  })
})

/**
 * The bundled action: inputs as INPUT_* variables, exports through GITHUB_ENV/GITHUB_PATH.
 * The action always runs the whole pipeline and the plan stage comes first, so this needs the
 * Bifrost-shaped fixture to plan; only the toolchain's part is asserted (the build may fail).
 */
describe.skipIf(!process.env.BIFROST_BUILD_E2E)('the action (node dist/index.js)', () => {
  const dirs = runnerDirs()
  const inputs = () => ({
    'go-version': go.version,
    'go-download-base-url': server.url,
    token: 'ghs_notARealTokenButSecret',
    verify: 'off',
    upload: 'false',
    cache: 'false'
  })

  it('installs from the mirror and exports GOROOT, PATH and GOTOOLCHAIN=local; the token is masked', async () => {
    cpSync(path.join(REPO, '__tests__', 'fixtures', 'bifrost'), dirs.workspace, { recursive: true })
    serveGoodMirror()
    const r = await runAction(inputs(), { dirs })
    const root = path.join(dirs.toolCache, 'go', go.version, go.arch === 'amd64' ? 'x64' : 'arm64')
    expect(r.stdout, r.stdout).toContain(`Go ${go.version} installed to ${root}`)
    expect(r.stdout).toContain('::add-mask::ghs_notARealTokenButSecret')
    expect(server.authorizations).toEqual([])
    expect(r.exportedEnv).toMatchObject({ GOROOT: root, GOTOOLCHAIN: 'local' })
    expect(r.exportedEnv.GOMODCACHE).toBeTruthy()
    expect(r.exportedEnv.GOCACHE).toBeTruthy()
    expect(r.paths[0]).toBe(path.join(root, 'bin'))
    if (r.code === 0) expect(r.outputs).toMatchObject({ 'go-version': go.version, 'go-root': root })
  })

  it('the second run takes it from the tool cache without HTTP', async () => {
    server.reset()
    const r = await runAction(inputs(), { dirs })
    expect(r.stdout).toContain(`Go ${go.version} found in the tool cache`)
    expect(server.requests).toEqual([])
  })
})
