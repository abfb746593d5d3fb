/**
 * Real binaries for the verify tests, built from the shared fixture with plain `go build`
 * (argument arrays) until tests can go through src/build. Each configuration is built once
 * per cache root and reused by every test file: a host costs ~20 s, a first plugin ~9 s.
 */
import {
  cpSync,
  statSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BIFROST_FIXTURE, fixtureGoEnv } from './fixture.js'
import { runOk } from './run.js'

export type FixturePlugin = 'hello' | 'world' | 'skewed'

export interface FixtureBuild {
  kind: 'host' | 'plugin'
  plugin?: FixturePlugin
  libc?: 'glibc' | 'musl'
  arch?: 'amd64' | 'arm64'
  /** Host only: `-extldflags '-static'` and `-tags sqlite_static`, as the build stage does. */
  static?: boolean
  trimpath?: boolean
  tags?: string[]
  goamd64?: string
  /** GOEXPERIMENT for this build, e.g. `jsonv2`. */
  goexperiment?: string
  /** GOTOOLCHAIN for this build, e.g. `go1.27.3` (fetched from the module proxy). */
  toolchain?: string
}

function cacheRoot(): string {
  return process.env.BB_TEST_CACHE_ROOT || path.join(os.tmpdir(), 'bifrost-build-test-cache')
}

export function ccFor(libc: 'glibc' | 'musl', arch: 'amd64' | 'arm64'): string {
  if (arch === 'amd64') return libc === 'musl' ? 'musl-gcc' : 'gcc'
  return libc === 'musl' ? 'aarch64-linux-musl-gcc' : 'aarch64-linux-gnu-gcc'
}

/** One copy of the fixture with a placeholder UI, so every build sees the same source paths. */
function sourceDir(): string {
  const dir = path.join(cacheRoot(), 'verify-src-v1')
  if (existsSync(path.join(dir, '.ready'))) return dir
  mkdirSync(cacheRoot(), { recursive: true })
  const tmp = mkdtempSync(path.join(cacheRoot(), 'verify-src-tmp-'))
  cpSync(BIFROST_FIXTURE, tmp, { recursive: true })
  const ui = path.join(tmp, 'transports', 'bifrost-http', 'ui')
  mkdirSync(ui, { recursive: true })
  writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>test</title>\n')
  writeFileSync(path.join(tmp, '.ready'), '')
  try {
    renameSync(tmp, dir)
  } catch {
    rmSync(tmp, { recursive: true, force: true })
  }
  return dir
}

export function buildKey(b: FixtureBuild): string {
  return [
    b.kind === 'host' ? 'host' : `plugin-${b.plugin ?? 'hello'}`,
    b.libc ?? 'glibc',
    b.arch ?? 'amd64',
    b.static ? 'static' : 'dyn',
    b.trimpath === false ? 'notrim' : 'trim',
    (b.tags ?? []).join('+') || 'notags',
    b.goamd64 ?? 'v1',
    b.toolchain ?? 'local',
    ...(b.goexperiment ? [`x-${b.goexperiment}`] : [])
  ].join('_')
}

/** The go environment of a fixture build (also what verify should read build info with). */
export function buildEnv(b: FixtureBuild = { kind: 'host' }): Record<string, string> {
  const libc = b.libc ?? 'glibc'
  const arch = b.arch ?? 'amd64'
  const env: Record<string, string> = {
    ...fixtureGoEnv(),
    CGO_ENABLED: '1',
    GOOS: 'linux',
    GOARCH: arch,
    GOWORK: 'off',
    CC: ccFor(libc, arch)
  }
  if (arch === 'amd64') env.GOAMD64 = b.goamd64 ?? 'v1'
  if (b.goexperiment) env.GOEXPERIMENT = b.goexperiment
  if (b.toolchain) {
    env.GOTOOLCHAIN = b.toolchain
    // The toolchain itself comes from the real module proxy; the fixture's modules from the file one.
    env.GOPROXY = `${env.GOPROXY},https://proxy.golang.org`
  }
  return env
}

/**
 * Builds (or reuses) one fixture binary and returns its absolute path. Asynchronous on
 * purpose: a synchronous minute-long build blocks the vitest worker's RPC and fails the run.
 */
export async function buildFixture(b: FixtureBuild): Promise<string> {
  const key = buildKey(b)
  const outDir = path.join(cacheRoot(), 'verify-builds', key)
  const name = b.kind === 'host' ? 'bifrost-http' : `${b.plugin ?? 'hello'}.so`
  const out = path.join(outDir, name)
  if (existsSync(out)) return out
  mkdirSync(path.dirname(outDir), { recursive: true })
  // Test files run in parallel workers and need the same binaries: one builds, the others wait.
  const lock = `${outDir}.lock`
  for (;;) {
    try {
      mkdirSync(lock)
      break
    } catch {
      if (existsSync(out)) return out
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 20 * 60_000) rmSync(lock, { recursive: true, force: true })
      await new Promise(resolve => setTimeout(resolve, 500))
    }
  }
  try {
    if (existsSync(out)) return out
    return await buildLocked(b, key, outDir, name)
  } finally {
    rmSync(lock, { recursive: true, force: true })
  }
}

async function buildLocked(
  b: FixtureBuild,
  key: string,
  outDir: string,
  name: string
): Promise<string> {
  const out = path.join(outDir, name)
  const src = sourceDir()
  const tmp = mkdtempSync(path.join(path.dirname(outDir), `${key}.tmp-`))
  const ldflags = ['-w', '-s']
  if (b.static) ldflags.push("-extldflags '-static'")
  ldflags.push('-X', 'main.Version=v0.0.0-test')
  const tags = [...(b.tags ?? []), ...(b.static ? ['sqlite_static'] : [])]
  const args = ['build']
  if (b.trimpath !== false) args.push('-trimpath')
  if (b.kind === 'plugin') args.push('-buildmode=plugin')
  args.push('-ldflags', ldflags.join(' '))
  if (tags.length) args.push('-tags', tags.join(','))
  args.push('-o', path.join(tmp, name))
  const cwd =
    b.kind === 'host'
      ? path.join(src, 'transports', 'bifrost-http')
      : path.join(src, 'plugins', b.plugin ?? 'hello')
  args.push('.')
  try {
    await runOk('go', args, { cwd, env: { ...process.env, ...buildEnv(b) } })
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true })
    throw new Error(`in ${cwd}: ${(e as Error).message}`)
  }
  try {
    renameSync(tmp, outDir)
  } catch {
    rmSync(tmp, { recursive: true, force: true }) // another worker built it first
  }
  return out
}

/** True when `GOTOOLCHAIN=<version> go version` can fetch and run that toolchain here. */
export async function toolchainFetchable(version: string): Promise<boolean> {
  try {
    const env = { ...process.env, ...buildEnv({ kind: 'host', toolchain: version }) }
    const stdout = await runOk('go', ['version'], { env, cwd: os.tmpdir(), timeoutMs: 300_000 })
    return stdout.includes(version)
  } catch {
    return false
  }
}
