/**
 * The reproducible tar.gz and SHA256SUMS.
 *
 * We use node-tar (the npm `tar` package, bundled) rather than the system `tar`: with
 * `portable: true` it writes no uid/gid/user/group/atime/ctime, `mtime` pins every entry's
 * time, and we hand it the entries already sorted, so the bytes depend only on the files.
 * GNU tar can do the same (`--sort=name --owner=0 --group=0 --numeric-owner --mtime=@N
 * --format=ustar` piped to `gzip -n`), but needs GNU tar >= 1.28 and gzip on the runner, and
 * two processes and a pipe; node-tar gives the same result on every runner image with no
 * external program. See docs/packaging.md.
 */
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import * as tar from 'tar'
import type { Plan } from '../context.js'
import { run } from '../proc.js'
import { parseSourceDateEpoch } from '../util/source-date-epoch.js'

/** 1980-01-01T00:00:00Z, the zip epoch: used when there is no SOURCE_DATE_EPOCH and no git. */
export const FALLBACK_EPOCH = 315532800

/** `sha256sum -c` format: `<hex>  <name>` (two spaces: text mode), sorted by name. */
export function sha256sumsText(entries: { name: string; sha256: string }[]): string {
  return (
    [...entries]
      .sort((a, b) => compareNames(a.name, b.name))
      .map(e => `${e.sha256}  ${e.name}`)
      .join('\n') + '\n'
  )
}

/** Byte order, like `LC_ALL=C sort` and GNU tar's --sort=name. */
export function compareNames(a: string, b: string): number {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return Buffer.compare(x, y)
}

/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org) when set and valid, else the last commit time of
 * the source checkout, else a constant.
 */
export async function archiveEpoch(
  env: NodeJS.ProcessEnv,
  sourceDir: string | undefined
): Promise<{ epoch: number; from: string }> {
  const set = parseSourceDateEpoch(env)
  if (set !== undefined) return { epoch: set, from: 'SOURCE_DATE_EPOCH' }
  if (sourceDir) {
    try {
      const r = await run('git', ['log', '-1', '--format=%ct'], {
        cwd: sourceDir,
        env: { ...env, GIT_TERMINAL_PROMPT: '0' },
        timeoutMs: 10_000
      })
      const ct = r.stdout.trim()
      if (r.code === 0 && /^\d+$/.test(ct)) return { epoch: Number(ct), from: 'git commit time' }
    } catch {
      /* no git on PATH: fall through to the constant */
    }
  }
  return { epoch: FALLBACK_EPOCH, from: 'fixed default (no SOURCE_DATE_EPOCH, no git commit)' }
}

/** Every file and directory under `dir`, relative, directories before their contents, byte-sorted. */
export async function listTree(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = []
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true })
  entries.sort((a, b) => compareNames(a.name, b.name))
  for (const e of entries) {
    const name = rel ? `${rel}/${e.name}` : e.name
    out.push(name)
    if (e.isDirectory()) out.push(...(await listTree(dir, name)))
  }
  return out
}

/**
 * Writes `file` holding `entries` (relative to `cwd`, in the given order) under the top-level
 * directory `prefix/`. Modes come from the files; owner is 0/0 with no names.
 */
export async function createArchive(opts: {
  file: string
  cwd: string
  entries: string[]
  prefix: string
  epoch: number
}): Promise<void> {
  for (const e of opts.entries) await stat(path.join(opts.cwd, e)) // a clear ENOENT before tar
  await tar.create(
    {
      file: opts.file,
      cwd: opts.cwd,
      gzip: { level: 6 },
      portable: true,
      mtime: new Date(opts.epoch * 1000),
      noDirRecurse: true,
      // portable mode leaves directories undated (1970); they get the files' time instead.
      onWriteEntry: entry => {
        entry.noMtime = false
      },
      prefix: opts.prefix,
      strict: true
    },
    opts.entries
  )
}

/** A plugin-only build's plugins come from the workspace: its commit time fixes file times. */
export function sourceDirOf(plan: Plan): string | undefined {
  if (plan.source.kind === 'checkout') return plan.source.dir
  return plan.source.kind === 'host' ? plan.workspace : undefined
}
