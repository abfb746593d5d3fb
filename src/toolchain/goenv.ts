/** The environment every later `go` call runs with, and what the action exports. */
import os from 'node:os'
import path from 'node:path'

/**
 * GOTOOLCHAIN=local: a go.mod asking for a newer Go must fail the build (the plan says so),
 * never silently download another toolchain whose plugins would not load into this host.
 * GOPATH, GOMODCACHE and GOCACHE keep the user's values; otherwise the go command's defaults,
 * spelled out so the cache stage saves the same directories the build used.
 */
export function goEnvironment(goroot: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const home = env.HOME || os.homedir()
  const gopath = env.GOPATH || path.join(home, 'go')
  const firstGopath = gopath.split(path.delimiter)[0]
  const userCache = env.XDG_CACHE_HOME || path.join(home, '.cache')
  const bin = path.join(goroot, 'bin')
  const rest = (env.PATH ?? '').split(path.delimiter).filter(p => p && p !== bin)
  return {
    GOROOT: goroot,
    PATH: [bin, ...rest].join(path.delimiter),
    GOTOOLCHAIN: 'local',
    GOPATH: gopath,
    GOMODCACHE: env.GOMODCACHE || path.join(firstGopath, 'pkg', 'mod'),
    GOCACHE: env.GOCACHE || path.join(userCache, 'go-build')
  }
}

/** `go version` prints `go version go1.26.1 linux/amd64`. */
export function parseGoVersionOutput(
  out: string
): { version: string; os: string; arch: string } | undefined {
  const m = /go version go(\S+) (\w+)\/(\w+)/.exec(out)
  return m ? { version: m[1], os: m[2], arch: m[3] } : undefined
}
