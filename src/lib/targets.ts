/**
 * The targets this tool builds for, one row each (goreleaser's targets list): every stage and
 * library reads a target's facts here (ELF machine, loaders, libc sonames, C compilers, qemu,
 * CPU level), so adding a target is one row plus the code only that target needs. This file
 * imports nothing, so anything may read it.
 */
export type Mode = 'static' | 'dynamic'
export type Libc = 'glibc' | 'musl'
export type Arch = 'amd64' | 'arm64'
export interface Target {
  os: 'linux'
  arch: Arch
}

export const LIBCS: readonly Libc[] = ['glibc', 'musl']

/** A C compiler for CGO: the commands tried in order and the Debian/Ubuntu package that has them. */
export interface CompilerCandidate {
  commands: string[]
  package: string
  /** Root qemu-user (`-L`) finds the target's loader under, for a cross build. */
  sysroot?: string
}

export interface TargetSpec {
  os: 'linux'
  arch: Arch
  /** `linux/amd64`: as the target input and manifest.json write it. */
  name: `linux/${Arch}`
  /** Node's process.arch on this target (and the tool cache's directory name). */
  nodeArch: string
  /** Debian's multiarch triplet: glibc's files are in /lib/<multiarch>/. */
  multiarch: string
  /** e_machine in the ELF header. */
  elfMachine: number
  /** PT_INTERP of a dynamic binary, per libc. */
  loaders: Record<Libc, string>
  /** DT_NEEDED names that mean musl: Alpine's `libc.musl-<arch>.so.1`, Debian's musl-gcc `libc.so`. */
  muslSonames: string[]
  /** The qemu-user binary that runs it on another machine. */
  qemu: string
  /** Where Debian's cross glibc for it lives (qemu's `-L` for the load test). */
  crossSysroot: string
  /** The CPU level variable and go's default when it is not set. */
  cpuLevel: { name: 'GOAMD64' | 'GOARM64'; default: string }
  /** CGO's C compiler per libc: on a machine of this arch (native), or from another (cross). */
  compilers: Record<Libc, { native: CompilerCandidate; cross: CompilerCandidate }>
}

const NATIVE = {
  glibc: { commands: ['gcc', 'cc'], package: 'gcc' },
  musl: { commands: ['musl-gcc'], package: 'musl-tools' }
}

/** A row's compilers: the same native ones everywhere, the row's own cross compilers. */
const compilers = (cross: Record<Libc, CompilerCandidate>): TargetSpec['compilers'] => ({
  glibc: { native: NATIVE.glibc, cross: cross.glibc },
  musl: { native: NATIVE.musl, cross: cross.musl }
})

/*
 * Debian/Ubuntu names. musl on arm64 comes from Debian's own arm64 musl package: after
 * `dpkg --add-architecture arm64`, `apt-get install musl-dev:arm64 gcc-aarch64-linux-gnu`
 * installs /usr/bin/aarch64-linux-musl-gcc (a specs wrapper around aarch64-linux-gnu-gcc) and
 * /lib/ld-musl-aarch64.so.1, the loader qemu-aarch64 finds with `-L /`.
 */
export const TARGETS: readonly TargetSpec[] = [
  {
    os: 'linux',
    arch: 'amd64',
    name: 'linux/amd64',
    nodeArch: 'x64',
    multiarch: 'x86_64-linux-gnu',
    elfMachine: 62,
    loaders: { glibc: '/lib64/ld-linux-x86-64.so.2', musl: '/lib/ld-musl-x86_64.so.1' },
    muslSonames: ['libc.musl-x86_64.so.1', 'libc.so'],
    qemu: 'qemu-x86_64',
    crossSysroot: '/usr/x86_64-linux-gnu',
    cpuLevel: { name: 'GOAMD64', default: 'v1' },
    compilers: compilers({
      glibc: {
        commands: ['x86_64-linux-gnu-gcc'],
        package: 'gcc-x86-64-linux-gnu',
        sysroot: '/usr/x86_64-linux-gnu'
      },
      musl: {
        commands: ['x86_64-linux-musl-gcc'],
        package: 'musl-dev:amd64 (dpkg --add-architecture amd64)',
        sysroot: '/'
      }
    })
  },
  {
    os: 'linux',
    arch: 'arm64',
    name: 'linux/arm64',
    nodeArch: 'arm64',
    multiarch: 'aarch64-linux-gnu',
    elfMachine: 183,
    loaders: { glibc: '/lib/ld-linux-aarch64.so.1', musl: '/lib/ld-musl-aarch64.so.1' },
    muslSonames: ['libc.musl-aarch64.so.1', 'libc.so'],
    qemu: 'qemu-aarch64',
    crossSysroot: '/usr/aarch64-linux-gnu',
    cpuLevel: { name: 'GOARM64', default: 'v8.0' },
    compilers: compilers({
      glibc: {
        commands: ['aarch64-linux-gnu-gcc'],
        package: 'gcc-aarch64-linux-gnu',
        sysroot: '/usr/aarch64-linux-gnu'
      },
      musl: {
        commands: ['aarch64-linux-musl-gcc'],
        package:
          'musl-dev:arm64 and gcc-aarch64-linux-gnu (after dpkg --add-architecture arm64 && apt-get update)',
        sysroot: '/'
      }
    })
  }
]

/** `linux/amd64`, `linux/arm64`: the values the target input takes. */
export const TARGET_NAMES = TARGETS.map(t => t.name)
/** `linux/amd64 or linux/arm64`, for messages. */
export const TARGET_LIST = TARGET_NAMES.join(' or ')

const BY_ARCH = Object.fromEntries(TARGETS.map(t => [t.arch, t])) as Record<Arch, TargetSpec>

export function targetSpec(arch: Arch): TargetSpec {
  return BY_ARCH[arch]
}

/** The target a Go arch name (GOARCH, an ELF's machine name) stands for, if we build it. */
export function targetOfArch(arch: string | undefined): TargetSpec | undefined {
  return TARGETS.find(t => t.arch === arch)
}
