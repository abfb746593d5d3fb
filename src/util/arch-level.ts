/**
 * The CPU level variable of each target (GOAMD64, GOARM64) and the value go uses when it is
 * not set. The build pins it for host and plugins; the plan and verify read a binary's build
 * info, which omits it when it was the default.
 */
import type { Arch } from '../lib/targets.js'

export type ArchLevelName = 'GOAMD64' | 'GOARM64'

export const ARCH_LEVEL_NAME: Record<Arch, ArchLevelName> = { amd64: 'GOAMD64', arm64: 'GOARM64' }

export const ARCH_LEVEL_DEFAULT: Record<ArchLevelName, string> = { GOAMD64: 'v1', GOARM64: 'v8.0' }

/** The level as go builds with it: the value set (or recorded), else go's default. */
export function archLevel(
  arch: Arch,
  vars: Readonly<Record<string, string | undefined>>
): { name: ArchLevelName; value: string } {
  const name = ARCH_LEVEL_NAME[arch]
  return { name, value: vars[name] ?? ARCH_LEVEL_DEFAULT[name] }
}
