/**
 * Secrets: the `token` input never appears in anything a run prints or writes, and
 * no child process gets it. A fake `go` first on PATH (go-download-source: local runs it for
 * `go version`) records its environment, so we see exactly what a child inherits. GOFLAGS
 * and GOPROXY from the environment are reported in the plan, with URL credentials masked.
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAction, visibleOutput } from './helpers/action.js'
import { installedGo, type InstalledGo } from '../testkit/toolchain.js'
import { freshRunnerDirs, TOKEN, useStage } from './helpers/bad-inputs-table.js'

let go: InstalledGo
const stage = useStage()
let fakeBin: string
let dumps: string

beforeAll(async () => {
  go = installedGo()
  const root = mkdtempSync(path.join(os.tmpdir(), 'bb-secrets-'))
  fakeBin = path.join(root, 'bin')
  dumps = path.join(root, 'dumps')
  mkdirSync(fakeBin)
  mkdirSync(dumps)
  // Records the environment (NUL-separated, so values with newlines stay whole), then is go.
  writeFileSync(
    path.join(fakeBin, 'go'),
    `#!/bin/sh\nenv -0 > '${dumps}/go-env-'$$\nexec '${path.join(go.goroot, 'bin', 'go')}' "$@"\n`
  )
  chmodSync(path.join(fakeBin, 'go'), 0o755)
})

afterAll(() => rmSync(path.dirname(fakeBin), { recursive: true, force: true }))

function childEnvs(): Record<string, string>[] {
  return readdirSync(dumps).map(f =>
    Object.fromEntries(
      readFileSync(path.join(dumps, f), 'utf8')
        .split('\0')
        .filter(Boolean)
        .map(kv => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])
    )
  )
}

describe('token', () => {
  it('is not in the environment of the go the action runs, nor in anything printed', async () => {
    const dirs = freshRunnerDirs(stage.world.ws)
    const r = await runAction(
      {
        'go-version': go.version,
        'go-download-source': 'local',
        // A whole run: go runs for the version check, the builds and the module listing.
        plugins: 'plugins/hello',
        upload: 'false',
        token: TOKEN
      },
      { dirs, env: { PATH: `${fakeBin}:${process.env.PATH}` }, timeoutMs: 120_000 }
    )
    expect(r.code, r.stdout).toBe(0)
    const envs = childEnvs()
    expect(envs.length, 'the fake go ran').toBeGreaterThan(0)
    for (const env of envs) {
      expect(env.INPUT_TOKEN).toBeUndefined()
      expect(Object.values(env).join('\n')).not.toContain(TOKEN)
    }
    expect(visibleOutput(r)).not.toContain(TOKEN)
    expect(r.stdout).toContain(`::add-mask::${TOKEN}`)
    rmSync(dirs.root, { recursive: true, force: true })
  })
})

describe('runner credentials', () => {
  // The runner's ACTIONS_RUNTIME_TOKEN is needed only in-process by the artifact and cache
  // clients; src/proc.ts keeps it (and every INPUT_*) out of every child's environment.
  it('ACTIONS_RUNTIME_TOKEN does not reach the go the action runs', async () => {
    rmSync(dumps, { recursive: true, force: true })
    mkdirSync(dumps)
    const dirs = freshRunnerDirs(stage.world.ws)
    await runAction(
      {
        'go-version': go.version,
        'go-download-source': 'local',
        plugins: 'plugins/hello',
        upload: 'false'
      },
      {
        dirs,
        env: { PATH: `${fakeBin}:${process.env.PATH}`, ACTIONS_RUNTIME_TOKEN: 'rt-secret-4711' },
        timeoutMs: 120_000
      }
    )
    const envs = childEnvs()
    expect(envs.length).toBeGreaterThan(0)
    for (const env of envs) expect(env.ACTIONS_RUNTIME_TOKEN).toBeUndefined()
    rmSync(dirs.root, { recursive: true, force: true })
  })
})

describe('GOFLAGS and GOPROXY from the environment', () => {
  it('are reported in the plan, credentials in URLs masked', async () => {
    const secret = 'pr0xyPassw0rd'
    const withEnv = await runAction(
      {
        'go-version': go.version,
        'go-download-source': 'dl',
        'go-download-base-url': stage.mirror.url,
        plugins: 'plugins/hello',
        token: TOKEN
      },
      {
        dirs: freshRunnerDirs(stage.world.ws),
        env: {
          GOFLAGS: '-mod=mod -modcacherw',
          GOPROXY: `https://ci-user:${secret}@127.0.0.1:1/,https://token:${secret}@127.0.0.1:2/mod|direct`,
          GONOSUMDB: 'bifrost.test'
        },
        timeoutMs: 120_000
      }
    )
    const out = withEnv.stdout + withEnv.stderr + withEnv.summary
    expect(withEnv.code).toBe(1)
    expect(out).not.toContain(secret)
    expect(out).not.toContain('ci-user:')
    expect(out).toContain('https://***@127.0.0.1:1/')
    expect(out).toContain('https://***@127.0.0.1:2/mod')
    expect(out).toContain('-mod=mod')
  })
})
