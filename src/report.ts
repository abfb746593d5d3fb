/**
 * How stages talk to the user. The action writes workflow commands through @actions/core
 * (one log group per stage, with its duration); the CLI shows a live stage line on a
 * terminal and plain lines otherwise. Stages only ever see this interface.
 */
import * as core from '@actions/core'
import { oneLine } from './errors.js'

export interface StageTiming {
  stage: string
  ms: number
  status: 'ok' | 'failed' | 'skipped'
}

export interface AnnotationProps {
  title?: string
  file?: string
  startLine?: number
}

export interface Reporter {
  info(message: string): void
  debug(message: string): void
  notice(message: string, props?: AnnotationProps): void
  warning(message: string, props?: AnnotationProps): void
  error(message: string, props?: AnnotationProps): void
  /** One collapsible section (the action) or a live stage line (the CLI); returns fn's value. */
  stage<T>(name: string, fn: () => Promise<T>): Promise<T>
  /** A line from a child process (go build output), shown inside the current stage. */
  processLine(line: string): void
  setOutput(name: string, value: string): void
  exportVariable(name: string, value: string): void
  addPath(dir: string): void
  setSecret(value: string): void
  /** Registers a problem matcher file (the action only: `::add-matcher::`). */
  addMatcher?(file: string): void
  removeMatcher?(owner: string): void
  readonly timings: StageTiming[]
}

function fmtMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`
}

export { fmtMs }

/** Runs one stage and records its row in `timings`, passed or failed; `end` says it. */
async function timedStage<T>(
  timings: StageTiming[],
  name: string,
  fn: () => Promise<T>,
  end: (status: StageTiming['status'], ms: number) => void
): Promise<T> {
  const t0 = Date.now()
  let status: StageTiming['status'] = 'failed'
  try {
    const v = await fn()
    status = 'ok'
    return v
  } finally {
    const ms = Date.now() - t0
    timings.push({ stage: name, ms, status })
    end(status, ms)
  }
}

export class ActionReporter implements Reporter {
  readonly timings: StageTiming[] = []
  info(m: string): void {
    core.info(m)
  }
  debug(m: string): void {
    core.debug(m)
  }
  notice(m: string, p?: AnnotationProps): void {
    core.notice(oneLine(m), p)
  }
  warning(m: string, p?: AnnotationProps): void {
    core.warning(oneLine(m), p)
  }
  error(m: string, p?: AnnotationProps): void {
    // Kept multi-line: the fix goes on its own line (core escapes line breaks in the command).
    core.error(m, p)
  }
  async stage<T>(name: string, fn: () => Promise<T>): Promise<T> {
    core.startGroup(name)
    return timedStage(this.timings, name, fn, (status, ms) => {
      core.info(`${name}: ${status === 'ok' ? 'done' : 'failed'} in ${fmtMs(ms)}`)
      core.endGroup()
    })
  }
  processLine(line: string): void {
    core.info(line)
  }
  setOutput(name: string, value: string): void {
    core.setOutput(name, value)
  }
  exportVariable(name: string, value: string): void {
    core.exportVariable(name, value)
  }
  addPath(dir: string): void {
    core.addPath(dir)
  }
  setSecret(value: string): void {
    if (value) core.setSecret(value)
  }
  addMatcher(file: string): void {
    core.info(`::add-matcher::${file}`)
  }
  removeMatcher(owner: string): void {
    core.info(`::remove-matcher owner=${owner}::`)
  }
}

/** The CLI's reporter: a live stage line on a TTY, plain prefixed lines otherwise. */
export class ConsoleReporter implements Reporter {
  readonly timings: StageTiming[] = []
  readonly outputs: Record<string, string> = {}
  private secrets: string[] = []
  private current?: { name: string; t0: number; last: string }
  private ticker?: NodeJS.Timeout
  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly verbose = false
  ) {}
  private get live(): boolean {
    return Boolean(this.out.isTTY) && !process.env.CI
  }
  private mask(s: string): string {
    for (const secret of this.secrets) s = s.split(secret).join('***')
    return s
  }
  private write(line: string): void {
    if (this.live && this.current) this.out.write('\r\x1b[2K')
    this.out.write(this.mask(line) + '\n')
    if (this.live && this.current) this.drawLive()
  }
  private drawLive(): void {
    if (!this.current) return
    const secs = ((Date.now() - this.current.t0) / 1000).toFixed(1)
    const cols = this.out.columns || 100
    const text = `▶ ${this.current.name} ${secs}s ${this.current.last}`.slice(0, cols - 1)
    this.out.write('\r\x1b[2K' + this.mask(text))
  }
  info(m: string): void {
    this.write(m)
  }
  debug(m: string): void {
    if (this.verbose) this.write(`debug: ${m}`)
  }
  notice(m: string): void {
    this.write(`notice: ${m}`)
  }
  warning(m: string): void {
    this.write(`warning: ${m}`)
  }
  error(m: string): void {
    this.write(`error: ${m}`)
  }
  async stage<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const t0 = Date.now()
    this.current = { name, t0, last: '' }
    if (this.live) {
      this.ticker = setInterval(() => this.drawLive(), 200)
      this.ticker.unref()
      this.drawLive()
    } else {
      this.out.write(`==> ${name}\n`)
    }
    return timedStage(this.timings, name, fn, (status, ms) => {
      if (this.ticker) clearInterval(this.ticker)
      this.ticker = undefined
      if (this.live) this.out.write('\r\x1b[2K')
      this.current = undefined
      this.out.write(`${status === 'ok' ? '✓' : '✗'} ${name} (${fmtMs(ms)})\n`)
    })
  }
  processLine(line: string): void {
    if (this.live && this.current && !this.verbose) {
      this.current.last = line
      this.drawLive()
    } else {
      this.write(`  ${line}`)
    }
  }
  setOutput(name: string, value: string): void {
    this.outputs[name] = value
  }
  exportVariable(name: string, value: string): void {
    process.env[name] = value
  }
  addPath(dir: string): void {
    process.env.PATH = `${dir}:${process.env.PATH ?? ''}`
  }
  setSecret(value: string): void {
    if (value) this.secrets.push(value)
  }
}
