/**
 * The targets this tool builds for and the libcs it links against: the names every stage
 * and library shares. This file imports nothing, so anything may read it.
 */
export type Mode = 'static' | 'dynamic'
export type Libc = 'glibc' | 'musl'
export type Arch = 'amd64' | 'arm64'
export interface Target {
  os: 'linux'
  arch: Arch
}
