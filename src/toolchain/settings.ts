/**
 * The Go settings that shape the build, as the go command itself sees them: `go env -json`
 * reads the environment, the GOENV file (`go env -w`) and Go's defaults. A setting from the
 * GOENV file is invisible in the environment, yet `go env -w GOFLAGS=-toolexec=<program>` runs
 * that program on every compile. Each setting that differs from Go's default is recorded
 * (plan log, BUILD.md, manifest.json); those that run a program are refused, as the `ldflags`
 * input refuses `-toolexec` and `-extld`; those that loosen cgo's flag checks, or name another
 * archiver or compiler, are warned about.
 */
import type { GoSetting } from '../context.js'
import { BuildError } from '../errors.js'
import { run } from '../proc.js'
import { redactCredentials } from '../net/http.js'

/** Settings that change what is built or where its inputs come from. */
export const BUILD_SETTINGS = [
  'GOFLAGS',
  'GOEXPERIMENT',
  'GOAMD64',
  'GOARM64',
  'GOFIPS140',
  'CGO_CFLAGS',
  'CGO_CPPFLAGS',
  'CGO_CXXFLAGS',
  'CGO_FFLAGS',
  'CGO_LDFLAGS',
  'CGO_CFLAGS_ALLOW',
  'CGO_CFLAGS_DISALLOW',
  'CGO_CPPFLAGS_ALLOW',
  'CGO_CPPFLAGS_DISALLOW',
  'CGO_CXXFLAGS_ALLOW',
  'CGO_CXXFLAGS_DISALLOW',
  'CGO_FFLAGS_ALLOW',
  'CGO_FFLAGS_DISALLOW',
  'CGO_LDFLAGS_ALLOW',
  'CGO_LDFLAGS_DISALLOW',
  'AR',
  'CXX',
  'FC',
  'PKG_CONFIG',
  'GOPROXY',
  'GONOPROXY',
  'GOSUMDB',
  'GONOSUMDB',
  'GOPRIVATE',
  'GOINSECURE',
  'GOVCS'
] as const

export type { GoSetting } from '../context.js'

export interface GoSettings {
  settings: GoSetting[]
  warnings: string[]
}

/** GOFLAGS words that make go run another program. */
const GOFLAGS_RUNS =
  /^--?(toolexec|exec|vettool|compiler)(=|$)|-extld|-wrapper|-fuse-ld=|(^|[\s,'"=])-B/
/** C compiler and linker flags that make the compiler run another program. */
const CFLAGS_RUNS =
  /^(-B|-fuse-ld=.*\/|--ld-path|-wrapper|-fplugin|-specs|-Wl,-plugin|-Wl,--plugin|-iplugindir|-fplugin-arg)|^-Wl,.*(-plugin|--dynamic-linker)/
const PROGRAM_SETTINGS = new Set(['AR', 'CXX', 'FC', 'PKG_CONFIG'])

const words = (v: string) => v.split(/\s+/).filter(Boolean)

/** Why a setting runs a program, or undefined. Pure: for the tests and the step. */
export function runsProgram(name: string, value: string): string | undefined {
  if (name === 'GOFLAGS') {
    const w = words(value).find(x => GOFLAGS_RUNS.test(x))
    return w ? `${JSON.stringify(w)} makes go run another program` : undefined
  }
  if (/^CGO_[A-Z]+FLAGS$/.test(name)) {
    const w = words(value).find(x => CFLAGS_RUNS.test(x))
    return w ? `${JSON.stringify(w)} makes the C compiler run another program` : undefined
  }
  return undefined
}

/** The effective value of every build setting, from `go env -json` run with `env`. */
async function goEnvJson(
  goBin: string,
  env: NodeJS.ProcessEnv,
  signal?: AbortSignal
): Promise<Record<string, string>> {
  const r = await run(goBin, ['env', '-json', ...BUILD_SETTINGS, 'GOENV'], {
    env,
    signal,
    timeoutMs: 60_000
  })
  if (r.code !== 0)
    throw new BuildError(
      `go env -json failed: ${r.stderr.trim().split('\n').slice(-3).join('; ')}`,
      {
        fix: 'fix the Go settings it names (environment, or the GOENV file written by go env -w)'
      }
    )
  return JSON.parse(r.stdout) as Record<string, string>
}

/**
 * The settings that differ from Go's defaults (`go env -json` once as the build runs it, once
 * with GOENV=off and none of these variables set), each with where it came from. Throws for
 * a setting that runs a program.
 */
export async function readGoSettings(
  goBin: string,
  env: NodeJS.ProcessEnv,
  opts: {
    /** Variables this tool sets for every go call (already in each command's record). */
    ours?: Record<string, string>
    signal?: AbortSignal
  } = {}
): Promise<GoSettings> {
  const { signal } = opts
  const ours = opts.ours ?? {}
  const clean: NodeJS.ProcessEnv = { ...env, GOENV: 'off' }
  for (const k of BUILD_SETTINGS) delete clean[k]
  const [effective, defaults] = await Promise.all([
    goEnvJson(goBin, env, signal),
    goEnvJson(goBin, clean, signal)
  ])
  const goenvFile = effective.GOENV && effective.GOENV !== 'off' ? effective.GOENV : ''
  const settings: GoSetting[] = []
  const warnings: string[] = []
  for (const name of BUILD_SETTINGS) {
    if (name in ours) continue
    const value = effective[name] ?? ''
    if (value === (defaults[name] ?? '')) continue
    const from =
      env[name] !== undefined ? 'environment' : goenvFile ? `GOENV file ${goenvFile}` : 'go env'
    const runs = runsProgram(name, value)
    if (runs)
      throw new BuildError(
        `the Go setting ${name}=${redactCredentials(value)} (from the ${from}) is refused: ${runs} on every build step`,
        {
          fix:
            from === 'environment'
              ? `unset ${name} (or remove that flag) for this step`
              : `remove it with go env -u ${name} (it is in ${goenvFile || 'the GOENV file'}), or set GOENV=off for this step`
        }
      )
    if (/_ALLOW$/.test(name))
      warnings.push(
        `${name}=${value} (from the ${from}) lets #cgo directives in the sources pass compiler or linker flags go refuses by default; a flag that loads a plugin or wrapper would run a program`
      )
    else if (PROGRAM_SETTINGS.has(name))
      warnings.push(
        `${name}=${value} (from the ${from}) names the program go runs as ${name} for cgo packages instead of ${defaults[name] || 'the default'}`
      )
    settings.push({ name, value: redactCredentials(value), from })
  }
  return { settings, warnings }
}
