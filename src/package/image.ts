/**
 * The runtime image of the source document's Dockerfiles, assembled without a Docker daemon
 * and without RUN steps (as ko and jib do): the base image's layers as its registry serves
 * them, one layer adding the non-root `appuser` (/etc/passwd and /etc/group as the base has
 * them, plus one line each), one layer with the app (`/app/main`, the checkout's
 * `docker-entrypoint.sh`, the plugins, config.json, the data dir), and a config with the
 * user, environment defaults, exposed port, volume, healthcheck, entrypoint and command.
 * Every byte follows from the inputs and SOURCE_DATE_EPOCH: the same build gives the same
 * digest. Written as an OCI archive (`<artifact-name>.oci.tar`).
 *
 * This file pulls the base and writes the config, manifest and archive; the base's
 * requirements are in image-base.ts, the accounts in image-users.ts, our layers in
 * image-layers.ts.
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { BuildResult, ImageResult, Plan } from '../context.js'
import { BuildError } from '../errors.js'
import type { Reporter } from '../report.js'
import {
  indexLayers,
  pullImage,
  writeOciArchive,
  type ArchiveBlob,
  type ImageConfig,
  type PulledImage
} from '../lib/oci/image.js'
import { formatImageRef, pinned, type ImageRef } from '../lib/oci/reference.js'
import {
  MEDIA,
  sha256Digest,
  type Descriptor,
  type Manifest,
  type RegistryCredentials
} from '../lib/oci/registry.js'
import { archiveEpoch, sourceDirOf } from './archive.js'
import { pluginLayer, runtimeLayers, type OurLayers } from './image-layers.js'

/** Docker's layer media types have OCI twins with the same bytes; the manifest we write is OCI. */
function ociLayer(d: Descriptor): Descriptor {
  const mediaType =
    d.mediaType === MEDIA.dockerLayerGzip
      ? MEDIA.ociLayerGzip
      : d.mediaType === 'application/vnd.docker.image.rootfs.diff.tar'
        ? MEDIA.ociLayer
        : d.mediaType
  return { mediaType, digest: d.digest, size: d.size }
}

export interface ImageInput {
  plan: Plan
  build: BuildResult
  /** Where blobs and the archive are written (staging). */
  workDir: string
  /** For SOURCE_DATE_EPOCH (the archive's file times, the image's created time). */
  env: NodeJS.ProcessEnv
  credentials?: RegistryCredentials
  reporter: Reporter
  signal?: AbortSignal
}

export interface AssembledImage extends ImageResult {
  manifestBytes: Buffer
  configBytes: Buffer
  /** Every blob the manifest names, for the push. */
  blobs: ArchiveBlob[]
}

/** The base image's layers and config, pulled into blobDir; one error naming the input on failure. */
async function pullBase(input: ImageInput, blobDir: string): Promise<PulledImage> {
  const image = input.plan.image!
  return pullImage(image.base, input.plan.target.arch, blobDir, {
    credentials: input.credentials,
    signal: input.signal
  }).catch((err: Error) => {
    throw new BuildError(
      `pulling the base image ${formatImageRef(image.base)} failed: ${err.message}`,
      {
        input: image.baseFrom === 'default' ? 'image' : image.baseFrom,
        fix: 'check the reference and that this runner can reach the registry (image-base can name a mirror)',
        cause: err
      }
    )
  })
}

/** The base's config with our settings, labels, layers and history on top. */
function imageConfig(plan: Plan, base: PulledImage, ours: OurLayers, created: string): ImageConfig {
  const image = plan.image!
  return {
    ...base.config,
    created,
    config: {
      ...base.config.config,
      ...ours.config,
      Labels: {
        ...base.config.config?.Labels,
        'org.opencontainers.image.version': plan.version,
        'org.opencontainers.image.base.name': formatImageRef(image.base),
        'org.opencontainers.image.base.digest': base.digest
      }
    },
    rootfs: {
      type: 'layers',
      diff_ids: [...base.config.rootfs.diff_ids, ...ours.layers.map(l => l.diffId)]
    },
    history: [
      ...(base.config.history ?? []),
      ...ours.layers.map(l => ({ created, created_by: `bifrost-build: ${l.what}` }))
    ]
  }
}

/** The OCI manifest: the config, the base's layers (as OCI types) and ours, and the base named. */
function imageManifest(
  plan: Plan,
  base: PulledImage,
  ours: OurLayers,
  config: Descriptor,
  created: string
): Manifest & { mediaType: string } {
  const image = plan.image!
  return {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config,
    layers: [
      ...base.manifest.layers.map(ociLayer),
      ...ours.layers.map(l => ({ mediaType: MEDIA.ociLayerGzip, digest: l.digest, size: l.size }))
    ],
    annotations: {
      'org.opencontainers.image.base.name': formatImageRef(image.base),
      'org.opencontainers.image.base.digest': base.digest,
      'org.opencontainers.image.created': created
    }
  }
}

/** Pulls the base, adds the user and app layers and the config, writes the OCI archive. */
export async function assembleImage(input: ImageInput): Promise<AssembledImage> {
  const { plan, build, reporter } = input
  const image = plan.image!
  const blobDir = path.join(input.workDir, 'blobs')
  await mkdir(blobDir, { recursive: true })
  const base = await pullBase(input, blobDir)
  const baseName = pinned(image.base, base.digest)
  reporter.info(`base image ${formatImageRef(image.base)} is ${baseName}`)
  const index = await indexLayers(base.layers.map(l => l.file))
  const mtime = (await archiveEpoch(input.env, sourceDirOf(plan))).epoch
  const plugins = [...build.plugins].sort((a, b) => (a.name < b.name ? -1 : 1))
  const on = { base, index, blobDir, mtime }
  const ours =
    image.baseFrom === 'host-image'
      ? await pluginLayer(plugins, on)
      : await runtimeLayers(plan, build, on)

  const created = new Date(mtime * 1000).toISOString()
  const config = imageConfig(plan, base, ours, created)
  const configBytes = Buffer.from(JSON.stringify(config))
  const configDigest = sha256Digest(configBytes)
  const configDescriptor = {
    mediaType: MEDIA.ociConfig,
    digest: configDigest,
    size: configBytes.length
  }
  const manifestBytes = Buffer.from(
    JSON.stringify(imageManifest(plan, base, ours, configDescriptor, created))
  )
  const digest = sha256Digest(manifestBytes)
  const blobs: ArchiveBlob[] = [
    ...base.layers.map(l => ({
      digest: l.descriptor.digest,
      size: l.descriptor.size,
      file: l.file
    })),
    ...ours.layers.map(l => ({ digest: l.digest, size: l.size, file: l.file })),
    { digest: configDigest, size: configBytes.length, data: configBytes },
    { digest, size: manifestBytes.length, data: manifestBytes }
  ]
  const archive = path.join(input.workDir, `${plan.artifactName}.oci.tar`)
  await writeOciArchive(archive, {
    manifest: { digest, size: manifestBytes.length, mediaType: MEDIA.ociManifest },
    refName: image.ref.tag ?? 'latest',
    fullName: image.name,
    blobs,
    mtime
  })
  reporter.info(
    `image ${image.name} assembled: ${digest} (user ${ours.user}, ${plugins.length} plugin(s), base ${baseName})`
  )
  return {
    name: image.name,
    archive,
    digest,
    id: configDigest,
    healthcheck: config.config?.Healthcheck?.Test,
    base: { name: formatImageRef(image.base), digest: base.digest },
    user: ours.user,
    manifestBytes,
    configBytes,
    blobs
  }
}

export type { ImageRef }
