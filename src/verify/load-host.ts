/**
 * How the load test starts the host: whether and how it can run on this machine (natively,
 * under qemu-user, or not at all), its command line, and the config.json of the app dir it
 * gets. Pure decisions, apart from the load test that runs them, so they are unit-tested on
 * plain facts; hostArgs is the one place to adapt for another Bifrost's flags.
 */
import path from 'node:path'
import type { Arch } from '../context.js'
import { targetOfArch } from '../lib/targets.js'

export interface LoadPlugin {
  name: string
  path: string
}

export type Runner =
  | {
      run: true
      /** prefix before the host binary, e.g. `qemu-aarch64 -L <sysroot>` */ prefix: string[]
      how: string
    }
  | { run: false; reason: string }

export interface RunnerFacts {
  /** Machine of the host binary (`amd64`, `arm64`, other). */
  hostMachine: string
  /** The host's PT_INTERP, undefined when statically linked. */
  interp?: string
  machineArch: Arch
  sysroot?: string
  exists: (p: string) => boolean
  /** Absolute path of a program on PATH, or undefined. */
  which: (name: string) => string | undefined
}

/** Whether and how the host can run on this machine: natively, under qemu-user, or not. */
export function loadTestRunner(f: RunnerFacts): Runner {
  const target = targetOfArch(f.hostMachine)
  if (!target)
    return { run: false, reason: `the host is built for ${f.hostMachine}, which cannot run here` }
  const { arch, qemu: qemuName } = target
  if (arch === f.machineArch) {
    if (f.interp && !f.exists(f.interp))
      return {
        run: false,
        reason: `the host's loader ${f.interp} is not on this machine${f.interp.includes('musl') ? ' (apt-get install musl)' : ''}`
      }
    return { run: true, prefix: [], how: `natively on linux/${arch}` }
  }
  const qemu = f.which(qemuName)
  if (!qemu)
    return {
      run: false,
      reason: `the host is linux/${arch} and this machine is linux/${f.machineArch}, and ${qemuName} is not installed (apt-get install qemu-user)`
    }
  if (!f.interp) return { run: true, prefix: [qemu], how: `under ${qemuName}` }
  // qemu-user looks the loader up under -L first, then in the real root: Debian's
  // musl:<arch> installs /lib/ld-musl-<arch>.so.1 in the real root, glibc lives in a sysroot.
  const sysroot = f.sysroot ?? target.crossSysroot
  if (f.exists(path.join(sysroot, f.interp)))
    return { run: true, prefix: [qemu, '-L', sysroot], how: `under ${qemuName} -L ${sysroot}` }
  if (f.exists(f.interp)) return { run: true, prefix: [qemu], how: `under ${qemuName}` }
  return {
    run: false,
    reason: `the host's loader ${f.interp} is neither in ${sysroot} nor in / (install the ${arch} C library, e.g. ${f.interp.includes('musl') ? `musl:${arch}` : `libc6-${arch}-cross`})`
  }
}

/** The host's command line; the one place to adapt for another Bifrost's flags. */
export function hostArgs(host: string, appDir: string, port: number): string[] {
  return [host, '-app-dir', appDir, '-host', '127.0.0.1', '-port', String(port)]
}

export function configJson(plugins: readonly LoadPlugin[]): string {
  return JSON.stringify(
    {
      plugins: plugins.map(p => ({
        enabled: true,
        name: p.name,
        path: path.resolve(p.path),
        config: {}
      }))
    },
    null,
    2
  )
}
