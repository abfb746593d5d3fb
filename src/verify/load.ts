/**
 * The load test: start the real host with a config.json listing every plugin and watch its
 * log for each plugin's status. This file is the thin layer that owns the process and the temp
 * dir: it starts the host (in the offline sandbox where this machine allows, else with the
 * machine's network), fills a Watch from its log and events, and waits. The decisions live
 * beside it: how the host runs here (load-host.ts), the sandbox's processes
 * (load-sandbox.ts), what a log line means (load-log.ts) and the verdict (load-verdict.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { start } from '../proc.js'
import { configJson, hostArgs, type LoadPlugin } from './load-host.js'
import { keepLine, notePlugin, parseLogLine } from './load-log.js'
import {
  sandboxSpec,
  startSupervisor,
  stopAll,
  type Proc,
  type SandboxWay
} from './load-sandbox.js'
import { outcome, type LoadOutcome, type Watch } from './load-verdict.js'
import { freePort, portAnswers, requestText, type SandboxEvent } from './sandbox-protocol.js'

export interface LoadTestInput {
  host: string
  hostName: string
  plugins: readonly LoadPlugin[]
  /** Before the host binary, e.g. `qemu-aarch64 -L <sysroot>` (see loadTestRunner). */
  prefix: string[]
  timeoutSec: number
  signal?: AbortSignal
  /** How long the host must stay up once its port answers (default 300 ms). */
  settleMs?: number
  /** Where the temporary app dir is made (default: the OS temp dir). */
  tmpRoot?: string
  /**
   * Run the host in the offline sandbox: the ways to try in order, and the command that runs
   * the supervisor (`node dist/sandbox.js`). Without it, or when no way works, the host runs
   * with this machine's network and every message says so.
   */
  sandbox?: { ways: readonly SandboxWay[]; supervisor: string[] }
  /** Why there is no sandbox, when the caller already knows. */
  noSandboxReason?: string
}

/** Runs the host until every plugin reports and it serves, it exits, or the timeout; always cleans up. */
export async function runLoadTest(input: LoadTestInput): Promise<LoadOutcome> {
  const names = input.plugins.map(p => p.name)
  if (input.signal?.aborted) {
    const message = 'load test cancelled before it started'
    return {
      status: 'fail',
      message,
      checks: [{ id: 'load.host', subject: input.hostName, status: 'fail', message }],
      log: [],
      network: 'not started',
      requests: []
    }
  }
  const appDir = await mkdtemp(path.join(input.tmpRoot ?? os.tmpdir(), 'bifrost-verify-'))
  const watcher = watchHost(
    names,
    input.plugins.map(p => path.resolve(p.path)),
    input.settleMs ?? 300
  )
  let proc: Proc | undefined
  try {
    await writeFile(path.join(appDir, 'config.json'), configJson(input.plugins))
    const port = await freePort()
    const started = await startHost(input, appDir, port, watcher)
    proc = started.proc
    const { network } = started
    const isTimeout = await waitForVerdict(input, proc, network, watcher)
    return outcome({
      hostName: input.hostName,
      names,
      w: watcher.w,
      port,
      network,
      sandboxed: network.startsWith('offline'),
      isTimeout,
      timeoutSec: input.timeoutSec,
      cancelled: Boolean(input.signal?.aborted)
    })
  } finally {
    if (proc) await stopAll(proc)
    await rm(appDir, { recursive: true, force: true })
  }
}

/** The Watch, the callbacks that fill it, and `finished`: resolved when the verdict can be read. */
interface HostWatcher {
  w: Watch
  finished: Promise<void>
  finish: () => void
  /** Finishes when the host exited, a plugin failed, or every plugin is active and the port answers. */
  check: () => void
  onHostLine: (line: string) => void
  onEvent: (e: SandboxEvent) => void
  /** Drops the pending settle timer. */
  stop: () => void
}

function watchHost(names: string[], paths: string[], settleMs: number): HostWatcher {
  const w: Watch = {
    log: [],
    status: new Map(),
    started: false,
    reachedPlugins: false,
    portOpen: false,
    requests: []
  }
  let finish: () => void = () => {}
  const finished = new Promise<void>(resolve => (finish = resolve))
  let settle: NodeJS.Timeout | undefined
  const check = () => {
    if (w.exit || w.spawnError) return finish()
    const reported = names.every(n => w.status.has(n))
    if (reported && names.some(n => !w.status.get(n)?.ok)) return finish()
    if (reported && w.portOpen && !settle) settle = setTimeout(finish, settleMs)
  }
  const onHostLine = (line: string) => {
    keepLine(w.log, line)
    if (!w.reachedPlugins && (paths.some(p => line.includes(p)) || /plugin\.Open/i.test(line)))
      w.reachedPlugins = true
    const ev = parseLogLine(line, names)
    if (!ev) return
    if (!notePlugin(w.status, ev, names)) {
      if (ev.kind === 'started') w.started = true
      else if (ev.kind === 'fatal' && !w.fatal) w.fatal = ev.text
    }
    check()
  }
  const onEvent = (e: SandboxEvent) => {
    if (e.event === 'request') w.requests.push(requestText(e))
    else if (e.event === 'port') w.portOpen = e.open
    else if (e.event === 'exit') w.exit = { code: e.code, signal: e.signal }
    else if (e.event === 'error') w.spawnError = e.error
    check()
  }
  return { w, finished, finish, check, onHostLine, onEvent, stop: () => clearTimeout(settle) }
}

/**
 * Starts the host in the first sandbox way that works, else with this machine's network;
 * `network` says which, in one phrase for the log and the messages.
 */
async function startHost(
  input: LoadTestInput,
  appDir: string,
  port: number,
  watcher: HostWatcher
): Promise<{ proc: Proc; network: string }> {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: appDir, LANG: 'C.UTF-8' }
  const hostArgv = [...input.prefix, ...hostArgs(input.host, appDir, port)]
  const tried: string[] = []
  for (const [i, way] of (input.sandbox?.ways ?? []).entries()) {
    const spec = sandboxSpec({
      argv: hostArgv,
      cwd: appDir,
      env,
      port,
      dir: path.join(appDir, `sandbox-${i}`)
    })
    if (way.prefix[0]?.endsWith('sudo') && process.getuid && process.getgid) {
      spec.uid = process.getuid()
      spec.gid = process.getgid()
    }
    const attempt = await startSupervisor(
      [...way.prefix, ...input.sandbox!.supervisor],
      spec,
      path.join(appDir, `sandbox-${i}.json`),
      input.signal,
      watcher
    )
    if (attempt.proc)
      return {
        proc: attempt.proc,
        network: `offline, in its own network namespace (${way.how}); every name resolves to 127.0.0.1, where a stub answers {} over HTTP and HTTPS`
      }
    tried.push(`${way.how}: ${attempt.failure}`)
  }
  const why = input.noSandboxReason ?? (tried.length ? tried.join('; ') : 'no unshare')
  const network = `with this machine's network, no offline stub (${why})`
  const proc = start(hostArgv[0], hostArgv.slice(1), {
    cwd: appDir,
    env,
    onLine: watcher.onHostLine,
    maxBuffer: 64 * 1024,
    signal: input.signal
  })
  // 'exit', not the end of its output: a child the host left may hold that open.
  proc.child.once('exit', (code, sig) => watcher.onEvent({ event: 'exit', code, signal: sig }))
  proc.done.catch((e: Error) => watcher.onEvent({ event: 'error', error: e.message }))
  const { w } = watcher
  void probeFromHere(
    port,
    () => Boolean(w.exit || w.spawnError),
    open => {
      w.portOpen = open
      watcher.check()
    }
  )
  return { proc, network }
}

/** Waits for the verdict, the run's end or the timeout; true when the timeout came first. */
async function waitForVerdict(
  input: LoadTestInput,
  running: Proc,
  network: string,
  watcher: HostWatcher
): Promise<boolean> {
  const { w, finish } = watcher
  input.signal?.addEventListener('abort', () => finish(), { once: true })
  // A supervisor that ends without reporting the host's exit (it crashed, or was killed).
  running.done.then(
    r => {
      if (!w.exit && !w.spawnError && network.startsWith('offline'))
        w.spawnError = `the sandbox supervisor ended (${r.signal ? `signal ${r.signal}` : `code ${r.code}`}) without the host's exit status`
      finish()
    },
    () => finish()
  )
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<boolean>(resolve => {
    timer = setTimeout(() => resolve(true), input.timeoutSec * 1000)
  })
  const isTimeout = await Promise.race([watcher.finished.then(() => false), timedOut])
  clearTimeout(timer)
  watcher.stop()
  // A plugin that crashes the host right after reporting still fails: give it a moment.
  if (!isTimeout && !w.exit && input.plugins.length > 0) await sleep(300)
  return isTimeout
}

/** Without the supervisor: probe the host's port from here until `done()`. */
async function probeFromHere(
  port: number,
  done: () => boolean,
  changed: (open: boolean) => void
): Promise<void> {
  let open = false
  while (!done()) {
    const now = await portAnswers(port, 500)
    if (now !== open && !done()) {
      open = now
      changed(open)
    }
    await sleep(200)
  }
}
