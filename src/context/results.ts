/** What the build, verify, package, publish and cache stages return into the run's context. */
import type { Libc, Mode, Target } from '../lib/targets.js'
import type { HostFacts, HostReference } from '../lib/host-reference.js'
import type { ModuleVersion, VerifyLevel } from './plan.js'
import type { Reporter } from '../report.js'

/** A command exactly as run, so BUILD.md can print it copy-pasteable. */
export interface CommandRecord {
  cwd: string
  /** Only the variables we set (not the whole environment). */
  env: Record<string, string>
  argv: string[]
}

export interface BuiltFile {
  kind: 'host' | 'plugin'
  name: string
  /**
   * Its name in output-dir and the archive (`bifrost-http`, `plugins/<name>.so`): the one name
   * package and the summary know it by. Verify's facts about it are those with its `path`.
   */
  file: string
  /** Absolute path in the staging directory. */
  path: string
  command: CommandRecord
  durationMs: number
  /** The host given by host-binary: not built here, not packaged. */
  prebuilt?: boolean
}

export interface ModuleSkew {
  plugin: string
  module: string
  pluginVersion: string
  hostVersion: string
  /**
   * Both sides replace the module by the same directory: the source is the same, only the
   * version label differs (with -trimpath it names every file, so the loader still refuses).
   */
  sameSource?: boolean
}

/** The directories relative `replace` paths resolve from, per binary (unknown: undefined). */
export interface ModuleRoots {
  host?: string
  plugins: Record<string, string | undefined>
}

export interface BuildResult {
  /** Where the binaries are until packaging moves them into output-dir. */
  stagingDir: string
  host: BuiltFile
  plugins: BuiltFile[]
  hostModules: ModuleVersion[]
  /** Modules each plugin shares with the host, at the host's version after alignment. */
  sharedModules: Record<string, ModuleVersion[]>
  skew: ModuleSkew[]
  ui: 'existing' | 'built' | 'placeholder' | 'skipped'
  /**
   * The commands run before the go builds (module download, alignment, UI), in order, for
   * BUILD.md; each built file holds its own go build command.
   */
  preparation: CommandRecord[]
  /** For verify's module checks: the roots the binaries' replace paths are relative to. */
  moduleRoots?: ModuleRoots
  /** go-work: local: the go.work every go command used, and where its module list came from. */
  goWork?: { from: 'checkout' | 'made'; text: string }
  /** Modules replaced by a directory outside the workspace: built in, but not part of the checkout. */
  outsideReplaces?: OutsideReplace[]
}

export interface OutsideReplace {
  module: string
  /** The directory, absolute. */
  dir: string
  /** `bifrost-http` and/or plugin names whose build used it. */
  usedBy: string[]
}

export type CheckStatus = 'pass' | 'fail' | 'skip' | 'warn'

export interface CheckResult {
  /** Stable id, e.g. `elf.machine`, `linkage.static`, `buildinfo.go-version`, `load`. */
  id: string
  /** File name the check is about (`bifrost-http`, `hello.so`) or `all`. */
  subject: string
  status: CheckStatus
  /** One line: what was found and, when failing, the loader error it prevents. */
  message: string
  /** What to do about it (a failing or warning check). */
  fix?: string
}

export interface FileFacts {
  name: string
  path: string
  kind: 'host' | 'plugin'
  size: number
  elfClass: 32 | 64
  machine: string
  elfType: 'exec' | 'dyn' | 'other'
  interp?: string
  needed: string[]
  soname?: string
  linkage: 'static' | 'dynamic'
  libc?: Libc
  glibcFloor?: string
  goVersion?: string
  buildSettings?: Record<string, string>
}

export interface VerifyInput {
  /** The host binary; with `hostReference`, the manifest (path or URL) it was read from. */
  host: string
  /** The host as a build's manifest recorded it: static checks against it, no load test. */
  hostReference?: HostReference
  plugins: { name: string; path: string }[]
  mode: Mode
  libc: Libc
  target: Target
  level: VerifyLevel
  timeoutSec: number
  glibcMax?: string
  /**
   * Where each binary's relative `replace` paths resolve from (a build run knows its module
   * roots); without them directory replacements cannot be compared and the load test decides.
   */
  moduleRoots?: ModuleRoots
  /** Root for qemu-user `-L` when the target is another arch. */
  sysroot?: string
  reporter: Reporter
  signal: AbortSignal
}

export interface VerifyReport {
  ok: boolean
  checks: CheckResult[]
  files: FileFacts[]
  glibcFloor?: string
  /**
   * The built host's ELF facts and build info as read here, for the manifest's hostReference
   * (package writes it from these, reading nothing again); or why they could not be read.
   */
  hostFacts?: HostFacts
  hostFactsError?: string
  loadTest?: { status: CheckStatus; message: string; log?: string[] }
}

export interface PackagedFile {
  /** Path relative to output-dir. */
  name: string
  kind: 'host' | 'plugin' | 'doc' | 'manifest' | 'archive'
  path: string
  size: number
  sha256: string
  mode: number
  /** A packaged binary's facts as verify read them. */
  facts?: FileFacts
}

/** The runtime image as assembled (package stage) and checked (verify stage). */
export interface ImageResult {
  /** The reference it is tagged with (input `image`), or a local name for a test-only image. */
  name: string
  /** The OCI archive: in staging until packaging moves it into output-dir. */
  archive: string
  /** `sha256:...` of the image manifest: the same inputs give the same digest. */
  digest: string
  /** The config digest: the image ID podman and docker give it. */
  id: string
  /** The config's healthcheck test (`CMD-SHELL ...`). */
  healthcheck?: string[]
  base: { name: string; digest: string }
  user: string
  /** Pushed to the registry (publish stage, `image-push: true`). */
  pushed?: boolean
  /** The in-image load test's verdict. */
  loadTest?: { status: CheckStatus; message: string }
}

export interface PackageResult {
  outputDir: string
  files: PackagedFile[]
  archive: string
  checksums: string
  manifest: string
  buildMd: string
  dockerfile: string
  /** `<artifact-name>.oci.tar` in output-dir, when an image was built. */
  imageArchive?: string
}

export interface PublishResult {
  uploaded: boolean
  artifactId?: string
  artifactUrl?: string
  artifactDigest?: string
  reason?: string
}

export interface CacheResult {
  enabled: boolean
  key?: string
  hit: boolean
  exact: boolean
  restoredKey?: string
  reason?: string
  /** `cache: restore-only`: nothing is saved after the build. */
  restoreOnly?: boolean
}
