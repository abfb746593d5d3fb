/** Stage 4: static checks (ELF, libc, glibc floor, Go build info) and the load test. Owner: verify. */
import type { Libc, Mode, Target, VerifyLevel, VerifyReport } from '../context.js'
import type { Reporter } from '../report.js'

export interface VerifyInput {
  host: string
  plugins: { name: string; path: string }[]
  mode: Mode
  libc: Libc
  target: Target
  level: VerifyLevel
  timeoutSec: number
  glibcMax?: string
  /** The `go` used to read build info (`go version -m -json`). */
  goBin: string
  goEnv: Record<string, string>
  /** Root for qemu-user `-L` when the target is another arch. */
  sysroot?: string
  reporter: Reporter
  signal: AbortSignal
}

export async function verify(_input: VerifyInput): Promise<VerifyReport> {
  throw new Error('not implemented')
}
