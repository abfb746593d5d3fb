/**
 * The one place that starts processes. Every command is an argument array (never a shell
 * string). We use node's child_process rather than @actions/exec because we need process
 * groups (a cancelled job must take `go build`'s children with it), timeouts and line
 * streaming with bounded memory, which @actions/exec does not offer.
 */
import { spawn, type ChildProcess } from 'node:child_process'

export interface RunOptions {
  cwd?: string
  /** The complete environment of the child (not merged with process.env). */
  env?: NodeJS.ProcessEnv
  /** Called for every line of stdout and stderr as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
  /** Kill the process group after this many milliseconds. */
  timeoutMs?: number
  signal?: AbortSignal
  /** Keep at most this many bytes of each stream (the tail is kept). Default 4 MiB. */
  maxBuffer?: number
  input?: string
  /**
   * Give the child a stdin pipe that stays open until `child.stdin` is closed (or this process
   * ends): a lifeline a child running as another user (through sudo) can watch, where our
   * signals cannot reach it.
   */
  stdinLifeline?: boolean
  /** Let the child write straight to our stdout/stderr (nothing is buffered or split into lines). */
  inheritOutput?: boolean
  /** Send the child's stdout here (not buffered, not split into lines): one end of a pipe. */
  stdoutTo?: NodeJS.WritableStream
  /** Run the child as this user and group (only a root parent can). */
  uid?: number
  gid?: number
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  timedOut: boolean
  durationMs: number
}

const live = new Set<ChildProcess>()

/**
 * The runner's own credentials are for the artifact and cache clients in this process; no
 * child (go, the C compiler, the load-tested host) needs them, and action inputs (the token
 * among them) are ours, not theirs.
 */
const RUNNER_SECRETS = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN']

export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(env)) {
    if (RUNNER_SECRETS.includes(k) || k.startsWith('INPUT_')) continue
    out[k] = v
  }
  return out
}

/**
 * Kill the whole process group of a child started by `run`/`start`. `evenIfExited` signals the
 * group also after its leader is gone: a child it left behind is still in the group.
 */
export function killTree(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  evenIfExited = false
): void {
  if (child.pid === undefined) return
  if (!evenIfExited && (child.exitCode !== null || child.signalCode !== null)) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    try {
      child.kill(signal)
    } catch {
      /* already gone */
    }
  }
}

/** Stop every child we started (on SIGTERM/SIGINT of our own process). */
export function killAll(signal: NodeJS.Signals = 'SIGTERM'): number {
  let n = 0
  for (const child of live) {
    killTree(child, signal)
    n++
  }
  return n
}

export function liveChildren(): number {
  return live.size
}

/** What each running child is, as `go build`, `npm ci` (program name and first argument). */
export function liveCommands(): string[] {
  return [...live].map(c => {
    const [file, first] = [c.spawnfile, c.spawnargs[1]]
    const name = file.split('/').pop() ?? file
    return first && !first.startsWith('-') ? `${name} ${first}` : name
  })
}

class TailBuffer {
  private chunks: string[] = []
  private size = 0
  truncated = false
  constructor(private readonly max: number) {}
  push(s: string): void {
    this.chunks.push(s)
    this.size += s.length
    while (this.size > this.max && this.chunks.length > 1) {
      this.size -= this.chunks.shift()!.length
      this.truncated = true
    }
  }
  toString(): string {
    const s = this.chunks.join('')
    return s.length > this.max ? s.slice(s.length - this.max) : s
  }
}

export interface Started {
  child: ChildProcess
  done: Promise<RunResult>
  /** Signal the process group (`evenIfExited`: also once the child itself has exited). */
  stop(signal?: NodeJS.Signals, evenIfExited?: boolean): void
}

/** Start a process in its own process group; `done` resolves when it exits (never rejects on exit codes). */
export function start(cmd: string, args: readonly string[], opts: RunOptions = {}): Started {
  const t0 = Date.now()
  const child = spawn(cmd, args as string[], {
    cwd: opts.cwd,
    env: childEnvironment(opts.env ?? process.env),
    stdio: [
      opts.input === undefined && !opts.stdinLifeline ? 'ignore' : 'pipe',
      opts.inheritOutput ? 'inherit' : 'pipe',
      opts.inheritOutput ? 'inherit' : 'pipe'
    ],
    uid: opts.uid,
    gid: opts.gid,
    detached: true,
    shell: false,
    windowsHide: true
  })
  live.add(child)
  const max = opts.maxBuffer ?? 4 * 1024 * 1024
  const out = new TailBuffer(max)
  const err = new TailBuffer(max)
  let timedOut = false
  const pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' }
  const feed = (stream: 'stdout' | 'stderr', buf: TailBuffer) => (data: Buffer) => {
    const s = data.toString('utf8')
    buf.push(s)
    if (!opts.onLine) return
    let text = pending[stream] + s
    let i: number
    while ((i = text.indexOf('\n')) >= 0) {
      opts.onLine(text.slice(0, i).replace(/\r$/, ''), stream)
      text = text.slice(i + 1)
    }
    // A child that never ends a line must not grow our memory without bound.
    pending[stream] = text.length > 64 * 1024 ? text.slice(-64 * 1024) : text
  }
  if (opts.stdoutTo) child.stdout?.pipe(opts.stdoutTo)
  else child.stdout?.on('data', feed('stdout', out))
  child.stderr?.on('data', feed('stderr', err))
  if (opts.input !== undefined) child.stdin!.end(opts.input)

  let timer: NodeJS.Timeout | undefined
  if (opts.timeoutMs) {
    timer = setTimeout(() => {
      timedOut = true
      killTree(child, 'SIGKILL')
    }, opts.timeoutMs)
  }
  const onAbort = () => killTree(child, 'SIGTERM')
  opts.signal?.addEventListener('abort', onAbort, { once: true })

  const done = new Promise<RunResult>((resolve, reject) => {
    child.on('error', e => {
      live.delete(child)
      if (timer) clearTimeout(timer)
      reject(e)
    })
    child.on('close', (code, signal) => {
      live.delete(child)
      if (timer) clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      for (const stream of ['stdout', 'stderr'] as const) {
        if (pending[stream] && opts.onLine) opts.onLine(pending[stream], stream)
      }
      resolve({
        code,
        signal,
        stdout: out.toString(),
        stderr: err.toString(),
        timedOut,
        durationMs: Date.now() - t0
      })
    })
  })
  return {
    child,
    done,
    stop: (signal = 'SIGTERM', evenIfExited = false) => killTree(child, signal, evenIfExited)
  }
}

/** Run to completion. Rejects only when the program cannot be started (e.g. ENOENT). */
export function run(
  cmd: string,
  args: readonly string[],
  opts: RunOptions = {}
): Promise<RunResult> {
  return start(cmd, args, opts).done
}

/**
 * `producer | consumer` without a shell: both in their own process groups, the producer's
 * stdout into the consumer's stdin. Both must exit 0; the error names the one that did not.
 */
export async function runPipeChecked(
  producer: readonly [string, readonly string[]],
  consumer: readonly [string, readonly string[]],
  opts: Omit<RunOptions, 'input' | 'stdoutTo' | 'inheritOutput'> = {}
): Promise<void> {
  const right = start(consumer[0], consumer[1], { ...opts, stdinLifeline: true })
  // A consumer that stops early makes the producer's writes fail (EPIPE): its exit says so.
  right.child.stdin!.on('error', () => undefined)
  const left = start(producer[0], producer[1], { ...opts, stdoutTo: right.child.stdin! })
  const [l, r] = await Promise.all([left.done, right.done])
  if (l.code !== 0) throw failedError(producer[0], producer[1], l)
  if (r.code !== 0) throw failedError(consumer[0], consumer[1], r)
}

/** `<cmd> <args> failed (<why>): <the tail of its output>`, for a command that did not exit 0. */
function failedError(cmd: string, args: readonly string[], r: RunResult): Error {
  const tail = (r.stderr || r.stdout).trim().split('\n').slice(-20).join('\n')
  const why = r.timedOut ? 'timed out' : r.signal ? `killed by ${r.signal}` : `exit code ${r.code}`
  return new Error(`${cmd} ${args.join(' ')} failed (${why}): ${tail}`)
}

/** Run and require exit code 0; the error carries the tail of stderr. */
export async function runChecked(
  cmd: string,
  args: readonly string[],
  opts: RunOptions = {}
): Promise<RunResult> {
  const r = await run(cmd, args, opts)
  if (r.code !== 0) throw failedError(cmd, args, r)
  return r
}
