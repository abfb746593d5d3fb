/**
 * `bifrost-build doctor`: what this machine has for each target (C compiler per libc and
 * arch, qemu-user for load-testing the other arch, unshare for the load test's private
 * network) and the apt packages that would add the rest. Reads PATH only; runs nothing.
 */
import type { Arch, Libc } from '../context.js'
import { LIBCS, TARGETS } from '../lib/targets.js'
import { compilerCandidates } from '../plan/compiler.js'
import { whichOnPath } from '../util/which.js'

export interface DoctorTarget {
  target: string
  libc: Libc
  compiler?: string
  /** The package that provides the compiler, when it is missing. */
  package?: string
  /** How the load test runs: natively, under qemu (found or not). */
  load: 'native' | 'qemu' | 'missing qemu-user'
}

export interface DoctorReport {
  machine: string
  targets: DoctorTarget[]
  unshare?: string
  missing: string[]
  /** The command that installs every missing package (Debian/Ubuntu). */
  install?: string
}

/** Pure over `which`: the same PATH gives the same report. */
export function doctorReport(
  hostArch: Arch,
  which: (cmd: string) => string | undefined
): DoctorReport {
  const targets: DoctorTarget[] = []
  const missing = new Set<string>()
  for (const { arch, qemu: qemuName } of TARGETS) {
    for (const libc of LIBCS) {
      const c = compilerCandidates(libc, arch, hostArch)
      const found = c.commands.map(which).find(Boolean)
      const qemu = arch === hostArch ? 'native' : which(qemuName) ? 'qemu' : 'missing qemu-user'
      if (!found) missing.add(c.package)
      if (qemu === 'missing qemu-user') missing.add('qemu-user')
      targets.push({
        target: `linux/${arch}`,
        libc,
        ...(found ? { compiler: found } : { package: c.package }),
        load: qemu
      })
    }
  }
  const unshare = which('unshare')
  if (!unshare) missing.add('util-linux')
  const list = [...missing]
  // Packages of a foreign architecture need that architecture added first.
  const foreign = list
    .map(p => TARGETS.find(t => p.includes(`:${t.arch}`))?.arch)
    .filter(a => a !== undefined)
  const plain = list.map(p => p.replace(/ \(.*$/, '').replace(/ and /g, ' '))
  const install = list.length
    ? [
        ...[...new Set(foreign)].map(a => `sudo dpkg --add-architecture ${a}`),
        'sudo apt-get update',
        `sudo apt-get install -y ${[...new Set(plain.join(' ').split(' '))].join(' ')}`
      ].join(' && ')
    : undefined
  return {
    machine: `linux/${hostArch}`,
    targets,
    ...(unshare ? { unshare } : {}),
    missing: list,
    ...(install ? { install } : {})
  }
}

export async function doctor(): Promise<DoctorReport> {
  const { machineArch } = await import('../platform.js')
  return doctorReport(machineArch(), whichOnPath(process.env))
}

export function doctorText(d: DoctorReport): string {
  const rows = [
    ['target', 'libc', 'C compiler', 'load test'],
    ...d.targets.map(t => [
      t.target,
      t.libc,
      t.compiler ?? `missing (apt: ${t.package?.replace(/ \(.*$/, '')})`,
      t.load === 'native'
        ? 'native'
        : t.load === 'qemu'
          ? 'under qemu-user'
          : 'no (qemu-user missing)'
    ])
  ]
  // Each column as wide as its longest cell plus two spaces: a long package name never runs
  // into the next column.
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)) + 2)
  const lines = [`This machine: ${d.machine}`, '']
  for (const r of rows)
    lines.push(r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join(''))
  lines.push(
    '',
    `unshare (private network for the load test): ${d.unshare ?? 'missing (apt: util-linux)'}`
  )
  lines.push(
    '',
    d.install
      ? `To add the rest (Debian/Ubuntu):\n  ${d.install}`
      : 'Everything is here: every target builds and load-tests on this machine.'
  )
  return lines.join('\n')
}
