/**
 * Stage 6: move the verified files into output-dir and write BUILD.md, manifest.json,
 * Dockerfile, config.json, the reproducible `<artifact-name>.tar.gz` and SHA256SUMS.
 *
 * Everything is assembled in a temporary directory inside output-dir (same filesystem, so
 * the final renames are atomic) and moved into place at the end, archive and SHA256SUMS
 * last: output-dir never holds an archive or checksums for something that did not pass.
 */
import {
  chmod,
  copyFile,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  writeFile
} from 'node:fs/promises'
import path from 'node:path'
import type {
  BuildResult,
  CommandRecord,
  FileFacts,
  PackageResult,
  PackagedFile,
  Plan,
  VerifyReport
} from '../context.js'
import { BuildError } from '../errors.js'
import type { Reporter } from '../report.js'
import { diskError } from '../util/disk-error.js'
import { sha256File } from '../util/sha256.js'
import { archiveEpoch, createArchive, listTree, sha256sumsText, sourceDirOf } from './archive.js'
import { humanSize } from '../util/human-size.js'
import { renderBuildMd } from './buildmd.js'
import { CHECKSUMS, docFilesFor, DOC_FILES, MANIFEST, OWN_FILE } from './output-files.js'
import {
  fileFactsFields,
  makeManifest,
  octalMode,
  type Epoch,
  type ManifestCommand,
  type ManifestFile,
  type ManifestImage,
  type StageResults
} from './manifest.js'
import { commandLine, displayArg, tempName, type DisplayPaths } from './shell.js'
import { makeHostReference, type HostReference } from '../lib/host-reference.js'

export interface PackageInput extends StageResults {
  timings: { stage: string; ms: number; status?: 'ok' | 'failed' | 'skipped' }[]
  reporter: Reporter
  /** Cancelling stops before anything is moved into output-dir. */
  signal?: AbortSignal
  /** For SOURCE_DATE_EPOCH; defaults to process.env. */
  env?: NodeJS.ProcessEnv
}

export { CHECKSUMS, MANIFEST }

/**
 * The files uploaded beside the archive, named after the artifact so that downloading every
 * matrix cell into one folder (`merge-multiple: true`) overwrites nothing, and listed in a
 * checksum file that verifies in that folder: `sha256sum -c <artifact>.SHA256SUMS`.
 */
export function cellFiles(artifactName: string): {
  archive: string
  manifest: string
  checksums: string
  image: string
} {
  return {
    archive: `${artifactName}.tar.gz`,
    manifest: `${artifactName}.manifest.json`,
    checksums: `${artifactName}.SHA256SUMS`,
    image: `${artifactName}.oci.tar`
  }
}

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

/** A binary in the content tree: its output name, and verify's facts about that very file. */
interface StagedBinary {
  file: string
  kind: 'host' | 'plugin'
  facts?: FileFacts
}

/** Where everything is assembled: `tmp` inside output-dir, the archive's tree in `content`. */
interface Assembly {
  outputDir: string
  tmp: string
  content: string
}

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
    return result(at, input, { binaries, files, archive, manifest, epoch, image })
  } catch (err) {
    throw diskError(err, outputDir, build.stagingDir) ?? err
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true }).catch(() => undefined)
  }
}

/**
 * Moves the built binaries into the content tree, each under the name build gave it. A
 * plugin-only build packages the plugins alone; the manifest names the host (builtFor).
 */
async function stageBinaries(
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

function workspaceRel(plan: Plan, p: string): string {
  const rel = path.relative(plan.workspace, p)
  // One of our temp dirs is written as `<temp>`, so the page does not change from run to run.
  return rel.startsWith('..') && tempName(p) !== p ? tempName(p) : rel || '.'
}

/**
 * Preparation (module download, alignment, UI) as recorded, then the builds in plan order:
 * concurrent builds finish in any order, and BUILD.md must not change with it.
 */
function describeCommands(input: PackageInput, outputDir: string): ManifestCommand[] {
  const { plan, build, toolchain } = input
  const display: DisplayPaths = {
    workspace: plan.workspace,
    stagingDir: build.stagingDir,
    outputDir,
    goBin: toolchain.goBin
  }
  const describe = (c: CommandRecord, file?: string): ManifestCommand => {
    const cwd = path.resolve(plan.workspace, c.cwd)
    return {
      ...(file ? { file } : {}),
      cwd: workspaceRel(plan, cwd),
      env: Object.fromEntries(
        Object.entries(c.env).map(([k, v]) => [k, displayArg(v, cwd, display)])
      ),
      argv: c.argv.map((a, i) =>
        i === 0 && a === toolchain.goBin ? 'go' : displayArg(a, cwd, display)
      ),
      shell: commandLine(c, display)
    }
  }
  const built = build.host.prebuilt ? build.plugins : [build.host, ...build.plugins]
  return [
    ...build.preparation.map(c => describe(c)),
    ...built.map(f => describe(f.command, f.file))
  ]
}

/** Size, SHA-256, mode and verify's facts of each binary, as the manifest lists them. */
async function describeFiles(at: Assembly, binaries: StagedBinary[]): Promise<ManifestFile[]> {
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
async function writeDocs(
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

function sourceLabel(plan: Plan): string {
  if (plan.source.kind === 'checkout') return `checkout \`${workspaceRel(plan, plan.source.dir)}\``
  if (plan.source.kind === 'module') return `released transports module ${plan.source.version}`
  const h = plan.source.host
  return `plugins only, for the existing host \`${h.name}\` (sha256 \`${h.sha256}\`)${h.image ? ` from the image \`${h.image.pinned}\`` : ''}`
}

interface ArchiveEntry {
  name: string
  size: number
  sha256: string
}

/**
 * SHA256SUMS of the tree, inside the archive too (`sha256sum -c SHA256SUMS` passes in
 * output-dir and in the extracted archive alike), then the archive of the whole tree.
 */
async function writeArchive(
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
async function stageImage(at: Assembly, input: PackageInput): Promise<ManifestImage | undefined> {
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

/**
 * manifest.json, its per-cell copy, and the per-cell checksums, which list only what is
 * uploaded so they verify in the downloaded artifact.
 */
async function writeManifests(
  at: Assembly,
  input: PackageInput,
  o: {
    files: ManifestFile[]
    archive: ArchiveEntry
    commands: ManifestCommand[]
    epoch: Epoch
    image?: ManifestImage
  }
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

/** The host's facts for checking plugins without it; none in a plugin-only build. */
function hostReferenceOf(input: PackageInput, files: ManifestFile[]): HostReference | undefined {
  const { plan, verify } = input
  const hostFile = files.find(f => f.kind === 'host')
  if (!hostFile) return undefined
  if (!verify.hostFacts) {
    input.reporter.warning(
      `manifest.json has no hostReference (plugins cannot be verified against it): ${verify.hostFactsError ?? 'the host was not read'}`
    )
    return undefined
  }
  return makeHostReference(verify.hostFacts, {
    name: hostFile.name,
    sha256: hostFile.sha256,
    mode: plan.mode,
    libc: plan.libc,
    target: `${plan.target.os}/${plan.target.arch}`
  })
}

/** Into place: the files, then the manifests, then the archive, and the checksums last. */
async function placeOutputs(
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

function result(
  at: Assembly,
  input: PackageInput,
  o: {
    binaries: StagedBinary[]
    files: ManifestFile[]
    archive: ArchiveEntry
    manifest: { text: string; sha256: string }
    epoch: Epoch
    image?: ManifestImage
  }
): PackageResult {
  const { outputDir } = at
  const { plan, build } = input
  const cell = cellFiles(plan.artifactName)
  const packaged: PackagedFile[] = [
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
