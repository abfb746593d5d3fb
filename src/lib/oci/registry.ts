/**
 * A client for the registry HTTP API v2 (the OCI distribution spec): manifests and blobs, read
 * and written, with the token flow ghcr.io and Docker Hub use (a 401 names a realm; a token for
 * the repository's scope is fetched there, anonymously or with the user's credentials) and
 * Basic auth where a registry asks for it. Requests go through @actions/http-client, so a
 * runner's proxy settings apply. Credentials travel only in headers, to the registry and its
 * token realm; they are never logged or written to a file.
 */
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { HttpClient } from '@actions/http-client'
import { registryBase } from './reference.js'

export interface RegistryCredentials {
  username: string
  password: string
}

export const MEDIA = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip'
} as const

const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest]

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: { os?: string; architecture?: string; variant?: string }
  annotations?: Record<string, string>
}

export interface Manifest {
  schemaVersion: 2
  mediaType?: string
  config: Descriptor
  layers: Descriptor[]
  annotations?: Record<string, string>
}

export interface Index {
  schemaVersion: 2
  mediaType?: string
  manifests: Descriptor[]
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message)
    this.name = 'RegistryError'
  }
}

export function sha256Digest(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}

/** Parses `Bearer realm="...",service="...",scope="..."` (or `Basic realm=...`). */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const m = /^\s*(\w+)\s*(.*)$/.exec(header) ?? ['', '', '']
  const params: Record<string, string> = {}
  for (const p of m[2].matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g))
    params[p[1].toLowerCase()] = p[2] ?? p[3]
  return { scheme: m[1].toLowerCase(), params }
}

export interface RegistryOptions {
  credentials?: RegistryCredentials
  signal?: AbortSignal
  userAgent?: string
}

/** One registry, one repository; tokens are kept per scope for the client's life. */
export class Registry {
  private readonly base: string
  private readonly http: HttpClient
  private auth?: string
  private authScope?: string

  constructor(
    readonly registry: string,
    readonly repository: string,
    private readonly opts: RegistryOptions = {}
  ) {
    this.base = registryBase(registry)
    this.http = new HttpClient(opts.userAgent ?? 'bifrost-build', undefined, {
      allowRedirects: true,
      maxRedirects: 5,
      socketTimeout: 120_000
    })
  }

  private url(p: string): string {
    return `${this.base}/v2/${this.repository}/${p}`
  }

  /** Sends a request, authenticating once on a 401; `body` is made again for the retry. */
  private async send(
    verb: string,
    url: string,
    headers: Record<string, string>,
    push: boolean,
    body?: () => NodeJS.ReadableStream | string
  ): Promise<IncomingMessage> {
    for (let attempt = 0; ; attempt++) {
      if (this.opts.signal?.aborted) throw new RegistryError('cancelled')
      const h = { ...headers, ...(this.auth ? { authorization: this.auth } : {}) }
      const data = body?.()
      const res =
        typeof data === 'string' || data === undefined
          ? await this.http.request(verb, url, data ?? null, h)
          : await this.http.sendStream(verb, url, data, h)
      const status = res.message.statusCode ?? 0
      const scope = `repository:${this.repository}:${push ? 'pull,push' : 'pull'}`
      if (status === 401 && attempt === 0 && this.authScope !== scope) {
        const challenge = res.message.headers['www-authenticate']
        await res.readBody()
        await this.authenticate(String(challenge ?? ''), scope)
        continue
      }
      return res.message
    }
  }

  private async authenticate(challenge: string, scope: string): Promise<void> {
    const { scheme, params } = parseChallenge(challenge)
    const creds = this.opts.credentials
    const basic = creds
      ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
      : undefined
    this.authScope = scope
    if (scheme === 'basic') {
      if (!basic) throw new RegistryError(`${this.registry} asks for a user name and password`, 401)
      this.auth = basic
      return
    }
    if (scheme !== 'bearer' || !params.realm)
      throw new RegistryError(
        `${this.registry} answered 401 with no usable challenge ("${challenge}")`,
        401
      )
    const realm = new URL(params.realm)
    if (params.service) realm.searchParams.set('service', params.service)
    realm.searchParams.set('scope', scope)
    const res = await this.http.get(realm.toString(), basic ? { authorization: basic } : {})
    const text = await res.readBody()
    if (res.message.statusCode !== 200)
      throw new RegistryError(
        `the token service of ${this.registry} refused ${creds ? 'the credentials' : 'an anonymous token'} for ${scope} (HTTP ${res.message.statusCode})`,
        res.message.statusCode
      )
    const token = (JSON.parse(text) as { token?: string; access_token?: string }) ?? {}
    const value = token.token ?? token.access_token
    if (!value) throw new RegistryError(`the token service of ${this.registry} sent no token`)
    this.auth = `Bearer ${value}`
  }

  private async fail(res: IncomingMessage, what: string): Promise<never> {
    const body = await readAll(res).catch(() => Buffer.alloc(0))
    let detail = ''
    try {
      const errs = (
        JSON.parse(body.toString('utf8')) as { errors?: { code?: string; message?: string }[] }
      ).errors
      if (errs?.length)
        detail = `: ${errs.map(e => [e.code, e.message].filter(Boolean).join(' ')).join('; ')}`
    } catch {
      /* not a registry error body */
    }
    const status = res.statusCode ?? 0
    const hint =
      status === 401 || status === 403
        ? ' (not allowed: give credentials that may read/write this repository)'
        : status === 404
          ? ' (not found)'
          : ''
    throw new RegistryError(
      `${what} on ${this.registry}/${this.repository}: HTTP ${status}${hint}${detail}`,
      status
    )
  }

  /** A manifest or index by tag or digest, checked against the digest when one was asked for. */
  async manifest(reference: string): Promise<{ bytes: Buffer; mediaType: string; digest: string }> {
    const res = await this.send(
      'GET',
      this.url(`manifests/${reference}`),
      { accept: MANIFEST_ACCEPT.join(', ') },
      false
    )
    if (res.statusCode !== 200) return this.fail(res, `reading manifest ${reference}`)
    const bytes = await readAll(res)
    const digest = sha256Digest(bytes)
    if (reference.startsWith('sha256:') && digest !== reference)
      throw new RegistryError(`manifest ${reference} from ${this.registry} has digest ${digest}`)
    const parsed = JSON.parse(bytes.toString('utf8')) as { mediaType?: string }
    const mediaType = parsed.mediaType ?? String(res.headers['content-type'] ?? '').split(';')[0]
    return { bytes, mediaType, digest }
  }

  /** A blob into memory (configs), checked against its digest. */
  async blob(digest: string): Promise<Buffer> {
    const res = await this.send('GET', this.url(`blobs/${digest}`), {}, false)
    if (res.statusCode !== 200) return this.fail(res, `reading blob ${digest}`)
    const bytes = await readAll(res)
    if (sha256Digest(bytes) !== digest)
      throw new RegistryError(`blob ${digest} arrived with other content`)
    return bytes
  }

  /** A blob streamed to a file, hashed on the way; a wrong digest leaves no file. */
  async blobToFile(digest: string, file: string): Promise<void> {
    const res = await this.send('GET', this.url(`blobs/${digest}`), {}, false)
    if (res.statusCode !== 200) return this.fail(res, `reading blob ${digest}`)
    const hash = createHash('sha256')
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk)
        cb(null, chunk)
      }
    })
    await pipeline(res, tap, createWriteStream(file))
    if (`sha256:${hash.digest('hex')}` !== digest) {
      await rm(file, { force: true })
      throw new RegistryError(`blob ${digest} arrived with other content`)
    }
  }

  async hasBlob(digest: string): Promise<boolean> {
    const res = await this.send('HEAD', this.url(`blobs/${digest}`), {}, true)
    res.resume()
    return res.statusCode === 200
  }

  /** Uploads a blob in one PUT (POST for a session, then PUT with the digest), unless it is there. */
  async pushBlob(
    digest: string,
    from: { file: string } | { data: Buffer }
  ): Promise<'exists' | 'pushed'> {
    if (await this.hasBlob(digest)) return 'exists'
    const start = await this.send(
      'POST',
      this.url('blobs/uploads/'),
      { 'content-length': '0' },
      true,
      () => ''
    )
    if (start.statusCode !== 202) return this.fail(start, `starting the upload of ${digest}`)
    start.resume()
    const location = start.headers.location
    if (!location) throw new RegistryError(`${this.registry} gave no upload location`)
    const url = new URL(location, this.base)
    url.searchParams.set('digest', digest)
    const size = 'file' in from ? (await stat(from.file)).size : from.data.length
    const res = await this.send(
      'PUT',
      url.toString(),
      { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      true,
      () => ('file' in from ? createReadStream(from.file) : bufferStream(from.data))
    )
    if (res.statusCode !== 201) return this.fail(res, `uploading ${digest}`)
    res.resume()
    return 'pushed'
  }

  async pushManifest(reference: string, bytes: Buffer, mediaType: string): Promise<string> {
    const res = await this.send(
      'PUT',
      this.url(`manifests/${reference}`),
      { 'content-type': mediaType, 'content-length': String(bytes.length) },
      true,
      () => bufferStream(bytes)
    )
    if (res.statusCode !== 201) return this.fail(res, `writing manifest ${reference}`)
    res.resume()
    return sha256Digest(bytes)
  }
}

function bufferStream(data: Buffer): NodeJS.ReadableStream {
  return Readable.from([data])
}

async function readAll(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of res) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}
