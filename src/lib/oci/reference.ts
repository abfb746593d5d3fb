/**
 * Image references as docker reads them: `[registry[:port]/]repository[:tag][@sha256:...]`.
 * A first part with a dot or a colon, or `localhost`, is a registry; without one the image is
 * on Docker Hub (`alpine` = `docker.io/library/alpine`).
 */
export interface ImageRef {
  /** `host[:port]` as written (`docker.io` for Docker Hub). */
  registry: string
  repository: string
  tag?: string
  digest?: string
}

const REPO_PART = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const TAG = /^[\w][\w.-]{0,127}$/
const DIGEST = /^sha256:[a-f0-9]{64}$/

/** The reference parsed, or a sentence saying what is wrong with it. */
export function parseImageRef(text: string): ImageRef | string {
  const raw = text.trim()
  if (!raw) return 'it is empty'
  if (/\s/.test(raw)) return 'it contains white space'
  let rest = raw
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest))
      return `"${digest}" is not a sha256 digest (sha256: and 64 hex digits)`
  }
  let registry = 'docker.io'
  const slash = rest.indexOf('/')
  const first = slash >= 0 ? rest.slice(0, slash) : ''
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first
    rest = rest.slice(slash + 1)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon >= 0) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) return `"${tag}" is not a valid tag`
  }
  if (!rest) return 'it names no repository'
  for (const part of rest.split('/'))
    if (!REPO_PART.test(part))
      return `"${rest}" is not a valid repository name (lower-case letters, digits, . _ - and /)`
  if (registry === 'docker.io' && !rest.includes('/')) rest = `library/${rest}`
  if (!tag && !digest) tag = 'latest'
  return { registry, repository: rest, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) }
}

/** The reference written out in full (`registry/repository[:tag][@digest]`). */
export function formatImageRef(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`
}

/** The same image pinned by its manifest digest (the tag kept for reading). */
export function pinned(ref: ImageRef, digest: string): string {
  return formatImageRef({ ...ref, digest })
}

/** Loopback registries are spoken to in plain http, as docker does for 127.0.0.0/8 and localhost. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registry.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
  return host === 'localhost' || /^127(?:\.\d{1,3}){3}$/.test(host) || host === '::1'
}

/** The base URL of the registry's HTTP API v2. */
export function registryBase(registry: string): string {
  if (registry === 'docker.io') return 'https://registry-1.docker.io'
  return `${isLoopbackRegistry(registry) ? 'http' : 'https'}://${registry}`
}
