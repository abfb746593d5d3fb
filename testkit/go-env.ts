/**
 * What the tests need to know about the Go on PATH (its root, version, arch, caches), asked
 * once with `go env -json` in vitest's global set-up (or by bench/run) and handed to the
 * workers through the environment, so no test blocks on a synchronous `go env`.
 */
import { accessSync, constants } from 'node:fs'
import path from 'node:path'
import { runOk } from './run.js'

export interface GoEnv {
  /** The `go` that PATH finds, as `command -v go` prints it. */
  goBin: string
  GOROOT: string
  /** `go1.26.8` */
  GOVERSION: string
  GOARCH: string
  GOPATH: string
  GOMODCACHE: string
  GOCACHE: string
}

/** GOTOOLCHAIN pinned to the Go on PATH, and the cache dirs every test and bench run shares. */
export function testGoEnv(): Record<string, string> {
  const env: Record<string, string> = { GOTOOLCHAIN: 'local', GOFLAGS: '-modcacherw' }
  if (process.env.BB_TEST_GOCACHE) env.GOCACHE = process.env.BB_TEST_GOCACHE
  if (process.env.BB_TEST_GOMODCACHE) env.GOMODCACHE = process.env.BB_TEST_GOMODCACHE
  return env
}

const VAR = 'BB_TEST_GO_ENV'

function onPath(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir || '.', name)
    try {
      accessSync(file, constants.X_OK)
      return file
    } catch {
      // not here
    }
  }
  throw new Error(`${name} is not on PATH (${process.env.PATH})`)
}

/** Asks go once (with the tests' shared caches) and records the answer for this process and its children. */
export async function loadGoEnv(): Promise<GoEnv> {
  const goBin = onPath('go')
  const keys = ['GOROOT', 'GOVERSION', 'GOARCH', 'GOPATH', 'GOMODCACHE', 'GOCACHE'] as const
  const out = await runOk(goBin, ['env', '-json', ...keys], {
    env: { ...process.env, ...testGoEnv() },
    timeoutMs: 60_000
  })
  const env = { goBin, ...(JSON.parse(out) as Omit<GoEnv, 'goBin'>) }
  process.env[VAR] = JSON.stringify(env)
  return env
}

/** The answer loadGoEnv() recorded (a lookup: nothing runs here). */
export function goEnv(): GoEnv {
  const raw = process.env[VAR]
  if (!raw)
    throw new Error(
      `${VAR} is not set: vitest's global set-up sets it; outside vitest, await loadGoEnv() first`
    )
  return JSON.parse(raw) as GoEnv
}
