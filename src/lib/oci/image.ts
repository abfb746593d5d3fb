/**
 * Images as files: pull one platform's image from a registry into a directory of blobs, read
 * paths out of its layers (whiteouts applied, as the container would see them), and write an
 * OCI image layout as one tar (`oci-archive:` for podman and skopeo).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises'
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

/** One path as the stacked layers leave it, and which layer wrote it last. */
export type IndexEntry = ReadEntry & { layer: number }

/**
 * The file system the container sees, without contents: the last layer that writes a path
 * wins, a `.wh.<name>` whiteout removes it (and what is below it), `.wh..wh..opq` empties a
 * directory of what lower layers put there.
 */
export async function indexLayers(layerFiles: readonly string[]): Promise<Map<string, IndexEntry>> {
  const seen = new Map<string, IndexEntry>()
  for (const [layer, file] of layerFiles.entries()) {
    const here: IndexEntry[] = []
    const removed: string[] = []
    const opaque: string[] = []
    await readLayer(file, e => {
      const base = path.posix.basename(e.path)
      const dir = path.posix.dirname(e.path)
      if (base === '.wh..wh..opq') opaque.push(dir === '.' ? '' : dir)
      else if (base.startsWith('.wh.'))
        removed.push(path.posix.join(dir, base.slice(4)).replace(/^\.\//, ''))
      else if (e.path) here.push({ ...e, layer })
    })
    const drop = (pred: (p: string) => boolean) => {
      for (const p of [...seen.keys()]) if (pred(p)) seen.delete(p)
    }
    for (const dir of opaque) drop(p => p.startsWith(dir ? `${dir}/` : ''))
    for (const r of removed) drop(p => p === r || p.startsWith(`${r}/`))
    for (const e of here) seen.set(e.path, e)
  }
  return seen
}

/**
 * A path resolved the way the kernel would inside the image: symlinks in any component
 * (absolute ones from the image's root), `..`, up to 40 links. Undefined when it does not exist.
 */
export function resolvePath(index: Map<string, IndexEntry>, p: string): IndexEntry | undefined {
  let todo = p.split('/').filter(Boolean)
  let at: string[] = []
  for (let links = 0; todo.length;) {
    const part = todo.shift()!
    if (part === '.') continue
    if (part === '..') {
      at.pop()
      continue
    }
    const here = [...at, part].join('/')
    const e = index.get(here)
    if (!e) {
      // A layer may hold `a/b` without an entry for `a`: the directory is implied.
      if (!todo.length) return undefined
      at.push(part)
      continue
    }
    if (e.type === 'SymbolicLink' && e.linkpath) {
      if (++links > 40) return undefined
      const target = e.linkpath.split('/').filter(Boolean)
      todo = [...target, ...todo]
      if (e.linkpath.startsWith('/')) at = []
      continue
    }
    at.push(part)
    if (!todo.length) return e
  }
  return index.get(at.join('/'))
}

/** The contents of the given files, each read from the layer that wrote it last. */
export async function readFiles(
  layerFiles: readonly string[],
  entries: readonly IndexEntry[]
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  for (const [layer, file] of layerFiles.entries()) {
    const want = new Set(entries.filter(e => e.layer === layer).map(e => e.path))
    if (!want.size) continue
    await readLayer(
      file,
      e => {
        if (e.data && want.has(e.path)) out.set(e.path, e.data)
      },
      p => want.has(p)
    )
  }
  return out
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

/** A pulled image written as it is (its own manifest) into an OCI archive, e.g. to run it. */
export async function writePulledArchive(
  img: PulledImage,
  file: string,
  fullName: string,
  mtime = 0
): Promise<void> {
  await writeOciArchive(file, {
    manifest: {
      digest: img.digest,
      size: img.manifestBytes.length,
      mediaType: img.manifest.mediaType ?? MEDIA.ociManifest
    },
    refName: img.ref.tag ?? 'latest',
    fullName,
    blobs: [
      ...img.layers.map(l => ({
        digest: l.descriptor.digest,
        size: l.descriptor.size,
        file: l.file
      })),
      { digest: img.manifest.config.digest, size: img.configBytes.length, data: img.configBytes },
      { digest: img.digest, size: img.manifestBytes.length, data: img.manifestBytes }
    ],
    mtime
  })
}

/**
 * The Bifrost host inside an image laid out as the source document's (`/app/main`), written
 * to `file`; undefined when the image has none.
 */
export async function extractHost(img: PulledImage, file: string): Promise<number | undefined> {
  const layers = img.layers.map(l => l.file)
  const index = await indexLayers(layers)
  const main = resolvePath(index, 'app/main')
  if (!main || main.type !== 'File') return undefined
  const data = (await readFiles(layers, [main])).get(main.path)!
  await writeFile(file, data, { mode: 0o755 })
  return data.length
}
