/** Inputs of `verify-only` / `bifrost-build verify`: files built elsewhere. Owner: verify. */
import type { RawInputs } from '../inputs.js'
import type { Arch } from '../context.js'
import type { VerifyInput } from './index.js'

export type VerifyOnlyInput = Omit<VerifyInput, 'goBin' | 'goEnv' | 'reporter' | 'signal'>

export function verifyOnlyInput(
  _raw: RawInputs,
  _opts: { workspace: string; hostArch: Arch }
): VerifyOnlyInput {
  throw new Error('not implemented')
}
