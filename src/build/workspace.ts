/**
 * `go-work: local`: host and plugins in one Go workspace, as Bifrost's own CI builds
 * (`go work init` + `use` of every module, `make build LOCAL=1`). Every module of the checkout
 * is then a workspace module, `(devel)` on both sides, so host and plugins compile each shared
 * package once, from one directory, under one label. The go.work is written to a temp dir
 * (GOWORK=<temp>/go.work): go also writes go.work.sum beside it, and the checkout stays as found.
 */
import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { MAX_TEXT_BYTES, readRegularFile } from '../util/read-file.js'

/** `go work edit -json` output (the fields we carry over). */
export interface GoWorkJson {
  Go?: string
  Toolchain?: string
  Godebug?: { Key: string; Value: string }[] | null
  Use?: { DiskPath: string }[] | null
  Replace?:
    { Old: { Path: string; Version?: string }; New: { Path: string; Version?: string } }[] | null
}

export interface Workspace {
  /** The go.work text we wrote (for BUILD.md). */
  text: string
  /** `checkout go.work` or `made`: where its module list came from. */
  from: 'checkout' | 'made'
  /** Absolute module directories it uses. */
  uses: string[]
}

const SKIP_DIRS = new Set(['node_modules', 'vendor', 'testdata'])

/** Every directory under `root` holding a go.mod, skipping hidden, `_`, vendor, testdata, node_modules. */
export async function findModules(root: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    if (entries.some(e => e.isFile() && e.name === 'go.mod')) out.push(dir)
    for (const e of entries) {
      if (!e.isDirectory() || SKIP_DIRS.has(e.name) || /^[._]/.test(e.name)) continue
      await walk(path.join(dir, e.name))
    }
  }
  await walk(root)
  return out.sort()
}

/** The `go` line of a go.mod or go.work (undefined when it has none). */
export function goLineOf(text: string): string | undefined {
  return /^go\s+(\S+)\s*$/m.exec(text)?.[1]
}

/** Numeric order of Go versions `1.26`, `1.26.1`. */
export function compareGoLines(a: string, b: string): number {
  const pa = a.split('.').map(n => parseInt(n, 10) || 0)
  const pb = b.split('.').map(n => parseInt(n, 10) || 0)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d) return d
  }
  return 0
}

const quote = (s: string) => (/[\s"`]/.test(s) ? JSON.stringify(s) : s)
const isDirPath = (p: string) => p.startsWith('./') || p.startsWith('../') || path.isAbsolute(p)

/**
 * The go.work text: every use and local replacement made absolute (relative ones are relative to
 * the go.work they came from, `base`), the given extra modules added, and a `go` line no lower than
 * any module's (go refuses a workspace whose go line is below one of its modules').
 */
export function goWorkText(
  parsed: GoWorkJson,
  base: string,
  extraUses: string[],
  moduleGoLines: string[]
): { text: string; uses: string[] } {
  const uses: string[] = []
  for (const u of [...(parsed.Use ?? []).map(u => path.resolve(base, u.DiskPath)), ...extraUses])
    if (!uses.includes(u)) uses.push(u)
  const go = [parsed.Go, ...moduleGoLines]
    .filter((v): v is string => !!v)
    .sort(compareGoLines)
    .pop()
  const lines: string[] = []
  if (go) lines.push(`go ${go}`, '')
  if (parsed.Toolchain) lines.push(`toolchain ${parsed.Toolchain}`, '')
  for (const g of parsed.Godebug ?? []) lines.push(`godebug ${g.Key}=${g.Value}`)
  if (parsed.Godebug?.length) lines.push('')
  lines.push('use (', ...uses.map(u => `\t${quote(u)}`), ')')
  const replaces = (parsed.Replace ?? []).map(r => {
    const old = `${r.Old.Path}${r.Old.Version ? ` ${r.Old.Version}` : ''}`
    const target =
      !r.New.Version && isDirPath(r.New.Path)
        ? quote(path.resolve(base, r.New.Path))
        : `${r.New.Path}${r.New.Version ? ` ${r.New.Version}` : ''}`
    return `replace ${old} => ${target}`
  })
  if (replaces.length) lines.push('', ...replaces)
  return { text: `${lines.join('\n')}\n`, uses }
}

/** The checkout's go.work path, when it has one. */
export function checkoutGoWork(checkoutDir: string): string | undefined {
  const f = path.join(checkoutDir, 'go.work')
  return existsSync(f) ? f : undefined
}

/** The go lines of every used module (read from their go.mod files). */
export async function moduleGoLines(dirs: string[]): Promise<string[]> {
  const lines = await Promise.all(
    dirs.map(async d =>
      goLineOf(
        (
          await readRegularFile(path.join(d, 'go.mod'), { maxBytes: MAX_TEXT_BYTES }).catch(() =>
            Buffer.alloc(0)
          )
        ).toString('utf8')
      )
    )
  )
  return lines.filter((v): v is string => !!v)
}

/**
 * Whether a module is only tidy inside its checkout's workspace: the checkout has a go.work, or
 * the module's go.mod replaces a module by a directory of the checkout (upstream's example
 * plugins use `../../../core`), whose own requirements its go.mod does not repeat. With
 * `GOWORK=off` go then stops with `go: updates to go.mod needed`; go-work: local builds it as is.
 */
export function tidyOnlyInWorkspace(
  goModText: string,
  moduleDir: string,
  checkout: string
): boolean {
  if (checkoutGoWork(checkout)) return true
  for (const m of goModText.matchAll(
    /^\s*(?:replace\s+)?\S+(?:\s+\S+)?\s+=>\s+(\.\.?\/\S*)\s*$/gm
  )) {
    const target = path.resolve(moduleDir, m[1])
    const rel = path.relative(checkout, target)
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return true
  }
  return false
}

/** The fix for a module go refuses to list or build as its go.mod stands. */
export function untidyModuleFix(inWorkspace: boolean): string {
  return inWorkspace
    ? "set go-work: local (this module's go.mod is only complete inside the checkout's Go workspace, as upstream builds it), or run go mod tidy there and commit go.mod and go.sum"
    : 'run go mod tidy there and commit go.mod and go.sum'
}
