/**
 * The ecosystem's conventions: go-version precedence as in actions/setup-go, the GHES-safe
 * token default, a one-line stop on macOS/Windows, `plugins` globs, and `doctor`.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { doctorReport, doctorText } from '../src/cli/doctor.js'
import { BuildError } from '../src/errors.js'
import { defaults } from '../src/inputs.js'
import { expandPluginGlobs, resolvePlugins } from '../src/plan/paths.js'
import { checkRunnerOs } from '../src/platform.js'
import { DEFAULT_GO_VERSION, toolchainRequest } from '../src/plan/go-request.js'
import { REPO } from './helpers/action.js'
import { resolveGoVersion } from '../src/toolchain/index.js'
import { fakeReporter } from './helpers/reporter.js'
import { startServer, type LoopbackServer } from '../testkit/toolchain.js'
import { run } from '../testkit/run.js'

function workspace(goLine?: string): string {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'bb-conv-'))
  mkdirSync(path.join(ws, 'transports'), { recursive: true })
  if (goLine) writeFileSync(path.join(ws, 'transports', 'go.mod'), `module x\n\ngo ${goLine}\n`)
  writeFileSync(path.join(ws, '.go-version'), '1.25.3\n')
  return ws
}

const req = (inputs: Record<string, string>, ws: string) =>
  toolchainRequest({ ...defaults(), ...inputs }, { workspace: ws, env: {}, hostArch: 'amd64' })

describe('go-version precedence (as actions/setup-go)', () => {
  it('action.yml gives go-version no default, so the file and the checkout can speak', () => {
    const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8'))
    expect(action.inputs['go-version'].default).toBe('')
  })

  it('an explicit go-version wins over go-version-file, with a warning', async () => {
    const ws = workspace('1.26.0')
    const r = req({ 'go-version': '1.26.1', 'go-version-file': '.go-version' }, ws)
    expect(r.versionSpec).toBe('1.26.1')
    expect(r.versionFrom).toBe('go-version')
    expect(r.warning).toMatch(/both go-version .* go-version wins/)
    const reporter = fakeReporter()
    await resolveGoVersion(r, reporter).catch(() => undefined)
    expect(reporter.lines.filter(l => l.level === 'warning').map(l => l.message)).toEqual([
      r.warning
    ])
  })

  it('go-version-file alone is used', () => {
    const r = req({ 'go-version-file': '.go-version' }, workspace('1.26.0'))
    expect(r.versionSpec).toBe('1.25.3')
    expect(r.warning).toBeUndefined()
  })

  it('with neither: the go line of the checkout transports/go.mod (source or workspace)', () => {
    const ws = workspace('1.26.0')
    expect(req({}, ws)).toMatchObject({
      versionSpec: '1.26.0',
      versionFrom: 'transports/go.mod (go line)'
    })
    const outer = mkdtempSync(path.join(os.tmpdir(), 'bb-conv-src-'))
    const inner = path.join(outer, 'bifrost')
    mkdirSync(path.join(inner, 'transports'), { recursive: true })
    writeFileSync(path.join(inner, 'transports', 'go.mod'), 'module x\n\ngo 1.25.7\n')
    expect(req({ source: 'bifrost' }, outer).versionSpec).toBe('1.25.7')
  })

  it(`with neither and no go.mod: ${DEFAULT_GO_VERSION}`, () => {
    expect(req({}, workspace()).versionSpec).toBe(DEFAULT_GO_VERSION)
    // bifrost-version never reads the workspace's transports/go.mod: the release's own decides.
    expect(req({ 'bifrost-version': '1.4.19' }, workspace('1.26.0'))).toMatchObject({
      versionSpec: DEFAULT_GO_VERSION,
      fromModule: { path: 'github.com/maximhq/bifrost/transports', version: '1.4.19' }
    })
  })
})

describe('bifrost-version with neither go-version nor go-version-file', () => {
  let server: LoopbackServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.close()
  })
  const modPath = '/github.com/maximhq/bifrost/transports/@v/v1.6.11.mod'
  const withProxy = (goproxy: string, inputs: Record<string, string> = {}) =>
    toolchainRequest(
      { ...defaults(), 'bifrost-version': '1.6.11', ...inputs },
      { workspace: workspace(), env: { GOPROXY: goproxy }, hostArch: 'amd64' }
    )

  it("takes the release's go line from GOPROXY (the toolchain line wins, as for a checkout)", async () => {
    server.reset()
    server.routes.set(modPath, () => ({
      body: 'module github.com/maximhq/bifrost/transports\n\ngo 1.26.5\n'
    }))
    const reporter = fakeReporter()
    expect(await resolveGoVersion(withProxy(server.url), reporter)).toBe('1.26.5')
    expect(server.requests).toEqual([modPath])

    server.routes.set(modPath, () => ({ body: 'module m\n\ngo 1.26.2\n\ntoolchain go1.26.4\n' }))
    expect(await resolveGoVersion(withProxy(server.url), reporter)).toBe('1.26.4')
  })

  it('follows the GOPROXY list: "," past a 404, "|" past any error, file:// proxies too', async () => {
    server.reset()
    server.routes.set('/b' + modPath, () => ({ body: 'module m\n\ngo 1.26.3\n' }))
    server.routes.set('/c' + modPath, () => ({ status: 500, body: 'boom' }))
    const reporter = fakeReporter()
    expect(await resolveGoVersion(withProxy(`${server.url}/a,${server.url}/b`), reporter)).toBe(
      '1.26.3'
    )

    const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-conv-proxy-'))
    mkdirSync(path.join(dir, path.dirname(modPath)), { recursive: true })
    writeFileSync(path.join(dir, modPath), 'module m\n\ngo 1.25.9\n')
    expect(await resolveGoVersion(withProxy(`${server.url}/c|file://${dir}`), reporter)).toBe(
      '1.25.9'
    )
    expect(await resolveGoVersion(withProxy(`file://${dir}`), reporter)).toBe('1.25.9')
  })

  it(`falls back to ${DEFAULT_GO_VERSION}, saying why, when no proxy serves the go.mod`, async () => {
    server.reset()
    for (const goproxy of ['direct', 'off', `${server.url}/none,direct`]) {
      const reporter = fakeReporter()
      expect(await resolveGoVersion(withProxy(goproxy), reporter)).toBe(DEFAULT_GO_VERSION)
      const info = reporter.lines.filter(l => l.level === 'info').map(l => l.message)
      expect(info.join('\n')).toMatch(
        /Go for github.com\/maximhq\/bifrost\/transports@v1.6.11: .*; using the default 1.26.1/
      )
    }
  })

  it('a bifrost-version that is not a release asks nothing (the plan rejects it)', async () => {
    server.reset()
    for (const bad of ['v1.2.3;touch CANARY', '-modfile=/etc/passwd', 'latest'])
      expect(withProxy(server.url, { 'bifrost-version': bad }).fromModule).toBeUndefined()
    expect(server.requests).toEqual([])
  })

  it('an explicit go-version or go-version-file is not overridden, and asks nothing', async () => {
    server.reset()
    server.routes.set(modPath, () => ({ body: 'module m\n\ngo 1.26.5\n' }))
    expect(
      await resolveGoVersion(withProxy(server.url, { 'go-version': '1.26.1' }), fakeReporter())
    ).toBe('1.26.1')
    expect(
      await resolveGoVersion(
        withProxy(server.url, { 'go-version-file': '.go-version' }),
        fakeReporter()
      )
    ).toBe('1.25.3')
    expect(server.requests).toEqual([])
  })
})

describe('token default', () => {
  it("is setup-go's GHES-safe form", () => {
    const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8'))
    expect(action.inputs.token.default).toBe(
      "${{ github.server_url == 'https://github.com' && github.token || '' }}"
    )
  })
})

describe('runner OS', () => {
  it('macOS and Windows stop first, in one line saying plugins need Linux', () => {
    expect(() => checkRunnerOs('linux')).not.toThrow()
    for (const [p, name] of [
      ['darwin', 'macOS'],
      ['win32', 'Windows']
    ] as const) {
      let err: unknown
      try {
        checkRunnerOs(p)
      } catch (e) {
        err = e
      }
      expect(err).toBeInstanceOf(BuildError)
      const text = (err as BuildError).render()
      expect(text).toContain(`this runner is ${name}`)
      expect(text).toContain('need Linux')
      expect(text).not.toContain('\n')
    }
  })
})

describe('plugins globs', () => {
  function tree(): string {
    const ws = mkdtempSync(path.join(os.tmpdir(), 'bb-glob-'))
    for (const d of ['plugins/zeta', 'plugins/alpha', 'plugins/mid', 'plugins/.hidden']) {
      mkdirSync(path.join(ws, d), { recursive: true })
      writeFileSync(path.join(ws, d, 'main.go'), 'package main\n\nfunc main() {}\n')
      writeFileSync(
        path.join(ws, d, 'go.mod'),
        `module example.com/${path.basename(d)}\n\ngo 1.26\n`
      )
    }
    mkdirSync(path.join(ws, 'plugins', 'docs'))
    writeFileSync(path.join(ws, 'plugins', 'docs', 'README.md'), 'no Go here\n')
    return ws
  }

  it('expands inside the workspace, sorted, only directories with Go files, no hidden ones', () => {
    const ws = tree()
    expect(
      expandPluginGlobs([{ dir: 'plugins/*', entry: 'plugins/*' }], ws).map(e => e.dir)
    ).toEqual(['plugins/alpha', 'plugins/mid', 'plugins/zeta'])
    expect(resolvePlugins('plugins/[am]*', ws).map(p => p.name)).toEqual(['alpha', 'mid'])
  })

  it('a pattern matching nothing, or reaching out of the workspace, is an input error', () => {
    const ws = tree()
    expect(() => resolvePlugins('nothing/*', ws)).toThrow(/input plugins|matches no directory/)
    expect(() => resolvePlugins('../*', ws)).toThrow(/outside the workspace/)
  })
})

describe('doctor', () => {
  it('lists each target with its compiler and the apt packages for what is missing', () => {
    const have = new Set(['gcc', 'unshare'])
    const d = doctorReport('amd64', c => (have.has(c) ? `/usr/bin/${c}` : undefined))
    expect(d.targets).toHaveLength(4)
    expect(d.targets[0]).toMatchObject({
      target: 'linux/amd64',
      libc: 'glibc',
      compiler: '/usr/bin/gcc',
      load: 'native'
    })
    expect(d.targets[1]).toMatchObject({ libc: 'musl', package: 'musl-tools' })
    expect(d.targets[2]).toMatchObject({ target: 'linux/arm64', load: 'missing qemu-user' })
    expect(d.install).toContain('sudo dpkg --add-architecture arm64')
    expect(d.install).toMatch(/apt-get install -y .*musl-tools.*gcc-aarch64-linux-gnu.*qemu-user/)
    const text = doctorText(d)
    expect(text).toContain('To add the rest')
    // Columns never run together, however long a package name is.
    const rows = text.split('\n').filter(l => l.startsWith('linux/'))
    expect(rows).toHaveLength(4)
    for (const row of rows) expect(row).not.toMatch(/\)no|\)under|\)native/)
    const arm = rows.find(r => r.startsWith('linux/arm64') && r.includes('glibc'))!
    expect(arm.split(/ {2,}/)).toEqual([
      'linux/arm64',
      'glibc',
      'missing (apt: gcc-aarch64-linux-gnu)',
      'no (qemu-user missing)'
    ])
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(200)
  })

  it('says everything is there when it is', () => {
    const d = doctorReport('amd64', c => `/usr/bin/${c}`)
    expect(d.missing).toEqual([])
    expect(doctorText(d)).toContain('Everything is here')
  })
})

describe('.ci/install-deps', () => {
  it('is for Debian: on Ubuntu it stops at once, in one line pointing at the Debian container', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-osrel-'))
    const osRelease = path.join(dir, 'os-release')
    writeFileSync(osRelease, 'PRETTY_NAME="Ubuntu 24.04.3 LTS"\nID=ubuntu\nID_LIKE=debian\n')
    // An apt-get that records being called: nothing may be installed on the wrong system.
    const bin = path.join(dir, 'bin')
    mkdirSync(bin)
    for (const tool of ['apt-get', 'dpkg'])
      writeFileSync(path.join(bin, tool), `#!/bin/sh\necho called >> ${dir}/called\n`, {
        mode: 0o755
      })
    const r = await run('bash', [path.join(REPO, '.ci', 'install-deps')], {
      env: { ...process.env, OS_RELEASE: osRelease, PATH: `${bin}:${process.env.PATH}` }
    })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('this is Ubuntu 24.04.3 LTS; it installs Debian 12 packages only')
    expect(r.stderr).toContain('debian:12 container')
    expect(existsSync(path.join(dir, 'called'))).toBe(false)
  })

  it('the CI workflow runs the tests in that container', () => {
    const ci = parse(readFileSync(path.join(REPO, '.github', 'workflows', 'ci.yml'), 'utf8'))
    expect(ci.jobs.test.container.image).toBe('debian:12')
    // The load test's sandbox makes namespaces inside it.
    expect(ci.jobs.test.container.options).toContain('--cap-add SYS_ADMIN')
    expect(ci.jobs.test['runs-on']).toBe('${{ matrix.runner }}')
    expect(ci.jobs.test.strategy.matrix.runner).toEqual(['ubuntu-24.04', 'ubuntu-24.04-arm'])
  })
})
