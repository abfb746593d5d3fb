/**
 * Images as files: pull one platform's image from a registry into a directory of blobs, read
 * paths out of its layers (whiteouts applied, as the container would see them), and write an
 * OCI image layout as one tar (`oci-archive:` for podman and skopeo).
 */
import { mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import {
  MEDIA,
  Registry,
  RegistryError,
  type Descriptor,
  type Index,
  type Manifest,
  type RegistryOptions
} from './registry.js'
import { formatImageRef, type ImageRef } from './reference.js'
import { readLayer, writeTar, type LayerEntry, type ReadEntry } from './tar.js'

/** The parts of an image config we read and write (OCI image spec, plus Docker's Healthcheck). */
export interface ImageConfig {
  created?: string
  architecture: string
  os: string
  variant?: string
  config?: {
    User?: string
    Env?: string[]
    Entrypoint?: string[] | null
    Cmd?: string[] | null
    WorkingDir?: string
    ExposedPorts?: Record<string, object>
    Volumes?: Record<string, object>
    Labels?: Record<string, string>
    Healthcheck?: {
      Test: string[]
      Interval?: number
      Timeout?: number
      StartPeriod?: number
      Retries?: number
    }
    StopSignal?: string
  }
  rootfs: { type: 'layers'; diff_ids: string[] }
  history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[]
}

export interface PulledImage {
  ref: ImageRef
  /** Digest of the platform's manifest (what the image is pinned by). */
  digest: string
  manifest: Manifest
  manifestBytes: Buffer
  config: ImageConfig
  configBytes: Buffer
  /** Each layer's descriptor and the file its blob was written to. */
  layers: { descriptor: Descriptor; file: string }[]
}

const INDEX_TYPES = new Set<string>([MEDIA.ociIndex, MEDIA.dockerList])

/**
 * Pulls the linux/<arch> image of `ref` into `dir` (blobs named by digest). An index is
 * resolved to that platform's manifest; its digest is the one the image is pinned by.
 */
export async function pullImage(
  ref: ImageRef,
  arch: string,
  dir: string,
  opts: RegistryOptions = {}
): Promise<PulledImage> {
  const reg = new Registry(ref.registry, ref.repository, opts)
  let m = await reg.manifest(ref.digest ?? ref.tag ?? 'latest')
  if (INDEX_TYPES.has(m.mediaType)) {
    const index = JSON.parse(m.bytes.toString('utf8')) as Index
    const pick = index.manifests.find(
      d => d.platform?.os === 'linux' && d.platform?.architecture === arch
    )
    if (!pick)
      throw new RegistryError(
        `${formatImageRef(ref)} has no linux/${arch} image (it has ${index.manifests.map(d => `${d.platform?.os}/${d.platform?.architecture}`).join(', ')})`
      )
    m = await reg.manifest(pick.digest)
  }
  const manifest = JSON.parse(m.bytes.toString('utf8')) as Manifest
  if (!manifest.config || !Array.isArray(manifest.layers))
    throw new RegistryError(`${formatImageRef(ref)} is not an image manifest (${m.mediaType})`)
  const configBytes = await reg.blob(manifest.config.digest)
  const config = JSON.parse(configBytes.toString('utf8')) as ImageConfig
  if (config.os !== 'linux' || config.architecture !== arch)
    throw new RegistryError(
      `${formatImageRef(ref)} is ${config.os}/${config.architecture}, not linux/${arch}`
    )
  await mkdir(dir, { recursive: true })
  const layers: PulledImage['layers'] = []
  for (const d of manifest.layers) {
    const file = path.join(dir, d.digest.replace(':', '-'))
    const have = await stat(file).catch(() => undefined)
    if (!have || have.size !== d.size) await reg.blobToFile(d.digest, file)
    layers.push({ descriptor: d, file })
  }
  return {
    ref,
    digest: m.digest,
    manifest,
    manifestBytes: m.bytes,
    config,
    configBytes,
    layers
  }
}

/**
 * What the container sees at the given paths after all layers are stacked: the last layer
 * that writes a path wins, a `.wh.<name>` whiteout removes it, `.wh..wh..opq` empties a
 * directory. Symlinks are reported as such (not followed).
 */
export async function readPaths(
  layerFiles: readonly string[],
  paths: readonly string[]
): Promise<Map<string, ReadEntry>> {
  const want = new Set(paths)
  const seen = new Map<string, ReadEntry>()
  for (const file of layerFiles) {
    const here: ReadEntry[] = []
    const removed: string[] = []
    const opaque: string[] = []
    await readLayer(
      file,
      e => {
        const base = path.posix.basename(e.path)
        const dir = path.posix.dirname(e.path)
        if (base === '.wh..wh..opq') opaque.push(dir === '.' ? '' : dir)
        else if (base.startsWith('.wh.'))
          removed.push(path.posix.join(dir, base.slice(4)).replace(/^\.\//, ''))
        else if (want.has(e.path)) here.push(e)
      },
      p => want.has(p)
    )
    for (const dir of opaque)
      for (const p of [...seen.keys()]) if (p.startsWith(`${dir}/`)) seen.delete(p)
    for (const r of removed)
      for (const p of [...seen.keys()]) if (p === r || p.startsWith(`${r}/`)) seen.delete(p)
    for (const e of here) seen.set(e.path, e)
  }
  return seen
}

/** Follows symlinks of a path within the image (absolute or relative targets), up to 10 hops. */
export async function resolveInImage(
  layerFiles: readonly string[],
  p: string
): Promise<ReadEntry | undefined> {
  let at = p.replace(/^\/+/, '')
  for (let hop = 0; hop < 10; hop++) {
    const e = (await readPaths(layerFiles, [at])).get(at)
    if (!e || e.type !== 'SymbolicLink' || !e.linkpath) return e
    at = e.linkpath.startsWith('/')
      ? e.linkpath.replace(/^\/+/, '')
      : path.posix.normalize(path.posix.join(path.posix.dirname(at), e.linkpath))
  }
  return undefined
}

export interface ArchiveBlob {
  digest: string
  size: number
  file?: string
  data?: Buffer
}

/**
 * The OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/...`) as one tar, entries in
 * a fixed order and time: the same blobs give the same archive bytes.
 */
export async function writeOciArchive(
  file: string,
  o: {
    manifest: { digest: string; size: number; mediaType: string }
    refName: string
    /** The full reference, for containerd and podman (`io.containerd.image.name`). */
    fullName?: string
    blobs: readonly ArchiveBlob[]
    mtime: number
  }
): Promise<void> {
  const index = {
    schemaVersion: 2,
    mediaType: MEDIA.ociIndex,
    manifests: [
      {
        mediaType: o.manifest.mediaType,
        digest: o.manifest.digest,
        size: o.manifest.size,
        annotations: {
          'org.opencontainers.image.ref.name': o.refName,
          ...(o.fullName ? { 'io.containerd.image.name': o.fullName } : {})
        }
      }
    ]
  }
  const entry = (p: string, data: Buffer): LayerEntry => ({
    path: p,
    type: 'file',
    mode: 0o644,
    uid: 0,
    gid: 0,
    data
  })
  const dir = (p: string): LayerEntry => ({ path: p, type: 'dir', mode: 0o755, uid: 0, gid: 0 })
  const unique = [...new Map(o.blobs.map(b => [b.digest, b])).values()].sort((a, b) =>
    a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0
  )
  const entries: LayerEntry[] = [
    dir('blobs'),
    dir('blobs/sha256'),
    ...unique.map(b => ({
      path: `blobs/sha256/${b.digest.slice('sha256:'.length)}`,
      type: 'file' as const,
      mode: 0o644,
      uid: 0,
      gid: 0,
      size: b.size,
      ...(b.data ? { data: b.data } : { from: b.file })
    })),
    entry('index.json', Buffer.from(JSON.stringify(index))),
    entry('oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })))
  ]
  await writeTar(file, entries, o.mtime)
}
