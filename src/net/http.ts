/**
 * Downloads with retries. The runner's proxy settings (HTTPS_PROXY, NO_PROXY), which corporate
 * runners need, are honoured through the agent @actions/http-client picks; the request itself
 * is ours, because everything around it must be: redirects (relative ones, and credentials
 * that must not follow the request to another host), cancellation, an idle timeout that also
 * covers the body, a size cap on text bodies, hashing while streaming and truncation checks,
 * because a Go archive must be checked byte for byte.
 */
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import http, { type IncomingMessage } from 'node:http'
import https from 'node:https'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { HttpClient } from '@actions/http-client'
import { authHeaders, redactCredentials, type Credentials } from './credentials.js'

export {
  authHeaders,
  redactCredentials,
  splitCredentials,
  type Credentials
} from './credentials.js'

export class HttpStatusError extends Error {
  constructor(
    readonly url: string,
    readonly status: number
  ) {
    super(`HTTP ${status} from ${redactCredentials(url)}`)
    this.name = 'HttpStatusError'
  }
}

export interface HttpOptions {
  /** Sent only to GitHub hosts (see `authHeaders`). */
  token?: string
  /** Sent only to `credentials.host` (see `authHeaders`). */
  credentials?: Credentials
  signal?: AbortSignal
  /** Total tries, including the first. */
  attempts?: number
  /** First wait between tries; each later wait is three times longer. */
  baseDelayMs?: number
  /** Drop the connection when no byte arrives for this long (headers or body). */
  idleTimeoutMs?: number
  /** Largest body accepted: getText defaults to MAX_TEXT_BYTES, downloadFile to no cap. */
  maxBytes?: number
  onRetry?: (message: string) => void
}

/** The go.dev index with every release is a few MB; 32 MiB leaves room and stops a runaway body. */
export const MAX_TEXT_BYTES = 32 * 1024 * 1024
const MAX_REDIRECTS = 10
const DEFAULTS = { attempts: 4, baseDelayMs: 500, idleTimeoutMs: 60_000 }

/** 5xx, timeouts, rate limits and dropped connections may pass on a second try; other 4xx will not. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof HttpStatusError)
    return err.status >= 500 || err.status === 408 || err.status === 429
  if (err instanceof TruncatedError || err instanceof IdleTimeoutError) return true
  if (err instanceof TooLargeError || err instanceof RedirectError) return false
  const code = (err as NodeJS.ErrnoException)?.code ?? ''
  const message = (err as Error)?.message ?? ''
  return (
    [
      'ECONNRESET',
      'ECONNREFUSED',
      'ETIMEDOUT',
      'EPIPE',
      'EAI_AGAIN',
      'ENOTFOUND',
      'ERR_STREAM_PREMATURE_CLOSE'
    ].includes(code) || /aborted|socket hang up|timeout|terminated/i.test(message)
  )
}

export function backoffMs(retry: number, baseDelayMs: number): number {
  return baseDelayMs * 3 ** retry
}

/** The server answered (a status or a body), as opposed to a network failure. */
export function serverAnswered(err: unknown): boolean {
  return (
    err instanceof HttpStatusError ||
    err instanceof TruncatedError ||
    err instanceof TooLargeError ||
    err instanceof RedirectError
  )
}

/** The body ended before the announced Content-Length: the connection was cut. */
export class TruncatedError extends Error {
  constructor(
    readonly url: string,
    readonly got: number,
    readonly expected: number
  ) {
    super(
      `the response was truncated: the connection closed after ${got} of ${expected} bytes (${expected - got} missing)`
    )
    this.name = 'TruncatedError'
  }
}

export class IdleTimeoutError extends Error {
  constructor(ms: number, got?: number) {
    super(
      `timeout: no data for ${ms / 1000} s${got === undefined ? '' : ` after ${got} bytes of the body`} (BIFROST_BUILD_HTTP_TIMEOUT)`
    )
    this.name = 'IdleTimeoutError'
  }
}

export class TooLargeError extends Error {
  constructor(url: string, limit: number) {
    super(`${redactCredentials(url)} sent more than ${limit / (1024 * 1024)} MiB; not read further`)
    this.name = 'TooLargeError'
  }
}

export class RedirectError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RedirectError'
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t)
        reject(signal.reason)
      },
      { once: true }
    )
  })
}

/** Where a redirect leads: relative `Location`s resolve against the URL that answered. */
export function redirectTarget(from: string, location: string): string {
  const next = new URL(location, from)
  if (next.protocol !== 'http:' && next.protocol !== 'https:')
    throw new RedirectError(`${redactCredentials(from)} redirects to a ${next.protocol} URL`)
  if (new URL(from).protocol === 'https:' && next.protocol === 'http:')
    throw new RedirectError(
      `${redactCredentials(from)} redirects from https to plain http (${redactCredentials(next.toString())}); refused`
    )
  // Userinfo in a Location is never sent on.
  next.username = ''
  next.password = ''
  return next.toString()
}

interface Opened {
  res: IncomingMessage
  url: string
  /** Stops the idle timer and the abort listener. */
  done: () => void
  /** Called with each chunk's size as the body is read: restarts the idle timer. */
  touch: (bytes: number) => void
}

/**
 * One GET, following redirects. The idle timer runs from the request until the body has been
 * read (it is reset by every chunk), and aborting `signal` destroys the request at any point.
 */
async function open(url: string, opts: HttpOptions, agentFor: (u: string) => http.Agent) {
  const idleMs = opts.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs
  let current = url
  for (let hop = 0; ; hop++) {
    const opened = await new Promise<Opened>((resolve, reject) => {
      const lib = new URL(current).protocol === 'https:' ? https : http
      let timer: NodeJS.Timeout | undefined
      let body: IncomingMessage | undefined
      let received = 0
      const fail = (err: Error) => {
        if (body) body.destroy(err)
        else req.destroy(err)
      }
      const arm = () => {
        clearTimeout(timer)
        timer = setTimeout(
          () => fail(new IdleTimeoutError(idleMs, body ? received : undefined)),
          idleMs
        )
      }
      const onAbort = () => fail(abortReason(opts.signal))
      const done = () => {
        clearTimeout(timer)
        opts.signal?.removeEventListener('abort', onAbort)
      }
      const req = lib.get(
        current,
        {
          agent: agentFor(current),
          headers: {
            'user-agent': 'bifrost-build',
            ...authHeaders(current, opts.token, opts.credentials)
          }
        },
        res => {
          body = res
          arm()
          res.on('close', done)
          resolve({
            res,
            url: current,
            done,
            touch: (n: number) => {
              received += n
              arm()
            }
          })
        }
      )
      req.on('error', err => {
        done()
        reject(err)
      })
      opts.signal?.addEventListener('abort', onAbort, { once: true })
      if (opts.signal?.aborted) onAbort()
      arm()
    })
    const status = opened.res.statusCode ?? 0
    const location = opened.res.headers.location
    if (![301, 302, 303, 307, 308].includes(status) || !location) return opened
    opened.res.resume()
    opened.done()
    if (hop + 1 > MAX_REDIRECTS)
      throw new RedirectError(`more than ${MAX_REDIRECTS} redirects from ${redactCredentials(url)}`)
    current = redirectTarget(current, location)
  }
}

function abortReason(signal: AbortSignal | undefined): Error {
  const r = signal?.reason
  return r instanceof Error ? r : new Error('cancelled')
}

async function withRetries<T>(
  url: string,
  opts: HttpOptions,
  attempt: (open: () => Promise<Opened>) => Promise<T>
): Promise<T> {
  const attempts = opts.attempts ?? DEFAULTS.attempts
  const base = opts.baseDelayMs ?? DEFAULTS.baseDelayMs
  const shown = redactCredentials(url)
  for (let i = 0; ; i++) {
    opts.signal?.throwIfAborted()
    // Only for its agent: the runner's proxy (HTTPS_PROXY, NO_PROXY) is chosen per URL there.
    const client = new HttpClient('bifrost-build', [], { allowRetries: false })
    try {
      return await attempt(() => open(url, opts, u => client.getAgent(u)))
    } catch (err) {
      if (opts.signal?.aborted) throw opts.signal.reason
      if (i + 1 >= attempts || !isRetryable(err)) throw err
      const wait = backoffMs(i, base)
      opts.onRetry?.(
        `${shown}: ${redactCredentials((err as Error).message).replace(` from ${shown}`, '')}; retrying in ${(wait / 1000).toFixed(1)} s (try ${i + 2} of ${attempts})`
      )
      await sleep(wait, opts.signal)
    } finally {
      client.dispose()
    }
  }
}

function contentLength(res: IncomingMessage): number {
  return Number(res.headers['content-length'] ?? NaN)
}

/**
 * GET a small text resource (the index, a `.sha256` file, a module list): read as chunks and
 * decoded once, never more than `maxBytes`.
 */
export function getText(url: string, opts: HttpOptions = {}): Promise<string> {
  const limit = opts.maxBytes ?? MAX_TEXT_BYTES
  return withRetries(url, opts, async openIt => {
    const { res, url: final, done, touch } = await openIt()
    try {
      const status = res.statusCode ?? 0
      if (status !== 200) {
        res.resume()
        throw new HttpStatusError(final, status)
      }
      if (contentLength(res) > limit) {
        res.destroy()
        throw new TooLargeError(final, limit)
      }
      const chunks: Buffer[] = []
      let bytes = 0
      try {
        for await (const chunk of res as AsyncIterable<Buffer>) {
          bytes += chunk.length
          touch(chunk.length)
          if (bytes > limit) {
            res.destroy()
            throw new TooLargeError(final, limit)
          }
          chunks.push(chunk)
        }
      } catch (err) {
        throw truncation(err, final, bytes, contentLength(res))
      }
      const expected = contentLength(res)
      if (Number.isFinite(expected) && bytes !== expected)
        throw new TruncatedError(final, bytes, expected)
      return Buffer.concat(chunks).toString('utf8')
    } finally {
      done()
    }
  })
}

/** A connection cut mid-body with a known length is a truncation, whatever error node reports. */
function truncation(err: unknown, url: string, got: number, expected: number): unknown {
  if (err instanceof IdleTimeoutError || err instanceof TooLargeError) return err
  if (Number.isFinite(expected) && got < expected) return new TruncatedError(url, got, expected)
  return err
}

export interface Downloaded {
  bytes: number
  sha256: string
}

/** Streams `url` into `dest`, hashing as it goes; a partial file never survives. */
export function downloadFile(
  url: string,
  dest: string,
  opts: HttpOptions = {}
): Promise<Downloaded> {
  return withRetries(url, opts, async openIt => {
    const { res, url: final, done, touch } = await openIt()
    const status = res.statusCode ?? 0
    if (status !== 200) {
      res.resume()
      done()
      throw new HttpStatusError(final, status)
    }
    const limit = opts.maxBytes ?? Infinity
    if (contentLength(res) > limit) {
      res.destroy()
      done()
      throw new TooLargeError(final, limit)
    }
    const hash = createHash('sha256')
    let bytes = 0
    const meter = new Transform({
      transform(chunk: Buffer, _enc, next) {
        hash.update(chunk)
        bytes += chunk.length
        touch(chunk.length)
        if (bytes > limit) return next(new TooLargeError(final, limit))
        next(null, chunk)
      }
    })
    const expected = contentLength(res)
    try {
      try {
        await pipeline(res, meter, createWriteStream(dest))
      } catch (err) {
        throw truncation(err, final, bytes, expected)
      }
      if (Number.isFinite(expected) && bytes !== expected)
        throw new TruncatedError(final, bytes, expected)
      return { bytes, sha256: hash.digest('hex') }
    } catch (err) {
      await rm(dest, { force: true })
      throw err
    } finally {
      done()
    }
  })
}

/** BIFROST_BUILD_HTTP_TIMEOUT: seconds without a byte before a download is dropped (default 60). */
export function idleTimeoutMs(env: NodeJS.ProcessEnv): number | undefined {
  const secs = Number(env.BIFROST_BUILD_HTTP_TIMEOUT)
  return Number.isFinite(secs) && secs > 0 ? secs * 1000 : undefined
}
