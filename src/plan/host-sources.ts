/**
 * The three ways a plugin-only build is given its host: host-binary (host-fetch.ts),
 * host-manifest (the manifest.json of the host's build) and host-image (a registry image).
 * Each ends as the same pair, the facts a plugin must match and the PrebuiltHost the outputs
 * record, so host-plan.ts plans alike for all three.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Arch, PrebuiltHost } from '../context.js'
import { inputError } from '../errors.js'
import type { RawInputs } from '../inputs.js'
import { formatImageRef, pinned } from '../lib/oci/reference.js'
import { loadHostManifest, referenceHost } from '../lib/host-reference.js'
import { sha256File } from '../util/sha256.js'
import { ensureTempRoot } from '../util/temp-root.js'
import { fetchHost, prebuiltHost, readHost, type HostPlanEnv } from './host-fetch.js'
import { hostBuildFrom, type HostBuild } from './host.js'
import { credentialsFor, parseRef, pullHostImage } from './image.js'

/** The host's facts and its record in the outputs. */
export interface GivenHost {
  h: HostBuild
  host: PrebuiltHost
}

/**
 * host-manifest: the host as the manifest.json of its build recorded it (its hostReference
 * section: ELF facts and Go build info), read through the same derivation as a binary.
 */
async function hostFromManifest(raw: RawInputs, opts: HostPlanEnv): Promise<GivenHost> {
  const spec = (raw['host-manifest'] ?? '').trim()
  const m = await loadHostManifest(spec, {
    workspace: opts.workspace,
    token: raw.token?.trim() || undefined,
    signal: opts.signal,
    warn: m => opts.reporter.warning(m)
  })
  const vf = referenceHost(m.reference)
  const h = hostBuildFrom(m.source, vf.elf, vf.buildInfo!)
  const ref = m.reference.host
  const host = prebuiltHost(h, { file: m.source, from: spec, sha256: ref.sha256, size: ref.size })
  return {
    h,
    host: {
      ...host,
      kind: 'manifest',
      name: ref.name,
      unknown: [
        ...h.unknown,
        'the host binary itself is not here (host-manifest): the load test needs it and is skipped; give host-binary to run it'
      ],
      reference: m.reference
    }
  }
}

/**
 * host-image: the host is `/app/main` of a registry image (linux/<target>), pinned by the
 * digest of that platform's manifest; it is taken out of the layers into a temp file and read
 * like host-binary. The image itself becomes the base the plugins are load-tested in.
 */
async function hostFromImage(raw: RawInputs, opts: HostPlanEnv): Promise<GivenHost> {
  const text = (raw['host-image'] ?? '').trim()
  const ref = parseRef('host-image', text, 'ghcr.io/org/bifrost:1.5.1')
  const target = (raw['target'] ?? '').trim()
  const arch = (target.startsWith('linux/') ? target.slice(6) : opts.hostArch) as Arch
  const root = await ensureTempRoot(opts.env)
  const dir = await mkdtemp(path.join(root, 'bifrost-host-image-'))
  // Removed when the run ends: the pulled layers and the host taken out of them.
  opts.cleanup?.('host-image', () => rm(dir, { recursive: true, force: true }))
  const {
    img: pulled,
    host: file,
    size
  } = await pullHostImage(text, ref, arch, dir, {
    credentials: credentialsFor(ref.registry, raw, opts.env),
    signal: opts.signal
  })
  const pinnedName = pinned(ref, pulled.digest)
  opts.reporter.info(`host-image ${text} is ${pinnedName}; host /app/main (${size} bytes)`)
  const h = await readHost(file)
  const host = prebuiltHost(h, { file, from: pinnedName, sha256: await sha256File(file), size })
  return {
    h,
    host: {
      ...host,
      kind: 'image',
      name: 'bifrost-http',
      image: {
        name: formatImageRef(ref),
        ref: { ...ref, digest: pulled.digest },
        digest: pulled.digest,
        pinned: pinnedName
      }
    }
  }
}

/** The one host the inputs give (host-binary, host-manifest or host-image), read. */
export async function readGivenHost(raw: RawInputs, opts: HostPlanEnv): Promise<GivenHost> {
  const fromManifest = (raw['host-manifest'] ?? '').trim() !== ''
  const fromImage = (raw['host-image'] ?? '').trim() !== ''
  const given = (['host-binary', 'host-manifest', 'host-image'] as const).filter(n =>
    (raw[n] ?? '').trim()
  )
  if (given.length > 1)
    throw inputError(
      given[1],
      `${given.join(' and ')} are set`,
      'give one host: host-binary (a file), host-manifest (static checks only) or host-image (a registry image)'
    )
  if (fromManifest) return hostFromManifest(raw, opts)
  if (fromImage) return hostFromImage(raw, opts)
  const fetched = await fetchHost(raw, opts)
  const h = await readHost(fetched.file)
  return { h, host: prebuiltHost(h, fetched) }
}
