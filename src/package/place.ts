/**
 * The end of packaging: the assembled files renamed into output-dir in an order that never
 * leaves an archive or checksums for something incomplete, and the PackageResult that says
 * where each file went.
 */
import { mkdir, rename } from 'node:fs/promises'
import path from 'node:path'
import type { BuildResult, PackageResult, PackagedFile, Plan } from '../context.js'
import { humanSize } from '../util/human-size.js'
import type { ArchiveEntry, Assembly, PackageInput, StagedBinary } from './input.js'
import type { Epoch, ManifestFile, ManifestImage } from './manifest.js'
import { cellFiles, CHECKSUMS, docFilesFor, DOC_FILES, MANIFEST } from './output-files.js'

/** Into place: the files, then the manifests, then the archive, and the checksums last. */
export async function placeOutputs(
  at: Assembly,
  plan: Plan,
  build: BuildResult,
  files: ManifestFile[],
  image: ManifestImage | undefined
): Promise<void> {
  const cell = cellFiles(plan.artifactName)
  const out = (name: string) => path.join(at.outputDir, name)
  if (build.plugins.length) await mkdir(out('plugins'), { recursive: true })
  for (const f of files) await rename(path.join(at.content, f.name), out(f.name))
  await rename(path.join(at.tmp, MANIFEST), out(MANIFEST))
  await rename(path.join(at.tmp, cell.manifest), out(cell.manifest))
  await rename(path.join(at.tmp, cell.archive), out(cell.archive))
  if (image) await rename(path.join(at.tmp, cell.image), out(cell.image))
  await rename(path.join(at.content, CHECKSUMS), out(CHECKSUMS))
  await rename(path.join(at.tmp, cell.checksums), out(cell.checksums))
}

/** Where each document with a result field went ('' when this build did not write it). */
function docPaths(
  outputDir: string,
  build: BuildResult
): Pick<PackageResult, 'buildMd' | 'dockerfile'> {
  const written = docFilesFor(build)
  const out = { buildMd: '', dockerfile: '' }
  for (const f of DOC_FILES)
    if (f.resultKey) out[f.resultKey] = written.includes(f) ? path.join(outputDir, f.name) : ''
  return out
}

/** What packaging produced, as packageResult reports it. */
export interface Packaged {
  binaries: StagedBinary[]
  files: ManifestFile[]
  archive: ArchiveEntry
  manifest: { text: string; sha256: string }
  epoch: Epoch
  image?: ManifestImage
}

/** Every packaged file with its path in output-dir: the binaries and documents, manifest, archive. */
function packagedFiles(outputDir: string, o: Packaged): PackagedFile[] {
  return [
    ...o.files.map(f => {
      const facts = o.binaries.find(b => b.file === f.name)?.facts
      return {
        name: f.name,
        kind: f.kind,
        path: path.join(outputDir, f.name),
        size: f.size,
        sha256: f.sha256,
        mode: parseInt(f.mode, 8),
        ...(facts ? { facts } : {})
      }
    }),
    {
      name: MANIFEST,
      kind: 'manifest',
      path: path.join(outputDir, MANIFEST),
      size: Buffer.byteLength(o.manifest.text),
      sha256: o.manifest.sha256,
      mode: 0o644
    },
    {
      name: o.archive.name,
      kind: 'archive',
      path: path.join(outputDir, o.archive.name),
      size: o.archive.size,
      sha256: o.archive.sha256,
      mode: 0o644
    }
  ]
}

/** The stage's result, and the two log lines that say what was packaged. */
export function packageResult(at: Assembly, input: PackageInput, o: Packaged): PackageResult {
  const { outputDir } = at
  const { plan, build } = input
  const cell = cellFiles(plan.artifactName)
  const packaged = packagedFiles(outputDir, o)
  input.reporter.info(
    `packaged ${o.files.length} files into ${outputDir}; ${o.archive.name} ${humanSize(o.archive.size)} sha256 ${o.archive.sha256}`
  )
  input.reporter.info(
    `file times fixed at ${new Date(o.epoch.epoch * 1000).toISOString()} (${o.epoch.from})`
  )
  return {
    outputDir,
    files: packaged,
    archive: path.join(outputDir, o.archive.name),
    // The uploaded pair (per matrix cell); output-dir also keeps SHA256SUMS and manifest.json.
    checksums: path.join(outputDir, cell.checksums),
    manifest: path.join(outputDir, cell.manifest),
    ...docPaths(outputDir, build),
    ...(o.image ? { imageArchive: path.join(outputDir, o.image.archive.name) } : {})
  }
}
