/**
 * Go's module info text, as runtime/debug.ParseBuildInfo reads it: the `path`, `mod`, `dep`,
 * `=>` and `build` lines the linker stores in a binary (buildinfo.ts finds them), with Go's
 * quoting rules for build keys and values.
 */
import type { BuildInfo, GoModule } from './binary.js'

export class ModInfoError extends Error {
  constructor(line: number, why: string) {
    super(`line ${line}: ${why}`)
    this.name = 'ModInfoError'
  }
}

/** Bytes held one per char (latin1) as the UTF-8 text they encode, like Go's JSON output. */
function utf8(s: string): string {
  // eslint-disable-next-line no-control-regex -- fast path for plain ASCII
  return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, 'latin1').toString('utf8')
}

/**
 * Parses module info text as runtime/debug.ParseBuildInfo does: `path`, `mod`, `dep`, `=>`
 * and `build` lines, tab-separated; other lines are ignored, as is a last line without a
 * newline; quoted build keys and values follow Go's string literal rules. The Go version is
 * not part of this text (the caller adds it; `goVersion` is ''). Throws ModInfoError naming
 * the line.
 */
export function parseModInfo(text: string): BuildInfo {
  return parseModInfoBytes(Buffer.from(text, 'utf8').toString('latin1'))
}

/** parseModInfo over raw bytes held one per char (latin1), as read from the file. */
export function parseModInfoBytes(data: string): BuildInfo {
  let path = ''
  let main: GoModule | undefined
  const deps: GoModule[] = []
  const settings: Record<string, string> = {}
  let last: GoModule | undefined
  const lines = data.split('\n')
  lines.pop() // the text after the last newline (Go stops there)
  lines.forEach((line, i) => {
    const n = i + 1
    const cols = (prefix: string) => line.slice(prefix.length).split('\t')
    if (line.startsWith('path\t')) {
      path = utf8(line.slice(5))
    } else if (line.startsWith('mod\t')) {
      main = moduleLine(cols('mod\t'), n)
      last = main
    } else if (line.startsWith('dep\t')) {
      last = moduleLine(cols('dep\t'), n)
      deps.push(last)
    } else if (line.startsWith('=>\t')) {
      const e = cols('=>\t')
      if (e.length !== 3)
        throw new ModInfoError(n, `expected 3 columns for replacement; got ${e.length}`)
      if (!last) throw new ModInfoError(n, 'replacement with no module on previous line')
      last.replace = { path: utf8(e[0]) }
      if (e[1]) last.replace.version = utf8(e[1])
      if (e[2]) last.replace.sum = utf8(e[2])
      last = undefined
    } else if (line.startsWith('build\t')) {
      const [key, value] = buildLine(line.slice(6), n)
      settings[utf8(key)] = utf8(value)
    }
  })
  return {
    goVersion: '',
    path,
    // Like `go version -m -json` read through parseBuildInfo: no main module without a path,
    // no dependency or replacement without one.
    main: main && (main as GoModule).path ? clean(main) : undefined,
    deps: deps.filter(d => d.path).map(clean),
    settings
  }
}

function clean(m: GoModule): GoModule {
  if (!m.replace || m.replace.path) return m
  return { path: m.path, version: m.version, ...(m.sum ? { sum: m.sum } : {}) }
}

function moduleLine(e: string[], n: number): GoModule {
  if (e.length !== 2 && e.length !== 3)
    throw new ModInfoError(n, `expected 2 or 3 columns; got ${e.length}`)
  const m: GoModule = { path: utf8(e[0]), version: utf8(e[1]) }
  if (e[2]) m.sum = utf8(e[2])
  return m
}

const quoteKey = (k: string) => k.length === 0 || /[= \t\r\n"`]/.test(k)
const quoteValue = (v: string) => /[ \t\r\n"`]/.test(v)

/** `key=value` of a build line, with Go's quoting rules for both. */
function buildLine(kv: string, n: number): [string, string] {
  if (kv.length < 1) throw new ModInfoError(n, "build line missing '='")
  let key: string
  let rawValue: string
  if (kv[0] === '=') throw new ModInfoError(n, 'build line with missing key')
  if (kv[0] === '`' || kv[0] === '"') {
    const q = unquote(kv)
    if (!q) throw new ModInfoError(n, 'invalid quoted key in build line')
    if (q.rest.length === 0) throw new ModInfoError(n, "build line missing '=' after quoted key")
    if (q.rest[0] !== '=')
      throw new ModInfoError(
        n,
        `unexpected character after quoted key: ${JSON.stringify(q.rest[0])}`
      )
    key = q.value
    rawValue = q.rest.slice(1)
  } else {
    const eq = kv.indexOf('=')
    if (eq < 0) throw new ModInfoError(n, "build line missing '=' after key")
    key = kv.slice(0, eq)
    rawValue = kv.slice(eq + 1)
    if (quoteKey(key))
      throw new ModInfoError(n, `unquoted key ${JSON.stringify(key)} must be quoted`)
  }
  let value = ''
  if (rawValue.length > 0) {
    if (rawValue[0] === '`' || rawValue[0] === '"') {
      const q = unquote(rawValue)
      if (!q || q.rest !== '') throw new ModInfoError(n, 'invalid quoted value in build line')
      value = q.value
    } else {
      value = rawValue
      if (quoteValue(value))
        throw new ModInfoError(n, `unquoted value ${JSON.stringify(value)} must be quoted`)
    }
  }
  return [key, value]
}

/** A UTF-8 byte sequence as one char per byte. */
function encodeRune(cp: number): string {
  return Buffer.from(String.fromCodePoint(cp), 'utf8').toString('latin1')
}

function validUtf8(bytes: string): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(bytes, 'latin1'))
    return true
  } catch {
    return false
  }
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92
}

/**
 * A Go string literal (`"..."` with escapes, or a `` `raw` `` string) at the start of `s`
 * (one char per byte), as strconv.QuotedPrefix + Unquote read it: its value and the rest.
 */
export function unquote(s: string): { value: string; rest: string } | undefined {
  const quote = s[0]
  if (s.length < 2) return undefined
  if (quote === '`') {
    const end = s.indexOf('`', 1)
    if (end < 0) return undefined
    return { value: s.slice(1, end).replace(/\r/g, ''), rest: s.slice(end + 1) }
  }
  if (quote !== '"') return undefined
  let out = ''
  let i = 1
  for (;;) {
    if (i >= s.length) return undefined
    const c = s[i]
    if (c === '"') break
    if (c === '\n') return undefined
    const code = c.charCodeAt(0)
    if (code >= 0x80) {
      // A multi-byte character is copied as is; an invalid byte stands for U+FFFD, as in Go.
      const len = code >= 0xf0 ? 4 : code >= 0xe0 ? 3 : code >= 0xc0 ? 2 : 1
      const ch = s.slice(i, i + len)
      if (len > 1 && ch.length === len && validUtf8(ch)) {
        out += ch
        i += len
      } else {
        out += encodeRune(0xfffd)
        i++
      }
      continue
    }
    if (c !== '\\') {
      out += c
      i++
      continue
    }
    const e = s[i + 1]
    if (e === undefined) return undefined
    i += 2
    if (e in SIMPLE_ESCAPES) {
      out += String.fromCharCode(SIMPLE_ESCAPES[e])
    } else if (e === '"') {
      out += '"'
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8
      const hex = s.slice(i, i + len)
      if (hex.length < len || !/^[0-9a-fA-F]+$/.test(hex)) return undefined
      const v = parseInt(hex, 16)
      i += len
      if (e === 'x') out += String.fromCharCode(v)
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined
        out += encodeRune(v)
      }
    } else if (e >= '0' && e <= '7') {
      const oct = s.slice(i - 1, i + 2)
      if (!/^[0-7]{3}$/.test(oct)) return undefined
      const v = parseInt(oct, 8)
      if (v > 255) return undefined
      out += String.fromCharCode(v)
      i += 2
    } else {
      return undefined
    }
  }
  return { value: out, rest: s.slice(i + 1) }
}
