/**
 * The load test inside the image: a container of the built image, started as the image's own
 * user with loopback networking only, must log `plugin status: <name> - active` for every
 * plugin, and the image's HEALTHCHECK command must answer; then the container is stopped and
 * removed. podman runs it from the OCI archive with its own storage in a temp dir (nothing is
 * left in the machine's image store), `--runtime runc --storage-driver vfs` and bounded
 * ulimits, which work on CI runners and in containers where crun and overlay do not.
 *
 * Offline sandbox (a real Bifrost fetches from getbifrost.ai at start-up): give `sandbox`,
 * the command prefix that enters a network namespace where a stub serves those names on
 * loopback with a per-run CA. The container then shares that namespace (`--network host`),
 * listens on a free loopback port, and gets the CA file mounted read-only with SSL_CERT_FILE
 * pointing at it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { CheckResult, CheckStatus } from '../context.js'
import { run, start } from '../proc.js'
import { setTimeout as sleep } from 'node:timers/promises'
import { keepLine, notePlugin, parseLogLine, type PluginStatus } from './load-log.js'
import { freePort } from './sandbox-protocol.js'

export interface ImageLoadInput {
  /** The OCI archive (`oci-archive:` for podman). */
  archive: string
  /** The image ID podman gives it: the config digest (`sha256:...`). */
  imageId: string
  /** The image's name, for messages. */
  name: string
  plugins: readonly string[]
  /** The image config's healthcheck command (`CMD-SHELL ...` or `CMD ...`). */
  healthcheck?: string[]
  timeoutSec: number
  signal?: AbortSignal
  tmpRoot?: string
  /** `-v` specs: verify-only puts the plugins and an app dir into the unmodified host image. */
  mounts?: string[]
  /** Run inside an offline sandbox's network namespace (see above). */
  sandbox?: { prefix: string[]; caFile?: string }
  podman?: string
}

export interface ImageLoadOutcome {
  status: CheckStatus
  message: string
  checks: CheckResult[]
  log: string[]
  /** `uid=... gid=...` the container ran as. */
  user?: string
}

/**
 * podman's global flags: our own store in a temp dir (its runroot in a short one: podman
 * refuses a runroot path past 50 characters), vfs, runc, cgroupfs, no event log.
 */
export function podmanGlobal(store: string, runroot: string): string[] {
  return [
    '--root',
    path.join(store, 'root'),
    '--runroot',
    runroot,
    '--storage-driver',
    'vfs',
    '--runtime',
    'runc',
    '--cgroup-manager',
    'cgroupfs',
    '--events-backend',
    'none'
  ]
}

/** `podman run` arguments; the image's own user, entrypoint and command are used as they are. */
export function runArgs(o: {
  name: string
  imageId: string
  sandbox?: ImageLoadInput['sandbox']
  port?: number
  mounts?: string[]
}): string[] {
  const args = [
    'run',
    '--rm',
    '--name',
    o.name,
    '--ulimit',
    'nofile=1024:1024',
    '--ulimit',
    'nproc=1024:1024',
    '--pull',
    'never'
  ]
  if (o.sandbox) {
    args.push('--network', 'host', '-e', 'APP_HOST=127.0.0.1', '-e', `APP_PORT=${o.port}`)
    if (o.sandbox.caFile)
      args.push(
        '-v',
        `${o.sandbox.caFile}:/etc/bifrost-build-ca.pem:ro`,
        '-e',
        'SSL_CERT_FILE=/etc/bifrost-build-ca.pem'
      )
  } else args.push('--network', 'none')
  for (const m of o.mounts ?? []) args.push('-v', m)
  args.push(o.imageId)
  return args
}

/** The healthcheck as an exec argv (Docker's `CMD-SHELL x` is `/bin/sh -c x`). */
export function healthcheckArgv(test: readonly string[] | undefined): string[] | undefined {
  if (!test?.length) return undefined
  if (test[0] === 'CMD-SHELL') return ['/bin/sh', '-c', test.slice(1).join(' ')]
  if (test[0] === 'CMD') return test.slice(1)
  return undefined
}

/** podman with our own store: the command (maybe behind the sandbox's prefix) and its argv. */
interface Podman {
  cmd: string
  argv: (args: string[]) => string[]
  store: string
  runroot: string
  /** The container's name. */
  name: string
}

async function podmanSession(input: ImageLoadInput): Promise<Podman> {
  const podman = input.podman ?? 'podman'
  const store = await mkdtemp(path.join(input.tmpRoot ?? os.tmpdir(), 'bifrost-image-test-'))
  const runroot = await mkdtemp(path.join(os.tmpdir(), 'bbpod-'))
  const g = podmanGlobal(store, runroot)
  const pre = input.sandbox?.prefix ?? []
  return {
    cmd: pre.length ? pre[0] : podman,
    argv: args => (pre.length ? [...pre.slice(1), podman, ...g, ...args] : [...g, ...args]),
    store,
    runroot,
    name: `bifrost-build-test-${process.pid}-${Date.now()}`
  }
}

/** What the container showed while it ran. */
interface ContainerWatch {
  log: string[]
  status: PluginStatus
  started: boolean
  /** How the container ended (`code 1`, `signal SIGTERM`, or podman's error). */
  exited?: string
}

export async function runImageLoadTest(input: ImageLoadInput): Promise<ImageLoadOutcome> {
  const pod = await podmanSession(input)
  const w: ContainerWatch = { log: [], status: new Map(), started: false }
  const subject = input.name
  const fail = (message: string, checks: CheckResult[] = []): ImageLoadOutcome => ({
    status: 'fail',
    message,
    checks: [...checks, { id: 'image.load', subject, status: 'fail', message }],
    log: w.log
  })
  let proc: ReturnType<typeof start> | undefined
  try {
    const loadError = await loadArchive(pod, input)
    if (loadError) return fail(loadError)
    const names = [...input.plugins]
    const started = await startContainer(pod, input, names, w)
    proc = started.proc
    let timer: NodeJS.Timeout | undefined
    const timedOut = await Promise.race([
      started.finished.then(() => false),
      new Promise<boolean>(r => (timer = setTimeout(() => r(true), input.timeoutSec * 1000)))
    ])
    clearTimeout(timer)
    const checks = names.map(n => pluginCheck(n, w, input, timedOut))
    if (checks.some(c => c.status === 'fail'))
      return fail(
        `${checks.filter(c => c.status === 'fail').length} of ${names.length} plugin(s) did not load in ${subject}`,
        checks
      )
    return await insideChecks(pod, input, w, checks, fail)
  } finally {
    await cleanUp(pod, proc)
  }
}

/** Loads the OCI archive into our store; what went wrong, or undefined. */
async function loadArchive(pod: Podman, input: ImageLoadInput): Promise<string | undefined> {
  const loaded = await run(pod.cmd, pod.argv(['load', '-q', '-i', input.archive]), {
    timeoutMs: 600_000,
    signal: input.signal
  }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT')
      return {
        code: 127,
        stdout: '',
        stderr: `${pod.cmd} is not installed (apt-get install podman runc), or set verify: static to skip the container`
      }
    throw e
  })
  if (loaded.code === 0) return undefined
  return `podman could not load ${input.archive}: ${(loaded.stderr || loaded.stdout).trim().split('\n').slice(-3).join(' | ')}`
}

/** Runs the container, filling `w` from its log; `finished` once every plugin reported or it ended. */
async function startContainer(
  pod: Podman,
  input: ImageLoadInput,
  names: string[],
  w: ContainerWatch
): Promise<{ proc: ReturnType<typeof start>; finished: Promise<void> }> {
  let finish: () => void = () => {}
  const finished = new Promise<void>(r => (finish = r))
  const port = input.sandbox ? await freePort() : undefined
  const args = runArgs({
    name: pod.name,
    imageId: input.imageId,
    sandbox: input.sandbox,
    port,
    mounts: input.mounts
  })
  const proc = start(pod.cmd, pod.argv(args), {
    maxBuffer: 64 * 1024,
    signal: input.signal,
    onLine: line => {
      keepLine(w.log, line)
      const ev = parseLogLine(line, names)
      if (ev && !notePlugin(w.status, ev, names) && ev.kind === 'started') w.started = true
      if (names.every(n => w.status.has(n)) && (names.length > 0 || w.started)) finish()
    }
  })
  proc.done.then(
    r => {
      w.exited = r.signal ? `signal ${r.signal}` : `code ${r.code}`
      finish()
    },
    (e: Error) => {
      w.exited = e.message
      finish()
    }
  )
  return { proc, finished }
}

function pluginCheck(
  n: string,
  w: ContainerWatch,
  input: ImageLoadInput,
  timedOut: boolean
): CheckResult {
  const subject = input.name
  const s = w.status.get(n)
  return {
    id: 'image.load',
    subject: `${n}.so`,
    status: s?.ok ? 'pass' : 'fail',
    message: s
      ? s.ok
        ? `${s.text} (in a container of ${subject})`
        : `the host in ${subject} logged "${s.text}"`
      : w.exited
        ? `the container exited (${w.exited}) before ${n} reported; last log: ${w.log.slice(-3).join(' | ')}`
        : `no "plugin status: ${n} - active" within ${input.timeoutSec} s in ${subject}${timedOut ? ' (verify-timeout)' : ''}`
  }
}

/** The image's user, and its healthcheck, asked inside the running container. */
async function insideChecks(
  pod: Podman,
  input: ImageLoadInput,
  w: ContainerWatch,
  checks: CheckResult[],
  fail: (message: string, checks: CheckResult[]) => ImageLoadOutcome
): Promise<ImageLoadOutcome> {
  const subject = input.name
  const names = input.plugins
  const id = await run(pod.cmd, pod.argv(['exec', pod.name, 'id']), { timeoutMs: 30_000 })
  const user = id.stdout.trim()
  if (id.code !== 0 || /^uid=0\(/.test(user))
    return fail(
      `the container ran as ${user || 'an unknown user'}; the image's user should be the non-root appuser`,
      checks
    )
  const hc = healthcheckArgv(input.healthcheck)
  if (hc) {
    const answer = await healthcheck(pod, hc, w)
    const text = (answer.stderr + answer.stdout).trim().split('\n').slice(-2).join(' | ')
    checks.push({
      id: 'image.healthcheck',
      subject,
      status: answer.code === 0 ? 'pass' : 'fail',
      message:
        answer.code === 0
          ? `healthcheck answered (${hc.slice(-1)[0]})`
          : `the image's healthcheck failed (exit ${answer.code}): ${text}`
    })
    if (answer.code !== 0) return { ...fail(`healthcheck failed in ${subject}`, checks), user }
  }
  const message = `${names.length ? `all ${names.length} plugin(s) active` : 'host started'} in a container of ${subject} as ${user.split(' ')[0]}${hc ? ', healthcheck answered' : ''}`
  checks.push({ id: 'image.load', subject, status: 'pass', message })
  return { status: 'pass', message, checks, log: w.log, user }
}

/** The healthcheck, asked again for a while: the host may still be opening its port after the plugins reported. */
async function healthcheck(pod: Podman, hc: string[], w: ContainerWatch) {
  let answer = await run(pod.cmd, pod.argv(['exec', pod.name, ...hc]), { timeoutMs: 30_000 })
  for (let i = 0; answer.code !== 0 && i < 10 && !w.exited; i++) {
    await sleep(500)
    answer = await run(pod.cmd, pod.argv(['exec', pod.name, ...hc]), { timeoutMs: 30_000 })
  }
  return answer
}

/** Removes the container, its image and our store, whatever happened. */
async function cleanUp(pod: Podman, proc: ReturnType<typeof start> | undefined): Promise<void> {
  const { cmd, argv } = pod
  if (proc) {
    await run(cmd, argv(['rm', '-f', '-t', '2', '--ignore', pod.name]), {
      timeoutMs: 60_000
    }).catch(() => undefined)
    proc.stop('SIGTERM')
    const killer = setTimeout(() => proc.stop('SIGKILL'), 5000)
    await proc.done.catch(() => undefined)
    clearTimeout(killer)
  }
  await run(cmd, argv(['rmi', '-a', '-f']), { timeoutMs: 60_000 }).catch(() => undefined)
  await rm(pod.store, { recursive: true, force: true }).catch(() => undefined)
  await rm(pod.runroot, { recursive: true, force: true }).catch(() => undefined)
}
