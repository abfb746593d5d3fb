/**
 * Runs workflows with nektos/act in self-hosted mode (`-P ubuntu-latest=-self-hosted`: steps run
 * on this machine, no Docker), with act's artifact and cache servers on 127.0.0.1, so inputs,
 * outputs, the post step, artifact upload and cache save/restore go through a real runner
 * implementation. act and actionlint come from scripts/install-test-tools.sh (pinned, built
 * with `go install` from the module proxy into a cache directory).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  writeFileSync
} from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { REPO, type ProcessResult } from './action.js'
import { run } from '../../testkit/run.js'

export const INSTALL_SCRIPT = path.join(REPO, 'scripts', 'install-test-tools.sh')

export interface TestTools {
  act: string
  actionlint: string
}

function toolsBinDir(): string {
  const root =
    process.env.BB_TOOLS_DIR ||
    path.join(
      process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
      'bifrost-build-tools'
    )
  return path.join(root, 'bin')
}

/** The tools when a previous run installed them (no install, no network). */
export function installedTools(): TestTools | undefined {
  const bin = toolsBinDir()
  const tools = { act: path.join(bin, 'act'), actionlint: path.join(bin, 'actionlint') }
  return existsSync(tools.act) && existsSync(tools.actionlint) ? tools : undefined
}

/** Installs the pinned tools if needed (minutes when cold: act is a large Go build). */
export async function ensureTools(goEnv: Record<string, string>): Promise<TestTools> {
  const r = await run('bash', [INSTALL_SCRIPT], {
    env: { ...process.env, ...goEnv, GOTOOLCHAIN: 'auto' },
    timeoutMs: 1_200_000
  })
  if (r.code !== 0) throw new Error(`install-test-tools.sh failed:\n${r.stderr}`)
  const tools = installedTools()
  if (!tools)
    throw new Error(`install-test-tools.sh did not leave act and actionlint in ${toolsBinDir()}`)
  return tools
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/**
 * A throwaway git repository for act: `files` written as given, `copies` copied in
 * ([source, destination relative to the repo]). act reads the commit, ref and event from git.
 */
export async function makeActRepo(
  files: Record<string, string>,
  copies: Array<[string, string]> = []
): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-act-repo-'))
  for (const [src, dest] of copies) cpSync(src, path.join(dir, dest), { recursive: true })
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    writeFileSync(path.join(dir, rel), text)
  }
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.email=act@test', '-c', 'user.name=act', ...args], { cwd: dir })
  for (const args of [
    ['init', '-q', '-b', 'main'],
    ['add', '-A'],
    ['commit', '-qm', 'act test']
  ]) {
    const r = await git(...args)
    if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`)
  }
  return dir
}

/**
 * act's host mode starts every job in an empty workspace (it copies the repository only into
 * Docker containers), where a real runner would run actions/checkout. Workflows run by these
 * tests start with this step; `BB_REPO` is passed through act's environment.
 */
export const COPY_REPO_STEP = `      - name: Check out (act host mode starts with an empty workspace)
        run: cp -a "$BB_REPO/." "$GITHUB_WORKSPACE/"
`

export interface ActResult extends ProcessResult {
  /** Where act's artifact server stored uploads (`<run id>/<artifact name>/...`). */
  artifactsDir: string
  cacheDir: string
  /** `name=value` pairs act reports for `::set-output::` / GITHUB_OUTPUT, in order. */
  outputs: Array<[string, string]>
  /** Every file under artifactsDir, relative to it. */
  artifactFiles: () => string[]
}

export async function runAct(
  tools: TestTools,
  repo: string,
  workflow: string,
  opts: {
    event?: string
    env?: Record<string, string>
    timeoutMs?: number
    artifactsDir?: string
    cacheDir?: string
  } = {}
): Promise<ActResult> {
  const artifactsDir = opts.artifactsDir ?? mkdtempSync(path.join(os.tmpdir(), 'bb-act-artifacts-'))
  const cacheDir = opts.cacheDir ?? mkdtempSync(path.join(os.tmpdir(), 'bb-act-cache-'))
  const [artifactPort, cachePort] = [await freePort(), await freePort()]
  const args = [
    opts.event ?? 'push',
    '-W',
    workflow,
    '-P',
    'ubuntu-latest=-self-hosted',
    '--artifact-server-addr',
    '127.0.0.1',
    '--artifact-server-port',
    String(artifactPort),
    '--artifact-server-path',
    artifactsDir,
    '--cache-server-addr',
    '127.0.0.1',
    '--cache-server-port',
    String(cachePort),
    '--cache-server-path',
    cacheDir
  ]
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // act's notice check would call its own web service.
    ACT_DISABLE_VERSION_CHECK: '1',
    BB_REPO: repo,
    ...opts.env
  }
  const r = await run(tools.act, args, { cwd: repo, env, timeoutMs: opts.timeoutMs })
  const outputs: Array<[string, string]> = []
  for (const line of r.stdout.split('\n')) {
    const m = /::set-output:: ([^=]+)=(.*)$/.exec(line)
    if (m) outputs.push([m[1], m[2]])
  }
  return { ...r, artifactsDir, cacheDir, outputs, artifactFiles: () => listFiles(artifactsDir) }
}

function listFiles(root: string, rel = ''): string[] {
  const dir = path.join(root, rel)
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap(name => {
    const r = path.join(rel, name)
    return statSync(path.join(root, r)).isDirectory() ? listFiles(root, r) : [r]
  })
}
