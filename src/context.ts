/**
 * The typed context each pipeline stage receives and extends (GoReleaser's pipes style):
 * plan -> toolchain -> cache restore -> build -> verify -> package -> publish (and cache save);
 * each stage reads what the earlier ones left and adds its own result.
 */
import type { Credentials } from './net/credentials.js'
import type { Reporter } from './report.js'
import type { HostFacts, HostReference } from './lib/host-reference.js'
import type { ImageRef } from './lib/oci/reference.js'

import type { Arch, Libc, Mode, Target } from './lib/targets.js'
import type { StageTiming } from './report.js'

export type { Arch, Libc, Mode, Target, StageTiming }
export type AlignModules = 'error' | 'warn' | 'fix'
export type GoWork = 'off' | 'local'
export type UiMode = 'auto' | 'build' | 'placeholder' | 'skip'
export type VerifyLevel = 'full' | 'static' | 'off'
export type GoDownloadSource = 'dl' | 'goproxy' | 'local'

/** What the toolchain stage needs, from the inputs. */
export interface ToolchainRequest {
  /** `1.26.1`, `1.26`, `1.26.x`, as typed (without `go`). */
  versionSpec: string
  /** Where `versionSpec` came from, for messages: `go-version` or the file path. */
  versionFrom: string
  /** The input an error about the version names (go-version or go-version-file). */
  versionInput?: string
  /** Said once when the version is resolved (both go-version and go-version-file given). */
  warning?: string
  /** A bifrost-version build on the default Go: that release's go.mod go line replaces it. */
  fromModule?: { path: string; version: string }
  /** Without userinfo: safe to log and record. */
  downloadBaseUrl: string
  /** `user:password@` from the typed URL, sent as Basic auth to that host only. */
  downloadCredentials?: Credentials
  downloadSource: GoDownloadSource
  /** Platform of the machine running the build (the Go we install runs here). */
  hostArch: Arch
  token?: string
  /** The environment the request was read from: GOPROXY/GOSUMDB, RUNNER_TOOL_CACHE, PATH, HOME. */
  env?: NodeJS.ProcessEnv
}

export interface Toolchain {
  /** `1.26.1` (no `go` prefix). */
  version: string
  goroot: string
  /** Absolute path of the `go` binary. */
  goBin: string
  source: 'tool-cache' | 'dl' | 'goproxy' | 'local'
  /** Where the archive came from and its verified checksum, when downloaded. */
  url?: string
  sha256?: string
  /** GOROOT, PATH, GOTOOLCHAIN=local, GOPATH, GOMODCACHE, GOCACHE: the environment for every go call. */
  env: Record<string, string>
}

export interface PluginSpec {
  /** Output name: `<name>.so`. */
  name: string
  /** Absolute directory of the plugin's main package. */
  dir: string
  /** As the user wrote it (relative to the workspace). */
  relDir: string
  /** Directory holding the plugin's go.mod. */
  moduleDir: string
}

export interface CompilerChoice {
  /** The command given to CGO as CC (a name on PATH or an absolute path). */
  command: string
  /** Debian/Ubuntu package that provides it, for the error when missing. */
  package?: string
  /** Root for qemu-user (`-L`) when running cross builds here. */
  sysroot?: string
}

export type BifrostSource =
  | { kind: 'checkout'; dir: string; transportsDir: string }
  | { kind: 'module'; version: string }
  | { kind: 'host'; host: PrebuiltHost }

/**
 * A Bifrost host that exists already (input host-binary or host-manifest): a plugin-only build
 * takes every setting from it and builds nothing else (src/plan/host.ts).
 */
export interface PrebuiltHost {
  kind: 'binary' | 'manifest' | 'image'
  /** The input as given: a path or an https URL. */
  from: string
  /** The local file read: the host binary (or its downloaded copy), or the manifest. */
  file: string
  /** The host's file name, e.g. `bifrost-http`. */
  name: string
  /** SHA-256 of the host binary. */
  sha256: string
  size: number
  /** `1.26.1` (no `go` prefix). */
  goVersion: string
  /** Bifrost's version: the `-X main.Version` stamp when recorded, else the main module's version. */
  version: string
  /** Where `version` was read: `-ldflags`, the main module, or the manifest. */
  versionFrom: string
  mainModule?: string
  vcsRevision?: string
  /** What the host's build info cannot say (a -X stamp, extra ldflags), one line each. */
  unknown: string[]
  /** The host's modules (path, version, sum, replacement) as its build info records them. */
  modules: ModuleVersion[]
  /** host-manifest: the manifest's host section, which verify checks against (no load test). */
  reference?: HostReference
  /** host-image: the registry image the host was taken from, pinned by its manifest digest. */
  image?: { name: string; ref: ImageRef; digest: string; pinned: string }
}

/** The runtime image to build (input `image`), its base and whether to push it. */
export interface ImagePlan {
  ref: ImageRef
  /** The reference written out in full. */
  name: string
  push: boolean
  base: ImageRef
  /** `host-image`: the base is the host's own image, pinned by digest; only the plugins are added. */
  baseFrom: 'image-base' | 'default' | 'host-image'
  /** host-image without `image`: made for the in-image load test only, not packaged or pushed. */
  testOnly?: boolean
}

/** Everything validated from the inputs; no I/O past reading files. */
export interface Plan {
  workspace: string
  source: BifrostSource
  goVersion: string
  mode: Mode
  libc: Libc
  target: Target
  cc: CompilerChoice
  version: string
  pluginVersion: string
  tags: string[]
  ldflags: string[]
  trimpath: boolean
  alignModules: AlignModules
  /** `local`: host and plugins built in one Go workspace (GOWORK=<temp>/go.work). */
  goWork: GoWork
  ui: UiMode
  verify: VerifyLevel
  verifyTimeoutSec: number
  glibcMax?: string
  outputDir: string
  upload: boolean
  artifactName: string
  retentionDays?: number
  /** Delete an artifact of the same name before uploading (a re-run of the job), as upload-artifact. */
  overwrite?: boolean
  cache: boolean
  /** `cache: restore-only`: restore, never save. */
  cacheRestoreOnly?: boolean
  /** `cache-dependency-path`: the files (absolute) keying the cache instead of the go.sum defaults. */
  cacheDependencyFiles?: string[]
  plugins: PluginSpec[]
  /** Environment passed through from the user (GOFLAGS, GOPROXY, ...), credentials removed, for the record. */
  reportedEnv: Record<string, string>
  /** Variables set for every go call on top of buildVars (a plugin-only build: the host's GOEXPERIMENT, CGO_*). */
  goEnv?: Record<string, string>
  /** Input `image`: the runtime image built from the verified files. */
  image?: ImagePlan
  /** Go settings that differ from Go's defaults, as `go env -json` reads them (environment and GOENV file). */
  goSettings?: GoSetting[]
}

export interface GoSetting {
  name: string
  /** Credentials in URLs removed. */
  value: string
  /** `environment`, or `GOENV file <path>` (go env -w). */
  from: string
}

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

export interface ModuleVersion {
  path: string
  version: string
  sum?: string
  replace?: { path: string; version?: string }
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

export interface RunContext {
  reporter: Reporter
  /** Cancelled when the job is (SIGTERM/SIGINT): stages stop their children. */
  signal: AbortSignal
  toolchain?: Toolchain
  plan?: Plan
  cache?: CacheResult
  build?: BuildResult
  verify?: VerifyReport
  package?: PackageResult
  image?: ImageResult
  publish?: PublishResult
  timings: StageTiming[]
}
