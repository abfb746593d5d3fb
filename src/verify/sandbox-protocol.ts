/**
 * What the load test and its sandbox supervisor (`sandbox.ts`, run as `dist/sandbox.js` inside
 * the namespace) say to each other: the spec file the load test writes, and the event lines the
 * supervisor prints on its stdout among the host's own log lines. Each event line starts with a
 * per-run token, so a host cannot forge one by accident. The loopback port helpers both sides
 * use live here too.
 */
import net from 'node:net'

export interface SandboxSpec {
  /** The host's command line (a qemu prefix included). */
  argv: string[]
  cwd: string
  env: Record<string, string>
  /** The host's port on 127.0.0.1, probed to tell whether the host is serving. */
  port: number
  /** Directory for the supervisor's files (CA, resolv.conf, hosts). */
  dir: string
  /** Prefix of every event line. */
  token: string
  /**
   * End everything when stdin closes: the load test holds it open, and through sudo its
   * signals cannot reach a supervisor running as root, nor can a dead load test send any.
   */
  lifeline?: boolean
  /** Run the host as this user and group (when the supervisor is root through sudo). */
  uid?: number
  gid?: number
}

export type SandboxEvent =
  /** The stub is up; the host is about to start. */
  | { event: 'ready' }
  /** The namespace could not be set up (the load test then tries the next way). */
  | { event: 'setup-failed'; error: string }
  /** A request the stub answered with `{}`. */
  | { event: 'request'; method: string; host: string; path: string; tls: boolean }
  /** Whether the host's port answers a TCP connect (sent on every change). */
  | { event: 'port'; open: boolean }
  | { event: 'exit'; code: number | null; signal: string | null }
  | { event: 'error'; error: string }

export function eventLine(token: string, e: SandboxEvent): string {
  return `${token} ${JSON.stringify(e)}\n`
}

/** The event on a line of the supervisor's output, or undefined for a line of the host's. */
export function parseEventLine(token: string, line: string): SandboxEvent | undefined {
  if (!line.startsWith(`${token} `)) return undefined
  try {
    const e = JSON.parse(line.slice(token.length + 1)) as SandboxEvent
    return typeof e?.event === 'string' ? e : undefined
  } catch {
    return undefined
  }
}

/** `GET getbifrost.ai/datasheet`: one request as the log and the checks quote it. */
export function requestText(e: { method: string; host: string; path: string }): string {
  return `${e.method} ${e.host}${e.path}`
}

/** Whether something accepts a TCP connection on 127.0.0.1:`port` (within `timeoutMs`). */
export function portAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise<boolean>(resolve => {
    const sock = net.connect({ host: '127.0.0.1', port })
    const done = (ok: boolean) => {
      sock.destroy()
      resolve(ok)
    }
    sock.setTimeout(timeoutMs, () => done(false))
    sock.once('connect', () => done(true))
    sock.once('error', () => done(false))
  })
}

/** A port on 127.0.0.1 that was free a moment ago, for the host to listen on. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}
