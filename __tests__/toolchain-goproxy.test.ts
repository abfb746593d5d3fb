/**
 * The `goproxy` route end to end: a loopback GOPROXY serves the golang.org/toolchain module
 * made from the installed Go, and a loopback checksum database (x/mod's own server, signing
 * with a key made for the test) records its hash. The bundled CLI installs through it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO, runCli, runnerDirs, testGoEnv, type RunnerDirs } from './helpers/action.js'
import {
  installedGo,
  startServer,
  toolchainModuleVersion,
  toolchainZip,
  type InstalledGo,
  type LoopbackServer
} from '../testkit/toolchain.js'
import { runOk } from '../testkit/run.js'

let go: InstalledGo
let server: LoopbackServer
let sumdb: ChildProcess
/** `<verifier key> <url>`: the GOSUMDB value naming the loopback database. */
let gosumdb: string
let goodZip: string
let badZip: string
let modFile: string
let modVersion: string

const work = mkdtempSync(path.join(os.tmpdir(), 'bb-tcproxy-'))

beforeAll(async () => {
  go = installedGo()
  modVersion = toolchainModuleVersion(go)
  goodZip = await toolchainZip(go)
  modFile = path.join(work, 'go.mod')
  writeFileSync(modFile, 'module golang.org/toolchain\n')
  // Same module path and version, other content: what a tampering proxy would serve.
  const bad = path.join(work, 'bad')
  const top = path.join(bad, `golang.org/toolchain@${modVersion}`)
  mkdirSync(path.join(top, 'bin'), { recursive: true })
  writeFileSync(path.join(top, 'VERSION'), `go${go.version}\n`)
  writeFileSync(path.join(top, 'bin', 'go'), '#!/bin/sh\necho go version go0 evil/evil\n')
  badZip = path.join(work, 'bad.zip')
  await runOk('zip', ['-q', '-r', '-D', badZip, 'golang.org'], { cwd: bad })

  const bin = path.join(work, 'sumdb')
  await runOk('go', ['build', '-o', bin, '.'], {
    cwd: path.join(REPO, '__tests__', 'fixtures', 'toolchain-sumdb'),
    env: { ...process.env, ...testGoEnv() }
  })
  sumdb = spawn(
    bin,
    ['-module', `golang.org/toolchain@${modVersion}`, '-zip', goodZip, '-mod', modFile],
    { stdio: ['ignore', 'pipe', 'inherit'] }
  )
  gosumdb = await new Promise<string>((resolve, reject) => {
    createInterface({ input: sumdb.stdout! }).once('line', resolve)
    sumdb.once('exit', code => reject(new Error(`sumdb exited with ${code}`)))
  })
  expect(gosumdb).toMatch(/^bifrost-build\.test\+[0-9a-f]+\+\S+ http:\/\/127\.0\.0\.1:\d+$/)
  server = await startServer()
}, 600_000)

afterAll(async () => {
  sumdb?.kill()
  await server?.close()
})

const base = () => `/golang.org/toolchain/@v/${modVersion}`

function serveProxy(zip: string): void {
  server.reset()
  server.routes.set('/golang.org/toolchain/@v/list', () => ({
    body: `v0.0.1-go1.21.0.linux-${go.arch}\n${modVersion}\nv0.0.1-go${go.version}.windows-${go.arch}\n`
  }))
  server.routes.set(`${base()}.info`, () => ({
    body: JSON.stringify({ Version: modVersion, Time: '2026-01-01T00:00:00Z' })
  }))
  server.routes.set(`${base()}.mod`, () => ({ body: 'module golang.org/toolchain\n' }))
  server.routes.set(`${base()}.zip`, () => ({ file: zip }))
}

function setupGo(dirs: RunnerDirs, args: string[], env: Record<string, string> = {}) {
  return runCli(['setup-go', '--go-download-source', 'goproxy', ...args], {
    env: {
      RUNNER_TOOL_CACHE: dirs.toolCache,
      RUNNER_TEMP: dirs.temp,
      GOPROXY: `${server.url},direct`,
      GOSUMDB: gosumdb,
      // Must not exempt the toolchain from the check.
      GONOSUMDB: 'golang.org',
      // The go command remembers each database's latest signed tree under GOPATH/pkg/sumdb;
      // every run here signs with a new key.
      GOPATH: path.join(dirs.root, 'gopath'),
      ...env
    }
  })
}

function cached(dirs: RunnerDirs): string[] {
  const dir = path.join(dirs.toolCache, 'go')
  return existsSync(dir) ? readdirSync(dir) : []
}

describe('setup-go from GOPROXY, checked against GOSUMDB', () => {
  it('installs the toolchain module that the checksum database vouches for', async () => {
    serveProxy(goodZip)
    const dirs = runnerDirs()
    const minor = go.version.split('.').slice(0, 2).join('.')
    const r = await setupGo(dirs, ['--go-version', `${minor}.x`])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain(`resolved to ${go.version}`)
    expect(r.stderr).toContain(`golang.org/toolchain@${modVersion} verified: h1:`)
    const root = r.stdout.trim().split('\n').at(-1)!
    expect(root).toBe(
      path.join(dirs.toolCache, 'go', go.version, go.arch === 'amd64' ? 'x64' : 'arm64')
    )
    const out = await runOk(path.join(root, 'bin', 'go'), ['version'], {
      env: { PATH: process.env.PATH, GOTOOLCHAIN: 'local' }
    })
    expect(out).toContain(`go${go.version} linux/${go.arch}`)
    // The compiler and linker came out of a zip without modes and must run.
    await runOk(path.join(root, 'pkg', 'tool', `linux_${go.arch}`, 'compile'), ['-V'])
    // The standard library's go.mod files, stored as _go.mod in the zip, are back in place.
    expect(existsSync(path.join(root, 'src', 'go.mod'))).toBe(true)
    expect(existsSync(path.join(root, 'src', 'cmd', 'go.mod'))).toBe(true)
    const deps = await runOk(path.join(root, 'bin', 'go'), ['list', '-deps', 'net/http'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...testGoEnv() }
    })
    expect(deps).toContain('vendor/golang.org/x/net/http/httpguts')
    expect(server.count(`${base()}.zip`)).toBe(1)
    expect(readdirSync(dirs.temp).filter(n => n !== 'bifrost-build-report.json')).toEqual([])
  })

  it('refuses a zip the checksum database does not vouch for; nothing is installed', async () => {
    serveProxy(badZip)
    const dirs = runnerDirs()
    const r = await setupGo(dirs, ['--go-version', go.version])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      `golang.org/toolchain@${modVersion} from ${server.url} failed the checksum database check`
    )
    expect(r.stderr).toContain('checksum mismatch')
    expect(server.count(`${base()}.zip`)).toBe(1)
    expect(cached(dirs)).toEqual([])
    expect(readdirSync(dirs.temp).filter(n => n !== 'bifrost-build-report.json')).toEqual([])
  })

  it('fails clearly when GOSUMDB=off, before downloading anything', async () => {
    serveProxy(goodZip)
    const r = await setupGo(runnerDirs(), ['--go-version', go.version], { GOSUMDB: 'off' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('but GOSUMDB=off')
    expect(server.requests).toEqual([])
  })

  it('says so when the proxy does not have that toolchain', async () => {
    serveProxy(goodZip)
    const r = await setupGo(runnerDirs(), ['--go-version', '1.21.99'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      `golang.org/toolchain@v0.0.1-go1.21.99.linux-${go.arch} is not on ${server.url}`
    )
    expect(r.stderr).toContain(`nearest available: 1.21.0, ${go.version}`)
  })
})
