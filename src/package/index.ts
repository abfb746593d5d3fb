/**
 * Stage 6, the entries the pipeline calls: clearing what an earlier run published and what a
 * killed run left (both under output-dir's lock), then packageOutputs, which moves the verified
 * files into output-dir with BUILD.md, manifest.json, Dockerfile, config.json, the reproducible
 * `<artifact-name>.tar.gz` and SHA256SUMS.
 *
 * Everything is assembled in a temporary directory inside output-dir (same filesystem, so
 * the final renames are atomic) and moved into place at the end, archive and SHA256SUMS
 * last: output-dir never holds an archive or checksums for something that did not pass.
 * The steps are in assemble.ts (writing), describe.ts (wording) and place.ts (moving).
 */
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, rmdir } from 'node:fs/promises'
import path from 'node:path'
import type { PackageResult } from '../context.js'
import { BuildError } from '../errors.js'
import { diskError } from '../util/disk-error.js'
import { sha256File } from '../util/sha256.js'
import { archiveEpoch, sha256sumsText, sourceDirOf } from './archive.js'
import {
  describeFiles,
  stageBinaries,
  stageImage,
  writeArchive,
  writeDocs,
  writeManifests
} from './assemble.js'
import { describeCommands } from './describe.js'
import type { Assembly, PackageInput } from './input.js'
import { cellFiles, CHECKSUMS, MANIFEST, OWN_FILE } from './output-files.js'
import { packageResult, placeOutputs } from './place.js'

const OWN_ARCHIVE = /^[^/\\.][^/\\]*\.tar\.gz$/
const OWN_IMAGE = /^[^/\\.][^/\\]*\.oci\.tar$/

/** A regular file reached without any symlink below `dir`, or undefined. */
async function ownRegularFile(dir: string, name: string): Promise<string | undefined> {
  let at = dir
  for (const part of name.split('/')) {
    at = path.join(at, part)
    const st = await lstat(at).catch(() => undefined)
    if (!st || st.isSymbolicLink()) return undefined
    if (at !== path.join(dir, name) && !st.isDirectory()) return undefined
    if (at === path.join(dir, name) && !st.isFile()) return undefined
  }
  return at
}

/**
 * Removes what an earlier run of this tool published into output-dir, so a stale archive
 * never sits beside new binaries. Only files it recognises as its own are removed: named as
 * it names its outputs, listed in its manifest.json with the SHA-256 the file still has,
 * reached without following a symlink. SHA256SUMS goes only when it vouches for that
 * manifest. Everything else (a user's file, an edited output, a hostile manifest's entries,
 * anything behind a symlink) is left alone; a file that is in the way is replaced later by
 * the package step's rename, never deleted here.
 */
export async function clearPublishedOutputs(outputDir: string): Promise<void> {
  const manifestFile = await ownRegularFile(outputDir, MANIFEST)
  if (!manifestFile) return
  let old: {
    generator?: unknown
    files?: unknown
    archive?: unknown
    artifactName?: unknown
    image?: { archive?: unknown }
  }
  try {
    old = JSON.parse(await readFile(manifestFile, 'utf8'))
  } catch {
    return
  }
  if (old?.generator !== 'bifrost-build') return
  const entries = [
    ...(Array.isArray(old.files) ? old.files : []).map(f => ({ entry: f, shape: OWN_FILE })),
    { entry: old.archive, shape: OWN_ARCHIVE },
    { entry: old.image?.archive, shape: OWN_IMAGE }
  ]
  for (const { entry, shape } of entries) {
    const { name, sha256 } = (entry ?? {}) as { name?: unknown; sha256?: unknown }
    if (typeof name !== 'string' || typeof sha256 !== 'string' || !shape.test(name)) continue
    const file = await ownRegularFile(outputDir, name)
    if (file && (await sha256File(file)) === sha256) await rm(file, { force: true })
  }
  const plugins = await lstat(path.join(outputDir, 'plugins')).catch(() => undefined)
  if (plugins?.isDirectory()) await rmdir(path.join(outputDir, 'plugins')).catch(() => undefined)
  const manifestSha = await sha256File(manifestFile)
  const vouches = async (name: string, line: string) => {
    const file = await ownRegularFile(outputDir, name)
    const text = file ? await readFile(file, 'utf8').catch(() => '') : ''
    if (file && text.split('\n').includes(line)) await rm(file, { force: true })
  }
  // SHA256SUMS of the tree goes when it is exactly the list of the manifest's files.
  const listed = (Array.isArray(old.files) ? old.files : []).filter(
    (f): f is { name: string; sha256: string } =>
      typeof f?.name === 'string' && typeof f?.sha256 === 'string'
  )
  // ...or when it vouches for this manifest (the layout of earlier versions).
  const sums = await ownRegularFile(outputDir, CHECKSUMS)
  if (sums) {
    const text = await readFile(sums, 'utf8').catch(() => '')
    const tree = listed.length > 0 && text === sha256sumsText(listed)
    if (tree || text.split('\n').includes(`${manifestSha}  ${MANIFEST}`))
      await rm(sums, { force: true })
  }
  // The per-cell pair: a copy of this manifest, and the checksums that vouch for it.
  if (typeof old.artifactName === 'string' && /^[^/\\.][^/\\]*$/.test(old.artifactName)) {
    const cell = cellFiles(old.artifactName)
    const copy = await ownRegularFile(outputDir, cell.manifest)
    if (copy && (await sha256File(copy)) === manifestSha) {
      await vouches(cell.checksums, `${manifestSha}  ${cell.manifest}`)
      await rm(copy, { force: true })
    }
  }
  await rm(manifestFile, { force: true })
}

/** The assembly directory's name: mkdtemp's `.bifrost-build-` plus six characters. */
const ASSEMBLY_DIR = /^\.bifrost-build-[A-Za-z0-9]{6}$/

/**
 * Removes assembly directories a killed run left in output-dir (SIGKILL during packaging
 * leaves a partial archive there). Called while holding output-dir's lock, so no live run
 * is assembling; only directories named as this tool names them go, never through a symlink.
 */
export async function removeLeftoverAssemblies(outputDir: string): Promise<string[]> {
  const entries = await readdir(outputDir, { withFileTypes: true }).catch(() => [])
  const removed: string[] = []
  for (const e of entries) {
    if (!e.isDirectory() || !ASSEMBLY_DIR.test(e.name)) continue
    await rm(path.join(outputDir, e.name), { recursive: true, force: true })
    removed.push(e.name)
  }
  return removed
}

/** Packages a verified build into output-dir: assembled first, moved into place last (see above). */
export async function packageOutputs(input: PackageInput): Promise<PackageResult> {
  const { plan, build, verify } = input
  if (!verify.ok) {
    // The pipeline never calls us then; this guards the promise in the contract.
    throw new BuildError('verification did not pass; nothing is packaged', {
      fix: 'see the failed checks above'
    })
  }
  const outputDir = path.resolve(plan.workspace, plan.outputDir)
  let tmp: string | undefined
  try {
    await mkdir(outputDir, { recursive: true })
    tmp = await mkdtemp(path.join(outputDir, '.bifrost-build-'))
    const at: Assembly = { outputDir, tmp, content: path.join(tmp, 'content') }
    const binaries = await stageBinaries(at, build, verify)
    const epoch = await archiveEpoch(input.env ?? process.env, sourceDirOf(plan))
    const commands = describeCommands(input, outputDir)
    const binaryFiles = await describeFiles(at, binaries)
    const docFiles = await writeDocs(at, input, binaryFiles, commands, epoch)
    const files = [...binaryFiles, ...docFiles]
    const archive = await writeArchive(at, plan, files, epoch.epoch)
    const image = await stageImage(at, input)
    const manifest = await writeManifests(at, input, { files, archive, commands, epoch, image })
    input.signal?.throwIfAborted()
    await placeOutputs(at, plan, build, files, image)
    return packageResult(at, input, { binaries, files, archive, manifest, epoch, image })
  } catch (err) {
    throw diskError(err, outputDir, build.stagingDir) ?? err
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true }).catch(() => undefined)
  }
}
