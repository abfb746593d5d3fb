/**
 * The glibc floor: the newest GLIBC_x.y symbol version any file needs is the oldest glibc the
 * build runs on, and past glibc-max it is an error. Separate from the per-file ELF rules
 * because it is one verdict over all files together.
 */
import type { CheckResult } from '../context.js'
import type { VerifiedFile } from '../lib/binary.js'
import { compareVersions, glibcFloor } from '../lib/elf.js'
import { fail, fileName, pass } from './rule.js'

/** The newest GLIBC_x.y over every file; an error past glibc-max. */
export function glibcFloorCheck(
  files: readonly VerifiedFile[],
  glibcMax?: string
): { floor?: string; check: CheckResult; perFile: Record<string, string | undefined> } {
  const perFile: Record<string, string | undefined> = {}
  let floor: string | undefined
  let worst = ''
  for (const f of files) {
    const v = glibcFloor(f.elf.versionNeeds)
    perFile[f.name] = v
    if (v && (floor === undefined || compareVersions(v, floor) > 0)) {
      floor = v
      worst = fileName(f)
    }
  }
  if (!floor)
    return {
      perFile,
      check: pass('glibc.floor', 'all', 'no GLIBC_ version needs (musl or static)')
    }
  if (glibcMax && compareVersions(floor, glibcMax) > 0)
    return {
      floor,
      perFile,
      check: fail(
        'glibc.floor',
        'all',
        `${worst} needs GLIBC_${floor}, newer than glibc-max ${glibcMax}: on such a system it fails with "version \`GLIBC_${floor}' not found"`,
        `build on (or with a sysroot of) glibc ${glibcMax}, or raise glibc-max`
      )
    }
  return {
    floor,
    perFile,
    check: pass(
      'glibc.floor',
      'all',
      `needs glibc >= ${floor} (newest GLIBC_${floor}, from ${worst})${glibcMax ? `, within glibc-max ${glibcMax}` : ''}`
    )
  }
}
