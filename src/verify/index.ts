/** Stage 5: static checks (ELF, libc, glibc floor, Go build info) and the load test. */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type { CheckResult, FileFacts, ImageResult, VerifyInput, VerifyReport } from '../context.js'
import type { Reporter } from '../report.js'
import type { ImageLoadOutcome } from './image.js'
import { withFix } from '../errors.js'
import { glibcFloor, libcFamily, readElf, ElfError, type ElfInfo } from '../lib/elf.js'
import { machineArch } from '../platform.js'
import { which } from '../util/which.js'
import { loadTestRunner } from './load-host.js'
import { bundledSupervisor, holdSandbox, sandboxWays } from './load-sandbox.js'
import { runLoadTest } from './load.js'
import type { VerifiedFile } from '../lib/binary.js'
import { BuildInfoError, readBuildInfo } from '../lib/buildinfo.js'
import { hostFactsOf, readHostFacts, referenceHost, type HostFacts } from '../lib/host-reference.js'
import { staticChecks } from './rules.js'

const ICON: Record<CheckResult['status'], string> = {
  pass: 'pass',
  fail: 'FAIL',
  warn: 'warn',
  skip: 'skip'
}

export function formatCheck(c: CheckResult): string {
  return `${ICON[c.status]}  ${c.id}  ${c.subject}: ${withFix(c)}`
}

export async function verify(input: VerifyInput): Promise<VerifyReport> {
  if (input.level === 'off') return verifyOff(input)
  const ref = input.hostReference
  const entries = [
    ...(ref ? [] : [{ name: path.basename(input.host), path: input.host, kind: 'host' as const }]),
    ...input.plugins.map(p => ({ name: p.name, path: p.path, kind: 'plugin' as const }))
  ]
  const read = await readFiles(input, entries)
  if ('unreadable' in read) return read.unreadable
  const files = read.files
  const [host, ...plugins] = files
  const result = staticChecks(host, plugins, {
    mode: input.mode,
    libc: input.libc,
    target: input.target,
    glibcMax: input.glibcMax
  })
  const checks = [...result.checks]
  if (ref) checks.unshift(referenceCheck(input, host))

  const load = await loadTestOf(input, host)
  checks.push(...load.checks)

  // One line per check; a failure becomes one ::error line through failIfNotOk.
  for (const c of checks) input.reporter.info(formatCheck(c))
  if (result.glibcFloor) input.reporter.info(`glibc floor: ${result.glibcFloor}`)

  return {
    ok: !checks.some(c => c.status === 'fail'),
    checks,
    files: files.map((f, i) =>
      fileFacts(f, ref ? (i === 0 ? input.host : entries[i - 1].path) : entries[i].path)
    ),
    glibcFloor: result.glibcFloor,
    ...(ref ? {} : builtHostFacts(host)),
    loadTest: load.loadTest
  }
}

/** verify: off checks nothing, and says so. */
async function verifyOff(input: VerifyInput): Promise<VerifyReport> {
  const check: CheckResult = {
    id: 'verify',
    subject: 'all',
    status: 'skip',
    message: 'verify: off, nothing was checked'
  }
  input.reporter.notice('verify is off: the host and plugins were not checked')
  return { ok: true, checks: [check], files: [], ...(await hostFactsWhenOff(input)) }
}

interface Entry {
  name: string
  path: string
  kind: 'host' | 'plugin'
}

/**
 * The ELF facts and build info of every file, the manifest's host first when there is one;
 * or, when a file cannot be read as ELF, the failed report that names each such file.
 */
async function readFiles(
  input: VerifyInput,
  entries: Entry[]
): Promise<{ files: VerifiedFile[] } | { unreadable: VerifyReport }> {
  const read = await Promise.all(
    entries.map(async e => {
      try {
        return { ...e, elf: await readElf(e.path) }
      } catch (err) {
        const why = err instanceof ElfError ? err.message : describeFsError(err)
        return { ...e, error: why }
      }
    })
  )
  const unreadable = read.filter(r => 'error' in r)
  if (unreadable.length) {
    const checks = unreadable.map((r): CheckResult => ({
      id: 'elf.read',
      subject: r.kind === 'plugin' ? `${r.name}.so` : r.name,
      status: 'fail',
      message: `${r.path} ${'error' in r ? r.error : ''}`,
      fix: `pass the ${r.kind === 'host' ? 'bifrost-http binary' : 'plugin .so file'} built for linux/${input.target.arch}`
    }))
    for (const c of checks) input.reporter.info(formatCheck(c))
    return { unreadable: { ok: false, checks, files: [] } }
  }
  const infos = await readBuildInfos(read.map(r => r.path))
  const files: VerifiedFile[] = read.map((r, i) => ({
    name: r.name,
    kind: r.kind,
    elf: (r as { elf: ElfInfo }).elf,
    ...infos[i],
    moduleDir: r.kind === 'host' ? input.moduleRoots?.host : input.moduleRoots?.plugins[r.name]
  }))
  if (input.hostReference) files.unshift(referenceHost(input.hostReference))
  return { files }
}

/** verify-only from a manifest: the host's facts came from it, and the report says so. */
function referenceCheck(input: VerifyInput, host: VerifiedFile): CheckResult {
  const ref = input.hostReference!
  return {
    id: 'reference',
    subject: host.name,
    status: 'pass',
    message: `host facts from the manifest ${input.host} (${host.name} sha256 ${ref.host.sha256.slice(0, 16)}, ${ref.host.buildInfo.goVersion}, ${ref.mode} ${ref.libc} ${ref.target})`
  }
}

/** The load test, or why it was not run: its checks and the report's loadTest. */
async function loadTestOf(
  input: VerifyInput,
  host: VerifiedFile
): Promise<{ checks: CheckResult[]; loadTest: NonNullable<VerifyReport['loadTest']> }> {
  const { reporter } = input
  const skipped = (message: string, notice = true) => {
    if (notice) reporter.notice(message)
    return {
      checks: [{ id: 'load', subject: host.name, status: 'skip' as const, message }],
      loadTest: { status: 'skip' as const, message }
    }
  }
  if (input.hostReference && input.level !== 'static')
    return skipped(
      'load test skipped: it needs the host binary (host-binary), and only its manifest was given; the static checks ran against the manifest'
    )
  if (input.level === 'static')
    return skipped('load test not run (verify: static; use verify: full or --load)', false)
  const runner = loadTestRunner({
    hostMachine: host.elf.machineName,
    interp: host.elf.interp,
    machineArch: machineArch(),
    sysroot: input.sysroot,
    exists: existsSync,
    which: cmd => which(cmd)
  })
  if (!runner.run) return skipped(`load test skipped: ${runner.reason}; only the static checks ran`)
  const supervisor = bundledSupervisor()
  reporter.info(`load test: starting ${host.name} ${runner.how}`)
  const out = await runLoadTest({
    host: input.host,
    hostName: host.name,
    plugins: input.plugins,
    prefix: runner.prefix,
    timeoutSec: input.timeoutSec,
    signal: input.signal,
    sandbox: supervisor
      ? { ways: sandboxWays(), supervisor: [process.execPath, supervisor] }
      : undefined,
    noSandboxReason: supervisor
      ? undefined
      : 'the sandbox supervisor sandbox.js is not beside the bundle'
  })
  reporter.info(`load test: the host ran ${out.network}`)
  if (out.requests.length)
    reporter.info(
      `load test: host fetched at start-up (served by the offline stub): ${[...new Set(out.requests)].join(', ')}`
    )
  return {
    checks: out.checks,
    loadTest: { status: out.status, message: out.message, log: out.log }
  }
}

type HostRead = { hostFacts?: HostFacts; hostFactsError?: string }

function builtHostFacts(host: VerifiedFile): HostRead {
  if (host.buildInfo) return { hostFacts: hostFactsOf(host.elf, host.buildInfo) }
  return { hostFactsError: host.buildInfoError ?? 'no Go build info' }
}

/** Nothing is checked at level off, but the manifest still records the host it read. */
async function hostFactsWhenOff(input: VerifyInput): Promise<HostRead> {
  if (input.hostReference) return {}
  return readHostFacts(input.host).then(
    hostFacts => ({ hostFacts }),
    (e: unknown) => ({ hostFactsError: (e as Error).message })
  )
}

function fileFacts(f: VerifiedFile, filePath: string): FileFacts {
  return {
    name: f.kind === 'plugin' ? `${f.name}.so` : f.name,
    path: /^[a-z][a-z0-9+.-]*:\/\//i.test(filePath) ? filePath : path.resolve(filePath),
    kind: f.kind,
    size: f.elf.size,
    elfClass: f.elf.elfClass,
    machine: f.elf.machineName,
    elfType: f.elf.type === 2 ? 'exec' : f.elf.type === 3 ? 'dyn' : 'other',
    interp: f.elf.interp,
    needed: f.elf.needed,
    soname: f.elf.soname,
    linkage: f.elf.interp || f.elf.needed.length ? 'dynamic' : 'static',
    libc: libcFamily(f.elf),
    glibcFloor: glibcFloor(f.elf.versionNeeds),
    goVersion: f.buildInfo?.goVersion,
    buildSettings: f.buildInfo?.settings
  }
}

/** Build info of every file, read from the file itself (no go command). */
function readBuildInfos(
  files: string[]
): Promise<Pick<VerifiedFile, 'buildInfo' | 'buildInfoError'>[]> {
  return Promise.all(
    files.map(f =>
      readBuildInfo(f).then(
        buildInfo => ({ buildInfo }),
        (e: unknown) => ({
          buildInfoError: e instanceof BuildInfoError ? e.reason : (e as Error).message
        })
      )
    )
  )
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  if (e?.code === 'ENOENT') return 'does not exist'
  if (e?.code === 'EACCES') return 'cannot be read (permission denied)'
  if (e?.code === 'EISDIR') return 'is a directory, not an ELF file'
  return `cannot be read: ${e?.message ?? String(err)}`
}

/**
 * verify-only with host-image: the plugins load-tested in a container of the unmodified host
 * image, mounted read-only at /app/plugins-under-test, with an app dir of our own (a
 * config.json listing them) mounted on the image's APP_DIR.
 */
export async function verifyInHostImage(input: {
  hostImage: { name: string; archive: string; id: string; healthcheck?: string[]; appDir?: string }
  plugins: { name: string; path: string }[]
  timeoutSec: number
  reporter: Reporter
  signal?: AbortSignal
  tmpRoot: string
}): Promise<ImageLoadOutcome> {
  const { mkdtemp, writeFile, chmod } = await import('node:fs/promises')
  const appDir = await mkdtemp(path.join(input.tmpRoot, 'app-data-'))
  // The image's user is not ours: the app dir must be writable by whoever it is.
  await chmod(appDir, 0o777)
  const dir = '/app/plugins-under-test'
  const config = {
    plugins: input.plugins.map(p => ({
      enabled: true,
      name: p.name,
      path: `${dir}/${p.name}.so`,
      config: {}
    }))
  }
  await writeFile(path.join(appDir, 'config.json'), JSON.stringify(config, null, 2) + '\n', {
    mode: 0o644
  })
  const mounts = [
    `${appDir}:${input.hostImage.appDir ?? '/app/data'}`,
    ...input.plugins.map(p => `${path.resolve(p.path)}:${dir}/${p.name}.so:ro`)
  ]
  return imageTest({
    ...input,
    image: input.hostImage,
    plugins: input.plugins.map(p => p.name),
    mounts
  })
}

/** The in-image load test (image.ts), offline where it can be, each check logged on its line. */
async function imageTest(t: {
  image: { name: string; archive: string; id: string; healthcheck?: string[] }
  plugins: string[]
  timeoutSec: number
  reporter: Reporter
  signal?: AbortSignal
  tmpRoot?: string
  mounts?: string[]
}): Promise<ImageLoadOutcome> {
  t.reporter.info(`starting a container of ${t.image.name} (podman, runc)`)
  const { runImageLoadTest } = await import('./image.js')
  const out = await inImageSandbox(t.reporter, t.tmpRoot, t.signal, sandbox =>
    runImageLoadTest({
      archive: t.image.archive,
      imageId: t.image.id,
      name: t.image.name,
      plugins: t.plugins,
      healthcheck: t.image.healthcheck,
      timeoutSec: t.timeoutSec,
      signal: t.signal,
      tmpRoot: t.tmpRoot,
      mounts: t.mounts,
      sandbox
    })
  )
  for (const c of out.checks) t.reporter.info(formatCheck(c))
  if (out.status === 'fail' && out.log.length)
    t.reporter.info(`container log (last lines):\n${out.log.slice(-20).join('\n')}`)
  return out
}

/**
 * The image test's container runs offline like the host's load test: inside the held sandbox
 * (its loopback and stub, the CA mounted) where this machine allows it, else with no network
 * at all, and the log says which.
 */
async function inImageSandbox(
  reporter: Reporter,
  tmpRoot: string | undefined,
  signal: AbortSignal | undefined,
  run: (sandbox?: { prefix: string[]; caFile: string }) => Promise<ImageLoadOutcome>
): Promise<ImageLoadOutcome> {
  const supervisor = bundledSupervisor()
  const held = supervisor
    ? await holdSandbox({ supervisor: [process.execPath, supervisor], tmpRoot, signal })
    : { reason: 'the sandbox supervisor sandbox.js is not beside the bundle' }
  if ('reason' in held) {
    reporter.info(
      `image test: the container runs with no network (no offline stub: ${held.reason})`
    )
    return run()
  }
  try {
    reporter.info('image test: the container runs offline in the sandbox (stub on its loopback)')
    const out = await run({ prefix: held.prefix, caFile: held.caFile })
    if (held.requests.length)
      reporter.info(
        `image test: the container fetched at start-up (served by the offline stub): ${[...new Set(held.requests)].join(', ')}`
      )
    return out
  } finally {
    await held.stop()
  }
}

/** The in-image load test (input `image`): its checks join the report; see verify/image.ts. */
export async function verifyImage(input: {
  image: ImageResult
  plugins: string[]
  timeoutSec: number
  reporter: Reporter
  signal?: AbortSignal
  tmpRoot?: string
}): Promise<ImageLoadOutcome> {
  return imageTest(input)
}
