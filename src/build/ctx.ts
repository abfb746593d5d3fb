/** What every part of the build stage is handed: the input, and the state one run builds up. */
import type { CommandRecord, OutsideReplace, Plan, Toolchain } from '../context.js'
import type { Reporter } from '../report.js'

/**
 * `concurrent` (the default): the plugins start alongside the host. Host and plugin builds
 * share nothing in GOCACHE (plugin mode compiles every package with other flags), so neither
 * waits for the other's cache, and each build's link step leaves a core the other can use.
 * `host-first`: the host, then the plugins. Env BIFROST_BUILD_ORDER overrides; the figures are
 * in docs/performance.md (Plugins and concurrency).
 */
export type BuildOrder = 'host-first' | 'concurrent'
export const DEFAULT_ORDER: BuildOrder = 'concurrent'

export interface BuildInput {
  plan: Plan
  toolchain: Toolchain
  reporter: Reporter
  signal: AbortSignal
  /** Write binaries here; packaging moves them to output-dir once verified. */
  stagingDir: string
  /** The environment go inherits (default process.env); the toolchain's and ours go on top. */
  env?: NodeJS.ProcessEnv
  /** Default: env BIFROST_BUILD_ORDER, else DEFAULT_ORDER. */
  order?: BuildOrder
  /** Called with every command as it starts (tests, timing). */
  onCommand?: (c: CommandRecord) => void
}

export interface Ctx extends BuildInput {
  baseEnv: NodeJS.ProcessEnv
  /** The preparation commands run so far (module download, alignment, UI), for BUILD.md. */
  commands: CommandRecord[]
  /** GOWORK for every go command: our temp go.work with go-work: local. */
  goWork?: string
  /** Directory replaces outside the workspace seen so far, by `module dir`. */
  outside?: Map<string, OutsideReplace>
  /** Our own temp dir (a downloaded Bifrost lives there): not "outside". */
  work?: string
}
