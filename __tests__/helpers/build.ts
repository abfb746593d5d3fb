/**
 * Shared by the build tests: a Toolchain made from the Go on PATH and plans for fixture checkouts (made with the real makePlan).
 */
import { closeSync, mkdtempSync, openSync, readSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Plan, Toolchain } from '../../src/context.js'
import { makePlan } from '../../src/plan/index.js'
import { defaults } from '../../src/inputs.js'
import { fixtureGoEnv } from '../../testkit/fixture.js'
import { goEnv } from '../../testkit/go-env.js'

export function localToolchain(): Toolchain {
  const go = goEnv()
  return {
    version: go.GOVERSION.replace(/^go/, ''),
    goroot: go.GOROOT,
    goBin: go.goBin,
    source: 'local',
    env: {
      GOROOT: go.GOROOT,
      PATH: `${path.join(go.GOROOT, 'bin')}:${process.env.PATH}`,
      GOTOOLCHAIN: 'local',
      GOPATH: go.GOPATH,
      GOMODCACHE: go.GOMODCACHE,
      GOCACHE: go.GOCACHE
    }
  }
}

/** The user's environment for a fixture build: the file GOPROXY, shared caches. */
export function fixtureUserEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...fixtureGoEnv() }
  delete env.RUNNER_TEMP
  return { ...env, ...extra }
}

export function fixturePlan(
  workspace: string,
  inputs: Record<string, string>,
  opts: { goVersion?: string; which?: (c: string) => string | undefined } = {}
): Plan {
  return makePlan(
    { ...defaults(), ui: 'placeholder', ...inputs },
    {
      workspace,
      env: fixtureUserEnv(),
      goVersion: opts.goVersion ?? localToolchain().version,
      hostArch: 'amd64',
      which: opts.which
    }
  )
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix))
}

/** ELF e_machine (62 = x86-64, 183 = AArch64), read from the header bytes. */
export function elfMachine(file: string): number {
  const buf = Buffer.alloc(20)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, buf, 0, 20, 0)
  } finally {
    closeSync(fd)
  }
  return buf.readUInt16LE(18)
}
