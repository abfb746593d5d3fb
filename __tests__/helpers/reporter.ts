/**
 * The one fake Reporter of the tests: it records every message with its level, the outputs,
 * exported variables, PATH additions and secrets, and runs stages inline.
 */
import type { StageTiming } from '../../src/context.js'
import type { Reporter } from '../../src/report.js'

export type Level = 'info' | 'debug' | 'notice' | 'warning' | 'error' | 'process'

export interface FakeReporter extends Reporter {
  /** Every message in order; `process` is a child process's line. */
  lines: { level: Level; message: string }[]
  outputs: Record<string, string>
  exported: Record<string, string>
  paths: string[]
  secrets: string[]
  /** `add <file>` / `remove <owner>`, when made with `{ matchers: true }`. */
  matchers: string[]
  /** The messages at these levels (all levels when none is named). */
  messages(...levels: Level[]): string[]
  /** What a log would show: info and process lines as they are, `level: message` otherwise; no debug. */
  transcript(): string[]
}

/**
 * `matchers: true` adds addMatcher/removeMatcher, which the Reporter interface leaves optional
 * (the action's reporter has them, the CLI's has not).
 */
export function fakeReporter(opts: { matchers?: boolean } = {}): FakeReporter {
  const timings: StageTiming[] = []
  const r: FakeReporter = {
    lines: [],
    outputs: {},
    exported: {},
    paths: [],
    secrets: [],
    matchers: [],
    timings,
    info: m => void r.lines.push({ level: 'info', message: m }),
    debug: m => void r.lines.push({ level: 'debug', message: m }),
    notice: m => void r.lines.push({ level: 'notice', message: m }),
    warning: m => void r.lines.push({ level: 'warning', message: m }),
    error: m => void r.lines.push({ level: 'error', message: m }),
    processLine: m => void r.lines.push({ level: 'process', message: m }),
    stage: (_name, fn) => fn(),
    setOutput(name, value) {
      r.outputs[name] = value
    },
    exportVariable(name, value) {
      r.exported[name] = value
    },
    addPath: dir => void r.paths.push(dir),
    setSecret: value => void r.secrets.push(value),
    messages: (...levels) =>
      r.lines.filter(l => levels.length === 0 || levels.includes(l.level)).map(l => l.message),
    transcript: () =>
      r.lines
        .filter(l => l.level !== 'debug')
        .map(l =>
          l.level === 'info' || l.level === 'process' ? l.message : `${l.level}: ${l.message}`
        )
  }
  if (opts.matchers) {
    r.addMatcher = file => void r.matchers.push(`add ${file}`)
    r.removeMatcher = owner => void r.matchers.push(`remove ${owner}`)
  }
  return r
}
