/** Stage 1: find or install the exact Go release. Owner: toolchain. */
import type { RawInputs } from '../inputs.js'
import type { Reporter } from '../report.js'
import type { Arch, Toolchain, ToolchainRequest } from '../context.js'

export interface ToolchainEnv {
  workspace: string
  env: NodeJS.ProcessEnv
  hostArch: Arch
}

/** Reads go-version / go-version-file / go-download-* / token from the inputs (reads the version file). */
export function toolchainRequest(_raw: RawInputs, _opts: ToolchainEnv): ToolchainRequest {
  throw new Error('not implemented')
}

/** Turns the request into one exact version (`1.26.1`); `1.26.x` consults the download index. */
export async function resolveGoVersion(
  _req: ToolchainRequest,
  _reporter: Reporter
): Promise<string> {
  throw new Error('not implemented')
}

/** Finds the version in the tool cache or installs it; exports GOROOT, PATH, GOTOOLCHAIN=local, ... */
export async function setupGo(
  _req: ToolchainRequest,
  _version: string,
  _reporter: Reporter,
  _signal?: AbortSignal
): Promise<Toolchain> {
  throw new Error('not implemented')
}
