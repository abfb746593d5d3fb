/**
 * `transports/bifrost-http` embeds `ui/` (`//go:embed all:ui`). Whatever we write into the
 * user's tree for that is removed again by `cleanup()`, also after a failed build.
 */
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BuildResult, CommandRecord, UiMode } from '../context.js'
import { BuildError } from '../errors.js'
import { run } from '../proc.js'
import type { Reporter } from '../report.js'

export const PLACEHOLDER_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Bifrost</title></head>
<body><p>This Bifrost was built without its web UI (bifrost-build wrote this placeholder).</p></body></html>
`

export interface UiOutcome {
  kind: BuildResult['ui']
  /** Removes what we wrote into the tree. */
  cleanup(): Promise<void>
}

async function hasFiles(dir: string): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => undefined)
  if (!entries) return false
  for (const e of entries) {
    if (!e.isDirectory()) return true
    if (await hasFiles(path.join(dir, e.name))) return true
  }
  return false
}

/** Creates `dir` (and missing parents); returns the topmost directory it had to create. */
async function mkdirTracked(dir: string): Promise<string | undefined> {
  let top: string | undefined
  for (let d = dir; !existsSync(d); d = path.dirname(d)) top = d
  await mkdir(dir, { recursive: true })
  return top
}

export interface UiInput {
  mode: UiMode
  /** transports/bifrost-http/ui */
  uiDir: string
  /** The checkout's `ui/` (the Next.js app), when there is a checkout. */
  appDir?: string
  reporter: Reporter
  signal: AbortSignal
  env: NodeJS.ProcessEnv
  commands: CommandRecord[]
}

export async function prepareUi(input: UiInput): Promise<UiOutcome> {
  const { mode, uiDir, appDir, reporter } = input
  const none = async () => {}
  if (mode === 'skip') return { kind: 'skipped', cleanup: none }
  const present = await hasFiles(uiDir)
  if (present && mode !== 'build') {
    if (mode === 'placeholder')
      reporter.info(
        `ui: ${uiDir} already holds files; embedding them as found (nothing overwritten)`
      )
    return { kind: 'existing', cleanup: none }
  }
  const appHasPackage = appDir !== undefined && existsSync(path.join(appDir, 'package.json'))
  if (mode === 'build' && !appHasPackage)
    throw new BuildError(
      `ui: build needs ${appDir ?? 'a ui/ directory'}/package.json, which does not exist`,
      {
        input: 'ui',
        fix: 'use ui: auto or placeholder, or build from a full Bifrost checkout'
      }
    )
  if (mode === 'build' && present)
    throw new BuildError(`ui: build would replace ${uiDir}, which already holds files`, {
      input: 'ui',
      fix: 'remove the built UI from transports/bifrost-http/ui, or use ui: auto to embed it as is'
    })

  const files: string[] = []
  const top = await mkdirTracked(uiDir)
  const cleanup = async () => {
    if (top) await rm(top, { recursive: true, force: true })
    else for (const f of files) await rm(f, { recursive: true, force: true })
  }
  try {
    if (appHasPackage && (mode === 'build' || mode === 'auto')) {
      const out = await buildUiApp(appDir!, input)
      for (const name of await readdir(out)) {
        files.push(path.join(uiDir, name))
        await cp(path.join(out, name), path.join(uiDir, name), { recursive: true })
      }
      await rm(path.dirname(out), { recursive: true, force: true })
      return { kind: 'built', cleanup }
    }
    const index = path.join(uiDir, 'index.html')
    files.push(index)
    await writeFile(index, PLACEHOLDER_HTML)
    if (mode === 'auto')
      reporter.warning(
        `ui: ${uiDir} is empty and there is no ui/package.json to build; embedded a placeholder page (set ui: placeholder to silence this, or build the UI first)`
      )
    return { kind: 'placeholder', cleanup }
  } catch (err) {
    await cleanup()
    throw err
  }
}

/**
 * `npm ci && npm run build` on a copy of `ui/` in a temp dir (node_modules and out/ never land
 * in the user's tree); returns the built `out/` directory.
 */
async function buildUiApp(appDir: string, input: UiInput): Promise<string> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'bifrost-ui-'))
  const copy = path.join(work, 'ui')
  try {
    await cp(appDir, copy, {
      recursive: true,
      filter: src => !/[/\\](node_modules|out|\.next)$/.test(src)
    })
    const npm = 'npm'
    for (const args of [
      ['ci', '--no-audit', '--no-fund'],
      ['run', 'build']
    ]) {
      input.commands.push({ cwd: appDir, env: {}, argv: [npm, ...args] })
      const r = await run(npm, args, {
        cwd: copy,
        env: input.env,
        signal: input.signal,
        onLine: line => input.reporter.processLine(line)
      })
      if (r.code !== 0)
        throw new BuildError(
          `ui: npm ${args.join(' ')} failed in a copy of ${appDir} (exit ${r.code ?? r.signal})`,
          {
            input: 'ui',
            fix: 'fix the UI build (see the npm output above), or set ui: placeholder'
          }
        )
    }
    const out = path.join(copy, 'out')
    if (!(await stat(out).catch(() => undefined))?.isDirectory() || !(await hasFiles(out)))
      throw new BuildError(`ui: npm run build in ${appDir} produced no out/ directory`, {
        input: 'ui',
        fix: 'make the UI build export to ui/out (next export), or set ui: placeholder'
      })
    return out
  } catch (err) {
    await rm(work, { recursive: true, force: true })
    throw err
  }
}
