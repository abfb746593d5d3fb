/**
 * The cache key, setup-go style: everything that changes what lands in GOMODCACHE and GOCACHE
 * is in the key; the restore key drops only the go.sum hash, so a changed dependency still
 * starts from the last cache of the same toolchain and target. Pure.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import type { Libc, Mode, Plan, Target } from '../context.js'

export interface CacheKeyInput {
  /** RUNNER_OS / RUNNER_ARCH (`Linux`, `X64`): the machine the caches were written on. */
  runnerOs: string
  runnerArch: string
  goVersion: string
  target: Target
  libc: Libc
  mode: Mode
  /** hashGoSums() of every go.sum involved. */
  goSumHash: string
}

export interface CacheKeys {
  key: string
  restoreKeys: string[]
}

export const KEY_PREFIX = 'bifrost-build'

export function cacheKeys(i: CacheKeyInput): CacheKeys {
  const prefix = [
    KEY_PREFIX,
    i.runnerOs,
    i.runnerArch,
    `go${i.goVersion}`,
    i.target.os,
    i.target.arch,
    i.libc,
    i.mode
  ].join('-')
  return { key: `${prefix}-${i.goSumHash}`, restoreKeys: [`${prefix}-`] }
}

/** One hash over named contents, independent of the order they are given in. */
export function hashGoSums(files: { name: string; content: string | Buffer }[]): string {
  const h = createHash('sha256')
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    h.update(f.name).update('\0').update(f.content).update('\0')
  }
  return h.digest('hex')
}

/** The go.sum files that decide the dependencies: the host's (transports) and each plugin's. */
export function goSumPaths(plan: Plan): string[] {
  const dirs: string[] = []
  if (plan.source.kind === 'checkout') dirs.push(plan.source.transportsDir)
  for (const p of plan.plugins) dirs.push(p.moduleDir)
  return [...new Set(dirs.map(d => path.join(d, 'go.sum')))]
}

export function runnerPlatform(env: NodeJS.ProcessEnv): { os: string; arch: string } {
  const os =
    env.RUNNER_OS ||
    ({ linux: 'Linux', darwin: 'macOS', win32: 'Windows' } as Record<string, string>)[
      process.platform
    ] ||
    process.platform
  const arch =
    env.RUNNER_ARCH ||
    ({ x64: 'X64', arm64: 'ARM64', arm: 'ARM', ia32: 'X86' } as Record<string, string>)[
      process.arch
    ] ||
    process.arch
  return { os, arch }
}
