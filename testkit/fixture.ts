/**
 * The Bifrost-shaped fixture: `__tests__/fixtures/bifrost` (transports/bifrost-http host,
 * plugins hello/world on core v1.1.0, skewed on core v1.0.0) and a file-based GOPROXY serving
 * `bifrost.test/core` v1.0.0 and v1.1.0, so version skew is staged offline.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { testGoEnv } from './go-env.js'
import { runOk } from './run.js'

/** The repository's root: testkit/ sits directly below it. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const FIXTURES = path.join(REPO, '__tests__', 'fixtures')
export const BIFROST_FIXTURE = path.join(FIXTURES, 'bifrost')

function cacheRoot(): string {
  return process.env.BB_TEST_CACHE_ROOT || path.join(os.tmpdir(), 'bifrost-build-test-cache')
}

function proxyDir(): string {
  return path.join(cacheRoot(), 'goproxy-v1')
}

function publish(tmp: string): string {
  try {
    renameSync(tmp, proxyDir())
  } catch {
    rmSync(tmp, { recursive: true, force: true }) // another process won the race
  }
  return proxyDir()
}

const ready = () => existsSync(path.join(proxyDir(), 'bifrost.test', 'core', '@v', 'list'))

/**
 * Builds the file GOPROXY once per cache root (vitest's global set-up and bench/run call it);
 * creates the cache root itself, so it works on a machine where no test has run. Safe when
 * several processes race for it.
 */
export async function ensureFixtureProxy(): Promise<string> {
  if (ready()) return proxyDir()
  mkdirSync(cacheRoot(), { recursive: true })
  const tmp = mkdtempSync(path.join(cacheRoot(), 'goproxy-tmp-'))
  const modules = path.join(FIXTURES, 'modules')
  await runOk(
    'go',
    [
      'run',
      '.',
      tmp,
      'bifrost.test/core',
      'v1.0.0',
      path.join(modules, 'core@v1.0.0'),
      'v1.1.0',
      path.join(modules, 'core@v1.1.0')
    ],
    {
      cwd: path.join(FIXTURES, 'tools', 'mkproxy'),
      env: { ...process.env, ...testGoEnv(), GOFLAGS: '-mod=mod' }
    }
  )
  return publish(tmp)
}

/** The file GOPROXY ensureFixtureProxy() made (a lookup: nothing is built here). */
export function fixtureProxyDir(): string {
  if (!ready())
    throw new Error(
      `the fixture GOPROXY is not built in ${proxyDir()}: vitest's global set-up builds it; ` +
        'outside vitest, await ensureFixtureProxy() first'
    )
  return proxyDir()
}

/**
 * The monorepo fixture (`__tests__/fixtures/monorepo`, the real Bifrost's shape) has its own file
 * GOPROXY: the published versions its transports/go.mod requires, bifrost.test/core v1.1.0 and
 * bifrost.test/framework v1.1.0 (the monorepo's framework/ as released).
 */
export const MONOREPO_FIXTURE = path.join(FIXTURES, 'monorepo')

export async function monorepoProxyDir(): Promise<string> {
  const dir = path.join(cacheRoot(), 'goproxy-monorepo-v1')
  if (existsSync(path.join(dir, 'bifrost.test', 'framework', '@v', 'list'))) return dir
  mkdirSync(cacheRoot(), { recursive: true })
  const tmp = mkdtempSync(path.join(cacheRoot(), 'goproxy-monorepo-tmp-'))
  const opts = {
    cwd: path.join(FIXTURES, 'tools', 'mkproxy'),
    env: { ...process.env, ...testGoEnv(), GOFLAGS: '-mod=mod' }
  }
  for (const [mod, src] of [
    ['bifrost.test/core', path.join(FIXTURES, 'modules', 'core@v1.1.0')],
    ['bifrost.test/framework', path.join(MONOREPO_FIXTURE, 'framework')]
  ])
    await runOk('go', ['run', '.', tmp, mod, 'v1.1.0', src], opts)
  try {
    renameSync(tmp, dir)
  } catch {
    rmSync(tmp, { recursive: true, force: true }) // another worker won the race
  }
  return dir
}

/** go environment for building the fixture: its modules come from the file GOPROXY only. */
export function fixtureGoEnv(): Record<string, string> {
  return {
    ...testGoEnv(),
    GOPROXY: `file://${fixtureProxyDir()}`,
    GONOSUMDB: 'bifrost.test',
    GOFLAGS: '-modcacherw'
  }
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z'
}

/** `git args` in `cwd` with a fixed identity and dates; returns stdout, throws on failure. */
export function git(cwd: string, ...args: string[]): Promise<string> {
  return runOk('git', args, { cwd, env: { ...process.env, ...GIT_ENV } })
}

/** Commits everything in the checkout `dir` (e.g. after a test changed the fixture). */
export async function commitAll(dir: string, message: string): Promise<void> {
  await git(dir, 'add', '-A')
  await git(dir, 'commit', '-qm', message)
}

/**
 * A fresh copy of the fixture as a git checkout (so tests can assert the tree is left as
 * found), in `dest` or a new temp dir. Returns the checkout's root.
 */
export async function copyFixture(
  dest = mkdtempSync(path.join(os.tmpdir(), 'bb-fixture-')),
  from = BIFROST_FIXTURE
): Promise<string> {
  cpSync(from, dest, { recursive: true })
  await git(dest, 'init', '-q')
  await commitAll(dest, 'fixture')
  return dest
}

/** `git status --porcelain --ignored` of a checkout: empty when a run left the tree as found. */
export function gitStatus(dir: string): Promise<string> {
  return git(dir, 'status', '--porcelain', '--ignored')
}

/** `git status --porcelain` (ignored files not listed). */
export function gitChanges(dir: string): Promise<string> {
  return git(dir, 'status', '--porcelain')
}
