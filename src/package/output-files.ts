/**
 * Every file the package stage writes into output-dir, in one table: the writer, the clearing
 * of an earlier run's files, the result's paths and the CLI's summary all read it, so a new
 * output file is one row here (and its renderer).
 */
import type { BuildResult, Plan, VerifyReport } from '../context.js'
import { HOST_FILE } from '../bifrost.js'
import { configExample, renderDockerfile } from './dockerfile.js'
export const CHECKSUMS = 'SHA256SUMS'
export const MANIFEST = 'manifest.json'

/** What a document's renderer gets: the run's results and the plugins' names, sorted. */
export interface DocInput {
  plan: Plan
  build: BuildResult
  verify: VerifyReport
  pluginNames: string[]
  /** BUILD.md, rendered by the stage itself (it needs the packaged binaries and commands). */
  buildMd: string
}

export interface DocFile {
  name: string
  /** `buildMd`, `dockerfile`: the PackageResult field that holds its path. */
  resultKey?: 'buildMd' | 'dockerfile'
  /** A plugin-only build writes it too (false: only a build with its own host). */
  pluginOnly: boolean
  render: (d: DocInput) => string
}

/** The documents beside the binaries, in the order they are written. */
export const DOC_FILES: readonly DocFile[] = [
  { name: 'BUILD.md', resultKey: 'buildMd', pluginOnly: true, render: d => d.buildMd },
  {
    name: 'Dockerfile',
    resultKey: 'dockerfile',
    pluginOnly: false,
    render: d =>
      renderDockerfile({
        mode: d.plan.mode,
        libc: d.plan.libc,
        target: d.plan.target,
        plugins: d.pluginNames,
        glibcFloor: d.verify.glibcFloor,
        version: d.plan.version
      })
  },
  { name: 'config.json', pluginOnly: true, render: d => configExample(d.pluginNames) }
]

/** The documents a build writes: a plugin-only build (prebuilt host) leaves some out. */
export function docFilesFor(build: BuildResult): readonly DocFile[] {
  return DOC_FILES.filter(f => f.pluginOnly || !build.host.prebuilt)
}

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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The names this tool writes into output-dir (besides the archive, the manifest and SHA256SUMS). */
export const OWN_FILE = new RegExp(
  `^(?:${[HOST_FILE, ...DOC_FILES.map(f => f.name)].map(escape).join('|')}|plugins/[A-Za-z0-9._-]+\\.so)$`
)
