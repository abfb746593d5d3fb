/**
 * What every verify rule shares: the expectations a run checks against and the constructors
 * of one check (the load test's verdict uses them too). A failing or warning check carries
 * what was found in `message` and what to do in `fix`, so no check writes the fix into its
 * text; the log, BUILD.md and manifest.json join the two as `<found>. Fix: <what to do>`
 * (withFix in errors.ts).
 */
import type { CheckResult, CheckStatus, Libc, Mode, Target } from '../context.js'
import type { VerifiedFile } from '../lib/binary.js'

export interface Expectations {
  mode: Mode
  libc: Libc
  target: Target
  glibcMax?: string
}

/** One check; `fix` only where there is something to do (a failing or warning check). */
function check(
  status: CheckStatus,
  id: string,
  subject: string,
  message: string,
  fix?: string
): CheckResult {
  return fix === undefined
    ? { id, subject, status, message }
    : { id, subject, status, message, fix }
}

export const pass = (id: string, subject: string, message: string) =>
  check('pass', id, subject, message)
export const fail = (id: string, subject: string, message: string, fix?: string) =>
  check('fail', id, subject, message, fix)
export const warn = (id: string, subject: string, message: string, fix?: string) =>
  check('warn', id, subject, message, fix)

/** The name a check gives a file: a plugin by its `.so` file name. */
export function fileName(f: VerifiedFile): string {
  return f.kind === 'plugin' && !f.name.endsWith('.so') ? `${f.name}.so` : f.name
}

/** Whether build info records -trimpath. */
export const trimpathOf = (s: Record<string, string>) => s['-trimpath'] === 'true'
