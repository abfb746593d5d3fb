/**
 * A binary as the readers return it: its Go build info (the fields of `go version -m -json`)
 * and, for verify, its ELF facts beside it.
 */
import type { ElfInfo } from './elf.js'

export interface GoModule {
  path: string
  version: string
  sum?: string
  replace?: { path: string; version?: string; sum?: string }
}

export interface BuildInfo {
  goVersion: string
  path: string
  main?: GoModule
  deps: GoModule[]
  settings: Record<string, string>
}

export interface VerifiedFile {
  name: string
  kind: 'host' | 'plugin'
  elf: ElfInfo
  buildInfo?: BuildInfo
  /** Why build info could not be read (not a Go binary, `go` failed). */
  buildInfoError?: string
  /**
   * The directory its relative `replace` paths resolve from (its main module's root, or the
   * go.work directory), known in a build run; verify-only does not know it.
   */
  moduleDir?: string
}
