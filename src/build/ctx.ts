/** What every part of the build stage is handed: the input, and the state one run builds up. */
import type { CommandRecord, OutsideReplace, Plan, Toolchain } from '../context.js'
import type { Reporter } from '../report.js'

/**
 * `host-first`: the host, then the plugins; `concurrent`: the plugins start alongside the host.
 * On 2 cores host-first measured faster on the real Bifrost 1.5.1 (build stage, median of 3
 * rotated cold rounds: 150 s against 160 s; v1.4.19 earlier: concurrent 1.21x and 0.95x), as
 * the host's go build alone keeps both cores busy. With more cores the plugin's compile (the
 * runtime and its dependencies in plugin mode, about a minute) can use the cores the host's
 * build leaves idle, so concurrent stays the default there (not measured on this 2-core
 * machine). Env BIFROST_BUILD_ORDER overrides; docs/performance.md has the figures.
 */
export type BuildOrder = 'host-first' | 'concurrent'

export function defaultOrder(cores: number): BuildOrder {
  return cores <= 2 ? 'host-first' : 'concurrent'
}

export interface BuildInput {
  plan: Plan
  toolchain: Toolchain
  reporter: Reporter
  signal: AbortSignal
  /** Write binaries here; packaging moves them to output-dir once verified. */
  stagingDir: string
  /** The environment go inherits (default process.env); the toolchain's and ours go on top. */
  env?: NodeJS.ProcessEnv
  /** Default: env BIFROST_BUILD_ORDER, else defaultOrder of this machine's cores. */
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
