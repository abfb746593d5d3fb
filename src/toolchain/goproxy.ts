/**
 * The `goproxy` route: Go as the module `golang.org/toolchain@v0.0.1-go<ver>.linux-<arch>`
 * from GOPROXY, for networks that mirror modules but not go.dev. The checksum database check
 * is the go command's own (`go mod download`), run by whatever Go is already here: it verifies
 * the zip against GOSUMDB exactly as a toolchain switch would, including the signed tree.
 */
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Arch } from '../context.js'
import { BuildError } from '../errors.js'
import { run } from '../proc.js'
import type { Reporter } from '../report.js'
import { sha256File } from '../util/sha256.js'
import { parseGoproxyList } from './modfile.js'
import { goRootFromModule } from './unpack.js'

export const TOOLCHAIN_MODULE = 'golang.org/toolchain'

export function toolchainModuleVersion(version: string, arch: Arch): string {
  return `v0.0.1-go${version}.linux-${arch}`
}

/** The first entry of GOPROXY that is a URL (`direct` and `off` are not). */
export function firstProxyUrl(goproxy: string): string | undefined {
  return parseGoproxyList(goproxy)
    .map(e => e.url)
    .find(url => /^(https?|file):\/\//.test(url))
    ?.replace(/\/+$/, '')
}

/** What `go mod download -json` prints for one module. */
export interface ModDownload {
  Path?: string
  Version?: string
  Error?: string
  Zip?: string
  Dir?: string
  Sum?: string
}

export function parseModDownload(stdout: string): ModDownload | undefined {
  const start = stdout.indexOf('{')
  if (start < 0) return undefined
  try {
    return JSON.parse(stdout.slice(start)) as ModDownload
  } catch {
    return undefined
  }
}

/** Turns the go command's complaint into what happened and what to do. */
export function explainDownloadError(
  error: string,
  mod: string,
  proxy: string,
  sumdb: string
): { message: string; fix: string } {
  const detail = error.replace(/\s+/g, ' ').trim()
  if (/checksum mismatch|SECURITY ERROR|verifying .*: /i.test(error) && !/not found/i.test(error))
    return {
      message: `${mod} from ${proxy} failed the checksum database check (GOSUMDB=${sumdb}): ${detail}`,
      fix: 'the proxy serves a different file than the checksum database records: do not use it; fix the proxy or use go-download-source: dl'
    }
  if (/404|410|not found|unknown revision|invalid version/i.test(error))
    return {
      message: `${mod} is not on ${proxy}: ${detail}`,
      fix: 'check go-version (the proxy must mirror golang.org/toolchain), or use go-download-source: dl'
    }
  return {
    message: `go mod download of ${mod} from ${proxy} failed: ${detail}`,
    fix: 'check GOPROXY, GOSUMDB and network access from the runner'
  }
}

export interface GoproxyRequest {
  version: string
  arch: Arch
  env: NodeJS.ProcessEnv
  /** A Go already on this machine that performs the verified download. */
  bootstrapGo: string
  tempDir: string
  stagingDir: string
  /** Releases the proxy has that come closest, for the error when this one is missing. */
  nearest?: () => Promise<string[]>
}

export async function fetchFromGoproxy(
  req: GoproxyRequest,
  reporter: Reporter,
  signal?: AbortSignal
): Promise<{ goroot: string; url: string; sha256: string }> {
  const goproxy = req.env.GOPROXY || 'https://proxy.golang.org,direct'
  const proxy = firstProxyUrl(goproxy)
  if (!proxy)
    throw new BuildError(`GOPROXY=${goproxy} names no proxy URL`, {
      input: 'go-download-source',
      fix: 'set GOPROXY to your module proxy (e.g. https://proxy.example.com), or use go-download-source: dl'
    })
  const sumdb = req.env.GOSUMDB || 'sum.golang.org'
  if (sumdb === 'off')
    throw new BuildError(
      'go-download-source: goproxy verifies Go against the checksum database, but GOSUMDB=off',
      {
        input: 'go-download-source',
        fix: 'unset GOSUMDB or point it at a checksum database your network reaches (e.g. "sum.golang.org https://proxy.example.com/sumdb/sum.golang.org"), or use go-download-source: dl'
      }
    )
  const mod = `${TOOLCHAIN_MODULE}@${toolchainModuleVersion(req.version, req.arch)}`
  const tmp = await mkdtemp(path.join(req.tempDir, 'bifrost-build-goproxy-'))
  try {
    const env: NodeJS.ProcessEnv = {
      ...req.env,
      GOPROXY: proxy,
      GOSUMDB: sumdb,
      // Nothing may exempt the toolchain from the checksum check.
      GONOSUMDB: '',
      GONOSUMCHECK: '',
      GOPRIVATE: '',
      GONOPROXY: '',
      GOINSECURE: '',
      GOFLAGS: '-modcacherw',
      GOTOOLCHAIN: 'local',
      GO111MODULE: 'on',
      GOWORK: 'off',
      // A private module cache: the toolchain is copied into the tool cache and this is removed.
      GOMODCACHE: path.join(tmp, 'modcache')
    }
    delete env.GOROOT
    reporter.info(`Downloading ${mod} from ${proxy} (checked against GOSUMDB=${sumdb})`)
    const r = await run(req.bootstrapGo, ['mod', 'download', '-json', mod], {
      cwd: tmp,
      env,
      signal
    })
    const info = parseModDownload(r.stdout)
    if (r.code !== 0 || !info || info.Error || !info.Dir) {
      const why = info?.Error || r.stderr.trim() || `exit code ${r.code}`
      let { message, fix } = explainDownloadError(why, mod, proxy, sumdb)
      if (/ is not on /.test(message) && req.nearest) {
        const near = await req.nearest().catch(() => [])
        if (near.length) {
          message += `; nearest available: ${near.join(', ')}`
          fix = 'set go-version to one of the listed releases'
        }
      }
      throw new BuildError(message, { input: 'go-download-source', module: mod, fix })
    }
    reporter.info(`${mod} verified: ${info.Sum}`)
    const goroot = path.join(req.stagingDir, 'go')
    await mkdir(req.stagingDir, { recursive: true })
    await cp(info.Dir, goroot, { recursive: true })
    await goRootFromModule(goroot)
    return {
      goroot,
      url: `${proxy}/${TOOLCHAIN_MODULE}/@v/${toolchainModuleVersion(req.version, req.arch)}.zip`,
      sha256: info.Zip ? await sha256File(info.Zip) : ''
    }
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}
