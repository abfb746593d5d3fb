/**
 * What both benchmark groups (the fixture in run.ts, the real Bifrost in real.ts) need to run
 * and read commands: a timed spawn (argument array, own process group), the dist snapshot, and
 * the action's stage and build figures read back from its manifest and log.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseStages } from './figures.js'

export const BENCH = path.dirname(fileURLToPath(import.meta.url))
export const REPO = path.dirname(BENCH)
export const OUT = path.join(BENCH, 'out')

export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`)
}

export interface Timed {
  ms: number
  code: number | null
  stdout: string
  stderr: string
  /** ms from start to the first byte on stdout (start-up figure). */
  firstLineMs?: number
}

/** Runs a command (argument array, no shell) and times it; keeps the last 256 kB of output. */
export function timed(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; stopAtFirstLine?: boolean }
): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint()
    const elapsed = () => Number(process.hrtime.bigint() - t0) / 1e6
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    })
    let stdout = ''
    let stderr = ''
    let firstLineMs: number | undefined
    const keep = (s: string) => (s.length > 262144 ? s.slice(-262144) : s)
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {
        // already gone
      }
    }
    child.stdout.on('data', d => {
      if (firstLineMs === undefined) {
        firstLineMs = elapsed()
        if (opts.stopAtFirstLine) killGroup()
      }
      stdout = keep(stdout + d)
    })
    child.stderr.on('data', d => (stderr = keep(stderr + d)))
    const timer = setTimeout(killGroup, opts.timeoutMs ?? 1_800_000)
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ ms: elapsed(), code, stdout, stderr, firstLineMs })
    })
  })
}

export function tail(s: string, lines = 6): string {
  return s.trim().split('\n').slice(-lines).join(' | ')
}

export function loadavg(): number[] {
  return os.loadavg().map(v => Math.round(v * 100) / 100)
}

/**
 * A snapshot of the bundle, taken under the lock `npm run package` users hold: other work in
 * this tree may rebuild dist/ while the bench runs.
 */
export async function snapshotDist(
  work: string
): Promise<{ cli: string; action: string; dir: string }> {
  const dir = path.join(work, 'dist')
  const snap = await timed(
    'flock',
    [path.join(os.tmpdir(), 'dist.lock'), 'cp', '-a', path.join(REPO, 'dist'), dir],
    {}
  )
  const cli = path.join(dir, 'cli', 'index.js')
  const action = path.join(dir, 'index.js')
  if (snap.code !== 0 || !existsSync(cli) || !existsSync(action))
    throw new Error(`no complete dist/ to benchmark (${tail(snap.stderr)}): run npm run package`)
  return { cli, action, dir }
}

/** The action's own log of each run, for reading what took the time. */
export function saveLog(name: string, r: Timed): void {
  const dir = path.join(OUT, 'logs')
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, `${name}.log`), r.stderr)
}

/** Stage seconds from manifest.json (ms precision), else from the CLI's Stages line. */
export function stageSeconds(out: string, stderr: string): Record<string, number> {
  const fromStderr = parseStages(stderr)
  try {
    const m = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      timings?: { stage: string; ms: number }[]
    }
    for (const t of m.timings ?? []) fromStderr[t.stage] = t.ms / 1000
  } catch {
    // no manifest (verify off still writes one; a failed run does not): the log's line stands
  }
  return fromStderr
}

export function cacheSaveSeconds(stderr: string): number | undefined {
  const m = /cache: saved .* in (\d+) ms/.exec(stderr)
  return m ? Number(m[1]) / 1000 : undefined
}

/** Each `built <what> in N s` line of the build stage: `host` or the plugin's name, seconds. */
export function buildSeconds(stderr: string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const m of stderr.matchAll(
    /built (the host \(bifrost-http\)|plugin (\S+)) in (\d+(?:\.\d+)?) s/g
  ))
    out[m[2] ?? 'host'] = Number(m[3])
  return out
}

/** go's environment with nothing inherited from the machine's Go or this tool's settings. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const k of Object.keys(env))
    if (/^(GO|BB_TEST_|BIFROST_BUILD_|INPUT_)/.test(k)) delete env[k]
  return { ...env, GOTOOLCHAIN: 'local', ...extra }
}

/**
 * What a run collects: per-round values (NaN where a run failed, so ratios stay paired by
 * round) and the failures, each logged as it happens.
 */
export function recorder(): {
  perRound: Record<string, number[]>
  failures: string[]
  round: (name: string, round: number, v: number | undefined) => void
  ok: (label: string, r: Timed) => boolean
} {
  const perRound: Record<string, number[]> = {}
  const failures: string[] = []
  return {
    perRound,
    failures,
    round(name, round, v) {
      log(`  ${name}: ${v?.toFixed(2)}`)
      const a = (perRound[name] ??= [])
      while (a.length <= round) a.push(NaN)
      a[round] = v ?? NaN
    },
    ok(label, r) {
      if (r.code === 0) return true
      const msg = `${label} failed (exit ${r.code}): ${tail(r.stderr || r.stdout)}`
      failures.push(msg)
      log(msg)
      return false
    }
  }
}

/** Runs the steps one after another, round `r` starting at step `r`, so none always runs first. */
export async function rotated(steps: (() => Promise<unknown>)[], r: number): Promise<void> {
  for (let i = 0; i < steps.length; i++) await steps[(i + r) % steps.length]()
}

/**
 * `tar -czf` of the host and the plugins in `out` (the action's output-dir layout), for the
 * package stage's figure: the same binaries, on the same disk, right after the run.
 */
export function tarOfBinaries(out: string, pluginDirs: string[], archive: string): Promise<Timed> {
  const files = ['bifrost-http', ...pluginDirs.map(p => `plugins/${path.basename(p)}.so`)]
  return timed('tar', ['-czf', archive, ...files], { cwd: out })
}
