/**
 * image-push: the assembled image to its registry, blobs first (each only when the registry
 * lacks it), then the manifest under the tag. The digest the registry answers with must be
 * the one the archive holds: the pushed image is the tested image.
 */
import type { ImageResult } from '../context.js'
import { BuildError } from '../errors.js'
import type { Reporter } from '../report.js'
import type { ArchiveBlob } from '../lib/oci/image.js'
import { formatImageRef, type ImageRef } from '../lib/oci/reference.js'
import { MEDIA, Registry, type RegistryCredentials } from '../lib/oci/registry.js'

export interface PushInput {
  image: ImageResult & { blobs?: ArchiveBlob[]; manifestBytes?: Buffer }
  ref: ImageRef
  credentials?: RegistryCredentials
  reporter: Reporter
  signal?: AbortSignal
}

export async function pushImage(input: PushInput): Promise<void> {
  const { image, ref, reporter } = input
  if (!image.blobs || !image.manifestBytes) throw new Error('pushImage needs the assembled image')
  const name = formatImageRef(ref)
  const reg = new Registry(ref.registry, ref.repository, {
    credentials: input.credentials,
    signal: input.signal
  })
  try {
    let pushed = 0
    let present = 0
    // Every blob but the manifest itself, which goes last under the tag.
    for (const b of image.blobs.filter(b => b.digest !== image.digest)) {
      const how = await reg.pushBlob(b.digest, b.file ? { file: b.file } : { data: b.data! })
      if (how === 'pushed') pushed++
      else present++
    }
    const digest = await reg.pushManifest(
      ref.tag ?? 'latest',
      image.manifestBytes,
      MEDIA.ociManifest
    )
    if (digest !== image.digest)
      throw new Error(`the registry stored manifest ${digest}, not ${image.digest}`)
    image.pushed = true
    reporter.info(
      `pushed ${name}@${image.digest} (${pushed} blob(s) uploaded, ${present} already there)`
    )
  } catch (err) {
    throw new BuildError(`pushing ${name} failed: ${(err as Error).message}`, {
      input: 'image',
      fix: input.credentials
        ? 'check that registry-username/registry-password may push to this repository (ghcr.io: a token with packages: write)'
        : 'give registry-username and registry-password (ghcr.io: the job needs permissions: packages: write, and the token input is used)',
      cause: err
    })
  }
}
