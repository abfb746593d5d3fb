/**
 * The load test: start the real host with a config.json listing every plugin and watch its
 * log for each plugin's status. Decisions (can it run here, how, what a log line means) are
 * pure functions; `runLoadTest` is the thin layer that owns the process and the temp dir.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Arch, CheckResult, CheckStatus } from '../context.js'
import { targetOfArch } from '../lib/targets.js'
import { run, start } from '../proc.js'
import { which as findOnPath, type Which } from '../util/which.js'

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
 * The real Bifrost calls remote services at start-up (pricing data, model catalogues); the load
 * test only reads its log, so it runs in a fresh network namespace where one can be had:
 * `unshare --net` as root, `unshare --user --map-root-user --net` otherwise. Binding 127.0.0.1
 * works there even with `lo` down. Where neither is allowed (some hardened runners), the host
 * runs as it is and the log says so.
 */
export const ISOLATIONS: readonly (readonly string[])[] = [
  ['--net'],
  ['--user', '--map-root-user', '--net']
]

export async function networkIsolation(
  which: Which = cmd => findOnPath(cmd),
  isRoot = process.getuid?.() === 0
): Promise<{ prefix: string[]; how: string }> {
  const unshare = which('unshare')
  if (unshare) {
    for (const flags of isRoot ? ISOLATIONS : ISOLATIONS.slice(1)) {
      const probe = await run(unshare, [...flags, 'true'], { timeoutMs: 5000 }).catch(
        () => undefined
      )
      if (probe?.code === 0) return { prefix: [unshare, ...flags], how: 'without network access' }
    }
  }
  return { prefix: [], how: 'with the network of this machine (unshare --net not available)' }
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
  m = /^(fatal error: .*|panic: .*)$/.exec(line.trim())
  if (m) return { kind: 'fatal', text: m[1] }
  return undefined
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
}

export interface LoadTestInput {
  host: string
  hostName: string
  plugins: readonly LoadPlugin[]
  prefix: string[]
  timeoutSec: number
  signal?: AbortSignal
  /** How long a host with no plugins must stay up when it never logs "successfully started". */
  settleMs?: number
  /** Where the temporary app dir is made (default: the OS temp dir). */
  tmpRoot?: string
}

const MAX_LOG_LINES = 200
const MAX_LINE = 2000

async function freePort(): Promise<number> {
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

/** Runs the host until every plugin reports, it exits, or the timeout; always cleans up. */
export async function runLoadTest(input: LoadTestInput): Promise<LoadOutcome> {
  if (input.signal?.aborted) {
    const message = 'load test cancelled before it started'
    return {
      status: 'fail',
      message,
      checks: [{ id: 'load', subject: input.hostName, status: 'fail', message }],
      log: []
    }
  }
  const appDir = await mkdtemp(path.join(input.tmpRoot ?? os.tmpdir(), 'bifrost-verify-'))
  const log: string[] = []
  const names = input.plugins.map(p => p.name)
  const status = new Map<string, { ok: boolean; text: string }>()
  let started = false
  let fatal: string | undefined
  let finish: () => void = () => {}
  const finished = new Promise<void>(resolve => (finish = resolve))
  const allReported = () => names.every(n => status.has(n))

  const onLine = (line: string) => {
    log.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line)
    if (log.length > MAX_LOG_LINES) log.shift()
    const ev = parseLogLine(line, names)
    if (!ev) return
    if (ev.kind === 'status' && names.includes(ev.name) && !status.has(ev.name)) {
      status.set(ev.name, {
        ok: ev.status === 'active',
        text: `plugin status: ${ev.name} - ${ev.status}`
      })
    } else if (ev.kind === 'failed' && !status.get(ev.name)?.ok) {
      status.set(ev.name, { ok: false, text: `failed to load plugin ${ev.name}: ${ev.error}` })
    } else if (ev.kind === 'started') started = true
    else if (ev.kind === 'fatal' && !fatal) fatal = ev.text
    if (names.length > 0 ? allReported() : started) finish()
  }

  let proc: ReturnType<typeof start> | undefined
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
  let spawnError: string | undefined
  try {
    await writeFile(path.join(appDir, 'config.json'), configJson(input.plugins))
    const port = await freePort()
    const argv = [...input.prefix, ...hostArgs(input.host, appDir, port)]
    proc = start(argv[0], argv.slice(1), {
      cwd: appDir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: appDir,
        LANG: 'C.UTF-8'
      },
      onLine,
      maxBuffer: 64 * 1024,
      signal: input.signal
    })
    proc.done.then(
      r => {
        exit = { code: r.code, signal: r.signal }
        finish()
      },
      (e: Error) => {
        spawnError = e.message
        finish()
      }
    )
    const timeoutMs = input.timeoutSec * 1000
    let timer: NodeJS.Timeout | undefined
    let settle: NodeJS.Timeout | undefined
    const timedOut = new Promise<boolean>(resolve => {
      timer = setTimeout(() => resolve(true), timeoutMs)
      if (names.length === 0)
        settle = setTimeout(
          () => {
            if (!exit) {
              started = true
              finish()
            }
          },
          input.settleMs ?? Math.min(2000, timeoutMs)
        )
    })
    const isTimeout = await Promise.race([finished.then(() => false), timedOut])
    clearTimeout(timer)
    clearTimeout(settle)
    // A plugin that crashes the host right after reporting still fails: give it a moment.
    if (!isTimeout && !exit && names.length > 0) await sleep(300)
    const cancelled = Boolean(input.signal?.aborted)
    return outcome({
      ...input,
      names,
      status,
      started,
      fatal,
      exit,
      spawnError,
      isTimeout,
      log,
      cancelled
    })
  } finally {
    if (proc) {
      proc.stop('SIGTERM')
      const killer = setTimeout(() => proc?.stop('SIGKILL'), 2000)
      await proc.done.catch(() => undefined)
      clearTimeout(killer)
    }
    await rm(appDir, { recursive: true, force: true })
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

function outcome(o: {
  hostName: string
  names: string[]
  status: Map<string, { ok: boolean; text: string }>
  started: boolean
  fatal?: string
  exit?: { code: number | null; signal: NodeJS.Signals | null }
  spawnError?: string
  cancelled: boolean
  isTimeout: boolean
  timeoutSec: number
  log: string[]
}): LoadOutcome {
  const checks: CheckResult[] = []
  const lastLines = () =>
    o.log
      .slice(-3)
      .map(l => l.trim())
      .filter(Boolean)
      .join(' | ')
  const exitText = o.cancelled
    ? 'was stopped: the run was cancelled'
    : o.spawnError
      ? `could not be started: ${o.spawnError}`
      : o.exit
        ? `exited (${o.exit.signal ? `signal ${o.exit.signal}` : `code ${o.exit.code}`})${o.fatal ? `: "${o.fatal}"` : lastLines() ? `; last log: ${lastLines()}` : ''}`
        : undefined
  if (o.names.length === 0) {
    const ok = o.started && !o.exit && !o.spawnError
    const message = ok
      ? 'host started with no plugins and stayed up'
      : exitText
        ? `host ${exitText}`
        : `host did not start within ${o.timeoutSec} s`
    checks.push({ id: 'load', subject: o.hostName, status: ok ? 'pass' : 'fail', message })
    return { status: ok ? 'pass' : 'fail', message, checks, log: o.log }
  }
  for (const name of o.names) {
    const s = o.status.get(name)
    const subject = `${name}.so`
    if (s?.ok && !(o.exit && o.fatal)) {
      checks.push({ id: 'load', subject, status: 'pass', message: `${s.text}` })
    } else if (s && !s.ok) {
      checks.push({ id: 'load', subject, status: 'fail', message: `the host logged "${s.text}"` })
    } else if (exitText) {
      checks.push({
        id: 'load',
        subject,
        status: 'fail',
        message: `host ${exitText} before ${name} reported its status`
      })
    } else {
      checks.push({
        id: 'load',
        subject,
        status: 'fail',
        message: `no "plugin status: ${name} - active" within ${o.timeoutSec} s (verify-timeout)${lastLines() ? `; last log: ${lastLines()}` : ''}`
      })
    }
  }
  const failed = checks.filter(c => c.status === 'fail')
  const message = failed.length
    ? `${failed.length} of ${o.names.length} plugin(s) did not load: ${failed.map(c => `${c.subject}: ${c.message}`).join('; ')}`
    : `all ${o.names.length} plugin(s) active`
  return { status: failed.length ? 'fail' : 'pass', message, checks, log: o.log }
}
