/**
 * Stage 5: move the verified files into output-dir and write BUILD.md, manifest.json,
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
  Toolchain,
  VerifyReport
} from '../context.js'
import { BuildError } from '../errors.js'
import type { Reporter } from '../report.js'
import { diskError } from '../util/disk-error.js'
import { sha256File } from '../util/sha256.js'
import { archiveEpoch, createArchive, listTree, sha256sumsText } from './archive.js'
import { humanSize } from '../util/human-size.js'
import { renderBuildMd } from './buildmd.js'
import { configExample, renderDockerfile } from './dockerfile.js'
import {
  fileFactsFields,
  makeManifest,
  octalMode,
  type ManifestCommand,
  type ManifestFile
} from './manifest.js'
import { commandLine, displayArg, type DisplayPaths } from './shell.js'
import { makeHostReference } from '../verify/reference.js'

export interface PackageInput {
  plan: Plan
  toolchain: Toolchain
  build: BuildResult
  verify: VerifyReport
  timings: { stage: string; ms: number; status?: 'ok' | 'failed' | 'skipped' }[]
  reporter: Reporter
  /** For SOURCE_DATE_EPOCH; defaults to process.env. */
  env?: NodeJS.ProcessEnv
}

export const CHECKSUMS = 'SHA256SUMS'
export const MANIFEST = 'manifest.json'

/**
 * The files uploaded beside the archive, named after the artifact so that downloading every
 * matrix cell into one folder (`merge-multiple: true`) overwrites nothing, and listed in a
 * checksum file that verifies in that folder: `sha256sum -c <artifact>.SHA256SUMS`.
 */
export function cellFiles(artifactName: string): {
  archive: string
  manifest: string
  checksums: string
} {
  return {
    archive: `${artifactName}.tar.gz`,
    manifest: `${artifactName}.manifest.json`,
    checksums: `${artifactName}.SHA256SUMS`
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

/** The names this tool writes into output-dir (besides the archive, the manifest and SHA256SUMS). */
const OWN_FILE = /^(?:bifrost-http|BUILD\.md|Dockerfile|config\.json|plugins\/[A-Za-z0-9._-]+\.so)$/
const OWN_ARCHIVE = /^[^/\\.][^/\\]*\.tar\.gz$/

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
  let old: { generator?: unknown; files?: unknown; archive?: unknown; artifactName?: unknown }
  try {
    old = JSON.parse(await readFile(manifestFile, 'utf8'))
  } catch {
    return
  }
  if (old?.generator !== 'bifrost-build') return
  const entries = [
    ...(Array.isArray(old.files) ? old.files : []).map(f => ({ entry: f, shape: OWN_FILE })),
    { entry: old.archive, shape: OWN_ARCHIVE }
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

function findFacts(
  verify: VerifyReport,
  kind: 'host' | 'plugin',
  name: string,
  stagedPath: string
): FileFacts | undefined {
  return (
    verify.files.find(f => f.path === stagedPath) ??
    verify.files.find(
      f =>
        f.kind === kind &&
        (f.name === name || f.name === `${name}.so` || f.name === `plugins/${name}.so`)
    )
  )
}

export async function packageOutputs(input: PackageInput): Promise<PackageResult> {
  const { plan, build, verify, reporter } = input
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
    await clearPublishedOutputs(outputDir)
    tmp = await mkdtemp(path.join(outputDir, '.bifrost-build-'))
    const content = path.join(tmp, 'content')
    await mkdir(path.join(content, 'plugins'), { recursive: true })
    await chmod(content, 0o755)
    await chmod(path.join(content, 'plugins'), 0o755)

    const binaries: { rel: string; kind: 'host' | 'plugin'; facts?: FileFacts }[] = []
    const hostRel = 'bifrost-http'
    // A plugin-only build packages the plugins alone; the manifest names the host (builtFor).
    if (!build.host.prebuilt) {
      binaries.push({
        rel: hostRel,
        kind: 'host',
        facts: findFacts(verify, 'host', build.host.name, build.host.path)
      })
      await moveFile(build.host.path, path.join(content, hostRel))
    }
    for (const p of [...build.plugins].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    )) {
      const rel = `plugins/${p.name}.so`
      binaries.push({ rel, kind: 'plugin', facts: findFacts(verify, 'plugin', p.name, p.path) })
      await moveFile(p.path, path.join(content, rel))
    }
    if (build.plugins.length === 0) await rm(path.join(content, 'plugins'), { recursive: true })
    for (const b of binaries) await chmod(path.join(content, b.rel), 0o755)

    // A plugin-only build's plugins come from the workspace: its commit time fixes file times.
    const sourceDir =
      plan.source.kind === 'checkout'
        ? plan.source.dir
        : plan.source.kind === 'host'
          ? plan.workspace
          : undefined
    const epoch = await archiveEpoch(input.env ?? process.env, sourceDir)
    const workspaceRel = (p: string) => path.relative(plan.workspace, p) || '.'
    const display: DisplayPaths = {
      workspace: plan.workspace,
      stagingDir: build.stagingDir,
      outputDir,
      goBin: input.toolchain.goBin
    }
    const describe = (c: CommandRecord, file?: string): ManifestCommand => {
      const cwd = path.resolve(plan.workspace, c.cwd)
      return {
        ...(file ? { file } : {}),
        cwd: workspaceRel(cwd),
        env: Object.fromEntries(
          Object.entries(c.env).map(([k, v]) => [k, displayArg(v, cwd, display)])
        ),
        argv: c.argv.map((a, i) =>
          i === 0 && a === input.toolchain.goBin ? 'go' : displayArg(a, cwd, display)
        ),
        shell: commandLine(c, display)
      }
    }
    // Preparation (module download, alignment, UI) as recorded, then the builds in plan order:
    // concurrent builds finish in any order, and BUILD.md must not change with it.
    const built = build.host.prebuilt ? build.plugins : [build.host, ...build.plugins]
    const same = (a: CommandRecord, b: CommandRecord) =>
      a.cwd === b.cwd && a.argv.join('\0') === b.argv.join('\0')
    const prep = (build.commands ?? []).filter(c => !built.some(f => same(f.command, c)))
    const commands: ManifestCommand[] = [
      ...prep.map(c => describe(c)),
      ...built.map(f => describe(f.command, f.kind === 'host' ? hostRel : `plugins/${f.name}.so`))
    ]

    const files: ManifestFile[] = []
    for (const b of binaries) {
      const full = path.join(content, b.rel)
      const st = await stat(full)
      files.push({
        name: b.rel,
        kind: b.kind,
        size: st.size,
        sha256: await sha256File(full),
        mode: octalMode(st.mode),
        ...fileFactsFields(b.facts)
      })
    }

    const pluginNames = build.plugins.map(p => p.name).sort()
    const docs: [string, string][] = [
      [
        'BUILD.md',
        renderBuildMd({
          plan,
          toolchain: input.toolchain,
          build,
          verify,
          files,
          commands,
          epoch,
          sourceLabel:
            plan.source.kind === 'checkout'
              ? `checkout \`${workspaceRel(plan.source.dir)}\``
              : plan.source.kind === 'module'
                ? `released transports module ${plan.source.version}`
                : `plugins only, for the existing host \`${plan.source.host.name}\` (sha256 \`${plan.source.host.sha256}\`)`
        })
      ],
      [
        'Dockerfile',
        renderDockerfile({
          mode: plan.mode,
          libc: plan.libc,
          target: plan.target,
          plugins: pluginNames,
          glibcFloor: verify.glibcFloor,
          version: plan.version
        })
      ],
      ['config.json', configExample(pluginNames)]
    ].filter(([name]) => !(build.host.prebuilt && name === 'Dockerfile')) as [string, string][]
    for (const [name, text] of docs) {
      const full = path.join(content, name)
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

    // SHA256SUMS of the tree, inside the archive too: `sha256sum -c SHA256SUMS` passes in
    // output-dir and in the extracted archive alike.
    const treeSums = sha256sumsText(files)
    await writeFile(path.join(content, CHECKSUMS), treeSums, { mode: 0o644 })
    await chmod(path.join(content, CHECKSUMS), 0o644)

    const cell = cellFiles(plan.artifactName)
    const archiveName = cell.archive
    const archiveTmp = path.join(tmp, archiveName)
    await createArchive({
      file: archiveTmp,
      cwd: content,
      entries: await listTree(content),
      prefix: plan.artifactName,
      epoch: epoch.epoch
    })
    const archive = {
      name: archiveName,
      size: (await stat(archiveTmp)).size,
      sha256: await sha256File(archiveTmp)
    }

    // A plugin-only build packages no host: its manifest names the host in builtFor instead.
    const hostFile = files.find(f => f.kind === 'host')
    const hostReference = hostFile
      ? await makeHostReference(path.join(content, hostRel), {
          name: hostRel,
          sha256: hostFile.sha256,
          mode: plan.mode,
          libc: plan.libc,
          target: `${plan.target.os}/${plan.target.arch}`
        }).catch((e: unknown) => {
          input.reporter.warning(
            `manifest.json has no hostReference (plugins cannot be verified against it): ${(e as Error).message}`
          )
          return undefined
        })
      : undefined
    const manifest = makeManifest({
      plan,
      toolchain: input.toolchain,
      build,
      verify,
      timings: input.timings,
      files,
      archive,
      commands,
      epoch,
      workspaceRel,
      hostReference
    })
    const manifestText = JSON.stringify(manifest, null, 2) + '\n'
    await writeFile(path.join(tmp, MANIFEST), manifestText, { mode: 0o644 })
    const manifestEntry = { name: MANIFEST, sha256: await sha256File(path.join(tmp, MANIFEST)) }
    await writeFile(path.join(tmp, cell.manifest), manifestText, { mode: 0o644 })
    // Lists only what is uploaded, so it verifies in the downloaded artifact.
    const cellSums = sha256sumsText([
      archive,
      { name: cell.manifest, sha256: manifestEntry.sha256 }
    ])
    await writeFile(path.join(tmp, cell.checksums), cellSums, { mode: 0o644 })

    // Into place: the files, then the manifests, then the archive, and the checksums last.
    if (pluginNames.length) await mkdir(path.join(outputDir, 'plugins'), { recursive: true })
    for (const f of files) await rename(path.join(content, f.name), path.join(outputDir, f.name))
    await rename(path.join(tmp, MANIFEST), path.join(outputDir, MANIFEST))
    await rename(path.join(tmp, cell.manifest), path.join(outputDir, cell.manifest))
    await rename(archiveTmp, path.join(outputDir, archiveName))
    await rename(path.join(content, CHECKSUMS), path.join(outputDir, CHECKSUMS))
    await rename(path.join(tmp, cell.checksums), path.join(outputDir, cell.checksums))

    const packaged: PackagedFile[] = [
      ...files.map(f => ({
        name: f.name,
        path: path.join(outputDir, f.name),
        size: f.size,
        sha256: f.sha256,
        mode: parseInt(f.mode, 8)
      })),
      {
        name: MANIFEST,
        path: path.join(outputDir, MANIFEST),
        size: Buffer.byteLength(manifestText),
        sha256: manifestEntry.sha256,
        mode: 0o644
      },
      {
        name: archiveName,
        path: path.join(outputDir, archiveName),
        size: archive.size,
        sha256: archive.sha256,
        mode: 0o644
      }
    ]
    reporter.info(
      `packaged ${files.length} files into ${outputDir}; ${archiveName} ${humanSize(archive.size)} sha256 ${archive.sha256}`
    )
    reporter.info(
      `file times fixed at ${new Date(epoch.epoch * 1000).toISOString()} (${epoch.from})`
    )
    return {
      outputDir,
      files: packaged,
      archive: path.join(outputDir, archiveName),
      // The uploaded pair (per matrix cell); output-dir also keeps SHA256SUMS and manifest.json.
      checksums: path.join(outputDir, cell.checksums),
      manifest: path.join(outputDir, cell.manifest),
      buildMd: path.join(outputDir, 'BUILD.md'),
      dockerfile: build.host.prebuilt ? '' : path.join(outputDir, 'Dockerfile')
    }
  } catch (err) {
    throw diskError(err, outputDir, build.stagingDir) ?? err
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true }).catch(() => undefined)
  }
}
