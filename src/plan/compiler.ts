/** Which C compiler CGO uses for each (libc, target), and where qemu finds the target's loader. */
import path from 'node:path'
import type { Arch, CompilerChoice, Libc } from '../context.js'
import { inputError } from '../errors.js'
import { targetSpec, type CompilerCandidate } from '../lib/targets.js'

/** The candidates of the target's row: native on a machine of that arch, else the cross compiler. */
export function compilerCandidates(libc: Libc, arch: Arch, hostArch: Arch): CompilerCandidate {
  const c = targetSpec(arch).compilers[libc]
  return arch === hostArch ? c.native : c.cross
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
