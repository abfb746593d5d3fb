/**
 * Stage 2 (after the plan): resolve the plan's version request to one release, find or
 * install it and export it. Host and plugins must be built by the very same release, so a
 * version is resolved once, the install is checked by running its `go version`, and
 * GOTOOLCHAIN=local stops the go command from switching later.
 */
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import type { Reporter } from '../report.js'
import type { Toolchain, ToolchainRequest } from '../context.js'
import { BuildError } from '../errors.js'
import { run } from '../proc.js'
import { fetchFromDl, loadIndex } from './dl.js'
import { versionsFor } from './dlindex.js'
import { goEnvironment, parseGoVersionOutput } from './goenv.js'
import { which } from '../util/which.js'
import { fetchFromGoproxy, firstProxyUrl, TOOLCHAIN_MODULE } from './goproxy.js'
import { getText, idleTimeoutMs, type HttpOptions } from '../net/http.js'
import { fetchModFile } from './modfile.js'
import {
  findCachedGo,
  installIntoCache,
  listCachedGo,
  makeStaging,
  toolCacheRoot
} from './toolcache.js'
import { ensureTempRoot, tempRoot } from '../util/temp-root.js'
import {
  matchesSpec,
  nearestVersions,
  newestMatching,
  parseVersionSpec,
  resolveAlias,
  sameRelease,
  specText,
  versionFromFile,
  type VersionSpec,
  DEFAULT_GO_VERSION
} from '../lib/version-spec.js'

/**
 * A bifrost-version build with neither go-version nor go-version-file: the released module's
 * own go.mod decides, as transports/go.mod does for a checkout. It is read from GOPROXY (the
 * same place the build downloads the module from); when that fails, the default stands and
 * the build's go-line check names the fix if the release needs a newer Go.
 */
async function goLineOfRelease(
  req: ToolchainRequest,
  reporter: Reporter,
  signal?: AbortSignal
): Promise<ToolchainRequest> {
  const mod = req.fromModule
  if (!mod) return req
  const got = await fetchModFile(
    envOf(req).GOPROXY ?? '',
    mod.path,
    `v${mod.version}`,
    httpOptions(req, reporter, signal)
  )
  signal?.throwIfAborted()
  const found = 'text' in got ? versionFromFile('go.mod', got.text) : undefined
  const parsed = found && parseVersionSpec(found.spec)
  if (!parsed) {
    const why = 'reason' in got ? got.reason : `${got.url} has no go line`
    reporter.info(`Go for ${mod.path}@v${mod.version}: ${why}; using ${req.versionFrom}`)
    return req
  }
  return {
    ...req,
    versionSpec: specText(parsed),
    versionFrom: `${mod.path}@v${mod.version} go.mod (${found.from})`
  }
}

function inputOf(req: ToolchainRequest): string {
  return req.versionInput ?? (req.versionFrom === 'go-version' ? 'go-version' : 'go-version-file')
}

function httpOptions(req: ToolchainRequest, reporter: Reporter, signal?: AbortSignal): HttpOptions {
  return {
    token: req.token,
    credentials: req.downloadCredentials,
    signal,
    idleTimeoutMs: idleTimeoutMs(envOf(req)),
    onRetry: m => reporter.warning(m)
  }
}

function envOf(req: ToolchainRequest): NodeJS.ProcessEnv {
  return req.env ?? process.env
}

/** Runs `<goroot>/bin/go version`; its own answer is the only proof of what was installed. */
async function goVersionOf(
  goBin: string,
  env: NodeJS.ProcessEnv,
  goroot?: string
): Promise<ReturnType<typeof parseGoVersionOutput>> {
  const childEnv: NodeJS.ProcessEnv = { ...env, GOTOOLCHAIN: 'local' }
  delete childEnv.GOFLAGS
  if (goroot) childEnv.GOROOT = goroot
  else delete childEnv.GOROOT
  try {
    const r = await run(goBin, ['version'], { env: childEnv, timeoutMs: 60_000 })
    return r.code === 0 ? parseGoVersionOutput(r.stdout) : undefined
  } catch {
    return undefined
  }
}

async function localGo(req: ToolchainRequest): Promise<{ goBin: string; version: string }> {
  const goBin = which('go', envOf(req).PATH)
  if (!goBin)
    throw new BuildError('go-download-source is local, but no go is on PATH', {
      input: 'go-download-source',
      fix: 'install Go first, or use go-download-source: dl'
    })
  const got = await goVersionOf(goBin, envOf(req))
  if (!got)
    throw new BuildError(`${goBin} version did not report a Go version`, {
      input: 'go-download-source',
      fix: 'fix the Go on PATH, or use go-download-source: dl'
    })
  return { goBin, version: got.version }
}

/** Releases the chosen source offers (for `1.26.x` and for "nearest" lists). */
async function availableVersions(
  req: ToolchainRequest,
  reporter: Reporter,
  signal?: AbortSignal
): Promise<{ versions?: string[]; where: string; reason?: string }> {
  const http = httpOptions(req, reporter, signal)
  if (req.downloadSource === 'goproxy') {
    const proxy = firstProxyUrl(envOf(req).GOPROXY || 'https://proxy.golang.org')
    if (!proxy) return { where: 'GOPROXY', reason: 'GOPROXY names no proxy URL' }
    const where = `${proxy}/${TOOLCHAIN_MODULE}/@v/list`
    try {
      const suffix = `.linux-${req.hostArch}`
      const versions = (await getText(where, http))
        .split('\n')
        .map(l => l.trim())
        .filter(l => l.startsWith('v0.0.1-go') && l.endsWith(suffix))
        .map(l => l.slice('v0.0.1-go'.length, -suffix.length))
      return { versions, where }
    } catch (err) {
      return { where, reason: (err as Error).message }
    }
  }
  const { releases, reason } = await loadIndex(req.downloadBaseUrl, http)
  return {
    versions: releases ? versionsFor(releases, req.hostArch) : undefined,
    where: req.downloadBaseUrl,
    reason
  }
}

/** Turns the request into one exact version (`1.26.1`); `1.26.x` consults the download index. */
export async function resolveGoVersion(
  req: ToolchainRequest,
  reporter: Reporter,
  signal?: AbortSignal
): Promise<string> {
  if (req.warning) reporter.warning(req.warning)
  req = await goLineOfRelease(req, reporter, signal)
  let spec = parseVersionSpec(req.versionSpec) as VersionSpec
  if (spec.kind === 'alias') {
    // stable/oldstable name a release only through the list of releases.
    const { alias } = spec
    const version = await resolveAliasFrom(req, alias, reporter, signal)
    spec = { kind: 'exact', version }
    req = { ...req, versionSpec: version, versionFrom: `${req.versionFrom} (${alias})` }
  }
  if (req.downloadSource === 'local') {
    const local = await localGo(req)
    if (!matchesSpec(local.version, spec))
      throw new BuildError(
        `${local.goBin} is Go ${local.version}, but ${req.versionFrom} asks for ${req.versionSpec}`,
        {
          input: inputOf(req),
          fix: `set ${inputOf(req)} to ${local.version}, or use go-download-source: dl to install ${req.versionSpec}`
        }
      )
    return local.version
  }
  if (spec.kind === 'exact') return spec.version

  const { versions, where, reason } = await availableVersions(req, reporter, signal)
  // A cancelled listing is not a mirror problem: say "cancelled", not "listing failed".
  signal?.throwIfAborted()
  if (!versions) {
    // Offline or a mirror without an index: a matching Go already in the tool cache will do.
    const cached = newestMatching(listCachedGo(toolCacheRoot(envOf(req)), req.hostArch), spec)
    if (cached) {
      reporter.warning(
        `could not list Go releases (${reason}); using Go ${cached} from the tool cache`
      )
      return cached
    }
    throw new BuildError(
      `cannot resolve Go ${req.versionSpec} (from ${req.versionFrom}): listing releases failed (${reason})`,
      {
        input: inputOf(req),
        fix: 'give an exact version such as 1.26.1, or check go-download-base-url / GOPROXY'
      }
    )
  }
  const chosen = newestMatching(versions, spec)
  if (!chosen)
    throw new BuildError(
      `no stable Go ${req.versionSpec}.x at ${where}; nearest available: ${nearestVersions(versions, req.versionSpec).join(', ') || 'none'}`,
      { input: inputOf(req), fix: `set ${inputOf(req)} to one of the listed releases` }
    )
  reporter.info(`Go ${req.versionSpec} (from ${req.versionFrom}) resolved to ${chosen}`)
  return chosen
}

/** `stable` / `oldstable` as one release, from the same list `1.26.x` is chosen from. */
async function resolveAliasFrom(
  req: ToolchainRequest,
  alias: 'stable' | 'oldstable',
  reporter: Reporter,
  signal?: AbortSignal
): Promise<string> {
  const { versions, where, reason } = await availableVersions(req, reporter, signal)
  signal?.throwIfAborted()
  if (!versions)
    throw new BuildError(
      `cannot resolve Go ${alias} (from ${req.versionFrom}): listing releases failed (${reason})`,
      {
        input: inputOf(req),
        fix: 'give an exact version such as 1.26.1, or check go-download-base-url / GOPROXY'
      }
    )
  const chosen = resolveAlias(versions, alias)
  if (!chosen)
    throw new BuildError(
      `no Go release is ${alias} at ${where} (it lists ${versions.length} release(s), ${alias === 'oldstable' ? 'none of an older minor line than the newest' : 'none stable'})`,
      { input: inputOf(req), fix: `give an exact version such as ${DEFAULT_GO_VERSION}` }
    )
  reporter.info(`Go ${alias} (from ${req.versionFrom}) resolved to ${chosen}`)
  return chosen
}

function bootstrapGo(req: ToolchainRequest, root: string): string | undefined {
  const onPath = which('go', envOf(req).PATH)
  if (onPath) return onPath
  for (const v of listCachedGo(root, req.hostArch)) {
    const goBin = path.join(findCachedGo(root, v, req.hostArch) ?? '', 'bin', 'go')
    if (existsSync(goBin)) return goBin
  }
  return undefined
}

async function install(
  req: ToolchainRequest,
  version: string,
  root: string,
  reporter: Reporter,
  signal?: AbortSignal
): Promise<{ goroot: string; url: string; sha256: string }> {
  const env = envOf(req)
  const staging = await makeStaging(root)
  try {
    let fetched
    if (req.downloadSource === 'goproxy') {
      const bootstrap = bootstrapGo(req, root)
      if (!bootstrap)
        throw new BuildError(
          'go-download-source: goproxy needs a Go already on this machine to verify the toolchain against GOSUMDB, and none is on PATH or in the tool cache',
          {
            input: 'go-download-source',
            fix: 'install any Go (e.g. from the OS packages) before this step, or use go-download-source: dl'
          }
        )
      fetched = await fetchFromGoproxy(
        {
          nearest: async () =>
            nearestVersions(
              (await availableVersions(req, reporter, signal)).versions ?? [],
              version
            ),
          version,
          arch: req.hostArch,
          env,
          bootstrapGo: bootstrap,
          tempDir: tempRoot(env),
          stagingDir: staging
        },
        reporter,
        signal
      )
    } else {
      fetched = await fetchFromDl(
        {
          baseUrl: req.downloadBaseUrl,
          version,
          arch: req.hostArch,
          tempDir: tempRoot(env),
          stagingDir: staging,
          http: httpOptions(req, reporter, signal)
        },
        inputOf(req),
        reporter,
        signal
      )
    }
    const got = await goVersionOf(path.join(fetched.goroot, 'bin', 'go'), env, fetched.goroot)
    if (
      !got ||
      !sameRelease(got.version, version) ||
      got.os !== 'linux' ||
      got.arch !== req.hostArch
    )
      throw new BuildError(
        `${fetched.url} unpacked to ${got ? `go${got.version} ${got.os}/${got.arch}` : 'a go that does not run'}, not go${version} linux/${req.hostArch}; it was not installed`,
        {
          input: req.downloadSource === 'goproxy' ? 'go-download-source' : 'go-download-base-url',
          fix: 'the mirror serves the wrong file under this name: fix the mirror, or use the official source'
        }
      )
    const goroot = await installIntoCache(root, version, req.hostArch, fetched.goroot)
    return { ...fetched, goroot }
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
}

/** Finds the version in the tool cache or installs it; exports GOROOT, PATH, GOTOOLCHAIN=local, ... */
export async function setupGo(
  req: ToolchainRequest,
  version: string,
  reporter: Reporter,
  signal?: AbortSignal
): Promise<Toolchain> {
  if (req.token) reporter.setSecret(req.token)
  if (req.downloadCredentials) reporter.setSecret(req.downloadCredentials.secret)
  const env = envOf(req)
  await ensureTempRoot(env)
  const root = toolCacheRoot(env)
  let toolchain: Omit<Toolchain, 'env' | 'goBin'>

  if (req.downloadSource === 'local') {
    const local = await localGo(req)
    if (!sameRelease(local.version, version))
      throw new BuildError(`${local.goBin} is Go ${local.version}, not ${version}`, {
        input: 'go-download-source',
        fix: `use go-download-source: dl to install Go ${version}`
      })
    const r = await run(local.goBin, ['env', 'GOROOT'], { env: { ...env, GOTOOLCHAIN: 'local' } })
    toolchain = { version, goroot: r.stdout.trim(), source: 'local' }
  } else {
    let cached = findCachedGo(root, version, req.hostArch)
    if (cached) {
      const got = await goVersionOf(path.join(cached, 'bin', 'go'), env, cached)
      if (!got || !sameRelease(got.version, version)) {
        reporter.warning(
          `the tool cache copy of Go ${version} at ${cached} is broken; reinstalling`
        )
        await rm(`${cached}.complete`, { force: true })
        await rm(cached, { recursive: true, force: true })
        cached = undefined
      }
    }
    if (cached) {
      reporter.info(`Go ${version} found in the tool cache: ${cached}`)
      toolchain = { version, goroot: cached, source: 'tool-cache' }
    } else {
      const got = await install(req, version, root, reporter, signal)
      reporter.info(`Go ${version} installed to ${got.goroot}`)
      toolchain = {
        version,
        goroot: got.goroot,
        source: req.downloadSource,
        url: got.url,
        sha256: got.sha256
      }
    }
  }

  const goEnv = goEnvironment(toolchain.goroot, env)
  for (const [k, v] of Object.entries(goEnv)) if (k !== 'PATH') reporter.exportVariable(k, v)
  reporter.addPath(path.join(toolchain.goroot, 'bin'))
  return { ...toolchain, goBin: path.join(toolchain.goroot, 'bin', 'go'), env: goEnv }
}
