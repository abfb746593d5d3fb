/**
 * Go toolchain fixtures made from the Go installed on this machine: the official archive
 * layout (`go<ver>.linux-<arch>.tar.gz` with a top-level `go/`), the golang.org/toolchain
 * module zip, and a loopback HTTP server that serves them and counts requests.
 */
import { createHash } from 'node:crypto'
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync
} from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { goEnv } from './go-env.js'
import { runOk } from './run.js'

export interface InstalledGo {
  /** `1.26.8` */
  version: string
  goroot: string
  arch: 'amd64' | 'arm64'
}

export function installedGo(): InstalledGo {
  const go = goEnv()
  return {
    version: go.GOVERSION.replace(/^go/, '').split(' ')[0],
    goroot: go.GOROOT,
    arch: go.GOARCH as 'amd64' | 'arm64'
  }
}

function cacheRoot(): string {
  return process.env.BB_TEST_CACHE_ROOT || path.join(os.tmpdir(), 'bifrost-build-test-cache')
}

/** Builds `file` once per cache root through `make(tmp)`; racing test files each build and one rename wins. */
async function once(file: string, make: (tmp: string) => Promise<void>): Promise<string> {
  if (existsSync(file)) return file
  mkdirSync(path.dirname(file), { recursive: true })
  const tmp = `${file}.tmp-${process.pid}`
  rmSync(tmp, { force: true })
  await make(tmp)
  renameSync(tmp, file)
  return file
}

/** The installed Go repacked like an official archive (fast gzip: the bytes only need to be consistent). */
export function goArchive(go: InstalledGo): Promise<string> {
  const dir = path.join(cacheRoot(), 'toolchain-fixtures')
  return once(path.join(dir, `go${go.version}.linux-${go.arch}.tar.gz`), async tmp => {
    const parent = path.dirname(go.goroot)
    const base = path.basename(go.goroot)
    await runOk('tar', [
      '-I',
      'gzip -1',
      '-cf',
      tmp,
      '-C',
      parent,
      '--transform',
      `s,^${base},go,`,
      base
    ])
  })
}

export function toolchainModuleVersion(go: InstalledGo): string {
  return `v0.0.1-go${go.version}.linux-${go.arch}`
}

/** The golang.org/toolchain module zip of the installed Go, as the module proxy serves it. */
export function toolchainZip(go: InstalledGo): Promise<string> {
  const dir = path.join(cacheRoot(), 'toolchain-fixtures')
  return once(path.join(dir, `toolchain-${toolchainModuleVersion(go)}.zip`), async tmp => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'bb-tczip-'))
    try {
      mkdirSync(path.join(work, 'golang.org'))
      const top = `toolchain@${toolchainModuleVersion(go)}`
      symlinkSync(go.goroot, path.join(work, 'golang.org', top))
      // As the release does: go.mod files below the module root are stored as _go.mod.
      await runOk('zip', ['-q', '-r', '-D', '-1', tmp, `golang.org/${top}`, '-x', '*/go.mod'], {
        cwd: work
      })
      const renamed = path.join(work, 'renamed')
      for (const rel of readdirSync(go.goroot, { recursive: true }) as string[]) {
        if (path.basename(rel) !== 'go.mod') continue
        const dest = path.join(renamed, 'golang.org', top, path.dirname(rel), '_go.mod')
        mkdirSync(path.dirname(dest), { recursive: true })
        copyFileSync(path.join(go.goroot, rel), dest)
      }
      await runOk('zip', ['-q', '-r', '-D', tmp, 'golang.org'], { cwd: renamed })
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  })
}

export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256')
    createReadStream(file)
      .on('data', d => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject)
  })
}

/** The installed Go as a go.dev/dl mirror serves it: the repacked archive, its sha256, its URL path. */
export interface GoRelease {
  go: InstalledGo
  archive: string
  sha: string
  archivePath: string
}

export async function goRelease(): Promise<GoRelease> {
  const go = installedGo()
  const archive = await goArchive(go)
  return {
    go,
    archive,
    sha: await sha256Of(archive),
    archivePath: `/go${go.version}.linux-${go.arch}.tar.gz`
  }
}

export interface Served {
  status?: number
  /** Send this file's bytes. */
  file?: string
  body?: string
  /** Announce the full length, send this many bytes, then drop the connection. */
  truncateAt?: number
}

export type Route = (req: http.IncomingMessage, count: number) => Served | undefined

export interface LoopbackServer {
  url: string
  /** Every request's path (with query), in order. */
  requests: string[]
  /** Authorization headers received (must stay empty: the token is for GitHub hosts only). */
  authorizations: string[]
  routes: Map<string, Route>
  count(p: string): number
  reset(): void
  close(): Promise<void>
}

/** A server on 127.0.0.1 whose answers tests change between runs through `routes` (keyed by path+query). */
export async function startServer(): Promise<LoopbackServer> {
  const requests: string[] = []
  const authorizations: string[] = []
  const routes = new Map<string, Route>()
  const server = http.createServer((req, res) => {
    const key = req.url ?? '/'
    requests.push(key)
    if (req.headers.authorization) authorizations.push(req.headers.authorization)
    const seen = requests.filter(r => r === key).length
    const answer = routes.get(key)?.(req, seen) ?? { status: 404, body: 'not found\n' }
    const status = answer.status ?? 200
    if (answer.file) {
      const size = statSync(answer.file).size
      res.writeHead(status, { 'content-length': size })
      if (answer.truncateAt !== undefined) {
        const stream = createReadStream(answer.file, { end: answer.truncateAt - 1 })
        stream.on('data', d => res.write(d))
        stream.on('end', () => res.socket?.destroy())
      } else {
        createReadStream(answer.file).pipe(res)
      }
      return
    }
    res.writeHead(status, { 'content-type': 'text/plain' })
    res.end(answer.body ?? '')
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    authorizations,
    routes,
    count: p => requests.filter(r => r === p).length,
    reset: () => {
      requests.length = 0
      authorizations.length = 0
      routes.clear()
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A go.dev/dl-style JSON index listing `entries` (version -> sha256 of its linux archive). */
export function dlIndex(
  entries: { version: string; sha256: string; arch: string; stable?: boolean }[]
): string {
  return JSON.stringify(
    entries.map(e => ({
      version: `go${e.version}`,
      stable: e.stable ?? true,
      files: [
        {
          filename: `go${e.version}.linux-${e.arch}.tar.gz`,
          os: 'linux',
          arch: e.arch,
          version: `go${e.version}`,
          sha256: e.sha256,
          size: 1,
          kind: 'archive'
        },
        {
          filename: `go${e.version}.src.tar.gz`,
          os: '',
          arch: '',
          version: `go${e.version}`,
          sha256: '0'.repeat(64),
          size: 1,
          kind: 'source'
        }
      ]
    }))
  )
}
