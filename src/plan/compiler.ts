/** Which C compiler CGO uses for each (libc, target), and where qemu finds the target's loader. */
import path from 'node:path'
import type { Arch, CompilerChoice, Libc } from '../context.js'
import { inputError } from '../errors.js'

interface Candidate {
  commands: string[]
  package: string
  sysroot?: string
}

/**
 * Debian/Ubuntu names. musl on arm64 comes from Debian's own arm64 musl package: after
 * `dpkg --add-architecture arm64`, `apt-get install musl-dev:arm64 gcc-aarch64-linux-gnu`
 * installs /usr/bin/aarch64-linux-musl-gcc (a specs wrapper around aarch64-linux-gnu-gcc) and
 * /lib/ld-musl-aarch64.so.1, the loader qemu-aarch64 finds with `-L /`.
 */
export function compilerCandidates(libc: Libc, arch: Arch, hostArch: Arch): Candidate {
  const native = arch === hostArch
  if (arch === 'amd64') {
    if (libc === 'glibc')
      return native
        ? { commands: ['gcc', 'cc'], package: 'gcc' }
        : {
            commands: ['x86_64-linux-gnu-gcc'],
            package: 'gcc-x86-64-linux-gnu',
            sysroot: '/usr/x86_64-linux-gnu'
          }
    return native
      ? { commands: ['musl-gcc'], package: 'musl-tools' }
      : {
          commands: ['x86_64-linux-musl-gcc'],
          package: 'musl-dev:amd64 (dpkg --add-architecture amd64)',
          sysroot: '/'
        }
  }
  if (libc === 'glibc')
    return native
      ? { commands: ['gcc', 'cc'], package: 'gcc' }
      : {
          commands: ['aarch64-linux-gnu-gcc'],
          package: 'gcc-aarch64-linux-gnu',
          sysroot: '/usr/aarch64-linux-gnu'
        }
  return native
    ? { commands: ['musl-gcc'], package: 'musl-tools' }
    : {
        commands: ['aarch64-linux-musl-gcc'],
        package:
          'musl-dev:arm64 and gcc-aarch64-linux-gnu (after dpkg --add-architecture arm64 && apt-get update)',
        sysroot: '/'
      }
}

/** A name on PATH or a path; one word, so CGO's CC cannot smuggle in extra arguments. */
const CC_VALUE = /^[A-Za-z0-9_.+/-]+$/

export function chooseCompiler(
  libc: Libc,
  arch: Arch,
  hostArch: Arch,
  ccInput: string,
  workspace: string,
  which: (cmd: string) => string | undefined
): CompilerChoice {
  const cand = compilerCandidates(libc, arch, hostArch)
  const cc = ccInput.trim()
  if (cc) {
    if (!CC_VALUE.test(cc) || cc.startsWith('-'))
      throw inputError(
        'cc',
        `${JSON.stringify(ccInput)} is not a compiler name or path (one word: letters, digits, . + _ - /)`,
        'set cc to a compiler on PATH (e.g. musl-gcc) or its absolute path; put extra flags in CGO_CFLAGS'
      )
    const command = cc.includes('/') ? path.resolve(workspace, cc) : cc
    if (!which(command))
      throw inputError(
        'cc',
        `C compiler ${JSON.stringify(cc)} was not found${cc.includes('/') ? '' : ' on PATH'} or is not executable`,
        'install it or set cc to the absolute path of an installed compiler'
      )
    return { command, sysroot: cand.sysroot }
  }
  for (const command of cand.commands) {
    if (which(command)) return { command, package: cand.package, sysroot: cand.sysroot }
  }
  throw inputError(
    'libc',
    `libc ${libc} for linux/${arch} needs the C compiler ${cand.commands.join(' or ')}, which is not installed`,
    `install ${cand.package} (apt-get install ${cand.package.split(' ')[0]}), or set cc to a compiler for linux/${arch} with ${libc}`
  )
}
