/**
 * The load test: start the real host with a config.json listing every plugin and watch its
 * log for each plugin's status. Decisions (can it run here, how, what a log line means) are
 * pure functions; `runLoadTest` is the thin layer that owns the process and the temp dir.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Arch, CheckResult, CheckStatus } from '../context.js'
import { splitFix } from '../errors.js'
import { targetOfArch } from '../lib/targets.js'
import { start } from '../proc.js'
import { which as findOnPath, type Which } from '../util/which.js'
import {
  parseEventLine,
  portAnswers,
  requestText,
  type SandboxEvent,
  type SandboxSpec
} from './sandbox-protocol.js'

export interface LoadPlugin {
  name: string
  path: string
}

export type Runner =
  | {
      run: true
      /** prefix before the host binary, e.g. `qemu-aarch64 -L <sysroot>` */ prefix: string[]
      how: string
    }
  | { run: false; reason: string }

export interface RunnerFacts {
  /** Machine of the host binary (`amd64`, `arm64`, other). */
  hostMachine: string
  /** The host's PT_INTERP, undefined when statically linked. */
  interp?: string
  machineArch: Arch
  sysroot?: string
  exists: (p: string) => boolean
  /** Absolute path of a program on PATH, or undefined. */
  which: (name: string) => string | undefined
}

/** Whether and how the host can run on this machine: natively, under qemu-user, or not. */
export function loadTestRunner(f: RunnerFacts): Runner {
  const target = targetOfArch(f.hostMachine)
  if (!target)
    return { run: false, reason: `the host is built for ${f.hostMachine}, which cannot run here` }
  const { arch, qemu: qemuName } = target
  if (arch === f.machineArch) {
    if (f.interp && !f.exists(f.interp))
      return {
        run: false,
        reason: `the host's loader ${f.interp} is not on this machine${f.interp.includes('musl') ? ' (apt-get install musl)' : ''}`
      }
    return { run: true, prefix: [], how: `natively on linux/${arch}` }
  }
  const qemu = f.which(qemuName)
  if (!qemu)
    return {
      run: false,
      reason: `the host is linux/${arch} and this machine is linux/${f.machineArch}, and ${qemuName} is not installed (apt-get install qemu-user)`
    }
  if (!f.interp) return { run: true, prefix: [qemu], how: `under ${qemuName}` }
  // qemu-user looks the loader up under -L first, then in the real root: Debian's
  // musl:<arch> installs /lib/ld-musl-<arch>.so.1 in the real root, glibc lives in a sysroot.
  const sysroot = f.sysroot ?? target.crossSysroot
  if (f.exists(path.join(sysroot, f.interp)))
    return { run: true, prefix: [qemu, '-L', sysroot], how: `under ${qemuName} -L ${sysroot}` }
  if (f.exists(f.interp)) return { run: true, prefix: [qemu], how: `under ${qemuName}` }
  return {
    run: false,
    reason: `the host's loader ${f.interp} is neither in ${sysroot} nor in / (install the ${arch} C library, e.g. ${f.interp.includes('musl') ? `musl:${arch}` : `libc6-${arch}-cross`})`
  }
}

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

/** The host's command line; the one place to adapt for another Bifrost's flags. */
export function hostArgs(host: string, appDir: string, port: number): string[] {
  return [host, '-app-dir', appDir, '-host', '127.0.0.1', '-port', String(port)]
}

export function configJson(plugins: readonly LoadPlugin[]): string {
  return JSON.stringify(
    {
      plugins: plugins.map(p => ({
        enabled: true,
        name: p.name,
        path: path.resolve(p.path),
        config: {}
      }))
    },
    null,
    2
  )
}

export type LogEvent =
  | { kind: 'status'; name: string; status: string }
  | { kind: 'failed'; name: string; error: string }
  | { kind: 'started' }
  | { kind: 'fatal'; text: string }

/**
 * What one log line says. Matches message substrings, so it works for the fixture's plain
 * log and for real Bifrost's JSON lines (`{"level":"info","message":"plugin status: ..."}`).
 */
export function parseLogLine(raw: string, names: readonly string[]): LogEvent | undefined {
  const line = logMessage(raw)
  let m = /plugin status: (.+?) - ([a-z_]+)/.exec(line)
  if (m) return { kind: 'status', name: m[1], status: m[2] }
  m = /failed to load plugin (.+?): (.*)$/.exec(line)
  if (m) {
    const [, who, error] = m
    return { kind: 'failed', name: names.find(n => who === n) ?? who, error: error.trim() }
  }
  if (/successfully started bifrost/.test(line)) return { kind: 'started' }
  if (/^"?(fatal|panic)"?$/.test(String(logLevel(raw)))) return { kind: 'fatal', text: line }
  m = /^(fatal error: .*|panic: .*)$/.exec(line.trim())
  if (m) return { kind: 'fatal', text: m[1] }
  return undefined
}

/** The `level` of a structured (JSON) log line. */
function logLevel(raw: string): string | undefined {
  const t = raw.trim()
  if (!t.startsWith('{')) return undefined
  try {
    const o = JSON.parse(t) as Record<string, unknown>
    return typeof o.level === 'string' ? o.level : undefined
  } catch {
    return undefined
  }
}

/** The message of a structured (JSON) log line, with its error field; other lines as they are. */
export function logMessage(raw: string): string {
  const t = raw.trim()
  if (!t.startsWith('{')) return raw
  try {
    const o = JSON.parse(t) as Record<string, unknown>
    const msg = typeof o.message === 'string' ? o.message : typeof o.msg === 'string' ? o.msg : ''
    if (!msg) return raw
    return typeof o.error === 'string' && !msg.includes(o.error) ? `${msg}: ${o.error}` : msg
  } catch {
    return raw
  }
}

export interface LoadOutcome {
  status: CheckStatus
  message: string
  checks: CheckResult[]
  log: string[]
  /** Where the host's network came from, one phrase for the log. */
  network: string
  /** What the host asked the offline stub for (`GET getbifrost.ai/datasheet`), in order. */
  requests: string[]
}

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

const MAX_LOG_LINES = 200
const MAX_LINE = 2000
/** Time for the supervisor to bring its namespace up (node start-up, a CA, three servers). */
const SETUP_MS = 30_000

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

type Proc = ReturnType<typeof start>

/** What the host showed while it ran; filled by the log lines and the supervisor's events. */
interface Watch {
  log: string[]
  status: Map<string, { ok: boolean; text: string }>
  started: boolean
  fatal?: string
  /** A log line named a plugin's path or `plugin.Open`: the host got as far as loading plugins. */
  reachedPlugins: boolean
  portOpen: boolean
  exit?: { code: number | null; signal: string | null }
  spawnError?: string
  requests: string[]
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
  const w: Watch = {
    log: [],
    status: new Map(),
    started: false,
    reachedPlugins: false,
    portOpen: false,
    requests: []
  }
  const paths = input.plugins.map(p => path.resolve(p.path))
  let finish: () => void = () => {}
  const finished = new Promise<void>(resolve => (finish = resolve))
  const settleMs = input.settleMs ?? 300
  let settle: NodeJS.Timeout | undefined
  /** Done when the host exited, a plugin failed, or every plugin is active and the port answers. */
  const check = () => {
    if (w.exit || w.spawnError) return finish()
    const reported = names.every(n => w.status.has(n))
    if (reported && names.some(n => !w.status.get(n)?.ok)) return finish()
    if (reported && w.portOpen && !settle) settle = setTimeout(finish, settleMs)
  }
  const onHostLine = (line: string) => {
    w.log.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line)
    if (w.log.length > MAX_LOG_LINES) w.log.shift()
    if (!w.reachedPlugins && (paths.some(p => line.includes(p)) || /plugin\.Open/i.test(line)))
      w.reachedPlugins = true
    const ev = parseLogLine(line, names)
    if (!ev) return
    if (ev.kind === 'status' && names.includes(ev.name) && !w.status.has(ev.name)) {
      w.status.set(ev.name, {
        ok: ev.status === 'active',
        text: `plugin status: ${ev.name} - ${ev.status}`
      })
    } else if (ev.kind === 'failed' && !w.status.get(ev.name)?.ok) {
      w.status.set(ev.name, { ok: false, text: `failed to load plugin ${ev.name}: ${ev.error}` })
    } else if (ev.kind === 'started') w.started = true
    else if (ev.kind === 'fatal' && !w.fatal) w.fatal = ev.text
    check()
  }
  const onEvent = (e: SandboxEvent) => {
    if (e.event === 'request') w.requests.push(requestText(e))
    else if (e.event === 'port') w.portOpen = e.open
    else if (e.event === 'exit') w.exit = { code: e.code, signal: e.signal }
    else if (e.event === 'error') w.spawnError = e.error
    check()
  }
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: appDir,
    LANG: 'C.UTF-8'
  }

  let proc: Proc | undefined
  let network = ''
  try {
    await writeFile(path.join(appDir, 'config.json'), configJson(input.plugins))
    const port = await freePort()
    const hostArgv = [...input.prefix, ...hostArgs(input.host, appDir, port)]
    const tried: string[] = []
    for (const [i, way] of (input.sandbox?.ways ?? []).entries()) {
      const token = `bifrost-build-sandbox-${randomBytes(8).toString('hex')}`
      const dir = path.join(appDir, `sandbox-${i}`)
      const spec: SandboxSpec = {
        argv: hostArgv,
        cwd: appDir,
        env,
        port,
        dir,
        token,
        lifeline: true
      }
      if (way.prefix[0]?.endsWith('sudo') && process.getuid && process.getgid) {
        spec.uid = process.getuid()
        spec.gid = process.getgid()
      }
      const specFile = path.join(appDir, `sandbox-${i}.json`)
      await writeFile(specFile, JSON.stringify(spec))
      const argv = [...way.prefix, ...input.sandbox!.supervisor, specFile]
      const attempt = await startSupervisor(argv, token, env, appDir, input.signal, {
        onHostLine,
        onEvent
      })
      if (attempt.proc) {
        proc = attempt.proc
        network = `offline, in its own network namespace (${way.how}); every name resolves to 127.0.0.1, where a stub answers {} over HTTP and HTTPS`
        break
      }
      tried.push(`${way.how}: ${attempt.failure}`)
    }
    if (!proc) {
      const why = input.noSandboxReason ?? (tried.length ? tried.join('; ') : 'no unshare')
      network = `with this machine's network, no offline stub (${why})`
      proc = start(hostArgv[0], hostArgv.slice(1), {
        cwd: appDir,
        env,
        onLine: onHostLine,
        maxBuffer: 64 * 1024,
        signal: input.signal
      })
      // 'exit', not the end of its output: a child the host left may hold that open.
      proc.child.once('exit', (code, sig) => onEvent({ event: 'exit', code, signal: sig }))
      proc.done.catch((e: Error) => onEvent({ event: 'error', error: e.message }))
      void probeFromHere(
        port,
        () => Boolean(w.exit || w.spawnError),
        open => {
          w.portOpen = open
          check()
        }
      )
    }
    const running = proc
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
    const isTimeout = await Promise.race([finished.then(() => false), timedOut])
    clearTimeout(timer)
    clearTimeout(settle)
    // A plugin that crashes the host right after reporting still fails: give it a moment.
    if (!isTimeout && !w.exit && names.length > 0) await sleep(300)
    return outcome({
      hostName: input.hostName,
      names,
      w,
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

/**
 * Ends the host and whatever it started: the process group, also once the host itself has
 * exited (a child it left is still in it). In the sandbox the supervisor's end takes the whole
 * namespace with it, also a child that left the group with setsid; closing its stdin ends it
 * also where our signals cannot reach it (sudo).
 */
async function stopAll(proc: Proc): Promise<void> {
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

/**
 * Starts the supervisor and waits until its namespace is ready (it then runs the host) or it
 * could not be set up (`failure` says why, and nothing of it is left running).
 */
async function startSupervisor(
  argv: string[],
  token: string,
  env: Record<string, string>,
  cwd: string,
  signal: AbortSignal | undefined,
  on: { onHostLine: (line: string) => void; onEvent: (e: SandboxEvent) => void }
): Promise<{ proc?: Proc; failure?: string }> {
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

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

/** The host's fatal line, or its last lines, quoted once. */
function hostWords(w: Watch): string {
  if (w.fatal) return `"${w.fatal}"`
  const last = w.log
    .slice(-3)
    .map(l => logMessage(l).trim())
    .filter(Boolean)
  return last.length ? `last log: ${last.join(' | ')}` : 'no log output'
}

function outcome(o: {
  hostName: string
  names: string[]
  w: Watch
  port: number
  network: string
  sandboxed: boolean
  isTimeout: boolean
  timeoutSec: number
  cancelled: boolean
}): LoadOutcome {
  const { w, names } = o
  const checks: CheckResult[] = []
  const fetched = w.requests.length
    ? `host fetched at start-up (served by the offline stub): ${[...new Set(w.requests)].join(', ')}`
    : ''
  const where = o.sandboxed ? '' : `; the load test ran ${o.network}`
  const exitText = w.exit
    ? `exited (${w.exit.signal ? `signal ${w.exit.signal}` : `code ${w.exit.code}`})`
    : undefined
  const done = (status: CheckStatus, message: string): LoadOutcome => ({
    status,
    message,
    checks,
    log: w.log,
    network: o.network,
    requests: w.requests
  })

  if (o.cancelled) {
    const message = 'load test was stopped: the run was cancelled'
    checks.push({ id: 'load.host', subject: o.hostName, status: 'fail', message })
    return done('fail', message)
  }

  // The host failed on its own: it could not start, or ended (or hung) before loading any plugin.
  const hostFailed =
    Boolean(w.spawnError) ||
    (names.length === 0
      ? !(w.portOpen && !w.exit)
      : w.status.size === 0 && !w.reachedPlugins && Boolean(w.exit || o.isTimeout))
  if (hostFailed) {
    const what = w.spawnError
      ? `could not be started: ${w.spawnError}`
      : exitText
        ? `${exitText} ${names.length ? 'before loading any plugin' : 'before it served'}: ${hostWords(w)}`
        : names.length
          ? `did not get to loading plugins within ${o.timeoutSec} s (verify-timeout): ${hostWords(w)}`
          : `did not answer on 127.0.0.1:${o.port} within ${o.timeoutSec} s (verify-timeout): ${hostWords(w)}`
    const message = `host ${what}${fetched ? `; ${fetched}` : ''}${where}. Fix: ${hostFix(w, o.sandboxed, fetched)}`
    checks.push({ id: 'load.host', subject: o.hostName, status: 'fail', message })
    return done(
      'fail',
      `${message.slice(0, message.lastIndexOf(' Fix: '))}${names.length ? `; its ${names.length} plugin(s) were not tried` : ''}`
    )
  }

  const serving = w.portOpen && !w.exit
  // After plugin loading began, a host that stops is the plugins' failure (below); its own row
  // then only says what it did.
  const hostLine = serving
    ? `host served on 127.0.0.1:${o.port}${names.length ? ' after every plugin was active' : ''}${o.sandboxed ? ', offline' : ''}${fetched ? `; ${fetched}` : ''}${where}`
    : `host not judged on its own once plugins were loading: it ${exitText ? `${exitText}: ${hostWords(w)}` : `was not answering on 127.0.0.1:${o.port}`}${fetched ? `; ${fetched}` : ''}${where}`
  checks.push({
    id: 'load.host',
    subject: o.hostName,
    status: serving ? 'pass' : 'skip',
    message: hostLine
  })
  if (names.length === 0) return done('pass', `host started with no plugins and served${where}`)

  // A plugin failed: the host was not waited for, and the others are judged by their status.
  const anyFailed = names.some(n => w.status.get(n)?.ok === false)
  for (const name of names) {
    const s = w.status.get(name)
    const subject = `${name}.so`
    if (s?.ok && (serving || (anyFailed && !w.exit))) {
      checks.push({ id: 'load', subject, status: 'pass', message: s.text })
    } else if (s && !s.ok) {
      checks.push({ id: 'load', subject, status: 'fail', message: `the host logged "${s.text}"` })
    } else if (s?.ok) {
      checks.push({
        id: 'load',
        subject,
        status: 'fail',
        message: `${name} reported active, but then the host ${exitText ? `${exitText}: ${hostWords(w)}` : `did not answer on 127.0.0.1:${o.port} within ${o.timeoutSec} s`}. Fix: a plugin loaded with it broke the host (took its port, blocked or crashed it); load the plugins one at a time to find which`
      })
    } else if (exitText) {
      checks.push({
        id: 'load',
        subject,
        status: 'fail',
        message: `host ${exitText} before ${name} reported its status: ${hostWords(w)}`
      })
    } else {
      checks.push({
        id: 'load',
        subject,
        status: 'fail',
        message: `no "plugin status: ${name} - active" within ${o.timeoutSec} s (verify-timeout); ${hostWords(w)}`
      })
    }
  }
  const failed = checks.filter(c => c.status === 'fail')
  const message = failed.length
    ? `${failed.length} of ${names.length} plugin(s) did not load: ${failed.map(c => `${c.subject}: ${splitFix(c.message).text}`).join('; ')}`
    : `all ${names.length} plugin(s) active; ${hostLine}`
  return done(failed.length ? 'fail' : 'pass', message)
}

/** What to do when the host fails before any plugin was involved. */
function hostFix(w: Watch, sandboxed: boolean, fetched: string): string {
  const text = `${w.fatal ?? ''} ${w.log.slice(-5).join(' ')}`
  const network =
    /network is unreachable|no such host|dial tcp|connection refused|i\/o timeout|x509|tls:|Get "https?:/i.test(
      text
    )
  if (network && !sandboxed)
    return 'the host needs the network at start-up and this load test had none it could reach; allow the offline stub to run (unprivileged user namespaces, e.g. sysctl kernel.apparmor_restrict_unprivileged_userns=0, or passwordless sudo) or use verify: static until then'
  if (network || fetched)
    return 'the host needed something at start-up that the offline stub (it answers {} to every request) could not provide; run the host by hand with this config to see what it wants, or use verify: static to skip the load test'
  return 'the host fails on its own, with no plugin loaded: run it by hand (-app-dir with a config.json listing no plugins) to see why; the plugins were not tried'
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
  const token = `bifrost-build-sandbox-${randomBytes(8).toString('hex')}`
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' }
  const spec: SandboxSpec = {
    argv: [sleepBin, '86400'],
    cwd: dir,
    env,
    port: await freePort(),
    dir: path.join(dir, 'stub'),
    token,
    lifeline: true
  }
  const specFile = path.join(dir, 'spec.json')
  await writeFile(specFile, JSON.stringify(spec))
  const requests: string[] = []
  const attempt = await startSupervisor(
    [...way.prefix, ...input.supervisor, specFile],
    token,
    env,
    dir,
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
