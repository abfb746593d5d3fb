/**
 * One error type for everything the user can act on. The message is what the user reads:
 * what was found, where (input, file, module) and what to do. The runner shows it as one
 * `::error` line, so `render()` keeps it on one line.
 */
export interface ErrorWhere {
  /** The action input (or CLI flag) at fault, e.g. `go-version`. */
  input?: string
  /** A file involved, e.g. a go.mod. */
  file?: string
  /** A Go module involved. */
  module?: string
}

export class BuildError extends Error {
  readonly where: ErrorWhere
  readonly fix?: string
  /** CLI exit code: 2 for bad usage (inputs), 1 for a failed build or check, 130 when cancelled. */
  readonly exitCode: 1 | 2 | 130

  constructor(
    message: string,
    opts: ErrorWhere & { fix?: string; usage?: boolean; cancelled?: boolean; cause?: unknown } = {}
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause })
    this.name = 'BuildError'
    this.where = { input: opts.input, file: opts.file, module: opts.module }
    this.fix = opts.fix
    this.exitCode = opts.cancelled ? 130 : opts.usage ? 2 : 1
  }

  /** One line: `input go-version: <message>. Fix: <fix>` */
  render(): string {
    const where = this.where.input ? `input ${this.where.input}: ` : ''
    const fix = this.fix ? ` Fix: ${this.fix}` : ''
    return oneLine(`${where}${this.message}${fix}`)
  }
}

/**
 * The run was cancelled (SIGINT / SIGTERM): whatever step was running or came next, the
 * error says "cancelled" and the CLI exits 130 (128 + SIGINT), as a shell does.
 */
export function cancelledError(err: unknown, during?: string): BuildError {
  if (err instanceof BuildError && err.exitCode === 130) return err
  const reason = err instanceof Error ? err.message : String(err ?? 'cancelled')
  const text = /^cancelled/.test(reason) ? reason : `cancelled: ${reason}`
  return new BuildError(`${text}${during ? ` (during ${during})` : ''}`, {
    fix: 're-run the job; nothing was uploaded',
    cancelled: true,
    cause: err
  })
}

/** A bad input: named input, what was wrong, how to fix it. Exit code 2 in the CLI. */
export function inputError(input: string, message: string, fix: string): BuildError {
  return new BuildError(message, { input, fix, usage: true })
}

export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' | ').trim()
}

export function describeError(err: unknown): string {
  if (err instanceof BuildError) return err.render()
  if (err instanceof Error) return oneLine(err.message)
  return oneLine(String(err))
}

/** A check's message is `<what was found>. Fix: <what to do>`; split it so the fix gets its own line. */
export function splitFix(message: string): { text: string; fix?: string } {
  const i = message.lastIndexOf(' Fix: ')
  if (i < 0) return { text: message }
  return { text: message.slice(0, i).replace(/\.$/, ''), fix: message.slice(i + 6).trim() }
}

/** A check's one line as the log, BUILD.md and manifest.json show it: `<found>. Fix: <what to do>`. */
export function withFix(c: { message: string; fix?: string }): string {
  return c.fix ? `${c.message}. Fix: ${c.fix}` : c.message
}

/** What a failed run tells the user: the message, one fix, and where (for annotations). */
export interface Failure {
  message: string
  fix?: string
  /** Annotation title: `input go-version`, `module x`, or `bifrost-build`. */
  title: string
  input?: string
  file?: string
  module?: string
  exitCode: 1 | 2 | 130
}

export function failureOf(err: unknown): Failure {
  if (err instanceof BuildError) {
    const where = err.where.input ? `input ${err.where.input}: ` : ''
    // A message that already carries a fix (a wrapped check) keeps only one.
    const own = splitFix(err.message)
    const fix = err.fix ?? own.fix
    return {
      message: oneLine(`${where}${err.fix ? err.message : own.text}`),
      ...(fix ? { fix: oneLine(fix) } : {}),
      title: err.where.input
        ? `input ${err.where.input}`
        : err.where.module
          ? `module ${err.where.module}`
          : 'bifrost-build',
      ...(err.where.input ? { input: err.where.input } : {}),
      ...(err.where.file ? { file: err.where.file } : {}),
      ...(err.where.module ? { module: err.where.module } : {}),
      exitCode: err.exitCode
    }
  }
  return { message: describeError(err), title: 'bifrost-build', exitCode: 1 }
}

/** The message, then `Fix: ...` on a line of its own. */
export function failureText(f: { message: string; fix?: string }): string {
  return f.fix ? `${f.message}\nFix: ${f.fix}` : f.message
}
