/**
 * The CPU level variable of each target (GOAMD64, GOARM64) and the value go uses when it is
 * not set (rows of src/lib/targets.ts). The build pins it for host and plugins; the plan and
 * verify read a binary's build info, which omits it when it was the default.
 */
import { TARGETS, targetSpec, type Arch, type TargetSpec } from '../lib/targets.js'

export type ArchLevelName = TargetSpec['cpuLevel']['name']

export const ARCH_LEVEL_NAME = Object.fromEntries(
  TARGETS.map(t => [t.arch, t.cpuLevel.name])
) as Record<Arch, ArchLevelName>

export const ARCH_LEVEL_DEFAULT = Object.fromEntries(
  TARGETS.map(t => [t.cpuLevel.name, t.cpuLevel.default])
) as Record<ArchLevelName, string>

/** The level as go builds with it: the value set (or recorded), else go's default. */
export function archLevel(
  arch: Arch,
  vars: Readonly<Record<string, string | undefined>>
): { name: ArchLevelName; value: string } {
  const { name, default: value } = targetSpec(arch).cpuLevel
  return { name, value: vars[name] ?? value }
}
