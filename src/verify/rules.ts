/**
 * The verify rules as pure functions over facts already read (ELF facts, Go build info): no
 * files, no processes, so each rule is unit-tested on plain objects. This file runs them in
 * report order; the rules live by subject in rules-elf.ts (class, machine, type, linkage,
 * libc), rules-glibc.ts (the glibc floor), rules-buildinfo.ts (Go settings) and
 * rules-modules.ts (shared modules). Every failing check says what differs, both values and
 * the loader error it would cause, and carries the fix in its own field (see rule.ts).
 */
import type { CheckResult } from '../context.js'
import type { VerifiedFile } from '../lib/binary.js'
import type { Expectations } from './rule.js'
import { elfChecks, hostLinkageChecks, pluginLinkChecks } from './rules-elf.js'
import { glibcFloorCheck } from './rules-glibc.js'
import { hostBuildInfoChecks, pluginBuildInfoChecks } from './rules-buildinfo.js'

/** All static checks over already-read facts, in report order. */
export function staticChecks(
  host: VerifiedFile,
  plugins: readonly VerifiedFile[],
  exp: Expectations
): {
  checks: CheckResult[]
  glibcFloor?: string
  perFileFloor: Record<string, string | undefined>
} {
  const checks: CheckResult[] = []
  checks.push(...elfChecks(host, exp))
  checks.push(...hostLinkageChecks(host, exp, plugins.length))
  checks.push(...hostBuildInfoChecks(host, exp))
  for (const p of plugins) {
    const elf = elfChecks(p, exp)
    const machineFailed = elf.some(c => c.id === 'elf.machine' && c.status === 'fail')
    checks.push(...elf)
    // A plugin for the wrong machine is one problem, not two lines.
    checks.push(
      ...pluginLinkChecks(host, p, exp).filter(c => !(machineFailed && c.id === 'plugin.machine'))
    )
    checks.push(...pluginBuildInfoChecks(host, p))
  }
  const floor = glibcFloorCheck([host, ...plugins], exp.glibcMax)
  checks.push(floor.check)
  return { checks, glibcFloor: floor.floor, perFileFloor: floor.perFile }
}
