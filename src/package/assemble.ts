/**
 * The steps that write the outputs into the assembly directory (inside output-dir, not yet in
 * place): the binaries moved from staging, the documents, SHA256SUMS and the archive, the
 * image archive, and the manifests. Each returns what the manifest and the result say of it;
 * nothing here touches output-dir itself (place.ts moves everything there at the end).
 */
import { chmod, copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { BuildResult, Plan, VerifyReport } from '../context.js'
import { sha256File } from '../util/sha256.js'
import { createArchive, listTree, sha256sumsText } from './archive.js'
import { renderBuildMd } from './buildmd.js'
import { hostReferenceOf, sourceLabel, workspaceRel } from './describe.js'
import type { ArchiveEntry, Assembly, PackageInput, StagedBinary } from './input.js'
import {
  fileFactsFields,
  makeManifest,
  octalMode,
  type Epoch,
  type ManifestCommand,
  type ManifestFile,
  type ManifestImage
} from './manifest.js'
import { cellFiles, CHECKSUMS, docFilesFor, MANIFEST } from './output-files.js'

/** Moves a file (rename; a copy when the staging dir is on another filesystem). */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await rename(from, to)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err
    await copyFile(from, to)
    await rm(from, { force: true })
  }
}

/**
 * Moves the built binaries into the content tree, each under the name build gave it. A
 * plugin-only build packages the plugins alone; the manifest names the host (builtFor).
 */
export async function stageBinaries(
  at: Assembly,
  build: BuildResult,
  verify: VerifyReport
): Promise<StagedBinary[]> {
  await mkdir(path.join(at.content, 'plugins'), { recursive: true })
  await chmod(at.content, 0o755)
  await chmod(path.join(at.content, 'plugins'), 0o755)
  const built = [
    ...(build.host.prebuilt ? [] : [build.host]),
    ...[...build.plugins].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  ]
  const binaries: StagedBinary[] = []
  for (const f of built) {
    binaries.push({
      file: f.file,
      kind: f.kind,
      facts: verify.files.find(v => v.path === path.resolve(f.path))
    })
    await moveFile(f.path, path.join(at.content, f.file))
  }
  if (build.plugins.length === 0) await rm(path.join(at.content, 'plugins'), { recursive: true })
  for (const b of binaries) await chmod(path.join(at.content, b.file), 0o755)
  return binaries
}

/** Size, SHA-256, mode and verify's facts of each binary, as the manifest lists them. */
export async function describeFiles(
  at: Assembly,
  binaries: StagedBinary[]
): Promise<ManifestFile[]> {
  const files: ManifestFile[] = []
  for (const b of binaries) {
    const full = path.join(at.content, b.file)
    const st = await stat(full)
    files.push({
      name: b.file,
      kind: b.kind,
      size: st.size,
      sha256: await sha256File(full),
      mode: octalMode(st.mode),
      ...fileFactsFields(b.facts)
    })
  }
  return files
}

/** BUILD.md, the Dockerfile (not for a plugin-only build) and config.json, beside the binaries. */
export async function writeDocs(
  at: Assembly,
  input: PackageInput,
  binaries: ManifestFile[],
  commands: ManifestCommand[],
  epoch: Epoch
): Promise<ManifestFile[]> {
  const { plan, build, verify } = input
  const buildMd = renderBuildMd({
    plan,
    toolchain: input.toolchain,
    build,
    verify,
    files: binaries,
    commands,
    epoch,
    sourceLabel: sourceLabel(plan),
    image: plan.image?.testOnly ? undefined : input.image
  })
  const doc = { plan, build, verify, pluginNames: build.plugins.map(p => p.name).sort(), buildMd }
  const files: ManifestFile[] = []
  for (const { name, render } of docFilesFor(build)) {
    const text = render(doc)
    const full = path.join(at.content, name)
    await writeFile(full, text, { mode: 0o644 })
    await chmod(full, 0o644)
    files.push({
      name,
      kind: 'doc',
      size: Buffer.byteLength(text),
      sha256: await sha256File(full),
      mode: '0644'
    })
  }
  return files
}

/**
 * SHA256SUMS of the tree, inside the archive too (`sha256sum -c SHA256SUMS` passes in
 * output-dir and in the extracted archive alike), then the archive of the whole tree.
 */
export async function writeArchive(
  at: Assembly,
  plan: Plan,
  files: ManifestFile[],
  epoch: number
): Promise<ArchiveEntry> {
  await writeFile(path.join(at.content, CHECKSUMS), sha256sumsText(files), { mode: 0o644 })
  await chmod(path.join(at.content, CHECKSUMS), 0o644)
  const name = cellFiles(plan.artifactName).archive
  const file = path.join(at.tmp, name)
  await createArchive({
    file,
    cwd: at.content,
    entries: await listTree(at.content),
    prefix: plan.artifactName,
    epoch
  })
  return { name, size: (await stat(file)).size, sha256: await sha256File(file) }
}

/** The image's OCI archive, moved from staging beside the other outputs; what the manifest says of it. */
export async function stageImage(
  at: Assembly,
  input: PackageInput
): Promise<ManifestImage | undefined> {
  const { image, plan } = input
  if (!image || plan.image?.testOnly) return undefined
  const name = cellFiles(plan.artifactName).image
  const file = path.join(at.tmp, name)
  await moveFile(image.archive, file)
  await chmod(file, 0o644)
  return {
    name: image.name,
    digest: image.digest,
    base: image.base,
    user: image.user,
    archive: { name, size: (await stat(file)).size, sha256: await sha256File(file) },
    push: Boolean(plan.image?.push),
    ...(image.loadTest ? { loadTest: image.loadTest } : {})
  }
}

/** What the manifest lists besides the stage results: the files, archive, commands and image. */
export interface ManifestParts {
  files: ManifestFile[]
  archive: ArchiveEntry
  commands: ManifestCommand[]
  epoch: Epoch
  image?: ManifestImage
}

/**
 * manifest.json, its per-cell copy, and the per-cell checksums, which list only what is
 * uploaded so they verify in the downloaded artifact.
 */
export async function writeManifests(
  at: Assembly,
  input: PackageInput,
  o: ManifestParts
): Promise<{ text: string; sha256: string }> {
  const { plan } = input
  const hostReference = hostReferenceOf(input, o.files)
  const manifest = makeManifest({
    plan,
    toolchain: input.toolchain,
    build: input.build,
    verify: input.verify,
    timings: input.timings,
    files: o.files,
    archive: o.archive,
    commands: o.commands,
    epoch: o.epoch,
    workspaceRel: p => workspaceRel(plan, p),
    hostReference,
    imageEntry: o.image
  })
  const text = JSON.stringify(manifest, null, 2) + '\n'
  const cell = cellFiles(plan.artifactName)
  await writeFile(path.join(at.tmp, MANIFEST), text, { mode: 0o644 })
  const sha256 = await sha256File(path.join(at.tmp, MANIFEST))
  await writeFile(path.join(at.tmp, cell.manifest), text, { mode: 0o644 })
  const cellSums = sha256sumsText([o.archive, { name: cell.manifest, sha256 }])
  await writeFile(path.join(at.tmp, cell.checksums), cellSums, { mode: 0o644 })
  return { text, sha256 }
}
