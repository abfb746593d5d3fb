/** Stage 5: static checks (ELF, libc, glibc floor, Go build info) and the load test. */
import { existsSync } from 'node:fs'
import path from 'node:path'
import type {
  CheckResult,
  FileFacts,
  ImageResult,
  Libc,
  Mode,
  ModuleRoots,
  Target,
  VerifyLevel,
  VerifyReport
} from '../context.js'
import type { Reporter } from '../report.js'
import { glibcFloor, readElf, ElfError, type ElfInfo } from './elf.js'
import { machineArch } from '../platform.js'
import { which } from '../util/which.js'
import { loadTestRunner, networkIsolation, runLoadTest } from './load.js'
import { BuildInfoError, readBuildInfo } from './buildinfo.js'
import { referenceHost, type HostReference } from './reference.js'
import { libcFamily, staticChecks, type VerifiedFile } from './rules.js'
import type { ImageLoadOutcome } from './image.js'

export interface VerifyInput {
  /** The host binary; with `hostReference`, the manifest (path or URL) it was read from. */
  host: string
  /** The host as a build's manifest recorded it: static checks against it, no load test. */
  hostReference?: HostReference
  plugins: { name: string; path: string }[]
  mode: Mode
  libc: Libc
  target: Target
  level: VerifyLevel
  timeoutSec: number
  glibcMax?: string
  /**
   * Where each binary's relative `replace` paths resolve from (a build run knows its module
   * roots); without them directory replacements cannot be compared and the load test decides.
   */
  moduleRoots?: ModuleRoots
  /** Root for qemu-user `-L` when the target is another arch. */
  sysroot?: string
  reporter: Reporter
  signal: AbortSignal
}

const ICON: Record<CheckResult['status'], string> = {
  pass: 'pass',
  fail: 'FAIL',
  warn: 'warn',
  skip: 'skip'
}

export function formatCheck(c: CheckResult): string {
  return `${ICON[c.status]}  ${c.id}  ${c.subject}: ${c.message}`
}

export async function verify(input: VerifyInput): Promise<VerifyReport> {
  const { reporter } = input
  if (input.level === 'off') {
    const check: CheckResult = {
      id: 'verify',
      subject: 'all',
      status: 'skip',
      message: 'verify: off, nothing was checked'
    }
    reporter.notice('verify is off: the host and plugins were not checked')
    return { ok: true, checks: [check], files: [] }
  }

  const ref = input.hostReference
  const entries = [
    ...(ref ? [] : [{ name: path.basename(input.host), path: input.host, kind: 'host' as const }]),
    ...input.plugins.map(p => ({ name: p.name, path: p.path, kind: 'plugin' as const }))
  ]
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
      message: `${r.path} ${'error' in r ? r.error : ''}. Fix: pass the ${r.kind === 'host' ? 'bifrost-http binary' : 'plugin .so file'} built for linux/${input.target.arch}`
    }))
    for (const c of checks) reporter.info(formatCheck(c))
    return { ok: false, checks, files: [] }
  }

  const infos = await readBuildInfos(read.map(r => r.path))
  const files: VerifiedFile[] = read.map((r, i) => ({
    name: r.name,
    kind: r.kind,
    elf: (r as { elf: ElfInfo }).elf,
    ...infos[i],
    moduleDir: r.kind === 'host' ? input.moduleRoots?.host : input.moduleRoots?.plugins[r.name]
  }))
  if (ref) files.unshift(referenceHost(ref))
  const [host, ...plugins] = files
  const exp = {
    mode: input.mode,
    libc: input.libc,
    target: input.target,
    glibcMax: input.glibcMax
  }
  const result = staticChecks(host, plugins, exp)
  const checks = [...result.checks]
  if (ref)
    checks.unshift({
      id: 'reference',
      subject: host.name,
      status: 'pass',
      message: `host facts from the manifest ${input.host} (${host.name} sha256 ${ref.host.sha256.slice(0, 16)}, ${ref.host.buildInfo.goVersion}, ${ref.mode} ${ref.libc} ${ref.target})`
    })

  let loadTest: VerifyReport['loadTest']
  if (ref && input.level !== 'static') {
    const message =
      'load test skipped: it needs the host binary (host-binary), and only its manifest was given; the static checks ran against the manifest'
    reporter.notice(message)
    checks.push({ id: 'load', subject: host.name, status: 'skip', message })
    loadTest = { status: 'skip', message }
  } else if (input.level === 'static') {
    const message = 'load test not run (verify: static; use verify: full or --load)'
    checks.push({ id: 'load', subject: host.name, status: 'skip', message })
    loadTest = { status: 'skip', message }
  } else {
    const runner = loadTestRunner({
      hostMachine: host.elf.machineName,
      interp: host.elf.interp,
      machineArch: machineArch(),
      sysroot: input.sysroot,
      exists: existsSync,
      which: cmd => which(cmd)
    })
    if (!runner.run) {
      const message = `load test skipped: ${runner.reason}; only the static checks ran`
      reporter.notice(message)
      checks.push({ id: 'load', subject: host.name, status: 'skip', message })
      loadTest = { status: 'skip', message }
    } else {
      const isolation = await networkIsolation()
      reporter.info(`load test: starting ${host.name} ${runner.how}, ${isolation.how}`)
      const out = await runLoadTest({
        host: input.host,
        hostName: host.name,
        plugins: input.plugins,
        prefix: [...isolation.prefix, ...runner.prefix],
        timeoutSec: input.timeoutSec,
        signal: input.signal
      })
      checks.push(...out.checks)
      loadTest = { status: out.status, message: out.message, log: out.log }
    }
  }

  // One line per check; a failure becomes one ::error line through failIfNotOk.
  for (const c of checks) reporter.info(formatCheck(c))
  if (result.glibcFloor) reporter.info(`glibc floor: ${result.glibcFloor}`)

  return {
    ok: !checks.some(c => c.status === 'fail'),
    checks,
    files: files.map((f, i) =>
      fileFacts(f, ref ? (i === 0 ? input.host : entries[i - 1].path) : entries[i].path)
    ),
    glibcFloor: result.glibcFloor,
    loadTest
  }
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
  input.reporter.info(`starting a container of ${input.hostImage.name} (podman, runc, no network)`)
  const { runImageLoadTest } = await import('./image.js')
  const out = await runImageLoadTest({
    archive: input.hostImage.archive,
    imageId: input.hostImage.id,
    name: input.hostImage.name,
    plugins: input.plugins.map(p => p.name),
    healthcheck: input.hostImage.healthcheck,
    timeoutSec: input.timeoutSec,
    signal: input.signal,
    tmpRoot: input.tmpRoot,
    mounts
  })
  for (const c of out.checks) input.reporter.info(formatCheck(c))
  if (out.status === 'fail' && out.log.length)
    input.reporter.info(`container log (last lines):\n${out.log.slice(-20).join('\n')}`)
  return out
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
  const { runImageLoadTest } = await import('./image.js')
  input.reporter.info(`starting a container of ${input.image.name} (podman, runc, no network)`)
  const out = await runImageLoadTest({
    archive: input.image.archive,
    imageId: input.image.id,
    name: input.image.name,
    plugins: input.plugins,
    healthcheck: input.image.healthcheck,
    timeoutSec: input.timeoutSec,
    signal: input.signal,
    tmpRoot: input.tmpRoot
  })
  for (const c of out.checks) input.reporter.info(formatCheck(c))
  if (out.status === 'fail' && out.log.length)
    input.reporter.info(`container log (last lines):\n${out.log.slice(-20).join('\n')}`)
  return out
}
