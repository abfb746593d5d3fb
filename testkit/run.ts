/**
 * The one way tests and their helpers run a child process: asynchronously, with an argument
 * array (no shell), a timeout, and the output captured.
 *
 * Why not spawnSync/execFileSync: a vitest worker reports to the main process over RPC; a
 * worker whose event loop is blocked for a minute (a cold `go build`, a tar of a Go toolchain)
 * misses that RPC's deadline and the run exits 1 although every test passed ("Timeout calling
 * onTaskUpdate"). `__tests__/no-sync-spawn.test.ts` keeps synchronous spawns out.
 */
import { spawn } from 'node:child_process'

export interface RunOptions {
  cwd?: string
  /** The child's whole environment (default: this process's). */
  env?: NodeJS.ProcessEnv
  /** Written to the child's stdin, which is then closed (default: stdin is /dev/null). */
  input?: string | Buffer
  /** The process group is killed (SIGKILL) after this long; default 10 minutes. */
  timeoutMs?: number
}

export interface RunResult {
  /** Exit code; null when killed by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  timedOut: boolean
  ms: number
}

export const DEFAULT_TIMEOUT_MS = 600_000

/** Runs `cmd args`; resolves with the result whatever the exit code (rejects only if it cannot start). */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now()
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // Its own process group, so a timeout also ends what it started (go build -> compile).
      detached: true
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout!.on('data', (d: Buffer) => out.push(d))
    child.stderr!.on('data', (d: Buffer) => err.push(d))
    if (opts.input !== undefined) {
      child.stdin!.on('error', () => {}) // the child may exit without reading it all
      child.stdin!.end(opts.input)
    }
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        // already gone
      }
    }, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    child.on('error', e => {
      clearTimeout(timer)
      reject(e)
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        ms: Date.now() - t0
      })
    })
  })
}

export class RunError extends Error {
  constructor(
    readonly cmd: string,
    readonly args: string[],
    readonly result: RunResult
  ) {
    const how = result.timedOut
      ? `timed out after ${result.ms} ms`
      : result.signal
        ? `was killed by ${result.signal}`
        : `exited ${result.code}`
    const tail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-20).join('\n')
    super(`${[cmd, ...args].join(' ')} ${how}${tail ? `:\n${tail}` : ''}`)
    this.name = 'RunError'
  }
  get stdout(): string {
    return this.result.stdout
  }
  get stderr(): string {
    return this.result.stderr
  }
}

/** Runs `cmd args` and returns its stdout; throws a RunError (command, exit, stderr tail) unless it exits 0. */
export async function runOk(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const r = await run(cmd, args, opts)
  if (r.code !== 0) throw new RunError(cmd, args, r)
  return r.stdout
}
