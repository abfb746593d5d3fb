/**
 * The ELF rules: class, machine and type of every file against the target, the host's
 * linkage (static or dynamic, its loader and the libc it names), and each plugin against its
 * host (same machine, same libc family). Pure functions over ELF facts already read; the loader
 * errors they quote were measured with the fixture host (see docs/checks.md).
 */
import type { Arch, CheckResult, Libc } from '../context.js'
import type { VerifiedFile } from '../lib/binary.js'
import { targetSpec } from '../lib/targets.js'
import { libcFamily } from '../lib/elf.js'
import { fail, fileName, pass, type Expectations } from './rule.js'

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

/** Class, machine and type of one file against the target. */
export function elfChecks(f: VerifiedFile, exp: Expectations): CheckResult[] {
  const s = fileName(f)
  const arch = exp.target.arch
  return [
    f.elf.elfClass === 64
      ? pass('elf.class', s, 'ELF64')
      : fail(
          'elf.class',
          s,
          `ELF${f.elf.elfClass}, but linux/${arch} needs ELF64: dlopen fails with "wrong ELF class: ELFCLASS32"`,
          `build for GOARCH=${arch}`
        ),
    f.elf.machineName === arch
      ? pass('elf.machine', s, `machine ${arch} = target`)
      : fail(
          'elf.machine',
          s,
          `machine is ${f.elf.machineName}, target is ${arch}: ` +
            (f.kind === 'host'
              ? `the binary does not run on linux/${arch} ("exec format error")`
              : `dlopen fails with "cannot open shared object file: No such file or directory" (glibc's misleading text for a foreign machine; the dynamic-build guide quotes "plugin was built with a different version of package internal/cpu")`),
          `build with GOARCH=${arch} and a ${arch} C compiler`
        ),
    f.kind === 'plugin' ? pluginTypeCheck(f, s) : hostTypeCheck(f, s)
  ]
}

function pluginTypeCheck(f: VerifiedFile, s: string): CheckResult {
  if (f.elf.type === ET_DYN && !f.elf.interp) return pass('elf.type', s, 'shared object (ET_DYN)')
  const what =
    f.elf.type === ET_EXEC
      ? 'an executable (ET_EXEC)'
      : f.elf.interp
        ? 'a position-independent executable'
        : `ELF type ${f.elf.type}`
  return fail(
    'elf.type',
    s,
    `${what}, not a shared object: plugin.Open fails with "cannot dynamically load executable"`,
    'build the plugin with -buildmode=plugin'
  )
}

function hostTypeCheck(f: VerifiedFile, s: string): CheckResult {
  return f.elf.type === ET_EXEC || (f.elf.type === ET_DYN && (f.elf.pie || !!f.elf.interp))
    ? pass('elf.type', s, f.elf.type === ET_EXEC ? 'executable (ET_EXEC)' : 'PIE executable')
    : fail(
        'elf.type',
        s,
        `ELF type ${f.elf.type} is not an executable: the host must be the bifrost-http program`,
        'pass the bifrost-http binary as the host'
      )
}

/** Static/dynamic linkage of the host, and the libc its loader and DT_NEEDED name. */
export function hostLinkageChecks(
  host: VerifiedFile,
  exp: Expectations,
  pluginCount: number
): CheckResult[] {
  if (exp.mode === 'static') return staticLinkageChecks(host, pluginCount)
  const s = fileName(host)
  const out = [interpCheck(host, exp, pluginCount)]
  if (host.elf.interp) {
    const wanted = libcSonames(exp.libc, exp.target.arch)
    const found = host.elf.needed.find(n => wanted.includes(n))
    out.push(
      found
        ? pass('linkage.libc', s, `DT_NEEDED ${host.elf.needed.join(', ')}`)
        : fail(
            'linkage.libc',
            s,
            `DT_NEEDED is [${host.elf.needed.join(', ') || 'none'}], expected ${wanted.join(' or ')} for ${exp.libc}: "error while loading shared libraries: ${host.elf.needed[0] ?? wanted[0]}: cannot open shared object file" on a ${exp.libc} system`,
            `build with the ${exp.libc} C compiler`
          )
    )
  }
  return out
}

/** mode static: the host must link nothing at run time, and then it cannot load plugins. */
function staticLinkageChecks(host: VerifiedFile, pluginCount: number): CheckResult[] {
  const s = fileName(host)
  const problems: string[] = []
  if (host.elf.interp) problems.push(`PT_INTERP ${host.elf.interp}`)
  if (host.elf.needed.length) problems.push(`DT_NEEDED ${host.elf.needed.join(', ')}`)
  const out = [
    problems.length === 0
      ? pass('linkage.static', s, 'statically linked (no PT_INTERP, no DT_NEEDED)')
      : fail(
          'linkage.static',
          s,
          `mode static, but the host is dynamically linked (${problems.join('; ')}): it needs those libraries at run time ("error while loading shared libraries")`,
          `link with -extldflags '-static', or use mode: dynamic`
        )
  ]
  if (pluginCount > 0)
    out.push(
      fail(
        'linkage.plugins',
        s,
        `a statically linked host cannot load plugins: loading crashes it with "fatal error: runtime: no plugin module data"`,
        'build with mode: dynamic'
      )
    )
  return out
}

/** mode dynamic: the host's PT_INTERP is the target libc's loader. */
function interpCheck(host: VerifiedFile, exp: Expectations, pluginCount: number): CheckResult {
  const s = fileName(host)
  const { arch } = exp.target
  const loader = expectedLoader(exp.libc, arch)
  if (!host.elf.interp)
    return fail(
      'linkage.interp',
      s,
      `mode dynamic, but the host is statically linked (no PT_INTERP)${pluginCount ? ': loading a plugin crashes it with "fatal error: runtime: no plugin module data"' : ' and cannot load plugins'}`,
      `build without -extldflags '-static' (mode: dynamic)`
    )
  if (host.elf.interp === loader) return pass('linkage.interp', s, `PT_INTERP ${loader}`)
  const other = libcFamilyOfLoader(host.elf.interp)
  return fail(
    'linkage.interp',
    s,
    `loader is ${host.elf.interp}, expected ${loader} for ${exp.libc} on ${arch}${other && other !== exp.libc ? ` (the host was built against ${other})` : ''}: on a ${exp.libc} system it fails with "no such file or directory" before main`,
    `build with the ${exp.libc} C compiler, or set libc: ${other ?? exp.libc}`
  )
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
  return [
    plugin.elf.machine !== host.elf.machine
      ? fail(
          'plugin.machine',
          s,
          `plugin is ${plugin.elf.machineName}, host is ${host.elf.machineName}: plugin.Open fails with "cannot open shared object file: No such file or directory"`,
          `build the plugin with GOARCH=${host.elf.machineName}`
        )
      : pass('plugin.machine', s, `same machine as the host (${host.elf.machineName})`),
    pluginLibcCheck(host, plugin, exp)
  ]
}

function pluginLibcCheck(host: VerifiedFile, plugin: VerifiedFile, exp: Expectations): CheckResult {
  const s = fileName(plugin)
  const hostLibc = exp.mode === 'static' ? undefined : (libcFamily(host.elf) ?? exp.libc)
  const pluginLibc = libcFamily(plugin.elf)
  const want = hostLibc ?? exp.libc
  if (pluginLibc === want) return pass('plugin.libc', s, `${pluginLibc}, like the host`)
  if (pluginLibc === undefined)
    return fail(
      'plugin.libc',
      s,
      `plugin links no libc (DT_NEEDED [${plugin.elf.needed.join(', ')}]); a Go plugin needs the host's ${want}`,
      `build it with CGO_ENABLED=1 and the ${want} C compiler`
    )
  const { multiarch, muslSonames } = targetSpec(exp.target.arch)
  const effect =
    want === 'glibc'
      ? plugin.elf.needed.includes('libc.so')
        ? `plugin.Open fails with "/lib/${multiarch}/libc.so: invalid ELF header" (its DT_NEEDED libc.so finds glibc's linker script)`
        : `plugin.Open fails with "${plugin.elf.needed.find(n => n.startsWith('libc.musl')) ?? muslSonames[0]}: cannot open shared object file"`
      : `it may even load (measured: it does), but two C libraries in one process corrupt memory and threads at run time`
  return fail(
    'plugin.libc',
    s,
    `plugin is linked against ${pluginLibc} (DT_NEEDED ${plugin.elf.needed.join(', ')}), the host against ${want}: ${effect}`,
    `build the plugin with the ${want} C compiler (${want === 'musl' ? 'musl-gcc' : 'gcc'}), like the host`
  )
}
