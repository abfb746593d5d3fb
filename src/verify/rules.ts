/**
 * The verify rules as pure functions over facts already read (ELF facts, Go build info):
 * no files, no processes, so each rule is unit-tested on plain objects. Every failing check
 * says what differs, both values, the loader error it would cause and the fix; the loader
 * errors quoted here were measured with the fixture host (see docs/checks.md).
 */
import path from 'node:path'
import type { Arch, CheckResult, Libc, Mode, Target } from '../context.js'
import { ARCH_LEVEL_DEFAULT, ARCH_LEVEL_NAME, type ArchLevelName } from '../util/arch-level.js'
import type { BuildInfo, GoModule, VerifiedFile } from '../lib/binary.js'
import { TARGETS, targetSpec } from '../lib/targets.js'
import { compareVersions, glibcFloor, libcFamily } from '../lib/elf.js'

export interface Expectations {
  mode: Mode
  libc: Libc
  target: Target
  glibcMax?: string
}

const ET_EXEC = 2
const ET_DYN = 3

export function expectedLoader(libc: Libc, arch: Arch): string {
  return targetSpec(arch).loaders[libc]
}

/**
 * DT_NEEDED names that mean "this libc". Alpine's toolchain writes `libc.musl-<arch>.so.1`;
 * Debian's musl-gcc writes plain `libc.so` (measured): both are musl.
 */
export function libcSonames(libc: Libc, arch: Arch): string[] {
  return libc === 'glibc' ? ['libc.so.6'] : targetSpec(arch).muslSonames
}

const pass = (id: string, subject: string, message: string): CheckResult => ({
  id,
  subject,
  status: 'pass',
  message
})
const fail = (id: string, subject: string, message: string): CheckResult => ({
  id,
  subject,
  status: 'fail',
  message
})

function fileName(f: VerifiedFile): string {
  return f.kind === 'plugin' && !f.name.endsWith('.so') ? `${f.name}.so` : f.name
}

/** Class, machine and type of one file against the target. */
export function elfChecks(f: VerifiedFile, exp: Expectations): CheckResult[] {
  const s = fileName(f)
  const out: CheckResult[] = []
  out.push(
    f.elf.elfClass === 64
      ? pass('elf.class', s, 'ELF64')
      : fail(
          'elf.class',
          s,
          `ELF${f.elf.elfClass}, but linux/${exp.target.arch} needs ELF64: dlopen fails with "wrong ELF class: ELFCLASS32". Fix: build for GOARCH=${exp.target.arch}`
        )
  )
  const arch = exp.target.arch
  out.push(
    f.elf.machineName === arch
      ? pass('elf.machine', s, `machine ${arch} = target`)
      : fail(
          'elf.machine',
          s,
          `machine is ${f.elf.machineName}, target is ${arch}: ` +
            (f.kind === 'host'
              ? `the binary does not run on linux/${arch} ("exec format error"). `
              : `dlopen fails with "cannot open shared object file: No such file or directory" (glibc's misleading text for a foreign machine; the dynamic-build guide quotes "plugin was built with a different version of package internal/cpu"). `) +
            `Fix: build with GOARCH=${arch} and a ${arch} C compiler`
        )
  )
  if (f.kind === 'plugin') {
    out.push(
      f.elf.type === ET_DYN && !f.elf.interp
        ? pass('elf.type', s, 'shared object (ET_DYN)')
        : fail(
            'elf.type',
            s,
            `${f.elf.type === ET_EXEC ? 'an executable (ET_EXEC)' : f.elf.interp ? 'a position-independent executable' : `ELF type ${f.elf.type}`}, not a shared object: plugin.Open fails with "cannot dynamically load executable". Fix: build the plugin with -buildmode=plugin`
          )
    )
  } else {
    out.push(
      f.elf.type === ET_EXEC || (f.elf.type === ET_DYN && (f.elf.pie || !!f.elf.interp))
        ? pass('elf.type', s, f.elf.type === ET_EXEC ? 'executable (ET_EXEC)' : 'PIE executable')
        : fail(
            'elf.type',
            s,
            `ELF type ${f.elf.type} is not an executable: the host must be the bifrost-http program. Fix: pass the bifrost-http binary as the host`
          )
    )
  }
  return out
}

/** Static/dynamic linkage of the host, and the libc its loader and DT_NEEDED name. */
export function hostLinkageChecks(
  host: VerifiedFile,
  exp: Expectations,
  pluginCount: number
): CheckResult[] {
  const s = fileName(host)
  const out: CheckResult[] = []
  const { arch } = exp.target
  if (exp.mode === 'static') {
    const problems: string[] = []
    if (host.elf.interp) problems.push(`PT_INTERP ${host.elf.interp}`)
    if (host.elf.needed.length) problems.push(`DT_NEEDED ${host.elf.needed.join(', ')}`)
    out.push(
      problems.length === 0
        ? pass('linkage.static', s, 'statically linked (no PT_INTERP, no DT_NEEDED)')
        : fail(
            'linkage.static',
            s,
            `mode static, but the host is dynamically linked (${problems.join('; ')}): it needs those libraries at run time ("error while loading shared libraries"). Fix: link with -extldflags '-static', or use mode: dynamic`
          )
    )
    if (pluginCount > 0)
      out.push(
        fail(
          'linkage.plugins',
          s,
          `a statically linked host cannot load plugins: loading crashes it with "fatal error: runtime: no plugin module data". Fix: build with mode: dynamic`
        )
      )
    return out
  }

  const loader = expectedLoader(exp.libc, arch)
  if (!host.elf.interp) {
    out.push(
      fail(
        'linkage.interp',
        s,
        `mode dynamic, but the host is statically linked (no PT_INTERP)${pluginCount ? ': loading a plugin crashes it with "fatal error: runtime: no plugin module data"' : ' and cannot load plugins'}. Fix: build without -extldflags '-static' (mode: dynamic)`
      )
    )
  } else if (host.elf.interp !== loader) {
    const other = libcFamilyOfLoader(host.elf.interp)
    out.push(
      fail(
        'linkage.interp',
        s,
        `loader is ${host.elf.interp}, expected ${loader} for ${exp.libc} on ${arch}${other && other !== exp.libc ? ` (the host was built against ${other})` : ''}: on a ${exp.libc} system it fails with "no such file or directory" before main. Fix: build with the ${exp.libc} C compiler, or set libc: ${other ?? exp.libc}`
      )
    )
  } else {
    out.push(pass('linkage.interp', s, `PT_INTERP ${loader}`))
  }

  if (host.elf.interp) {
    const wanted = libcSonames(exp.libc, arch)
    const found = host.elf.needed.find(n => wanted.includes(n))
    out.push(
      found
        ? pass('linkage.libc', s, `DT_NEEDED ${host.elf.needed.join(', ')}`)
        : fail(
            'linkage.libc',
            s,
            `DT_NEEDED is [${host.elf.needed.join(', ') || 'none'}], expected ${wanted.join(' or ')} for ${exp.libc}: "error while loading shared libraries: ${host.elf.needed[0] ?? wanted[0]}: cannot open shared object file" on a ${exp.libc} system. Fix: build with the ${exp.libc} C compiler`
          )
    )
  }
  return out
}

function libcFamilyOfLoader(interp: string): Libc | undefined {
  if (interp.includes('ld-musl-')) return 'musl'
  if (interp.includes('ld-linux')) return 'glibc'
  return undefined
}

/** A plugin against its host: same machine, same libc family. */
export function pluginLinkChecks(
  host: VerifiedFile,
  plugin: VerifiedFile,
  exp: Expectations
): CheckResult[] {
  const s = fileName(plugin)
  const out: CheckResult[] = []
  if (plugin.elf.machine !== host.elf.machine)
    out.push(
      fail(
        'plugin.machine',
        s,
        `plugin is ${plugin.elf.machineName}, host is ${host.elf.machineName}: plugin.Open fails with "cannot open shared object file: No such file or directory". Fix: build the plugin with GOARCH=${host.elf.machineName}`
      )
    )
  else out.push(pass('plugin.machine', s, `same machine as the host (${host.elf.machineName})`))

  const hostLibc = exp.mode === 'static' ? undefined : (libcFamily(host.elf) ?? exp.libc)
  const pluginLibc = libcFamily(plugin.elf)
  const want = hostLibc ?? exp.libc
  if (pluginLibc === want) out.push(pass('plugin.libc', s, `${pluginLibc}, like the host`))
  else if (pluginLibc === undefined)
    out.push(
      fail(
        'plugin.libc',
        s,
        `plugin links no libc (DT_NEEDED [${plugin.elf.needed.join(', ')}]); a Go plugin needs the host's ${want}. Fix: build it with CGO_ENABLED=1 and the ${want} C compiler`
      )
    )
  else
    out.push(
      fail(
        'plugin.libc',
        s,
        `plugin is linked against ${pluginLibc} (DT_NEEDED ${plugin.elf.needed.join(', ')}), the host against ${want}: ` +
          (want === 'glibc'
            ? plugin.elf.needed.includes('libc.so')
              ? `plugin.Open fails with "/lib/${targetSpec(exp.target.arch).multiarch}/libc.so: invalid ELF header" (its DT_NEEDED libc.so finds glibc's linker script)`
              : `plugin.Open fails with "${plugin.elf.needed.find(n => n.startsWith('libc.musl')) ?? targetSpec(exp.target.arch).muslSonames[0]}: cannot open shared object file"`
            : `it may even load (measured: it does), but two C libraries in one process corrupt memory and threads at run time`) +
          `. Fix: build the plugin with the ${want} C compiler (${want === 'musl' ? 'musl-gcc' : 'gcc'}), like the host`
      )
    )
  return out
}

/** The newest GLIBC_x.y over every file; an error past glibc-max. */
export function glibcFloorCheck(
  files: readonly VerifiedFile[],
  glibcMax?: string
): { floor?: string; check: CheckResult; perFile: Record<string, string | undefined> } {
  const perFile: Record<string, string | undefined> = {}
  let floor: string | undefined
  let worst = ''
  for (const f of files) {
    const v = glibcFloor(f.elf.versionNeeds)
    perFile[f.name] = v
    if (v && (floor === undefined || compareVersions(v, floor) > 0)) {
      floor = v
      worst = fileName(f)
    }
  }
  if (!floor)
    return {
      perFile,
      check: pass('glibc.floor', 'all', 'no GLIBC_ version needs (musl or static)')
    }
  if (glibcMax && compareVersions(floor, glibcMax) > 0)
    return {
      floor,
      perFile,
      check: fail(
        'glibc.floor',
        'all',
        `${worst} needs GLIBC_${floor}, newer than glibc-max ${glibcMax}: on such a system it fails with "version \`GLIBC_${floor}' not found". Fix: build on (or with a sysroot of) glibc ${glibcMax}, or raise glibc-max`
      )
    }
  return {
    floor,
    perFile,
    check: pass(
      'glibc.floor',
      'all',
      `needs glibc >= ${floor} (newest GLIBC_${floor}, from ${worst})${glibcMax ? `, within glibc-max ${glibcMax}` : ''}`
    )
  }
}

function tagsOf(settings: Record<string, string>): string[] {
  return (settings['-tags'] ?? '')
    .split(/[,\s]+/)
    .filter(Boolean)
    .sort()
}

const trimpathOf = (s: Record<string, string>) => s['-trimpath'] === 'true'

function describeModule(m: GoModule): string {
  const base = `${m.version || '(no version)'}${m.sum ? ` ${m.sum}` : ''}`
  if (!m.replace) return base
  const r = m.replace
  return `${base} => ${r.path}${r.version ? ` ${r.version}` : ''}${r.sum ? ` ${r.sum}` : ''}`
}

function sameModule(a: GoModule, b: GoModule): boolean {
  return describeModule(a) === describeModule(b)
}

/** Build settings the host itself must have to load plugins at all. */
export function hostBuildInfoChecks(host: VerifiedFile, exp: Expectations): CheckResult[] {
  const s = fileName(host)
  if (!host.buildInfo)
    return [
      fail(
        'buildinfo.read',
        s,
        `no Go build info (${host.buildInfoError ?? 'unknown reason'}): not a Go binary, or built without module support. Fix: pass the bifrost-http built by go build`
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
          `built for ${goos}/${goarch}, target is linux/${exp.target.arch}. Fix: build with GOOS=linux GOARCH=${exp.target.arch}`
        )
  )
  if (exp.mode === 'dynamic') {
    out.push(
      bi.CGO_ENABLED === '1'
        ? pass('buildinfo.cgo', s, 'CGO_ENABLED=1')
        : fail(
            'buildinfo.cgo',
            s,
            `host built with CGO_ENABLED=${bi.CGO_ENABLED ?? '(unset)'}: plugin.Open fails with "plugin: not implemented". Fix: build with CGO_ENABLED=1 and a C compiler`
          )
    )
    const mode = bi['-buildmode'] ?? 'exe'
    out.push(
      mode === 'exe' || mode === 'pie'
        ? pass('buildinfo.buildmode', s, `-buildmode=${mode}`)
        : fail(
            'buildinfo.buildmode',
            s,
            `host built with -buildmode=${mode}: it is not a program that can load plugins. Fix: build bifrost-http with the default -buildmode`
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
  /** The whole failure, with its fix. */
  fail(ps: Record<string, string>): string
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
      `plugin built with CGO_ENABLED=${ps.CGO_ENABLED ?? '(unset)'}: -buildmode=plugin needs cgo. Fix: build with CGO_ENABLED=1 and the host's C compiler`
  },
  {
    kind: 'plugin',
    id: 'buildinfo.buildmode',
    ok: ps => ps['-buildmode'] === 'plugin',
    pass: '-buildmode=plugin',
    fail: ps =>
      `built with -buildmode=${ps['-buildmode'] ?? 'exe'}, not plugin: plugin.Open fails ("cannot dynamically load executable" or "plugin was built with a different version of package ..."). Fix: go build -buildmode=plugin`
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
    return [
      fail(
        'buildinfo.read',
        s,
        `no Go build info (${plugin.buildInfoError ?? 'unknown reason'}): not a Go plugin. Fix: build it with go build -buildmode=plugin`
      )
    ]
  if (!host.buildInfo) return [] // the host's own check already failed
  const h = host.buildInfo
  const p = plugin.buildInfo
  const shared = sharedModules(h, p)
  const firstPkg = shared.length ? shared[0].host.path : 'runtime/internal/sys'
  const out: CheckResult[] = []
  for (const rule of PLUGIN_SETTINGS) {
    if (rule.kind === 'plugin') {
      out.push(
        rule.ok(p.settings) ? pass(rule.id, s, rule.pass) : fail(rule.id, s, rule.fail(p.settings))
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
        `${setting} differs: host ${pair.host ?? '(unset)'}, plugin ${pair.plugin ?? '(unset)'}: ${rule.effect(pair, firstPkg)}. Fix: ${rule.fix(pair.host)}`
      )
    )
  }
  out.push(...moduleChecks(h, p, s, { host: host.moduleDir, plugin: plugin.moduleDir }))
  return out
}

function sharedModules(h: BuildInfo, p: BuildInfo): { host: GoModule; plugin: GoModule }[] {
  const hostMods = new Map<string, GoModule>()
  for (const m of h.deps) hostMods.set(m.path, m)
  // The host's own main module (e.g. bifrost's transports) counts too when a plugin depends on it.
  if (h.main) hostMods.set(h.main.path, h.main)
  const out: { host: GoModule; plugin: GoModule }[] = []
  for (const m of p.deps) {
    const hm = hostMods.get(m.path)
    if (hm) out.push({ host: hm, plugin: m })
  }
  return out
}

/** `(devel)` or no version: a main or workspace module, built from a directory. */
const isDevel = (v: string | undefined) => !v || v === '(devel)'

/** The directory a module is replaced by (`=> ../core`), not another module version. */
function localReplace(m: GoModule): string | undefined {
  return m.replace && isDevel(m.replace.version) ? m.replace.path : undefined
}

/** A replacement directory made absolute from the side's own root; undefined when unknowable. */
function replaceDir(dir: string, root: string | undefined): string | undefined {
  if (path.isAbsolute(dir)) return path.normalize(dir)
  return root ? path.resolve(root, dir) : undefined
}

/** Where a module's source comes from, as the loader sees it: a version label and maybe a directory. */
function sourceOf(
  m: GoModule,
  root: string | undefined
): { label: string; dir?: string; local: boolean; workspace: boolean } {
  const local = localReplace(m)
  if (local !== undefined)
    return { label: m.version, dir: replaceDir(local, root), local: true, workspace: false }
  return {
    label: m.version || '(devel)',
    local: false,
    workspace: !m.replace && isDevel(m.version)
  }
}

/**
 * Every module host and plugin share, as the Go plugin loader judges it. A directory
 * replacement is resolved from each side's own root (`../core` from transports/ and
 * `../../../core` from examples/plugins/x/ are one directory: the same source). With
 * -trimpath every file is named `<module>@<version label>/...`, so the same source under two
 * labels (v1.4.15 and v0.0.0-00010101000000-000000000000, or a workspace's `(devel)`) still makes
 * "plugin was built with a different version of package"; without -trimpath files are named by
 * directory and the label does not matter. What cannot be known (verify-only has no roots) is a
 * warning: the load test decides.
 */
export function moduleChecks(
  h: BuildInfo,
  p: BuildInfo,
  subject: string,
  roots: { host?: string; plugin?: string } = {}
): CheckResult[] {
  const shared = sharedModules(h, p)
  const out: CheckResult[] = []
  const trimpath = trimpathOf(h.settings) && trimpathOf(p.settings)
  const warn = (message: string): CheckResult => ({
    id: 'buildinfo.module',
    subject,
    status: 'warn',
    message
  })
  const refused = (mod: string) =>
    `loading fails with "plugin was built with a different version of package ${mod}" (or another package of that module)`
  for (const { host, plugin } of shared) {
    if (
      sameModule(host, plugin) &&
      !(localReplace(host) !== undefined && roots.host && roots.plugin)
    )
      continue
    const hostIsMain = h.main?.path === host.path
    if (hostIsMain && isDevel(host.version)) {
      if (isDevel(plugin.version) && !plugin.replace) continue // one workspace, both (devel)
      out.push(
        warn(
          `module ${host.path}: the host is built from its checkout (${host.version || 'no version'}), the plugin requires ${describeModule(plugin)}: the versions cannot be compared; if the source differs, ${refused(host.path)}. Fix: build the plugin in the host's workspace (go-work: local), or against the same checkout (replace directive)`
        )
      )
      continue
    }
    const hs = sourceOf(host, roots.host)
    const ps = sourceOf(plugin, roots.plugin)
    if ((hs.local || hs.workspace) && (ps.local || ps.workspace)) {
      const both = `host ${describeModule(host)}${hs.dir && hs.dir !== host.replace?.path ? ` (${hs.dir})` : ''}, plugin ${describeModule(plugin)}${ps.dir && ps.dir !== plugin.replace?.path ? ` (${ps.dir})` : ''}`
      const sameDir = hs.dir !== undefined && hs.dir === ps.dir
      const dirsKnown = hs.dir !== undefined && ps.dir !== undefined
      if (hs.label !== ps.label && trimpath) {
        const relabel =
          hs.workspace || ps.workspace
            ? ''
            : `, or give the plugin the host's label: go mod edit -require=${host.path}@${host.version} in the plugin's module (its replace stays)${dirsKnown && !sameDir ? ` and replace it by the host's directory ${hs.dir}` : ''}`
        out.push(
          fail(
            'buildinfo.module',
            subject,
            `module ${host.path} has another version label: host ${hs.label}, plugin ${ps.label} (${both}): -trimpath names every file ${host.path}@<label>, so even the same source gives other packages and ${refused(host.path)}. Fix: build host and plugins in one Go workspace (go-work: local)${relabel}`
          )
        )
        continue
      }
      if (sameDir) continue
      if (hs.workspace && ps.workspace) continue
      out.push(
        warn(
          dirsKnown
            ? `module ${host.path} comes from two directories: ${both}: it loads only if their source is identical; otherwise ${refused(host.path)}; the load test decides. Fix: replace it by the host's directory ${hs.dir}, or use go-work: local`
            : `module ${host.path} comes from directories (${both}) that are relative to each binary's own module root, which its build info does not record: whether they are the same source cannot be known here; the load test decides (a build run compares them). If they differ, ${refused(host.path)}`
        )
      )
      continue
    }
    if (sameModule(host, plugin)) continue
    const fix =
      host.replace && !plugin.replace
        ? `add the host's replace (${host.path} => ${host.replace.path}${host.replace.version ? ` ${host.replace.version}` : ''}) to the plugin's go.mod`
        : `require ${host.path} ${host.version} in the plugin's go.mod${plugin.replace ? ` and drop its replace` : ''} (go get ${host.path}@${host.version}), or use align-modules: fix`
    out.push(
      fail(
        'buildinfo.module',
        subject,
        `module ${host.path} differs: host ${describeModule(host)}, plugin ${describeModule(plugin)}: ${refused(host.path)}. Fix: ${fix}`
      )
    )
  }
  if (!out.some(c => c.status === 'fail'))
    out.unshift(
      pass(
        'buildinfo.modules',
        subject,
        shared.length
          ? `${shared.length} shared module(s) at the host's version, sum and replacement: ${shared.map(x => `${x.host.path}@${x.host.version || '(devel)'}`).join(', ')}`
          : 'shares no module with the host'
      )
    )
  return out
}

/** All static checks over already-read facts, in report order. */
export function staticChecks(
  host: VerifiedFile,
  plugins: readonly VerifiedFile[],
  exp: Expectations
): {
  checks: CheckResult[]
  glibcFloor?: string
  perFileFloor: Record<string, string | undefined>
} {
  const checks: CheckResult[] = []
  checks.push(...elfChecks(host, exp))
  checks.push(...hostLinkageChecks(host, exp, plugins.length))
  checks.push(...hostBuildInfoChecks(host, exp))
  for (const p of plugins) {
    const elf = elfChecks(p, exp)
    const machineFailed = elf.some(c => c.id === 'elf.machine' && c.status === 'fail')
    checks.push(...elf)
    // A plugin for the wrong machine is one problem, not two lines.
    checks.push(
      ...pluginLinkChecks(host, p, exp).filter(c => !(machineFailed && c.id === 'plugin.machine'))
    )
    checks.push(...pluginBuildInfoChecks(host, p))
  }
  const floor = glibcFloorCheck([host, ...plugins], exp.glibcMax)
  checks.push(floor.check)
  return { checks, glibcFloor: floor.floor, perFileFloor: floor.perFile }
}
