/**
 * A line every so often while a stage is busy, for logs that are not a terminal (the action's
 * log, CI, a redirected CLI): a plugin build or a toolchain download can take a minute with
 * nothing else printed, which reads as a hang.
 */
import { liveCommands } from './proc.js'

/** How often: often enough to show life, rarely enough not to flood a log. */
export const HEARTBEAT_MS = 20_000

/** Calls `beat` with the elapsed time every `everyMs` until the returned stop is called. */
export function startHeartbeat(everyMs: number, beat: (elapsedMs: number) => void): () => void {
  const t0 = Date.now()
  const timer = setInterval(() => beat(Date.now() - t0), everyMs)
  // A heartbeat never keeps the process alive on its own.
  timer.unref()
  return () => clearInterval(timer)
}

/** `build: still running after 40 s, waiting on go build (2 processes); last: building plugin hello` */
export function heartbeatLine(
  stage: string,
  elapsedMs: number,
  commands: readonly string[],
  last?: string
): string {
  const counts = new Map<string, number>()
  for (const c of commands) counts.set(c, (counts.get(c) ?? 0) + 1)
  const waiting = [...counts].map(([c, n]) => (n > 1 ? `${c} (${n} processes)` : c)).join(', ')
  const lastText = last?.trim().slice(0, 160)
  return [
    `${stage}: still running after ${Math.round(elapsedMs / 1000)} s`,
    waiting ? `, waiting on ${waiting}` : '',
    lastText ? `${waiting ? ';' : ','} last: ${lastText}` : ''
  ].join('')
}

/** The stage's heartbeat line now: the live child processes and the last line said. */
export function currentHeartbeat(stage: string, elapsedMs: number, last?: string): string {
  return heartbeatLine(stage, elapsedMs, liveCommands(), last)
}
