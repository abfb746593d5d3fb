/**
 * Downloads with retries. @actions/http-client is used because it honours the runner's proxy
 * settings (HTTPS_PROXY, NO_PROXY), which corporate runners need; retries, hashing while
 * streaming and truncation checks are ours, because a Go archive must be checked byte for byte.
 */
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { OutgoingHttpHeaders } from 'node:http'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { HttpClient } from '@actions/http-client'

export class HttpStatusError extends Error {
  constructor(
    readonly url: string,
    readonly status: number
  ) {
    super(`HTTP ${status} from ${url}`)
    this.name = 'HttpStatusError'
  }
}

export interface HttpOptions {
  /** Sent only to GitHub hosts (see `authHeaders`). */
  token?: string
  signal?: AbortSignal
  /** Total tries, including the first. */
  attempts?: number
  /** First wait between tries; each later wait is three times longer. */
  baseDelayMs?: number
  /** Drop the connection when no byte arrives for this long. */
  idleTimeoutMs?: number
  onRetry?: (message: string) => void
  /** Refuse a body larger than this many bytes (getText and downloadFile; not read past the cap). */
  maxBytes?: number
}

const DEFAULTS = { attempts: 4, baseDelayMs: 500, idleTimeoutMs: 60_000 }

/** 5xx, timeouts, rate limits and dropped connections may pass on a second try; other 4xx will not. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof HttpStatusError)
    return err.status >= 500 || err.status === 408 || err.status === 429
  if (err instanceof TruncatedError) return true
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

/**
 * The token is for rate limits of GitHub-hosted mirrors; go.dev or a private mirror never
 * receives it.
 */
export function authHeaders(url: string, token: string | undefined): OutgoingHttpHeaders {
  if (!token) return {}
  const host = new URL(url).hostname
  const github =
    host === 'github.com' || host === 'api.github.com' || host.endsWith('.githubusercontent.com')
  return github ? { authorization: `token ${token}` } : {}
}

/** The server answered (a status or a body), as opposed to a network failure. */
export function serverAnswered(err: unknown): boolean {
  return err instanceof HttpStatusError || err instanceof TruncatedError
}

export class TruncatedError extends Error {
  constructor(url: string, got: number, expected: number) {
    super(`download of ${url} ended after ${got} of ${expected} bytes`)
    this.name = 'TruncatedError'
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

async function withRetries<T>(
  url: string,
  opts: HttpOptions,
  attempt: (client: HttpClient) => Promise<T>
): Promise<T> {
  const attempts = opts.attempts ?? DEFAULTS.attempts
  const base = opts.baseDelayMs ?? DEFAULTS.baseDelayMs
  for (let i = 0; ; i++) {
    opts.signal?.throwIfAborted()
    const client = new HttpClient('bifrost-build', [], {
      allowRetries: false,
      allowRedirects: true,
      maxRedirects: 10,
      socketTimeout: opts.idleTimeoutMs ?? DEFAULTS.idleTimeoutMs
    })
    try {
      return await attempt(client)
    } catch (err) {
      if (opts.signal?.aborted) throw opts.signal.reason
      if (i + 1 >= attempts || !isRetryable(err)) throw err
      const wait = backoffMs(i, base)
      opts.onRetry?.(
        `${url}: ${(err as Error).message.replace(` from ${url}`, '')}; retrying in ${(wait / 1000).toFixed(1)} s (try ${i + 2} of ${attempts})`
      )
      await sleep(wait, opts.signal)
    } finally {
      client.dispose()
    }
  }
}

export class TooLargeError extends Error {
  constructor(url: string, maxBytes: number) {
    super(`${url} is larger than ${maxBytes} bytes`)
    this.name = 'TooLargeError'
  }
}

/** GET a small text resource (the index, a `.sha256` file, a manifest). */
export function getText(url: string, opts: HttpOptions = {}): Promise<string> {
  return withRetries(url, opts, async client => {
    const res = await client.get(url, authHeaders(url, opts.token))
    const status = res.message.statusCode ?? 0
    if (status !== 200) {
      res.message.resume()
      throw new HttpStatusError(url, status)
    }
    const max = opts.maxBytes ?? Infinity
    if (Number(res.message.headers['content-length'] ?? 0) > max) {
      res.message.destroy()
      throw new TooLargeError(url, max)
    }
    const chunks: Buffer[] = []
    let bytes = 0
    for await (const chunk of res.message as AsyncIterable<Buffer>) {
      bytes += chunk.length
      if (bytes > max) {
        res.message.destroy()
        throw new TooLargeError(url, max)
      }
      chunks.push(chunk)
    }
    return Buffer.concat(chunks).toString('utf8')
  })
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
  return withRetries(url, opts, async client => {
    const res = await client.get(url, authHeaders(url, opts.token))
    const status = res.message.statusCode ?? 0
    if (status !== 200) {
      res.message.resume()
      throw new HttpStatusError(url, status)
    }
    const onAbort = () => res.message.destroy(new Error('download cancelled'))
    opts.signal?.addEventListener('abort', onAbort, { once: true })
    const limit = opts.maxBytes ?? Infinity
    if (Number(res.message.headers['content-length'] ?? 0) > limit) {
      res.message.destroy()
      throw new TooLargeError(url, limit)
    }
    const hash = createHash('sha256')
    let bytes = 0
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk)
        bytes += chunk.length
        if (bytes > limit) return done(new TooLargeError(url, limit))
        done(null, chunk)
      }
    })
    try {
      await pipeline(res.message, meter, createWriteStream(dest))
      const expected = Number(res.message.headers['content-length'] ?? NaN)
      if (Number.isFinite(expected) && bytes !== expected)
        throw new TruncatedError(url, bytes, expected)
      return { bytes, sha256: hash.digest('hex') }
    } catch (err) {
      await rm(dest, { force: true })
      throw err
    } finally {
      opts.signal?.removeEventListener('abort', onAbort)
    }
  })
}
