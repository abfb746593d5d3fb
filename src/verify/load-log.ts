/**
 * Reading the host's log: what one line says about a plugin (its status, a load failure), the
 * host's start or a fatal error, in the fixture's plain lines and real Bifrost's JSON lines.
 * Shared by the load test on this machine and the one inside the image (image.ts), so both
 * judge the same words the same way.
 */
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
  if (/^"?(fatal|panic)"?$/.test(String(logLevel(raw)))) return { kind: 'fatal', text: line }
  m = /^(fatal error: .*|panic: .*)$/.exec(line.trim())
  if (m) return { kind: 'fatal', text: m[1] }
  return undefined
}

/** The `level` of a structured (JSON) log line. */
function logLevel(raw: string): string | undefined {
  const t = raw.trim()
  if (!t.startsWith('{')) return undefined
  try {
    const o = JSON.parse(t) as Record<string, unknown>
    return typeof o.level === 'string' ? o.level : undefined
  } catch {
    return undefined
  }
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

const MAX_LOG_LINES = 200
const MAX_LINE = 2000

/** Keeps the host's last MAX_LOG_LINES lines, each cut at MAX_LINE characters. */
export function keepLine(log: string[], line: string): void {
  log.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line)
  if (log.length > MAX_LOG_LINES) log.shift()
}

/** Each plugin's first word in the log: active, another status, or the error it failed with. */
export type PluginStatus = Map<string, { ok: boolean; text: string }>

/**
 * Records what a status or failure line says of a plugin (a failure does not overwrite an
 * active status); false for any other event.
 */
export function notePlugin(status: PluginStatus, ev: LogEvent, names: readonly string[]): boolean {
  if (ev.kind === 'status' && names.includes(ev.name) && !status.has(ev.name)) {
    status.set(ev.name, {
      ok: ev.status === 'active',
      text: `plugin status: ${ev.name} - ${ev.status}`
    })
    return true
  }
  if (ev.kind === 'failed' && !status.get(ev.name)?.ok) {
    status.set(ev.name, { ok: false, text: `failed to load plugin ${ev.name}: ${ev.error}` })
    return true
  }
  return false
}
