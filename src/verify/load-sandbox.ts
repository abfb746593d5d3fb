/**
 * The offline sandbox's process side: the ways to run the supervisor (`dist/sandbox.js`) in
 * fresh namespaces on this machine, starting it with a spec and waiting until its namespace is
 * ready, ending it and all it started, and holding one open for commands that run inside it
 * (the image test's podman). What the supervisor and the load test say to each other is in
 * sandbox-protocol.ts; the supervisor itself is sandbox.ts.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { start } from '../proc.js'
import { which as findOnPath, type Which } from '../util/which.js'
import {
  freePort,
  parseEventLine,
  requestText,
  type SandboxEvent,
  type SandboxSpec
} from './sandbox-protocol.js'

/**
 * One way to run the sandbox supervisor in fresh network, mount and PID namespaces: `unshare`
 * as root, with `--user --map-root-user` otherwise, and through passwordless `sudo -n` where
 * unprivileged user namespaces are not allowed (Ubuntu 24.04's AppArmor restriction; GitHub's
 * runners have sudo). `--kill-child` ends the supervisor, and so the namespace, with unshare.
 */
export interface SandboxWay {
  prefix: string[]
  how: string
}

const NAMESPACES = ['--net', '--mount', '--pid', '--fork', '--kill-child']

export function sandboxWays(
  which: Which = cmd => findOnPath(cmd),
  isRoot = process.getuid?.() === 0
): SandboxWay[] {
  const unshare = which('unshare')
  if (!unshare) return []
  const ways: SandboxWay[] = []
  if (isRoot) ways.push({ prefix: [unshare, ...NAMESPACES, '--'], how: 'unshare' })
  else {
    ways.push({
      prefix: [unshare, '--user', '--map-root-user', ...NAMESPACES, '--'],
      how: 'an unprivileged user namespace'
    })
    const sudo = which('sudo')
    if (sudo)
      ways.push({ prefix: [sudo, '-n', unshare, ...NAMESPACES, '--'], how: 'sudo -n unshare' })
  }
  return ways
}

/**
 * The supervisor script beside the bundle (`dist/sandbox.js`), or undefined when this code
 * does not run from the bundle (tests pass their own command).
 */
export function bundledSupervisor(): string | undefined {
  const candidates: string[] = []
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'sandbox.js'))
  } catch {
    /* not a file URL */
  }
  const entry = process.argv[1]
  if (entry) {
    candidates.push(path.join(path.dirname(entry), 'sandbox.js'))
    candidates.push(path.join(path.dirname(entry), '..', 'sandbox.js'))
  }
  return candidates.find(c => existsSync(c))
}

export type Proc = ReturnType<typeof start>

/** Time for the supervisor to bring its namespace up (node start-up, a CA, three servers). */
const SETUP_MS = 30_000

/**
 * Ends the host and whatever it started: the process group, also once the host itself has
 * exited (a child it left is still in it). In the sandbox the supervisor's end takes the whole
 * namespace with it, also a child that left the group with setsid; closing its stdin ends it
 * also where our signals cannot reach it (sudo).
 */
export async function stopAll(proc: Proc): Promise<void> {
  // The supervisor's lifeline: it ends the namespace when its stdin closes, as whatever user.
  proc.child.stdin?.destroy()
  proc.stop('SIGTERM', true)
  const killer = setTimeout(() => proc.stop('SIGKILL', true), 2000)
  // A child outside the group may still hold the output pipe open: do not wait for it forever.
  const waited = await Promise.race([
    proc.done.then(
      () => true,
      () => true
    ),
    sleep(5000)
  ])
  clearTimeout(killer)
  if (!waited) {
    proc.stop('SIGKILL', true)
    proc.child.stdout?.destroy()
    proc.child.stderr?.destroy()
  }
}

/** The supervisor's spec with a fresh per-run token; it ends all when its stdin closes. */
export function sandboxSpec(o: Omit<SandboxSpec, 'token' | 'lifeline'>): SandboxSpec {
  return { ...o, token: `bifrost-build-sandbox-${randomBytes(8).toString('hex')}`, lifeline: true }
}

/**
 * Writes the spec to `specFile`, starts the supervisor (`command`, a sandbox way's prefix and
 * the supervisor's own command line) with it, and waits until its namespace is ready (it then
 * runs the spec's argv) or it could not be set up (`failure` says why, and nothing of it is
 * left running).
 */
export async function startSupervisor(
  command: string[],
  spec: SandboxSpec,
  specFile: string,
  signal: AbortSignal | undefined,
  on: { onHostLine: (line: string) => void; onEvent: (e: SandboxEvent) => void }
): Promise<{ proc?: Proc; failure?: string }> {
  await writeFile(specFile, JSON.stringify(spec))
  const { token, env, cwd } = spec
  const argv = [...command, specFile]
  let ready = false
  const early: string[] = []
  let settle: (r: { ok: boolean; why?: string }) => void = () => {}
  const result = new Promise<{ ok: boolean; why?: string }>(resolve => (settle = resolve))
  const proc = start(argv[0], argv.slice(1), {
    cwd,
    env,
    maxBuffer: 64 * 1024,
    stdinLifeline: true,
    signal,
    onLine: line => {
      const e = parseEventLine(token, line)
      if (e?.event === 'ready') {
        ready = true
        return settle({ ok: true })
      }
      if (e?.event === 'setup-failed') return settle({ ok: false, why: e.error })
      if (!ready) {
        if (line.trim() && early.length < 20) early.push(line.trim())
        return
      }
      if (e) on.onEvent(e)
      else on.onHostLine(line)
    }
  })
  proc.done.then(
    r => {
      if (!ready)
        settle({
          ok: false,
          why: early.join(' | ') || `exited (${r.signal ? `signal ${r.signal}` : `code ${r.code}`})`
        })
    },
    (e: Error) => settle({ ok: false, why: e.message })
  )
  const timer = setTimeout(
    () => settle({ ok: false, why: `not ready within ${SETUP_MS / 1000} s` }),
    SETUP_MS
  )
  const r = await result
  clearTimeout(timer)
  if (r.ok) return { proc }
  await stopAll(proc)
  return { failure: r.why ?? 'failed' }
}

export interface HeldSandbox {
  /** Runs a command in the sandbox's network and mount namespaces (its loopback, its /etc). */
  prefix: string[]
  /** The per-run CA the stub's certificates are signed with. */
  caFile: string
  /** What was fetched through the stub so far (`GET getbifrost.ai/datasheet`). */
  requests: string[]
  stop: () => Promise<void>
}

/**
 * The offline sandbox held open for commands that run inside it rather than as its host (the
 * image test's podman, with `--network host`): the supervisor runs `sleep`, and `prefix`
 * enters its namespaces with nsenter. Only as root: nsenter joins the namespaces of the
 * unshare process we started, which a user namespace or sudo would put out of our reach.
 */
export async function holdSandbox(input: {
  supervisor: string[]
  tmpRoot?: string
  signal?: AbortSignal
  which?: Which
  isRoot?: boolean
}): Promise<HeldSandbox | { reason: string }> {
  const which = input.which ?? ((cmd: string) => findOnPath(cmd))
  const way = sandboxWays(which, input.isRoot).find(w => w.how === 'unshare')
  const nsenter = which('nsenter')
  const sleepBin = which('sleep')
  if (!way || !nsenter || !sleepBin)
    return { reason: `${!way ? 'unshare as root' : 'nsenter'} is not available here` }
  const dir = await mkdtemp(path.join(input.tmpRoot ?? os.tmpdir(), 'bifrost-sandbox-'))
  const spec = sandboxSpec({
    argv: [sleepBin, '86400'],
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' },
    port: await freePort(),
    dir: path.join(dir, 'stub')
  })
  const requests: string[] = []
  const attempt = await startSupervisor(
    [...way.prefix, ...input.supervisor],
    spec,
    path.join(dir, 'spec.json'),
    input.signal,
    {
      onHostLine: () => {},
      onEvent: e => {
        if (e.event === 'request') requests.push(requestText(e))
      }
    }
  )
  const pid = attempt.proc?.child.pid
  if (!attempt.proc || !pid) {
    await rm(dir, { recursive: true, force: true })
    return { reason: attempt.failure ?? 'the supervisor did not start' }
  }
  const proc = attempt.proc
  return {
    prefix: [nsenter, '--target', String(pid), '--net', '--mount', '--'],
    caFile: path.join(spec.dir, 'ca.pem'),
    requests,
    stop: async () => {
      await stopAll(proc)
      await rm(dir, { recursive: true, force: true })
    }
  }
}
