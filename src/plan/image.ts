/**
 * The image inputs: `image` (the reference to tag), `image-push`, `image-base` (the base's
 * reference, default per libc as the source document's runtime stages), `host-image` (a
 * plugin-only build for the host inside a registry image), and the registry credentials.
 */
import type { ImagePlan, Libc, Mode } from '../context.js'
import path from 'node:path'
import { BuildError, inputError } from '../errors.js'
import { extractHost, pullImage, type PulledImage } from '../lib/oci/image.js'
import { formatImageRef, parseImageRef, type ImageRef } from '../lib/oci/reference.js'
import type { RegistryCredentials } from '../lib/oci/registry.js'
import { parseBool } from './values.js'

/**
 * The seed's runtime bases: Debian bookworm-slim for glibc, Alpine 3.23 for musl. A static
 * binary needs no libc, but the seed's entrypoint script and healthcheck need a shell and
 * wget, so it gets Alpine as well (the smallest base that has both).
 */
export const DEFAULT_BASES: Record<Libc, string> = {
  glibc: 'docker.io/library/debian:bookworm-slim',
  musl: 'docker.io/library/alpine:3.23'
}

export function defaultBase(mode: Mode, libc: Libc): string {
  return mode === 'static' ? DEFAULT_BASES.musl : DEFAULT_BASES[libc]
}

export function parseRef(input: string, raw: string, example: string): ImageRef {
  const ref = parseImageRef(raw)
  if (typeof ref === 'string')
    throw inputError(
      input,
      `${JSON.stringify(raw.trim())} is not an image reference: ${ref}`,
      `write it as ${example}`
    )
  return ref
}

/** The image settings from the inputs, or undefined when `image` is empty. */
export function parseImageInputs(
  raw: Readonly<Record<string, string>>,
  mode: Mode,
  libc: Libc
): ImagePlan | undefined {
  const text = (raw['image'] ?? '').trim()
  const push = parseBool('image-push', raw['image-push'] ?? 'false')
  // Checked with the other inputs, not when the first registry is asked.
  registryCredentials(raw)
  const baseText = (raw['image-base'] ?? '').trim()
  if (!text) {
    if (push)
      throw inputError(
        'image-push',
        'image-push is true but image is empty: there is no image to push',
        'set image to the reference to push, e.g. ghcr.io/org/bifrost:1.5.1'
      )
    if (baseText)
      throw inputError(
        'image-base',
        'image-base is set but image is empty: no image is built',
        'set image, or remove image-base'
      )
    return undefined
  }
  const ref = parseRef('image', text, 'ghcr.io/org/bifrost:1.5.1')
  if (ref.digest)
    throw inputError(
      'image',
      `${text} names a digest: an image being built has no digest yet`,
      'give a tag, e.g. ghcr.io/org/bifrost:1.5.1'
    )
  const base = baseText
    ? parseRef('image-base', baseText, 'docker.io/library/debian:bookworm-slim')
    : parseRef('image-base', defaultBase(mode, libc), 'debian:bookworm-slim')
  return {
    ref,
    name: formatImageRef(ref),
    push,
    base,
    baseFrom: baseText ? 'image-base' : 'default'
  }
}

/** Registry credentials: registry-username / registry-password, both or neither. */
export function registryCredentials(
  raw: Readonly<Record<string, string>>
): { username: string; password: string } | undefined {
  const username = (raw['registry-username'] ?? '').trim()
  const password = raw['registry-password'] ?? ''
  if (!username && !password) return undefined
  if (!username || !password)
    throw inputError(
      username ? 'registry-password' : 'registry-username',
      `registry-${username ? 'username' : 'password'} is set without registry-${username ? 'password' : 'username'}`,
      'give both (for ghcr.io: your user name or github.actor, and a token with packages: write), or neither for anonymous access'
    )
  return { username, password }
}

/**
 * The credentials for one registry: registry-username/-password for the registries of `image`
 * and `host-image` (never sent to another registry, e.g. Docker Hub for the base), and for
 * ghcr.io without them the `token` input (the job's GITHUB_TOKEN, with `packages: write` to
 * push). Anonymous otherwise.
 */
export function credentialsFor(
  registry: string,
  raw: Readonly<Record<string, string>>,
  env: NodeJS.ProcessEnv
): { username: string; password: string } | undefined {
  const own = [raw['image'], raw['host-image']]
    .map(t => (t ?? '').trim())
    .filter(Boolean)
    .map(t => parseImageRef(t))
    .filter((r): r is ImageRef => typeof r !== 'string')
    .map(r => r.registry)
  if (!own.includes(registry)) return undefined
  const given = registryCredentials(raw)
  if (given) return given
  const token = (raw['token'] ?? '').trim()
  if (registry === 'ghcr.io' && token)
    return { username: env.GITHUB_ACTOR || 'token', password: token }
  return undefined
}

/**
 * host-image: the linux/<arch> image pulled into `dir` (pinned by its manifest digest) and its
 * `/app/main` written to `dir/bifrost-http`; both failures name the input.
 */
export async function pullHostImage(
  text: string,
  ref: ImageRef,
  arch: string,
  dir: string,
  opts: { credentials?: RegistryCredentials; signal?: AbortSignal }
): Promise<{ img: PulledImage; host: string; size: number }> {
  let img: PulledImage
  try {
    img = await pullImage(ref, arch, path.join(dir, 'blobs'), opts)
  } catch (err) {
    throw new BuildError(`pulling host-image ${text} failed: ${(err as Error).message}`, {
      input: 'host-image',
      fix: 'check the reference and that this runner can reach the registry (registry-username/registry-password for a private image)',
      cause: err
    })
  }
  const host = path.join(dir, 'bifrost-http')
  const size = await extractHost(img, host)
  if (size === undefined)
    throw inputError(
      'host-image',
      `${text} has no /app/main: it is not a Bifrost image laid out as the source document's (the host at /app/main)`,
      'give an image built by this action (input image) or by the Dockerfiles of the source document'
    )
  return { img, host, size }
}
