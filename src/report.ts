/**
 * How stages talk to the user. The action writes workflow commands through @actions/core
 * (one log group per stage, with its duration); the CLI shows a live stage line on a
 * terminal and plain lines otherwise. Stages only ever see this interface.
 */
import { currentHeartbeat, HEARTBEAT_MS, startHeartbeat } from './heartbeat.js'
import * as core from '@actions/core'
import { EOL } from 'node:os'
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

/**
 * Text for the runner's log that cannot be a workflow command: the runner reads a line that
 * starts with `::` (after blanks) or holds `##[` as a command, so a value read from a file or
 * URL (a host-manifest, a go.mod, go's output) could otherwise add a mask, stop command
 * processing or annotate. A zero-width space goes between the two characters; the text reads
 * the same.
 */
export function noCommands(text: string): string {
  return text.replace(/^(\s*):(?=:)/gm, '$1:\u200b').replace(/##\[/g, '#\u200b#[')
}

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
  /** The last line said in the current stage, for the heartbeat. */
  private last?: string
  constructor(private readonly heartbeatMs = HEARTBEAT_MS) {}
  // Every line of ours is written through these: the one place values are made inert.
  info(m: string): void {
    this.last = m
    core.info(noCommands(m))
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
    this.last = undefined
    const stop = startHeartbeat(this.heartbeatMs, ms =>
      core.info(currentHeartbeat(name, ms, this.last))
    )
    return timedStage(this.timings, name, fn, (status, ms) => {
      stop()
      core.info(`${name}: ${status === 'ok' ? 'done' : 'failed'} in ${fmtMs(ms)}`)
      core.endGroup()
    })
  }
  processLine(line: string): void {
    this.last = line
    core.info(noCommands(line))
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
    // Our own command: written as is, past the escaping of info().
    process.stdout.write(`::add-matcher::${file}${EOL}`)
  }
  removeMatcher(owner: string): void {
    process.stdout.write(`::remove-matcher owner=${owner}::${EOL}`)
  }
}

/** The CLI's reporter: a live stage line on a TTY, plain prefixed lines otherwise. */
export class ConsoleReporter implements Reporter {
  readonly timings: StageTiming[] = []
  readonly outputs: Record<string, string> = {}
  private secrets: string[] = []
  private current?: { name: string; t0: number; last: string }
  private ticker?: NodeJS.Timeout
  /** The last line said in the current stage, for the heartbeat. */
  private last?: string
  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly verbose = false,
    private readonly heartbeatMs = HEARTBEAT_MS
  ) {}
  private get live(): boolean {
    return Boolean(this.out.isTTY) && !process.env.CI
  }
  private mask(s: string): string {
    for (const secret of this.secrets) s = s.split(secret).join('***')
    return s
  }
  private write(line: string): void {
    this.last = line
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
    this.last = undefined
    // The live line shows the time already; a plain log gets a line every so often.
    const stop = this.live
      ? () => {}
      : startHeartbeat(this.heartbeatMs, ms =>
          this.out.write(this.mask(currentHeartbeat(name, ms, this.last)) + '\n')
        )
    return timedStage(this.timings, name, fn, (status, ms) => {
      stop()
      if (this.ticker) clearInterval(this.ticker)
      this.ticker = undefined
      if (this.live) this.out.write('\r\x1b[2K')
      this.current = undefined
      this.out.write(`${status === 'ok' ? '✓' : '✗'} ${name} (${fmtMs(ms)})\n`)
    })
  }
  processLine(line: string): void {
    this.last = line
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
