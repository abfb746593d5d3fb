/**
 * The Go build-info rules: the settings the host itself needs to load plugins at all, and
 * those a plugin must share with its host (Go version, target, CPU level, -trimpath, tags,
 * flags) or have on its own (cgo, -buildmode=plugin), as one table in report order; the
 * shared modules are judged in rules-modules.ts. Pure functions over build info already read.
 */
import type { Arch, CheckResult } from '../context.js'
import { ARCH_LEVEL_DEFAULT, ARCH_LEVEL_NAME, type ArchLevelName } from '../util/arch-level.js'
import type { BuildInfo, VerifiedFile } from '../lib/binary.js'
import { TARGETS } from '../lib/targets.js'
import { fail, fileName, pass, trimpathOf, type Expectations } from './rule.js'
import { moduleChecks, sharedModules } from './rules-modules.js'

function tagsOf(settings: Record<string, string>): string[] {
  return (settings['-tags'] ?? '')
    .split(/[,\s]+/)
    .filter(Boolean)
    .sort()
}

/** A file whose build info could not be read: why, what that means, and the fix. */
function noBuildInfo(f: VerifiedFile, meaning: string, fix: string): CheckResult {
  const why = f.buildInfoError ?? 'unknown reason'
  return fail('buildinfo.read', fileName(f), `no Go build info (${why}): ${meaning}`, fix)
}

/** Build settings the host itself must have to load plugins at all. */
export function hostBuildInfoChecks(host: VerifiedFile, exp: Expectations): CheckResult[] {
  const s = fileName(host)
  if (!host.buildInfo)
    return [
      noBuildInfo(
        host,
        'not a Go binary, or built without module support',
        'pass the bifrost-http built by go build'
      )
    ]
  const bi = host.buildInfo.settings
  const out: CheckResult[] = [
    pass('buildinfo.read', s, `${host.buildInfo.goVersion}, ${host.buildInfo.path}`)
  ]
  const goos = bi.GOOS ?? ''
  const goarch = bi.GOARCH ?? ''
  out.push(
    goos === 'linux' && goarch === exp.target.arch
      ? pass('buildinfo.target', s, `GOOS/GOARCH ${goos}/${goarch}`)
      : fail(
          'buildinfo.target',
          s,
          `built for ${goos}/${goarch}, target is linux/${exp.target.arch}`,
          `build with GOOS=linux GOARCH=${exp.target.arch}`
        )
  )
  if (exp.mode === 'dynamic') {
    out.push(
      bi.CGO_ENABLED === '1'
        ? pass('buildinfo.cgo', s, 'CGO_ENABLED=1')
        : fail(
            'buildinfo.cgo',
            s,
            `host built with CGO_ENABLED=${bi.CGO_ENABLED ?? '(unset)'}: plugin.Open fails with "plugin: not implemented"`,
            `build with CGO_ENABLED=1 and a C compiler`
          )
    )
    const mode = bi['-buildmode'] ?? 'exe'
    out.push(
      mode === 'exe' || mode === 'pie'
        ? pass('buildinfo.buildmode', s, `-buildmode=${mode}`)
        : fail(
            'buildinfo.buildmode',
            s,
            `host built with -buildmode=${mode}: it is not a program that can load plugins`,
            `build bifrost-http with the default -buildmode`
          )
    )
  }
  return out
}

/** One side's value of a setting as build info records it (undefined: not recorded). */
type Value = string | undefined

interface Pair {
  host: Value
  plugin: Value
}

/** A setting host and plugin must share: the check passes when both values are equal. */
interface SharedSetting {
  kind: 'shared'
  id: string
  /** Undefined when the setting does not apply to this pair (e.g. GOAMD64 on arm64). */
  values(h: BuildInfo, p: BuildInfo): Pair | undefined
  /** The setting as the failure names it. */
  setting: string | ((h: BuildInfo, p: BuildInfo) => string)
  pass(host: Value): string
  /** What happens at load time; `firstPkg` is a package both link. */
  effect(pair: Pair, firstPkg: string): string
  fix(host: Value): string
}

/** A setting the plugin must have whatever the host has. */
interface PluginSetting {
  kind: 'plugin'
  id: string
  ok(ps: Record<string, string>): boolean
  pass: string
  fail(ps: Record<string, string>): string
  fix: string
}

const levelOf = (bi: BuildInfo, name: ArchLevelName): string =>
  bi.settings[name] ?? ARCH_LEVEL_DEFAULT[name]
const tagList = (bi: BuildInfo) => `[${tagsOf(bi.settings).join(',')}]`
/** Settings that change how the runtime and every shared package compile. */
const FLAG_KEYS = ['GOEXPERIMENT', '-race', '-msan', '-asan', '-gcflags', '-asmflags']
const flagDiffs = (h: BuildInfo, p: BuildInfo) =>
  FLAG_KEYS.filter(k => (h.settings[k] ?? '') !== (p.settings[k] ?? ''))
const flagValues = (bi: BuildInfo, keys: string[]) =>
  keys.map(k => `${k}=${bi.settings[k] ?? ''}`).join(' ')

const targetSetting = (key: 'GOOS' | 'GOARCH'): SharedSetting => ({
  kind: 'shared',
  id: `buildinfo.${key.toLowerCase()}`,
  values: (h, p) => ({ host: h.settings[key], plugin: p.settings[key] }),
  setting: key,
  pass: hv => `${key} ${hv}`,
  effect: () =>
    `the loader cannot open it ("cannot open shared object file", or "plugin was built with a different version of package internal/cpu")`,
  fix: hv => `build the plugin with ${key}=${hv}`
})

const levelSetting = (arch: Arch): SharedSetting => {
  const name = ARCH_LEVEL_NAME[arch]
  return {
    kind: 'shared',
    id: `buildinfo.${name.toLowerCase()}`,
    values: (h, p) =>
      h.settings.GOARCH === arch ? { host: levelOf(h, name), plugin: levelOf(p, name) } : undefined,
    setting: name,
    pass: hv => `${name} ${hv}`,
    effect: ({ plugin }) =>
      `the loader does not check this, but code compiled for ${plugin} may die with SIGILL on CPUs the host supports, and any package whose code differs fails with "plugin was built with a different version of package ..."`,
    fix: hv => `build both with the same ${name} (${hv})`
  }
}

/**
 * What the Go plugin loader needs of a plugin's build settings, in report order: the settings
 * it must share with the host, and those it must have on its own. docs/checks.md lists them.
 */
const PLUGIN_SETTINGS: readonly (SharedSetting | PluginSetting)[] = [
  {
    kind: 'shared',
    id: 'buildinfo.go-version',
    values: (h, p) => ({ host: h.goVersion, plugin: p.goVersion }),
    setting: 'Go version',
    pass: hv => `same Go ${hv}`,
    effect: () =>
      `loading crashes the host with "fatal error: runtime: no plugin module data" or fails with "plugin was built with a different version of package runtime/internal/sys"`,
    fix: hv => `build the plugin with ${hv} (go-version: ${hv?.replace(/^go/, '')})`
  },
  targetSetting('GOOS'),
  targetSetting('GOARCH'),
  ...TARGETS.map(t => levelSetting(t.arch)),
  {
    kind: 'shared',
    id: 'buildinfo.trimpath',
    values: (h, p) => ({
      host: String(trimpathOf(h.settings)),
      plugin: String(trimpathOf(p.settings))
    }),
    setting: '-trimpath',
    pass: hv => `-trimpath ${hv}`,
    effect: (_, firstPkg) =>
      `every package compiles with other file paths, so loading fails with "plugin was built with a different version of package ${firstPkg}"`,
    fix: hv => `build both ${hv === 'true' ? 'with' : 'without'} -trimpath (trimpath: ${hv})`
  },
  {
    kind: 'plugin',
    id: 'buildinfo.cgo',
    ok: ps => ps.CGO_ENABLED === '1',
    pass: 'CGO_ENABLED=1',
    fail: ps =>
      `plugin built with CGO_ENABLED=${ps.CGO_ENABLED ?? '(unset)'}: -buildmode=plugin needs cgo`,
    fix: "build with CGO_ENABLED=1 and the host's C compiler"
  },
  {
    kind: 'plugin',
    id: 'buildinfo.buildmode',
    ok: ps => ps['-buildmode'] === 'plugin',
    pass: '-buildmode=plugin',
    fail: ps =>
      `built with -buildmode=${ps['-buildmode'] ?? 'exe'}, not plugin: plugin.Open fails ("cannot dynamically load executable" or "plugin was built with a different version of package ...")`,
    fix: 'go build -buildmode=plugin'
  },
  {
    kind: 'shared',
    id: 'buildinfo.tags',
    values: (h, p) => ({ host: tagList(h), plugin: tagList(p) }),
    setting: 'build tags',
    pass: hv => `tags ${hv}`,
    effect: (_, firstPkg) =>
      `any shared package whose files depend on these tags is compiled differently, and loading then fails with "plugin was built with a different version of package ${firstPkg}" (or another such package)`,
    fix: () => `build both with the same tags`
  },
  {
    kind: 'shared',
    id: 'buildinfo.flags',
    values: (h, p) => {
      const keys = flagDiffs(h, p)
      return { host: flagValues(h, keys), plugin: flagValues(p, keys) }
    },
    setting: (h, p) => flagDiffs(h, p).join(', '),
    pass: () => 'same GOEXPERIMENT, -race/-msan/-asan, -gcflags',
    effect: () =>
      `the runtime and shared packages compile differently: "plugin was built with a different version of package runtime/..."`,
    fix: () => `build both with the same flags`
  }
]

/**
 * Host against one plugin: the same Go, target, flags, and every shared module at the same
 * version, sum and replacement. One failing check per difference.
 */
export function pluginBuildInfoChecks(host: VerifiedFile, plugin: VerifiedFile): CheckResult[] {
  const s = fileName(plugin)
  if (!plugin.buildInfo)
    return [noBuildInfo(plugin, 'not a Go plugin', 'build it with go build -buildmode=plugin')]
  if (!host.buildInfo) return [] // the host's own check already failed
  const h = host.buildInfo
  const p = plugin.buildInfo
  const shared = sharedModules(h, p)
  const firstPkg = shared.length ? shared[0].host.path : 'runtime/internal/sys'
  const out: CheckResult[] = []
  for (const rule of PLUGIN_SETTINGS) {
    if (rule.kind === 'plugin') {
      out.push(
        rule.ok(p.settings)
          ? pass(rule.id, s, rule.pass)
          : fail(rule.id, s, rule.fail(p.settings), rule.fix)
      )
      continue
    }
    const pair = rule.values(h, p)
    if (!pair) continue
    if (pair.host === pair.plugin) {
      out.push(pass(rule.id, s, rule.pass(pair.host)))
      continue
    }
    const setting = typeof rule.setting === 'string' ? rule.setting : rule.setting(h, p)
    out.push(
      fail(
        rule.id,
        s,
        `${setting} differs: host ${pair.host ?? '(unset)'}, plugin ${pair.plugin ?? '(unset)'}: ${rule.effect(pair, firstPkg)}`,
        rule.fix(pair.host)
      )
    )
  }
  out.push(...moduleChecks(h, p, s, { host: host.moduleDir, plugin: plugin.moduleDir }))
  return out
}
