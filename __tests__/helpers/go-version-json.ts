/**
 * `go version -m -json` output as the verify BuildInfo: the reference the TypeScript reader
 * (src/lib/buildinfo.ts) is compared with, field by field.
 */
import type { BuildInfo, GoModule } from '../../src/lib/binary.js'

/** Parses the output of `go version -m -json <one file>`. */
export function parseBuildInfo(json: string): BuildInfo {
  const raw = JSON.parse(json) as {
    GoVersion?: string
    Path?: string
    Main?: RawModule
    Deps?: RawModule[]
    Settings?: { Key: string; Value?: string }[]
  }
  if (!raw || typeof raw.GoVersion !== 'string') throw new Error('no GoVersion in build info')
  const settings: Record<string, string> = {}
  for (const s of raw.Settings ?? []) settings[s.Key] = s.Value ?? ''
  return {
    goVersion: raw.GoVersion,
    path: raw.Path ?? '',
    main: raw.Main?.Path ? toModule(raw.Main) : undefined,
    deps: (raw.Deps ?? []).filter(d => d?.Path).map(toModule),
    settings
  }
}

interface RawModule {
  Path?: string
  Version?: string
  Sum?: string
  Replace?: RawModule
}

function toModule(m: RawModule): GoModule {
  const out: GoModule = { path: m.Path ?? '', version: m.Version ?? '' }
  if (m.Sum) out.sum = m.Sum
  if (m.Replace?.Path)
    out.replace = { path: m.Replace.Path, version: m.Replace.Version, sum: m.Replace.Sum }
  return out
}
