/**
 * The `dl` route: the official archive from go.dev/dl or a mirror, its SHA-256 from the
 * mirror's JSON index (or `<file>.sha256`), checked before anything is unpacked.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Arch } from '../context.js'
import { BuildError } from '../errors.js'
import type { Reporter } from '../report.js'
import {
  archiveName,
  archiveUrl,
  indexUrl,
  parseIndex,
  parseSha256File,
  versionsFor,
  type IndexRelease
} from './dlindex.js'
import {
  downloadFile,
  getText,
  HttpStatusError,
  serverAnswered,
  TruncatedError,
  type HttpOptions
} from '../net/http.js'
import { extractTarGz } from './unpack.js'
import { nearestVersions, releaseCandidates } from '../lib/version-spec.js'

export interface DlRequest {
  baseUrl: string
  version: string
  arch: Arch
  tempDir: string
  /** Where to unpack (inside the tool cache, so the result can be renamed into place). */
  stagingDir: string
  http: HttpOptions
}

export interface Fetched {
  /** The unpacked GOROOT, not yet checked. */
  goroot: string
  url: string
  sha256: string
}

function describeFailure(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** Loads the index; `undefined` (with the reason) when the mirror has none we can read. */
export async function loadIndex(
  baseUrl: string,
  http: HttpOptions
): Promise<{ releases?: IndexRelease[]; reason?: string; unreachable?: boolean }> {
  const url = indexUrl(baseUrl)
  let body: string
  try {
    body = await getText(url, http)
  } catch (err) {
    // Cancelled is not "no index": the run stops, it does not fall back to `.sha256`.
    if (http.signal?.aborted) throw err
    return { reason: `${url}: ${describeFailure(err)}`, unreachable: !serverAnswered(err) }
  }
  try {
    return { releases: parseIndex(body) }
  } catch (err) {
    return { reason: `${url}: ${describeFailure(err)}` }
  }
}

/** The version is not on this mirror: say what is, closest first. */
export function unknownVersionError(
  version: string,
  releases: readonly IndexRelease[],
  arch: Arch,
  baseUrl: string,
  input: string
): BuildError {
  const near = nearestVersions(versionsFor(releases, arch), version)
  return new BuildError(
    `Go ${version} is not in the download index of ${baseUrl} (no ${archiveName(version, arch)}); nearest available: ${near.join(', ') || 'none'}`,
    { input, fix: `set ${input} to one of the listed releases` }
  )
}

/** Which SHA-256 the archive must have, and the version's name on the mirror (go1.20, not go1.20.0). */
async function expectedChecksum(
  req: DlRequest,
  input: string,
  reporter: Reporter
): Promise<{ sha256: string; version: string; indexReason?: string }> {
  const { releases, reason, unreachable } = await loadIndex(req.baseUrl, req.http)
  if (unreachable)
    throw new BuildError(`cannot reach the Go download mirror: ${reason}`, {
      input: 'go-download-base-url',
      fix: 'check the URL and the network (HTTPS_PROXY is honoured), or use go-download-source: goproxy'
    })
  if (releases) {
    for (const candidate of releaseCandidates(req.version)) {
      const file = archiveName(candidate, req.arch)
      const entry = releases.flatMap(r => r.files).find(f => f.filename === file)
      if (entry && /^[0-9a-f]{64}$/.test(entry.sha256))
        return { sha256: entry.sha256, version: candidate }
    }
    throw unknownVersionError(req.version, releases, req.arch, req.baseUrl, input)
  }
  reporter.warning(
    `no usable download index (${reason}); using ${archiveName(req.version, req.arch)}.sha256`
  )
  const shaUrl = `${archiveUrl(req.baseUrl, req.version, req.arch)}.sha256`
  let body: string
  try {
    body = await getText(shaUrl, req.http)
  } catch (err) {
    if (err instanceof HttpStatusError && err.status === 404)
      throw new BuildError(
        `no checksum for Go ${req.version}: ${shaUrl} returned 404 and the index was unusable (${reason}), so whether Go ${req.version} exists on this mirror could not be checked`,
        {
          input,
          fix: `check the version and that go-download-base-url points at a mirror of https://go.dev/dl`
        }
      )
    throw new BuildError(`could not fetch ${shaUrl}: ${describeFailure(err)}`, {
      input: 'go-download-base-url',
      fix: 'check that the mirror is reachable, or retry'
    })
  }
  const sha256 = parseSha256File(body)
  if (!sha256)
    throw new BuildError(`${shaUrl} does not hold a SHA-256 digest`, {
      input: 'go-download-base-url',
      fix: 'point go-download-base-url at a mirror of https://go.dev/dl'
    })
  return { sha256, version: req.version, indexReason: reason }
}

export async function fetchFromDl(
  req: DlRequest,
  input: string,
  reporter: Reporter,
  signal?: AbortSignal
): Promise<Fetched> {
  const expected = await expectedChecksum(req, input, reporter)
  const url = archiveUrl(req.baseUrl, expected.version, req.arch)
  const tmp = await mkdtemp(path.join(req.tempDir, 'bifrost-build-go-'))
  const file = path.join(tmp, archiveName(expected.version, req.arch))
  try {
    reporter.info(`Downloading ${url}`)
    let got
    try {
      got = await downloadFile(url, file, req.http)
    } catch (err) {
      if (err instanceof HttpStatusError && err.status === 404) {
        const exists = expected.indexReason
          ? `its .sha256 exists, so the mirror knows Go ${req.version} but lacks the archive`
          : `the index lists Go ${expected.version}, so the mirror is missing the file`
        throw new BuildError(`${url} returned 404; ${exists}`, {
          input: 'go-download-base-url',
          fix: 'fix or resync the mirror, or use the default https://go.dev/dl'
        })
      }
      if (err instanceof TruncatedError)
        throw new BuildError(
          `download of ${url} was truncated: the connection closed after ${err.got} of ${err.expected} bytes, on every try`,
          {
            input: 'go-download-base-url',
            fix: 'the mirror or a proxy between cuts the transfer: check its size and time limits, then re-run the job'
          }
        )
      throw new BuildError(`download of ${url} failed: ${describeFailure(err)}`, {
        input: 'go-download-base-url',
        fix: 'check that the mirror is reachable, then re-run the job'
      })
    }
    if (got.sha256 !== expected.sha256)
      throw new BuildError(
        `${url} has SHA-256 ${got.sha256} (${got.bytes} bytes) but the mirror's checksum is ${expected.sha256}; the archive was not unpacked`,
        {
          input: 'go-download-base-url',
          fix: 'the download is corrupt or the mirror serves a different file: re-run, or use https://go.dev/dl'
        }
      )
    reporter.info(`SHA-256 ${got.sha256} verified (${got.bytes} bytes)`)
    signal?.throwIfAborted()
    await extractTarGz(file, req.stagingDir, signal)
    return { goroot: path.join(req.stagingDir, 'go'), url, sha256: got.sha256 }
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}
