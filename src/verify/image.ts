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
import { freePort, parseLogLine, sleep } from './load.js'

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

export async function runImageLoadTest(input: ImageLoadInput): Promise<ImageLoadOutcome> {
  const podman = input.podman ?? 'podman'
  const store = await mkdtemp(path.join(input.tmpRoot ?? os.tmpdir(), 'bifrost-image-test-'))
  const runroot = await mkdtemp(path.join(os.tmpdir(), 'bbpod-'))
  const g = podmanGlobal(store, runroot)
  const pre = input.sandbox?.prefix ?? []
  const cmd = pre.length ? pre[0] : podman
  const argv = (args: string[]) =>
    pre.length ? [...pre.slice(1), podman, ...g, ...args] : [...g, ...args]
  const name = `bifrost-build-test-${process.pid}-${Date.now()}`
  const log: string[] = []
  const subject = input.name
  const fail = (message: string, checks: CheckResult[] = []): ImageLoadOutcome => ({
    status: 'fail',
    message,
    checks: [...checks, { id: 'image.load', subject, status: 'fail', message }],
    log
  })
  let proc: ReturnType<typeof start> | undefined
  try {
    const loaded = await run(cmd, argv(['load', '-q', '-i', input.archive]), {
      timeoutMs: 600_000,
      signal: input.signal
    }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT')
        return {
          code: 127,
          stdout: '',
          stderr: `${cmd} is not installed (apt-get install podman runc), or set verify: static to skip the container`
        }
      throw e
    })
    if (loaded.code !== 0)
      return fail(
        `podman could not load ${input.archive}: ${(loaded.stderr || loaded.stdout).trim().split('\n').slice(-3).join(' | ')}`
      )
    const names = [...input.plugins]
    const status = new Map<string, { ok: boolean; text: string }>()
    let started = false
    let finish: () => void = () => {}
    const finished = new Promise<void>(r => (finish = r))
    let exited: string | undefined
    const port = input.sandbox ? await freePort() : undefined
    proc = start(
      cmd,
      argv(
        runArgs({
          name,
          imageId: input.imageId,
          sandbox: input.sandbox,
          port,
          mounts: input.mounts
        })
      ),
      {
        maxBuffer: 64 * 1024,
        signal: input.signal,
        onLine: line => {
          log.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line)
          if (log.length > 200) log.shift()
          const ev = parseLogLine(line, names)
          if (ev?.kind === 'status' && names.includes(ev.name) && !status.has(ev.name))
            status.set(ev.name, {
              ok: ev.status === 'active',
              text: `plugin status: ${ev.name} - ${ev.status}`
            })
          else if (ev?.kind === 'failed' && !status.get(ev.name)?.ok)
            status.set(ev.name, {
              ok: false,
              text: `failed to load plugin ${ev.name}: ${ev.error}`
            })
          else if (ev?.kind === 'started') started = true
          if (names.every(n => status.has(n)) && (names.length > 0 || started)) finish()
        }
      }
    )
    proc.done.then(
      r => {
        exited = r.signal ? `signal ${r.signal}` : `code ${r.code}`
        finish()
      },
      (e: Error) => {
        exited = e.message
        finish()
      }
    )
    let timer: NodeJS.Timeout | undefined
    const timedOut = await Promise.race([
      finished.then(() => false),
      new Promise<boolean>(r => (timer = setTimeout(() => r(true), input.timeoutSec * 1000)))
    ])
    clearTimeout(timer)
    const checks: CheckResult[] = []
    for (const n of names) {
      const s = status.get(n)
      checks.push({
        id: 'image.load',
        subject: `${n}.so`,
        status: s?.ok ? 'pass' : 'fail',
        message: s
          ? s.ok
            ? `${s.text} (in a container of ${subject})`
            : `the host in ${subject} logged "${s.text}"`
          : exited
            ? `the container exited (${exited}) before ${n} reported; last log: ${log.slice(-3).join(' | ')}`
            : `no "plugin status: ${n} - active" within ${input.timeoutSec} s in ${subject}${timedOut ? ' (verify-timeout)' : ''}`
      })
    }
    if (checks.some(c => c.status === 'fail'))
      return fail(
        `${checks.filter(c => c.status === 'fail').length} of ${names.length} plugin(s) did not load in ${subject}`,
        checks
      )
    // The image's user, and its healthcheck, asked inside the running container.
    const id = await run(cmd, argv(['exec', name, 'id']), { timeoutMs: 30_000 })
    const user = id.stdout.trim()
    if (id.code !== 0 || /^uid=0\(/.test(user))
      return fail(
        `the container ran as ${user || 'an unknown user'}; the image's user should be the non-root appuser`,
        checks
      )
    const hc = healthcheckArgv(input.healthcheck)
    if (hc) {
      let answer = await run(cmd, argv(['exec', name, ...hc]), { timeoutMs: 30_000 })
      // The host may still be opening its port after the plugins reported.
      for (let i = 0; answer.code !== 0 && i < 10 && !exited; i++) {
        await sleep(500)
        answer = await run(cmd, argv(['exec', name, ...hc]), { timeoutMs: 30_000 })
      }
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
    return { status: 'pass', message, checks, log, user }
  } finally {
    if (proc) {
      await run(cmd, argv(['rm', '-f', '-t', '2', '--ignore', name]), { timeoutMs: 60_000 }).catch(
        () => undefined
      )
      proc.stop('SIGTERM')
      const killer = setTimeout(() => proc?.stop('SIGKILL'), 5000)
      await proc.done.catch(() => undefined)
      clearTimeout(killer)
    }
    await run(cmd, argv(['rmi', '-a', '-f']), { timeoutMs: 60_000 }).catch(() => undefined)
    await rm(store, { recursive: true, force: true }).catch(() => undefined)
    await rm(runroot, { recursive: true, force: true }).catch(() => undefined)
  }
}
