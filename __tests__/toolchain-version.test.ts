/**
 * Version resolution and the toolchain stage's decisions: every form of go-version and
 * go-version-file, index parsing, and the small rules (retry, token, GOPROXY, exports).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BuildError } from '../src/errors.js'
import { defaults } from '../src/inputs.js'
import { downloadBaseUrl, toolchainRequest } from '../src/plan/go-request.js'
import { resolveGoVersion, setupGo } from '../src/toolchain/index.js'
import {
  archiveUrl,
  indexUrl,
  parseIndex,
  parseSha256File,
  versionsFor
} from '../src/toolchain/dlindex.js'
import { goEnvironment, parseGoVersionOutput } from '../src/toolchain/goenv.js'
import { explainDownloadError, firstProxyUrl, parseModDownload } from '../src/toolchain/goproxy.js'
import {
  authHeaders,
  backoffMs,
  HttpStatusError,
  isRetryable,
  TruncatedError
} from '../src/net/http.js'
import {
  cachedGoDir,
  findCachedGo,
  listCachedGo,
  toolCacheRoot
} from '../src/toolchain/toolcache.js'
import { compareGoVersions } from '../src/util/go-version.js'
import {
  fromSemver,
  nearestVersions,
  newestMatching,
  parseVersionSpec,
  sameRelease,
  toSemver,
  versionFromFile
} from '../src/lib/version-spec.js'
import { dlIndex, installedGo, startServer, type LoopbackServer } from '../testkit/toolchain.js'
import { fakeReporter } from './helpers/reporter.js'

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bb-tcver-'))
function workspaceWith(name: string, content: string): string {
  const ws = mkdtempSync(path.join(tmp, 'ws-'))
  mkdirSync(path.dirname(path.join(ws, name)), { recursive: true })
  writeFileSync(path.join(ws, name), content)
  return ws
}
function request(inputs: Record<string, string>, workspace = tmp, env: NodeJS.ProcessEnv = {}) {
  return toolchainRequest({ ...defaults(), ...inputs }, { workspace, env, hostArch: 'amd64' })
}
function thrown(fn: () => unknown): BuildError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(BuildError)
    return e as BuildError
  }
  throw new Error('expected an error')
}

describe('go-version forms', () => {
  it.each([
    ['1.26.1', { kind: 'exact', version: '1.26.1' }],
    ['go1.26.1', { kind: 'exact', version: '1.26.1' }],
    [' 1.26.0 ', { kind: 'exact', version: '1.26.0' }],
    ['1.27rc1', { kind: 'exact', version: '1.27rc1' }],
    ['go1.27beta2', { kind: 'exact', version: '1.27beta2' }],
    ['1.26', { kind: 'minor', major: 1, minor: 26 }],
    ['1.26.x', { kind: 'minor', major: 1, minor: 26 }],
    ['go1.26', { kind: 'minor', major: 1, minor: 26 }],
    ['stable', { kind: 'alias', alias: 'stable' }],
    [' OldStable ', { kind: 'alias', alias: 'oldstable' }]
  ])('%s', (input, expected) => {
    expect(parseVersionSpec(input)).toEqual(expected)
  })

  it.each(['latest', 'unstable', 'old-stable', '1', '1.26.1.1', '^1.26', '>=1.26', 'v1.26.1', ''])(
    'rejects %j',
    input => {
      expect(parseVersionSpec(input)).toBeUndefined()
    }
  )

  it('orders releases: betas < rcs < the release < its patches', () => {
    const sorted = [
      '1.26.1',
      '1.26rc2',
      '1.25.9',
      '1.26.0',
      '1.26beta1',
      '1.26rc1',
      '1.26.10'
    ].sort(compareGoVersions)
    expect(sorted).toEqual([
      '1.25.9',
      '1.26beta1',
      '1.26rc1',
      '1.26rc2',
      '1.26.0',
      '1.26.1',
      '1.26.10'
    ])
  })

  it('orders like go/version, the one order plan and toolchain share: 1.N before its pre-releases', () => {
    // The toolchain's own copy once put `1.26` level with `1.26.0`, after `1.26rc1`.
    expect(['1.26.0', '1.26rc1', '1.26', '1.26beta1'].sort(compareGoVersions)).toEqual([
      '1.26',
      '1.26beta1',
      '1.26rc1',
      '1.26.0'
    ])
    // Before Go 1.21 the first release was named `1.20`.
    expect(compareGoVersions('1.20', '1.20.0')).toBe(0)
    expect(compareGoVersions('go1.26.1', '1.26.1')).toBe(0)
  })

  it('1.N picks the newest stable patch, never a pre-release', () => {
    const available = ['1.26.0', '1.26.2', '1.26.10', '1.27rc1', '1.25.12']
    expect(newestMatching(available, parseVersionSpec('1.26')!)).toBe('1.26.10')
    expect(newestMatching(available, parseVersionSpec('1.27.x')!)).toBeUndefined()
    expect(newestMatching(['go1.20', 'go1.20.3'], parseVersionSpec('1.20')!)).toBe('1.20.3')
  })

  it('lists the nearest releases to an unknown one', () => {
    const available = ['1.24.0', '1.25.7', '1.26.0', '1.26.1', '1.26.2', '1.27rc1']
    expect(nearestVersions(available, '1.26.9', 3)).toEqual(['1.26.0', '1.26.1', '1.26.2'])
    expect(nearestVersions(available, '1.28.0', 2)).toEqual(['1.26.2', '1.27rc1'])
  })

  it('maps to the tool cache semver the way setup-go does, and back', () => {
    expect(toSemver('1.26.1')).toBe('1.26.1')
    expect(toSemver('1.20')).toBe('1.20.0')
    expect(toSemver('1.27rc1')).toBe('1.27.0-rc.1')
    expect(fromSemver('1.27.0-rc.1')).toBe('1.27rc1')
    expect(fromSemver('1.26.1')).toBe('1.26.1')
    expect(fromSemver('.bifrost-build-staging-x')).toBeUndefined()
    expect(sameRelease('1.20', '1.20.0')).toBe(true)
    expect(sameRelease('1.26.1', '1.26.10')).toBe(false)
  })
})

describe('go-version-file', () => {
  it.each([
    ['go.mod', 'module x\n\ngo 1.25.0\n\ntoolchain go1.26.1\n', '1.26.1', 'toolchain line'],
    ['go.mod', 'module x\ngo 1.26.2 // minimum\n', '1.26.2', 'go line'],
    ['go.mod', 'module x\ngo 1.26\n', '1.26', 'go line'],
    ['go.mod', 'module x\ngo 1.26.0\ntoolchain default\n', '1.26.0', 'go line'],
    ['go.work', 'go 1.25.3\ntoolchain go1.26.1\nuse ./a\n', '1.26.1', 'toolchain line'],
    ['.go-version', '# pinned\n\ngo1.26.1\n', '1.26.1', 'first line'],
    ['.go-version', '1.26\n', '1.26', 'first line'],
    ['.tool-versions', 'nodejs 20.1.0\ngolang 1.26.1 # asdf\n', '1.26.1', 'golang entry'],
    ['.tool-versions', 'go 1.26.3\n', '1.26.3', 'go entry'],
    ['GO_VERSION.txt', '1.26.1\n', '1.26.1', 'first line']
  ])('%s: %j', (name, content, spec, from) => {
    expect(versionFromFile(name, content)).toEqual({ spec, from })
  })

  it('is used when go-version is empty (as in setup-go; an explicit go-version wins)', () => {
    const ws = workspaceWith('sub/go.mod', 'module x\ngo 1.25.0\ntoolchain go1.26.3\n')
    const req = request({ 'go-version': '', 'go-version-file': 'sub/go.mod' }, ws)
    expect(req.versionSpec).toBe('1.26.3')
    expect(req.versionFrom).toBe('sub/go.mod (toolchain line)')
    const both = request({ 'go-version': '1.26.1', 'go-version-file': 'sub/go.mod' }, ws)
    expect(both.versionSpec).toBe('1.26.1')
  })

  it('a missing file names the input and the path', () => {
    const e = thrown(() => request({ 'go-version-file': 'nope/go.mod' }))
    expect(e.where.input).toBe('go-version-file')
    expect(e.message).toContain(path.join(tmp, 'nope/go.mod'))
    expect(e.exitCode).toBe(2)
  })

  it('a go.mod without go or toolchain says which line to add', () => {
    const ws = workspaceWith('go.mod', 'module x\n')
    expect(thrown(() => request({ 'go-version-file': 'go.mod' }, ws)).render()).toBe(
      'input go-version-file: go.mod names no Go version Fix: add a `go` or `toolchain` line'
    )
  })

  it('a version file holding something else is rejected with the forms', () => {
    const ws = workspaceWith('.go-version', 'latest\n')
    const e = thrown(() => request({ 'go-version-file': '.go-version' }, ws))
    expect(e.render()).toContain('"latest" (from .go-version (first line)) is not a Go version')
    expect(e.render()).toContain('1.26.x')
  })
})

describe('toolchainRequest', () => {
  it('takes go1.26.1 as 1.26.1 and 1.26.x as 1.26', () => {
    expect(request({ 'go-version': 'go1.26.1' }).versionSpec).toBe('1.26.1')
    expect(request({ 'go-version': '1.26.x' }).versionSpec).toBe('1.26')
  })

  it('rejects an empty go-version, an unknown source and a non-URL base', () => {
    expect(thrown(() => request({ 'go-version': 'one' })).where.input).toBe('go-version')
    expect(thrown(() => request({ 'go-download-source': 'ftp' })).render()).toContain(
      'use one of dl, goproxy, local'
    )
    expect(thrown(() => request({ 'go-download-base-url': 'go.dev/dl' })).where.input).toBe(
      'go-download-base-url'
    )
  })

  it('GO_DOWNLOAD_BASE_URL applies when the input keeps its default', () => {
    const env = { GO_DOWNLOAD_BASE_URL: 'https://mirror.example/go' }
    expect(downloadBaseUrl('https://go.dev/dl', env)).toBe('https://mirror.example/go')
    expect(downloadBaseUrl('', env)).toBe('https://mirror.example/go')
    expect(downloadBaseUrl('https://other.example/dl', env)).toBe('https://other.example/dl')
    expect(downloadBaseUrl('https://go.dev/dl', {})).toBe('https://go.dev/dl')
  })

  it('keeps the token only when given', () => {
    expect(request({ token: '' }).token).toBeUndefined()
    expect(request({ token: 'abc' }).token).toBe('abc')
  })
})

describe('download index', () => {
  it('parses releases, files and checksums; URLs follow go.dev/dl', () => {
    const releases = parseIndex(
      dlIndex([
        { version: '1.26.1', sha256: 'A'.repeat(64), arch: 'amd64' },
        { version: '1.26.0', sha256: 'b'.repeat(64), arch: 'arm64' }
      ])
    )
    expect(releases[0].version).toBe('1.26.1')
    expect(releases[0].files[0].sha256).toBe('a'.repeat(64))
    expect(versionsFor(releases, 'amd64')).toEqual(['1.26.1'])
    expect(indexUrl('https://go.dev/dl/')).toBe('https://go.dev/dl/?mode=json&include=all')
    expect(archiveUrl('https://go.dev/dl', '1.26.1', 'arm64')).toBe(
      'https://go.dev/dl/go1.26.1.linux-arm64.tar.gz'
    )
  })

  it('says why a body is not an index', () => {
    expect(() => parseIndex('<html>')).toThrow(/not JSON/)
    expect(() => parseIndex('{}')).toThrow(/not a JSON array/)
    expect(() => parseIndex('[]')).toThrow(/no releases/)
  })

  it('reads .sha256 files with or without a file name', () => {
    expect(parseSha256File(`${'C'.repeat(64)}\n`)).toBe('c'.repeat(64))
    expect(parseSha256File(`${'d'.repeat(64)}  go1.26.1.linux-amd64.tar.gz\n`)).toBe('d'.repeat(64))
    expect(parseSha256File('<html>404</html>')).toBeUndefined()
  })
})

describe('resolveGoVersion against a loopback index', () => {
  let server: LoopbackServer
  const reporter = fakeReporter()
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.close()
  })

  it('an exact version needs no network', async () => {
    server.reset()
    const req = request({ 'go-version': 'go1.26.1', 'go-download-base-url': server.url })
    expect(await resolveGoVersion(req, reporter)).toBe('1.26.1')
    expect(server.requests).toEqual([])
  })

  it('1.26 and 1.26.x resolve to the newest stable patch the index has for this arch', async () => {
    server.reset()
    server.routes.set('/?mode=json&include=all', () => ({
      body: dlIndex([
        { version: '1.27rc1', sha256: 'a'.repeat(64), arch: 'amd64', stable: false },
        { version: '1.26.3', sha256: 'a'.repeat(64), arch: 'arm64' },
        { version: '1.26.2', sha256: 'a'.repeat(64), arch: 'amd64' },
        { version: '1.26.1', sha256: 'a'.repeat(64), arch: 'amd64' }
      ])
    }))
    for (const v of ['1.26', '1.26.x']) {
      const req = request({ 'go-version': v, 'go-download-base-url': server.url })
      expect(await resolveGoVersion(req, reporter)).toBe('1.26.2')
    }
    const e = await resolveGoVersion(
      request({ 'go-version': '1.27', 'go-download-base-url': server.url }),
      reporter
    ).catch(err => err as BuildError)
    expect(e).toBeInstanceOf(BuildError)
    expect((e as BuildError).render()).toContain(
      `no stable Go 1.27.x at ${server.url}; nearest available: 1.26.1, 1.26.2, 1.27rc1`
    )
  })

  it('stable and oldstable (setup-go) resolve from the index: the newest release, and the newest of the minor line before', async () => {
    server.reset()
    server.routes.set('/?mode=json&include=all', () => ({
      body: dlIndex([
        { version: '1.27rc1', sha256: 'a'.repeat(64), arch: 'amd64', stable: false },
        { version: '1.26.3', sha256: 'a'.repeat(64), arch: 'arm64' },
        { version: '1.26.2', sha256: 'a'.repeat(64), arch: 'amd64' },
        { version: '1.25.9', sha256: 'a'.repeat(64), arch: 'amd64' },
        { version: '1.25.8', sha256: 'a'.repeat(64), arch: 'amd64' }
      ])
    }))
    const rep = fakeReporter()
    const stable = request({ 'go-version': 'stable', 'go-download-base-url': server.url })
    expect(stable.versionSpec).toBe('stable')
    expect(await resolveGoVersion(stable, rep)).toBe('1.26.2')
    const old = request({ 'go-version': 'oldstable', 'go-download-base-url': server.url })
    expect(await resolveGoVersion(old, rep)).toBe('1.25.9')
    expect(rep.messages('info')).toContain('Go stable (from go-version) resolved to 1.26.2')
    expect(rep.messages('info')).toContain('Go oldstable (from go-version) resolved to 1.25.9')
  })

  it('oldstable with only one minor line listed, and stable with the index down, say so', async () => {
    server.reset()
    server.routes.set('/?mode=json&include=all', () => ({
      body: dlIndex([{ version: '1.26.2', sha256: 'a'.repeat(64), arch: 'amd64' }])
    }))
    const e = await resolveGoVersion(
      request({ 'go-version': 'oldstable', 'go-download-base-url': server.url }),
      fakeReporter()
    ).catch(err => err as BuildError)
    expect((e as BuildError).render()).toBe(
      `input go-version: no Go release is oldstable at ${server.url} (it lists 1 release(s), none of an older minor line than the newest) Fix: give an exact version such as 1.26.1`
    )
    server.reset()
    server.routes.set('/?mode=json&include=all', () => ({ status: 404, body: 'gone' }))
    const down = await resolveGoVersion(
      request({ 'go-version': 'stable', 'go-download-base-url': server.url }),
      fakeReporter()
    ).catch(err => err as BuildError)
    expect((down as BuildError).render()).toMatch(
      /^input go-version: cannot resolve Go stable \(from go-version\): listing releases failed .* Fix: give an exact version such as 1\.26\.1, or check go-download-base-url \/ GOPROXY$/
    )
  })

  it('when the index cannot be read, a matching Go already in the tool cache is used', async () => {
    server.reset()
    const cache = mkdtempSync(path.join(tmp, 'tc-'))
    const dir = cachedGoDir(cache, '1.26.4', 'amd64')
    mkdirSync(dir, { recursive: true })
    writeFileSync(`${dir}.complete`, '')
    const req = request({ 'go-version': '1.26', 'go-download-base-url': server.url }, tmp, {
      RUNNER_TOOL_CACHE: cache
    })
    expect(await resolveGoVersion(req, reporter)).toBe('1.26.4')
    expect(reporter.transcript().at(-1)).toContain('using Go 1.26.4 from the tool cache')
    expect(listCachedGo(cache, 'amd64')).toEqual(['1.26.4'])
    expect(findCachedGo(cache, '1.26.4', 'arm64')).toBeUndefined()
  })
})

describe('go-download-source: local', () => {
  const go = installedGo()
  const env = { PATH: process.env.PATH, HOME: process.env.HOME }

  it('resolves a matching spec to the Go on PATH and exports it with GOTOOLCHAIN=local', async () => {
    const minor = go.version.split('.').slice(0, 2).join('.')
    const req = request({ 'go-version': `${minor}.x`, 'go-download-source': 'local' }, tmp, env)
    const reporter = fakeReporter()
    const version = await resolveGoVersion(req, reporter)
    expect(version).toBe(go.version)
    const tc = await setupGo(req, version, reporter)
    expect(tc).toMatchObject({ version: go.version, goroot: go.goroot, source: 'local' })
    expect(reporter.exported.GOTOOLCHAIN).toBe('local')
    expect(reporter.exported.GOROOT).toBe(go.goroot)
    expect(reporter.paths).toEqual([path.join(go.goroot, 'bin')])
    expect(tc.env.PATH.split(':')[0]).toBe(path.join(go.goroot, 'bin'))
  })

  it('refuses a Go on PATH that is not the requested one', async () => {
    const req = request({ 'go-version': '1.21.0', 'go-download-source': 'local' }, tmp, env)
    await expect(resolveGoVersion(req, fakeReporter())).rejects.toThrow(
      `is Go ${go.version}, but go-version asks for 1.21.0`
    )
  })
})

describe('small rules', () => {
  it('retries 5xx, 408, 429, resets and truncation; not other 4xx', () => {
    expect(isRetryable(new HttpStatusError('u', 500))).toBe(true)
    expect(isRetryable(new HttpStatusError('u', 503))).toBe(true)
    expect(isRetryable(new HttpStatusError('u', 429))).toBe(true)
    expect(isRetryable(new HttpStatusError('u', 404))).toBe(false)
    expect(isRetryable(new HttpStatusError('u', 403))).toBe(false)
    expect(isRetryable(Object.assign(new Error('read'), { code: 'ECONNRESET' }))).toBe(true)
    expect(isRetryable(new TruncatedError('u', 1, 2))).toBe(true)
    expect(isRetryable(new Error('EACCES: permission denied'))).toBe(false)
    expect([0, 1, 2].map(i => backoffMs(i, 500))).toEqual([500, 1500, 4500])
  })

  it('sends the token to GitHub hosts only', () => {
    expect(authHeaders('https://go.dev/dl/x', 't')).toEqual({})
    expect(authHeaders('http://127.0.0.1:1/x', 't')).toEqual({})
    expect(authHeaders('https://github.com/o/r/releases/download/x', 't')).toEqual({
      authorization: 'token t'
    })
    expect(authHeaders('https://objects.githubusercontent.com/x', 't')).toHaveProperty(
      'authorization'
    )
    expect(authHeaders('https://github.com/x', undefined)).toEqual({})
  })

  it('takes the first GOPROXY entry that is a URL', () => {
    expect(firstProxyUrl('https://proxy.golang.org,direct')).toBe('https://proxy.golang.org')
    expect(firstProxyUrl('direct|https://corp.example/goproxy/,https://b')).toBe(
      'https://corp.example/goproxy'
    )
    expect(firstProxyUrl('direct')).toBeUndefined()
    expect(firstProxyUrl('off')).toBeUndefined()
  })

  it('explains go mod download failures', () => {
    const mod = 'golang.org/toolchain@v0.0.1-go1.26.1.linux-amd64'
    const mismatch = explainDownloadError(
      `verifying ${mod}: checksum mismatch\n\tdownloaded: h1:a\n\tsum.golang.org: h1:b\n\nSECURITY ERROR`,
      mod,
      'https://p',
      'sum.golang.org'
    )
    expect(mismatch.message).toContain(
      'failed the checksum database check (GOSUMDB=sum.golang.org)'
    )
    expect(mismatch.message).not.toContain('\n')
    expect(
      explainDownloadError(`${mod}: reading https://p/x.info: 404 Not Found`, mod, 'https://p', 's')
        .message
    ).toContain('is not on https://p')
    expect(parseModDownload('{"Path":"p","Error":"boom"}\n')).toEqual({ Path: 'p', Error: 'boom' })
    expect(parseModDownload('garbage')).toBeUndefined()
  })

  it('exports the go command defaults spelled out, keeping what the user set', () => {
    const env = goEnvironment('/opt/go', { HOME: '/home/u', PATH: '/usr/bin:/opt/go/bin' })
    expect(env).toEqual({
      GOROOT: '/opt/go',
      PATH: '/opt/go/bin:/usr/bin',
      GOTOOLCHAIN: 'local',
      GOPATH: '/home/u/go',
      GOMODCACHE: '/home/u/go/pkg/mod',
      GOCACHE: '/home/u/.cache/go-build'
    })
    const user = goEnvironment('/opt/go', {
      HOME: '/h',
      GOPATH: '/g1:/g2',
      GOCACHE: '/c',
      XDG_CACHE_HOME: '/x',
      GOTOOLCHAIN: 'auto'
    })
    expect(user).toMatchObject({
      GOPATH: '/g1:/g2',
      GOMODCACHE: '/g1/pkg/mod',
      GOCACHE: '/c',
      GOTOOLCHAIN: 'local'
    })
    expect(parseGoVersionOutput('go version go1.26.1 linux/arm64\n')).toEqual({
      version: '1.26.1',
      os: 'linux',
      arch: 'arm64'
    })
  })

  it('uses the runner tool cache, else a per-user one', () => {
    expect(toolCacheRoot({ RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' })).toBe(
      '/opt/hostedtoolcache'
    )
    expect(toolCacheRoot({ HOME: '/h' })).toBe('/h/.cache/bifrost-build/tool-cache')
    expect(cachedGoDir('/tc', '1.26.1', 'amd64')).toBe('/tc/go/1.26.1/x64')
  })
})
