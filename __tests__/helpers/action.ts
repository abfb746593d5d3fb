/**
 * Runs the real bundled action (`node dist/index.js`) the way the runner does: inputs as
 * `INPUT_*` variables, GITHUB_OUTPUT/ENV/PATH/STATE/STEP_SUMMARY files, RUNNER_TEMP and
 * RUNNER_TOOL_CACHE in a temp dir. Also runs the bundled CLI.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  existsSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO } from '../../testkit/fixture.js'
import { testGoEnv } from '../../testkit/go-env.js'
import { run } from '../../testkit/run.js'

export { REPO, testGoEnv }
export const DIST_ACTION = path.join(REPO, 'dist', 'index.js')
export const DIST_CLI = path.join(REPO, 'dist', 'cli', 'index.js')
/** The action's post step (action.yml `post`). */
export const DIST_POST = path.join(REPO, 'dist', 'post.js')
/** The one bundle all three entries import, with its lazily loaded chunks. */
export const DIST_BUNDLE = path.join(REPO, 'dist', 'bundle')

/** Whether the bundle (its entry or a chunk) holds `text`: a dist/ older than a stage lacks it. */
export function bundleHas(text: string): boolean {
  if (!existsSync(DIST_BUNDLE)) return false
  return readdirSync(DIST_BUNDLE).some(
    f => f.endsWith('.js') && readFileSync(path.join(DIST_BUNDLE, f), 'utf8').includes(text)
  )
}

export interface RunnerDirs {
  root: string
  temp: string
  toolCache: string
  workspace: string
  files: { output: string; env: string; path: string; state: string; summary: string }
}

export function runnerDirs(root = mkdtempSync(path.join(os.tmpdir(), 'bb-runner-'))): RunnerDirs {
  const d = (p: string) => {
    const full = path.join(root, p)
    mkdirSync(full, { recursive: true })
    return full
  }
  const files = d('files')
  // The runner creates its command files before a step starts; @actions/core refuses to write otherwise.
  for (const f of ['output', 'env', 'path', 'state', 'summary'])
    writeFileSync(path.join(files, f), '')
  return {
    root,
    temp: d('temp'),
    toolCache: d('tool-cache'),
    workspace: d('workspace'),
    files: {
      output: path.join(files, 'output'),
      env: path.join(files, 'env'),
      path: path.join(files, 'path'),
      state: path.join(files, 'state'),
      summary: path.join(files, 'summary')
    }
  }
}

/** The environment tests give go: shared caches, no toolchain switching. */
export interface ProcessResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface ActionResult extends ProcessResult {
  outputs: Record<string, string>
  exportedEnv: Record<string, string>
  paths: string[]
  summary: string
  /** `::error::` lines from stdout. */
  errors: string[]
}

/**
 * What a run shows where a secret must never appear: the log (without the `::add-mask::`
 * lines, which the runner hides), the job summary and the outputs.
 */
export function visibleOutput(r: ActionResult): string {
  return [
    r.stdout.replace(/^::add-mask::.*$/gm, ''),
    r.stderr,
    r.summary,
    JSON.stringify(r.outputs)
  ].join('\n')
}

function spawnNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutMs: number
): Promise<ProcessResult> {
  return run(process.execPath, [script, ...args], { cwd, env, timeoutMs })
}

/** Parses the runner's `name<<DELIM ... DELIM` file format. */
export function parseCommandFile(file: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (!existsSync(file)) return out
  const lines = readFileSync(file, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const body: string[] = []
      i++
      while (i < lines.length && lines[i] !== m[2]) body.push(lines[i++])
      out[m[1]] = body.join('\n')
    } else if (lines[i].includes('=')) {
      const j = lines[i].indexOf('=')
      out[lines[i].slice(0, j)] = lines[i].slice(j + 1)
    }
  }
  return out
}

type ActionOptions = {
  dirs?: RunnerDirs
  env?: Record<string, string | undefined>
  timeoutMs?: number
  post?: boolean
}

/** The environment the runner gives the action: INPUT_* plus its command files and dirs. */
function actionEnv(
  inputs: Record<string, string>,
  dirs: RunnerDirs,
  opts: ActionOptions
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...testGoEnv(),
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dirs.temp,
    RUNNER_TOOL_CACHE: dirs.toolCache,
    GITHUB_WORKSPACE: dirs.workspace,
    GITHUB_OUTPUT: dirs.files.output,
    GITHUB_ENV: dirs.files.env,
    GITHUB_PATH: dirs.files.path,
    GITHUB_STATE: dirs.files.state,
    GITHUB_STEP_SUMMARY: dirs.files.summary
  }
  if (opts.post)
    Object.assign(
      env,
      Object.fromEntries(
        Object.entries(parseCommandFile(dirs.files.state)).map(([k, v]) => [`STATE_${k}`, v])
      )
    )
  for (const [k, v] of Object.entries(inputs))
    env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  return env
}

function actionResult(r: ProcessResult, dirs: RunnerDirs): ActionResult & { dirs: RunnerDirs } {
  return {
    ...r,
    dirs,
    outputs: parseCommandFile(dirs.files.output),
    exportedEnv: parseCommandFile(dirs.files.env),
    paths: existsSync(dirs.files.path)
      ? readFileSync(dirs.files.path, 'utf8').split('\n').filter(Boolean)
      : [],
    summary: existsSync(dirs.files.summary) ? readFileSync(dirs.files.summary, 'utf8') : '',
    errors: r.stdout.split('\n').filter(l => l.startsWith('::error'))
  }
}

export async function runAction(
  inputs: Record<string, string>,
  opts: ActionOptions = {}
): Promise<ActionResult & { dirs: RunnerDirs }> {
  const dirs = opts.dirs ?? runnerDirs()
  const env = actionEnv(inputs, dirs, opts)
  const entry = opts.post ? DIST_POST : DIST_ACTION
  const r = await spawnNode(entry, [], env, dirs.workspace, opts.timeoutMs ?? 600_000)
  return actionResult(r, dirs)
}

/** Starts the action and hands back the child (to signal it) and its result to come. */
export function startAction(
  inputs: Record<string, string>,
  opts: ActionOptions = {}
): { child: ChildProcess; stdout: () => string; result: Promise<ActionResult> } {
  const dirs = opts.dirs ?? runnerDirs()
  const child = spawn(process.execPath, [DIST_ACTION], {
    cwd: dirs.workspace,
    env: actionEnv(inputs, dirs, opts),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', d => (stdout += d))
  child.stderr!.on('data', d => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 600_000)
  const result = new Promise<ActionResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', code => {
      clearTimeout(timer)
      resolve(actionResult({ code, stdout, stderr }, dirs))
    })
  })
  return { child, stdout: () => stdout, result }
}

export function runCli(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {}
): Promise<ProcessResult> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...testGoEnv() }
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  return spawnNode(DIST_CLI, args, env, opts.cwd ?? REPO, opts.timeoutMs ?? 600_000)
}
