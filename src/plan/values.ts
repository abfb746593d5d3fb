/** Pure parsers for single inputs: enums, booleans, numbers, versions, tags, ldflags, names. */
import type { Arch } from '../context.js'
import { inputError } from '../errors.js'
import { TARGET_NAMES } from '../lib/targets.js'

/** Case-insensitive, trimmed; anything else names the input and the allowed words. */
export function parseEnum<T extends string>(input: string, raw: string, allowed: readonly T[]): T {
  const v = raw.trim().toLowerCase()
  const hit = allowed.find(a => a === v)
  if (hit) return hit
  throw inputError(
    input,
    `unknown value ${JSON.stringify(raw)}; allowed: ${allowed.join(', ')}`,
    `set ${input} to one of ${allowed.join(', ')}`
  )
}

/** target (`linux/<arch>`; empty means this machine's own arch) -> the arch. */
export function parseTargetArch(raw: string | undefined, hostArch: Arch): Arch {
  return parseEnum('target', (raw ?? '').trim() || `linux/${hostArch}`, TARGET_NAMES).split(
    '/'
  )[1] as Arch
}

export function parseBool(input: string, raw: string): boolean {
  const v = raw.trim().toLowerCase()
  if (v === 'true') return true
  if (v === 'false') return false
  throw inputError(
    input,
    `expected true or false, got ${JSON.stringify(raw)}`,
    `set ${input}: true or ${input}: false`
  )
}

/** A whole number in [min, max], written as plain digits (no units, fractions or exponents). */
export function parseInteger(input: string, raw: string, min: number, max: number): number {
  const v = raw.trim()
  const n = /^[0-9]{1,9}$/.test(v) ? Number(v) : NaN
  if (!Number.isInteger(n) || n < min || n > max)
    throw inputError(
      input,
      `expected a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
      `set ${input} to a number such as ${Math.min(max, Math.max(min, 60))}`
    )
  return n
}

/**
 * Versions are stamped as `-X main.Version=v<version>`: letters, digits and `.+_-` only, so a
 * version can never become a second linker flag. A leading `v` is dropped (we add it).
 */
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+_-]{0,99}$/
export function parseStampVersion(input: string, raw: string): string {
  const v = raw.trim().replace(/^v(?=[0-9])/, '')
  if (!VERSION.test(v))
    throw inputError(
      input,
      `${JSON.stringify(raw)} is not a version (letters, digits and . + _ - only, starting with a letter or digit)`,
      `set ${input} to a version such as 1.4.2 or 1.4.2-rc.1`
    )
  return v
}

/** A released Bifrost: a semantic version the module proxy can serve (`1.2.3`, `v1.2.3-rc.1`). */
const SEMVER =
  /^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/
export function parseModuleVersion(input: string, raw: string): string {
  const v = raw.trim()
  if (!SEMVER.test(v))
    throw inputError(
      input,
      `${JSON.stringify(raw)} is not a release version`,
      `set ${input} to a released Bifrost version such as 1.3.9`
    )
  return v.replace(/^v/, '')
}

/** Build tags as Go accepts them (letters, digits, `_`, `.`), space- or comma-separated. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.]*$/
export function parseTags(raw: string): string[] {
  if (/[\r\n\0]/.test(raw.trim()))
    throw inputError(
      'tags',
      'the list holds a line break',
      'list build tags on one line, separated by spaces or commas'
    )
  const tags = raw.split(/[\s,]+/).filter(Boolean)
  for (const t of tags) {
    if (!TAG.test(t))
      throw inputError(
        'tags',
        `${JSON.stringify(t)} is not a build tag (letters, digits, _ and . only)`,
        'list plain build tags separated by spaces or commas, e.g. tags: netgo osusergo'
      )
  }
  return [...new Set(tags)]
}

/**
 * Extra linker flags. Only flags that change what the binary says, never where it goes or what
 * runs: `-s`, `-w`, `-X importpath.name=value`, `-buildid=<id>`, `-compressdwarf=<bool>`, and
 * `-extldflags=<flag>` for the C linker options real builds use that name no program and no
 * path: the linker by name (`-fuse-ld=bfd|gold|lld|mold`, found by the compiler itself),
 * `-static-libgcc`, `-static-libstdc++`, and `-Wl,` hardening and layout options (`-z relro`,
 * `-z now`, `--as-needed`, `--build-id`, ...). Everything else (-o, -extld, an -extldflags
 * with a path, `-B`, `-specs`, `--ld-path`, `-static`, -linkmode, -buildmode, -toolexec, -r,
 * ...) is refused: each can swap the output, the linker or the loader, or run a program.
 * A `-X` value is one argument (no spaces) and may hold any other character: go passes it
 * literally because it does not start with a quote. The C linker flags are kept as
 * `-extldflags=<flag>` words here and joined into one `-extldflags` by the build command.
 */
const X_NAME = /^[A-Za-z0-9_][A-Za-z0-9_./-]*\.[A-Za-z_][A-Za-z0-9_]*$/
export const ALLOWED_LDFLAGS = [
  '-s',
  '-w',
  '-X name=value',
  '-buildid=<id>',
  '-compressdwarf=<bool>',
  '-extldflags=-fuse-ld=bfd|gold|lld|mold',
  '-extldflags=-static-libgcc',
  '-extldflags=-Wl,-z,relro,-z,now (and other -Wl, options without paths)'
]

/** `-z` keywords of GNU ld, gold, lld and mold that take no file and run nothing. */
const LD_Z =
  /^(relro|norelro|now|lazy|noexecstack|execstack|separate-code|noseparate-code|text|notext|defs|nodelete|origin|combreloc|nocombreloc|max-page-size=\d+|common-page-size=\d+|pack-relative-relocs|nopack-relative-relocs)$/
/** `-Wl,` options (after the comma split) that take no file and run nothing. */
const LD_OPT =
  /^(--(no-)?as-needed|--hash-style=(gnu|sysv|both)|-O[0-3]|--(no-)?gc-sections|--build-id(=(none|md5|sha1|uuid|fast|0x[0-9a-fA-F]+))?|--compress-debug-sections=(none|zlib|zlib-gabi|zstd)|--sort-common|--icf=(all|safe|none)|--(no-)?undefined-version|--no-undefined|--(en|dis)able-new-dtags|--warn-common|--fatal-warnings|--threads(=\d+)?|--no-threads|-s|--strip-all|--strip-debug)$/

/** One C linker flag of `-extldflags`, or why it is refused. */
export function extldflagProblem(flag: string): string | undefined {
  if (/^-fuse-ld=(bfd|gold|lld|mold)$/.test(flag)) return undefined
  if (flag === '-static-libgcc' || flag === '-static-libstdc++') return undefined
  if (flag.startsWith('-fuse-ld='))
    return 'names a linker by path or an unknown name (use bfd, gold, lld or mold: the compiler finds it)'
  if (flag === '-static')
    return 'links statically: set mode: static instead (plugins need a dynamic host)'
  if (flag.startsWith('-Wl,')) {
    const parts = flag.slice(4).split(',')
    for (let i = 0; i < parts.length; i++) {
      if (parts[i] === '-z') {
        if (!LD_Z.test(parts[++i] ?? '')) return `has -z ${parts[i] ?? ''}, which is not allowed`
      } else if (!LD_OPT.test(parts[i])) {
        return `has ${parts[i] || 'an empty option'}, which is not an allowed -Wl, option (no paths, scripts or plugins)`
      }
    }
    return undefined
  }
  return 'is not an allowed C linker flag (no paths, wrappers or programs)'
}
export function parseLdflags(raw: string): string[] {
  const words = raw.split(/[ \t]+/).filter(Boolean)
  const out: string[] = []
  const bad = (word: string, why: string) =>
    inputError(
      'ldflags',
      `${JSON.stringify(word)} ${why}`,
      `use only ${ALLOWED_LDFLAGS.join(', ')} (space-separated, no quoting)`
    )
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (/[\r\n\0]/.test(w)) throw bad(w, 'holds a line break')
    if (w === '-s' || w === '-w') {
      out.push(w)
    } else if (w === '-X' || w === '--X') {
      const def = words[++i]
      if (def === undefined) throw bad(w, 'needs importpath.name=value after it')
      out.push('-X', checkX(def))
    } else if (/^--?X=/.test(w)) {
      out.push('-X', checkX(w.replace(/^--?X=/, '')))
    } else if (/^-buildid=[A-Za-z0-9_./+=-]*$/.test(w)) {
      out.push(w)
    } else if (/^-compressdwarf=(true|false)$/.test(w)) {
      out.push(w)
    } else if (/^--?extldflags(=|$)/.test(w)) {
      const flag = w.includes('=') ? w.slice(w.indexOf('=') + 1) : words[++i]
      if (!flag) throw bad(w, 'needs a C linker flag after it, e.g. -extldflags=-fuse-ld=bfd')
      const why = extldflagProblem(flag)
      if (why) throw bad(`-extldflags=${flag}`, why)
      out.push(`-extldflags=${flag}`)
    } else if (w.startsWith('-')) {
      throw bad(w, 'is not an allowed linker flag')
    } else {
      throw bad(w, 'is not a linker flag (shell syntax and quoting are not supported)')
    }
  }
  return out

  function checkX(def: string): string {
    const eq = def.indexOf('=')
    const name = eq > 0 ? def.slice(0, eq) : ''
    if (!X_NAME.test(name))
      throw bad(def, 'is not importpath.name=value for -X (shell quoting is not supported)')
    if (/^["']/.test(def)) throw bad(def, 'starts with a quote')
    return def
  }
}

/** A plugin's output name: `<name>.so`. */
const PLUGIN_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/
export function checkPluginName(name: string, entry: string): string {
  if (!PLUGIN_NAME.test(name) || name.endsWith('.so') || name.includes('..'))
    throw inputError(
      'plugins',
      `plugin name ${JSON.stringify(name)} in ${JSON.stringify(entry)} is not a plain name (lower-case letters, digits, . _ -)`,
      'write the entry as name=dir with a name like my-plugin, or just the directory'
    )
  return name
}

/** Characters the artifact service refuses, plus control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
const ARTIFACT_BAD = /[":<>|*?\\/\x00-\x1f]/
/** Longer names are refused: the artifact's files are named after it (plus `.manifest.json`). */
export const MAX_ARTIFACT_NAME = 200

export function parseArtifactName(raw: string, fallback: string): string {
  const v = raw.trim()
  if (!v) return fallback
  if (v.length > MAX_ARTIFACT_NAME)
    throw inputError(
      'artifact-name',
      `is ${v.length} characters long; at most ${MAX_ARTIFACT_NAME} are allowed`,
      `shorten artifact-name to ${MAX_ARTIFACT_NAME} characters or fewer`
    )
  if (ARTIFACT_BAD.test(v))
    throw inputError(
      'artifact-name',
      `${JSON.stringify(raw)} holds characters the artifact service refuses (" : < > | * ? \\ / or line breaks)`,
      'use letters, digits, dots, dashes and underscores'
    )
  // `.` and `..` would make the archive's members `../BUILD.md`: out of the extraction dir.
  if (/^\.+$/.test(v))
    throw inputError(
      'artifact-name',
      `${JSON.stringify(raw)} is a path component, not a name: the archive's members would be ${v}/BUILD.md`,
      'use a name with letters or digits, such as bifrost-build'
    )
  return v
}

/** `2.31` or `GLIBC_2.31`. */
export function parseGlibcMax(raw: string): string | undefined {
  const v = raw.trim()
  if (!v) return undefined
  const m = /^(?:GLIBC_)?([0-9]{1,2}\.[0-9]{1,3})$/i.exec(v)
  if (!m)
    throw inputError(
      'glibc-max',
      `${JSON.stringify(raw)} is not a glibc version`,
      'set glibc-max to a version such as 2.31 (or GLIBC_2.31)'
    )
  return m[1]
}
