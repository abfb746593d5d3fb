/**
 * A plugin-only build matches a Bifrost host that exists already: everything a plugin must share
 * with the host is read from the host's own Go build info and ELF headers (pure functions over
 * facts already read; src/plan/host-plan.ts reads the file). What build info does not record is
 * reported, never guessed.
 */
import type { Arch, Libc, ModuleVersion } from '../context.js'
import { BuildError } from '../errors.js'
import { archLevel, type ArchLevelName } from '../util/arch-level.js'
import type { BuildInfo, GoModule } from '../lib/binary.js'
import { libcFamily, type ElfInfo } from '../lib/elf.js'
import { TARGET_LIST, TARGET_NAMES, TARGETS } from '../lib/targets.js'

/** What a plugin must be built with to load into this host. */
export interface HostBuild {
  /** `1.26.8`: the exact release, installed by the toolchain stage. */
  goVersion: string
  arch: Arch
  /** GOAMD64 or GOARM64 with the host's value (go's default when not recorded). */
  archLevel: { name: ArchLevelName; value: string }
  libc: Libc
  trimpath: boolean
  tags: string[]
  /** `''` when the host used Go's default experiments. */
  goexperiment: string
  /** CGO_CFLAGS etc. as recorded (only without -trimpath); undefined when not recorded. */
  cgoFlags?: Record<string, string>
  /** The host's -ldflags when recorded (only without -trimpath). */
  ldflags?: string
  /** `-X main.Version=<v>` from the recorded -ldflags. */
  stampedVersion?: string
  mainModule?: { path: string; version: string }
  vcsRevision?: string
  modules: ModuleVersion[]
  /** What this build info cannot say, one line each. */
  unknown: string[]
}

const CGO_FLAG_KEYS = ['CGO_CFLAGS', 'CGO_CPPFLAGS', 'CGO_CXXFLAGS', 'CGO_LDFLAGS'] as const
/** Build settings that change how every package compiles and that this mode does not reproduce. */
const UNSUPPORTED = ['-race', '-msan', '-asan', '-gcflags', '-asmflags', '-cover'] as const

function hostError(file: string, what: string, fix: string): BuildError {
  return new BuildError(`${file} ${what}`, { input: 'host-binary', file, fix, usage: true })
}

/**
 * `go1.26.8` -> `1.26.8`. Since Go 1.24 a non-default GOEXPERIMENT is appended (`go1.26.8-X:jsonv2`,
 * older: `go1.22.1 X:...`); the experiment itself is read from the GOEXPERIMENT setting.
 */
export function releaseOf(goVersion: string): string | undefined {
  const m = /^go(\d+\.\d+(?:\.\d+|rc\d+|beta\d+)?)(?:[- ]X:\S+)?$/.exec(goVersion.trim())
  return m?.[1]
}

/**
 * The -X value of main.Version in a recorded -ldflags string (`-X main.Version=v1.4.19`,
 * `-X=main.Version=...`, quoted or not).
 */
export function stampedVersion(ldflags: string): string | undefined {
  const m = /(?:^|[\s"'])--?X[=\s]+["']?main\.Version=([^\s"']+)/.exec(ldflags)
  return m?.[1]
}

/** `./x`, `../x` or `/abs`: how go.mod writes a directory replacement. */
export function isDirectoryPath(p: string): boolean {
  return /^(\.\.?(\/|$)|\/)/.test(p)
}

function toModuleVersion(m: GoModule): ModuleVersion {
  const out: ModuleVersion = { path: m.path, version: m.version }
  if (m.sum) out.sum = m.sum
  if (m.replace) {
    // Build info labels a directory replacement `(devel)`; go list gives it no version.
    const dir = isDirectoryPath(m.replace.path) || m.replace.version === '(devel)'
    out.replace = {
      path: m.replace.path,
      ...(m.replace.version && !dir ? { version: m.replace.version } : {})
    }
    // A replacement by another module version: that module's sum is what was compiled.
    if (m.replace.sum) out.sum = m.replace.sum
  }
  return out
}

/**
 * The facts a host must have to load plugins at all: dynamically linked, a released Go, a
 * supported target, cgo, a program (not a library), no build flags this mode cannot repeat,
 * and a C library a plugin can be linked against. Throws one BuildError naming what is wrong.
 */
function loadableHost(
  file: string,
  elf: ElfInfo,
  bi: BuildInfo
): { goVersion: string; arch: Arch; libc: Libc } {
  if (!elf.interp)
    throw hostError(
      file,
      'is statically linked (no PT_INTERP): a static binary cannot load Go plugins, so there is nothing to build plugins for',
      'give the dynamically linked bifrost-http (built with mode: dynamic), or build host and plugins together without host-binary'
    )
  const s = bi.settings
  const goVersion = releaseOf(bi.goVersion)
  if (!goVersion)
    throw hostError(
      file,
      `was built by Go "${bi.goVersion}", not a Go release that can be installed`,
      'give a host built by a released Go (go1.x.y)'
    )
  const missing: string[] = []
  if (!s.GOOS) missing.push('GOOS')
  if (!s.GOARCH) missing.push('GOARCH')
  if (!s.CGO_ENABLED) missing.push('CGO_ENABLED')
  if (missing.length)
    throw hostError(
      file,
      `has Go build info without the build settings ${missing.join(', ')} (built by go build without module support, or by another tool), so the plugin's target cannot be known`,
      'give a bifrost-http built by go build (Go 1.18 or newer) in module mode, or build host and plugins together without host-binary'
    )
  const target = TARGETS.find(t => t.os === s.GOOS && t.arch === s.GOARCH)
  if (!target)
    throw hostError(
      file,
      `was built for ${s.GOOS}/${s.GOARCH}; plugin-only builds support ${TARGET_NAMES.join(' and ')}`,
      `give a bifrost-http built for ${TARGET_LIST}`
    )
  if (s.CGO_ENABLED !== '1')
    throw hostError(
      file,
      `was built with CGO_ENABLED=${s.CGO_ENABLED}: such a host cannot load plugins ("plugin: not implemented")`,
      'give a bifrost-http built with CGO_ENABLED=1 (mode: dynamic)'
    )
  const buildmode = s['-buildmode'] ?? 'exe'
  if (buildmode !== 'exe' && buildmode !== 'pie')
    throw hostError(
      file,
      `was built with -buildmode=${buildmode}, not a program that loads plugins`,
      'give the bifrost-http program'
    )
  const unsupported = UNSUPPORTED.filter(k => s[k] !== undefined && s[k] !== '' && s[k] !== 'false')
  if (unsupported.length)
    throw hostError(
      file,
      `was built with ${unsupported.map(k => `${k}=${s[k]}`).join(' ')}, which plugin-only builds do not reproduce`,
      'build host and plugins together (without host-binary) with the same flags'
    )
  const libc = libcFamily(elf)
  if (!libc)
    throw hostError(
      file,
      `names no C library (PT_INTERP ${elf.interp}, DT_NEEDED [${elf.needed.join(', ')}]), so the plugin's libc cannot be known`,
      'give a bifrost-http linked against glibc or musl'
    )
  return { goVersion, arch: s.GOARCH as Arch, libc }
}

/**
 * The host's -ldflags and cgo flags: recorded only without -trimpath. What is missing goes to
 * `unknown`, one line each, for the report.
 */
function linkerSettings(
  s: BuildInfo['settings'],
  trimpath: boolean
): Pick<HostBuild, 'cgoFlags' | 'ldflags' | 'stampedVersion' | 'unknown'> {
  const unknown: string[] = []
  const ldflags = s['-ldflags']
  let stamp: string | undefined
  if (ldflags !== undefined) {
    stamp = stampedVersion(ldflags)
    unknown.push(
      `the host's -ldflags were "${ldflags}"; plugins get their own (-X main.Version=v<plugin-version> plus input ldflags), which the loader does not compare`
    )
  } else {
    unknown.push(
      trimpath
        ? "the host's -ldflags (its -X main.Version stamp, extra linker flags) are not in its build info (go does not record them with -trimpath); the loader does not compare them"
        : "the host's build info records no -ldflags: it was built without any"
    )
  }
  let cgoFlags: Record<string, string> | undefined
  if (CGO_FLAG_KEYS.some(k => s[k] !== undefined)) {
    cgoFlags = {}
    for (const k of CGO_FLAG_KEYS) cgoFlags[k] = s[k] ?? ''
  } else {
    unknown.push(
      "the host's CGO_CFLAGS/CGO_LDFLAGS are not in its build info (not recorded with -trimpath); the plugin uses this machine's (they change only C code, which the loader does not compare)"
    )
  }
  return { cgoFlags, ldflags, stampedVersion: stamp, unknown }
}

/**
 * Reads the plugin's settings out of the host. Throws one BuildError naming what is missing
 * for a host that cannot load plugins at all (static, no cgo, not linux/amd64 or arm64) or
 * whose build info does not say enough.
 */
export function hostBuildFrom(file: string, elf: ElfInfo, bi: BuildInfo): HostBuild {
  const { goVersion, arch, libc } = loadableHost(file, elf, bi)
  const s = bi.settings
  const trimpath = s['-trimpath'] === 'true'
  const { cgoFlags, ldflags, stampedVersion: stamp, unknown } = linkerSettings(s, trimpath)
  return {
    goVersion,
    arch,
    archLevel: archLevel(arch, s),
    libc,
    trimpath,
    tags: (s['-tags'] ?? '').split(/[\s,]+/).filter(Boolean),
    goexperiment: s.GOEXPERIMENT ?? '',
    cgoFlags,
    ldflags,
    stampedVersion: stamp,
    mainModule: bi.main ? { path: bi.main.path, version: bi.main.version } : undefined,
    vcsRevision: s['vcs.revision'],
    modules: bi.deps.map(toModuleVersion),
    unknown
  }
}

/** The version the archive names for the host: its -X stamp, else its main module's version. */
export function hostVersionOf(h: HostBuild): { version: string; from: string } {
  if (h.stampedVersion) return { version: h.stampedVersion, from: '-ldflags -X main.Version' }
  const v = h.mainModule?.version
  if (v && v !== '(devel)') return { version: v, from: `main module ${h.mainModule!.path}` }
  return {
    version: h.vcsRevision ? `(devel) ${h.vcsRevision.slice(0, 12)}` : '(devel)',
    from: h.vcsRevision
      ? 'vcs.revision (built from a checkout)'
      : 'unknown (built from a checkout, no stamp recorded)'
  }
}
