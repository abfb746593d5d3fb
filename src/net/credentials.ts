/**
 * Credentials in URLs: a mirror's `user:password@` taken out (sent as Basic auth to that host
 * only), the token for GitHub-hosted mirrors, and every URL in a value redacted before it is
 * logged or recorded.
 */
import type { OutgoingHttpHeaders } from 'node:http'

/** `user:password@` taken out of a mirror URL: sent as Basic auth, to that host only. */
export interface Credentials {
  /** `hostname[:port]` of the URL the credentials came with. */
  host: string
  authorization: string
  /** The password (or the user, when there is no password), for the runner's log masking. */
  secret: string
}

/**
 * Splits the userinfo off a URL, so the URL can be logged, recorded and shown in errors as is
 * and the credentials travel only in a header. A URL without userinfo comes back unchanged.
 */
export function splitCredentials(raw: string): { url: string; credentials?: Credentials } {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return { url: raw }
  }
  if (!u.username && !u.password) return { url: raw }
  const user = decodeURIComponent(u.username)
  const password = decodeURIComponent(u.password)
  const host = u.host
  u.username = ''
  u.password = ''
  return {
    url: u.toString(),
    credentials: {
      host,
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
      secret: password || user
    }
  }
}

/**
 * The token is for rate limits of GitHub-hosted mirrors; go.dev or a private mirror never
 * receives it. Mirror credentials go to the mirror's own host only, never to a host it
 * redirects to.
 */
export function authHeaders(
  url: string,
  token: string | undefined,
  credentials?: Credentials
): OutgoingHttpHeaders {
  const target = new URL(url)
  if (credentials && target.host === credentials.host)
    return { authorization: credentials.authorization }
  if (!token) return {}
  const host = target.hostname
  const github =
    host === 'github.com' || host === 'api.github.com' || host.endsWith('.githubusercontent.com')
  return github ? { authorization: `token ${token}` } : {}
}

/** Remove `user:password@` from every URL in a value (GOPROXY lists, GOPRIVATE, ...). */
export function redactCredentials(value: string): string {
  return value.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s,|]+@/gi, '$1***@')
}
