/**
 * manifest.json: everything BUILD.md says, machine-readable. Its shape is
 * schema/manifest.schema.json (checked by a test); bump `schemaVersion` on any breaking change.
 */
import { withFix } from '../errors.js'
import type {
  BuildResult,
  CheckResult,
  ImageResult,
  FileFacts,
  ModuleSkew,
  ModuleVersion,
  Plan,
  StageTiming,
  Toolchain,
  VerifyReport
} from '../context.js'
import type { HostReference } from '../lib/host-reference.js'

/** What the stages before packaging returned: what BUILD.md and the manifest describe. */
export interface StageResults {
  plan: Plan
  toolchain: Toolchain
  build: BuildResult
  verify: VerifyReport
  /** The runtime image (input `image`), assembled and load-tested before packaging. */
  image?: ImageResult
}

/** The image as the manifest records it: pinned by digest, with its base and archive. */
export interface ManifestImage {
  name: string
  digest: string
  base: { name: string; digest: string }
  user: string
  archive: { name: string; size: number; sha256: string }
  push: boolean
  loadTest?: { status: string; message: string }
}

/** The file time of every archive member, and where it came from (see archiveEpoch). */
export interface Epoch {
  epoch: number
  from: string
}

export interface ManifestFile {
  name: string
  kind: 'host' | 'plugin' | 'doc'
  size: number
  sha256: string
  /** Octal, e.g. `0755`. */
  mode: string
  linkage?: 'static' | 'dynamic'
  libc?: string
  glibcFloor?: string
  interp?: string
  needed?: string[]
}

export interface ManifestCommand {
  /** The file this command built; absent for preparation (module download, UI). */
  file?: string
  /** Relative to the checkout root (or absolute when outside it). */
  cwd: string
  env: Record<string, string>
  argv: string[]
  /** The same as one POSIX shell line, run from the checkout root. */
  shell: string
}

export interface Manifest {
  schemaVersion: 1
  generator: 'bifrost-build'
  artifactName: string
  version: string
  pluginVersion: string
  sourceDateEpoch: number
  sourceDateEpochFrom: string
  plan: {
    mode: Plan['mode']
    libc: Plan['libc']
    target: string
    source:
      | { kind: 'checkout'; dir: string }
      | { kind: 'module'; version: string }
      | { kind: 'host'; sha256: string; version: string }
    plugins: { name: string; dir: string }[]
    tags: string[]
    ldflags: string[]
    trimpath: boolean
    alignModules: Plan['alignModules']
    ui: Plan['ui']
    uiUsed: BuildResult['ui']
    verify: Plan['verify']
    cc: string
    /** Go settings that differ from Go's defaults (environment or GOENV file). */
    goSettings?: { name: string; value: string; from: string }[]
  }
  toolchain: {
    goVersion: string
    source: Toolchain['source']
    url?: string
    sha256?: string
  }
  glibcFloor?: string
  files: ManifestFile[]
  archive: { name: string; size: number; sha256: string }
  image?: ManifestImage
  commands: ManifestCommand[]
  modules: {
    host: ModuleVersion[]
    shared: Record<string, ModuleVersion[]>
    skew: ModuleSkew[]
    /** Modules replaced by directories outside the workspace, and which builds used them. */
    outsideWorkspace?: { module: string; dir: string; usedBy: string[] }[]
  }
  verify: {
    ok: boolean
    checks: CheckResult[]
    loadTest?: { status: string; message: string }
  }
  timings: { stage: string; ms: number; status: StageTiming['status'] }[]
  /**
   * The host as plugins are checked against it without the binary (`bifrost-build verify
   * --host-manifest`): its ELF facts and Go build info. Versioned on its own
   * (`hostReference.version`); absent when the host's build info could not be read.
   */
  hostReference?: HostReference
  /** A plugin-only build: the existing host these plugins were built for and checked against. */
  builtFor?: BuiltFor
}

export interface BuiltFor {
  /** `binary` (host-binary), `manifest` (host-manifest: the load test needs the binary) or `image` (host-image). */
  kind: 'binary' | 'manifest' | 'image'
  /** host-image: the image pinned by its manifest digest (`registry/repo@sha256:...`). */
  image?: string
  /** The input as given (a path or an https URL). */
  from: string
  name: string
  sha256: string
  size: number
  /** Bifrost's version and where it was read (the -X stamp, the main module, a manifest). */
  version: string
  versionFrom: string
  goVersion: string
  mainModule?: string
  vcsRevision?: string
  /** What the host's build info does not say. */
  notRecorded: string[]
}

export function builtFor(plan: Plan): BuiltFor | undefined {
  if (plan.source.kind !== 'host') return undefined
  const h = plan.source.host
  return {
    kind: h.kind,
    from: h.from,
    name: h.name,
    sha256: h.sha256,
    size: h.size,
    version: h.version,
    versionFrom: h.versionFrom,
    goVersion: h.goVersion,
    ...(h.mainModule ? { mainModule: h.mainModule } : {}),
    ...(h.vcsRevision ? { vcsRevision: h.vcsRevision } : {}),
    notRecorded: [...h.unknown],
    ...(h.image ? { image: h.image.pinned } : {})
  }
}

export function octalMode(mode: number): string {
  return '0' + (mode & 0o777).toString(8).padStart(3, '0')
}

export function fileFactsFields(f: FileFacts | undefined): Partial<ManifestFile> {
  if (!f) return {}
  const out: Partial<ManifestFile> = { linkage: f.linkage, needed: [...f.needed] }
  if (f.libc) out.libc = f.libc
  if (f.glibcFloor) out.glibcFloor = f.glibcFloor
  if (f.interp) out.interp = f.interp
  return out
}

/** Key/value pairs with a stable order, so the same inputs give the same text. */
function sortedRecord<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(r)
      .sort()
      .map(k => [k, r[k]])
  )
}

/** What the manifest says of the plan: the inputs that decided the build. */
function planEntry(
  plan: Plan,
  build: BuildResult,
  workspaceRel: (p: string) => string
): Manifest['plan'] {
  return {
    mode: plan.mode,
    libc: plan.libc,
    target: `${plan.target.os}/${plan.target.arch}`,
    source:
      plan.source.kind === 'checkout'
        ? { kind: 'checkout', dir: workspaceRel(plan.source.dir) }
        : plan.source.kind === 'module'
          ? { kind: 'module', version: plan.source.version }
          : { kind: 'host', sha256: plan.source.host.sha256, version: plan.source.host.version },
    plugins: plan.plugins.map(p => ({ name: p.name, dir: p.relDir })),
    tags: [...plan.tags],
    ldflags: [...plan.ldflags],
    trimpath: plan.trimpath,
    alignModules: plan.alignModules,
    ui: plan.ui,
    uiUsed: build.ui,
    verify: plan.verify,
    cc: plan.cc.command,
    ...(plan.goSettings?.length ? { goSettings: plan.goSettings.map(g => ({ ...g })) } : {})
  }
}

/** The host's modules, those each plugin shares with it, the aligned ones, those outside. */
function modulesEntry(build: BuildResult): Manifest['modules'] {
  return {
    host: build.hostModules,
    shared: sortedRecord(build.sharedModules),
    skew: build.skew,
    ...(build.outsideReplaces?.length
      ? {
          outsideWorkspace: build.outsideReplaces.map(o => ({
            module: o.module,
            dir: o.dir,
            usedBy: [...o.usedBy]
          }))
        }
      : {})
  }
}

export function makeManifest(
  input: StageResults & {
    timings: StageTiming[] | { stage: string; ms: number; status?: StageTiming['status'] }[]
    files: ManifestFile[]
    archive: { name: string; size: number; sha256: string }
    commands: ManifestCommand[]
    epoch: Epoch
    workspaceRel: (p: string) => string
    hostReference?: HostReference
    imageEntry?: ManifestImage
  }
): Manifest {
  const { plan, toolchain, build, verify } = input
  const m: Manifest = {
    schemaVersion: 1,
    generator: 'bifrost-build',
    artifactName: plan.artifactName,
    version: plan.version,
    pluginVersion: plan.pluginVersion,
    sourceDateEpoch: input.epoch.epoch,
    sourceDateEpochFrom: input.epoch.from,
    plan: planEntry(plan, build, input.workspaceRel),
    toolchain: { goVersion: toolchain.version, source: toolchain.source },
    files: input.files,
    archive: input.archive,
    commands: input.commands.map(c => ({ ...c, env: sortedRecord(c.env) })),
    modules: modulesEntry(build),
    verify: {
      ok: verify.ok,
      checks: verify.checks.map(c => ({
        id: c.id,
        subject: c.subject,
        status: c.status,
        message: withFix(c)
      }))
    },
    timings: input.timings.map(t => ({ stage: t.stage, ms: t.ms, status: t.status ?? 'ok' }))
  }
  const forHost = builtFor(plan)
  if (forHost) m.builtFor = forHost
  if (toolchain.url) m.toolchain.url = toolchain.url
  if (toolchain.sha256) m.toolchain.sha256 = toolchain.sha256
  if (verify.glibcFloor) m.glibcFloor = verify.glibcFloor
  if (verify.loadTest)
    m.verify.loadTest = { status: verify.loadTest.status, message: verify.loadTest.message }
  if (input.hostReference) m.hostReference = input.hostReference
  if (input.imageEntry) m.image = input.imageEntry
  return m
}
