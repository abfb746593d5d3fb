/** The plan stage's output and the toolchain's: what every later stage builds from. */
import type { Credentials } from '../net/credentials.js'
import type { HostReference } from '../lib/host-reference.js'
import type { ImageRef } from '../lib/oci/reference.js'
import type { Arch, Libc, Mode, Target } from '../lib/targets.js'

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

export interface ModuleVersion {
  path: string
  version: string
  sum?: string
  replace?: { path: string; version?: string }
}
