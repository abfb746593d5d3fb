/**
 * `transports/bifrost-http` embeds `ui/` (`//go:embed all:ui`). A built or placeholder UI is
 * given to the host's `go build` through `-overlay` (a JSON map of virtual files to real ones in a
 * temp dir): nothing is written into the user's tree, so two builds of one checkout cannot race on
 * it and a killed build leaves nothing that a later one would embed as "existing".
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
  /** `go build -overlay` file that adds the UI under transports/bifrost-http/ui (built, placeholder). */
  overlay?: string
  /** Removes the temp files. */
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

  const work = await mkdtemp(path.join(os.tmpdir(), 'bifrost-ui-'))
  const cleanup = () => rm(work, { recursive: true, force: true })
  try {
    let site: string
    let kind: 'built' | 'placeholder'
    if (appHasPackage && (mode === 'build' || mode === 'auto')) {
      site = await buildUiApp(appDir!, work, input)
      kind = 'built'
    } else {
      site = path.join(work, 'placeholder')
      await mkdir(site)
      await writeFile(path.join(site, 'index.html'), PLACEHOLDER_HTML)
      kind = 'placeholder'
      if (mode === 'auto')
        reporter.warning(
          `ui: ${uiDir} is empty and there is no ui/package.json to build; embedded a placeholder page (set ui: placeholder to silence this, or build the UI first)`
        )
    }
    const overlay = path.join(work, 'overlay.json')
    await writeFile(overlay, JSON.stringify({ Replace: await overlayMap(site, uiDir) }, null, 1))
    return { kind, overlay, cleanup }
  } catch (err) {
    await cleanup()
    throw err
  }
}

/** `go build -overlay` Replace map: every file under `site` as if it were under `uiDir`. */
export async function overlayMap(site: string, uiDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(path.join(site, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name)
      if (e.isDirectory()) await walk(r)
      else if (e.isFile()) out[path.join(uiDir, r)] = path.join(site, r)
    }
  }
  await walk('')
  return out
}

/** Lines of next build's output that mean it could not reach the network (fonts, telemetry). */
const NETWORK_FAILURE =
  /fonts\.(googleapis|gstatic)\.com|getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|Failed to fetch/

/**
 * `npm ci && npm run build`, as the Makefile's build-ui, in a temp tree `<work>/ui` beside an
 * empty `<work>/transports/bifrost-http`, the checkout's layout: Bifrost's `build` ends with
 * `copy-build` (`cp -r out ../transports/bifrost-http/ui`), which then lands inside the temp tree,
 * never in the user's. Returns the built site: that copied directory when the script filled it,
 * else `ui/out` (a `build` without copy-build, like the Dockerfile's `build-enterprise`).
 */
async function buildUiApp(appDir: string, work: string, input: UiInput): Promise<string> {
  const copy = path.join(work, 'ui')
  const copied = path.join(work, 'transports', 'bifrost-http', 'ui')
  await mkdir(path.dirname(copied), { recursive: true })
  await cp(appDir, copy, {
    recursive: true,
    filter: src => !/[/\\](node_modules|out|\.next)$/.test(src)
  })
  const script = 'build'
  const npm = 'npm'
  for (const args of [
    ['ci', '--no-audit', '--no-fund'],
    ['run', script]
  ]) {
    input.commands.push({ cwd: appDir, env: {}, argv: [npm, ...args] })
    let network: string | undefined
    const r = await run(npm, args, {
      cwd: copy,
      env: input.env,
      signal: input.signal,
      onLine: line => {
        if (!network && NETWORK_FAILURE.test(line)) network = line.trim().slice(0, 200)
        input.reporter.processLine(line)
      }
    })
    if (r.code !== 0 && network)
      throw new BuildError(
        `ui: npm ${args.join(' ')} needs the network, which it could not reach (${network})`,
        {
          input: 'ui',
          fix: 'set ui: placeholder, or put a pre-built UI in transports/bifrost-http/ui (embedded as found); offline, next/font/google can be served NEXT_FONT_GOOGLE_MOCKED_RESPONSES (see docs/real-bifrost.md)'
        }
      )
    if (r.code !== 0)
      throw new BuildError(
        `ui: npm ${args.join(' ')} failed in a copy of ${appDir} (exit ${r.code ?? r.signal})`,
        {
          input: 'ui',
          fix: 'fix the UI build (see the npm output above), or set ui: placeholder'
        }
      )
  }
  for (const site of [copied, path.join(copy, 'out')])
    if ((await stat(site).catch(() => undefined))?.isDirectory() && (await hasFiles(site)))
      return site
  throw new BuildError(`ui: npm run ${script} in ${appDir} produced no out/ directory`, {
    input: 'ui',
    fix: 'make the UI build export to ui/out (next export), or set ui: placeholder'
  })
}
