/**
 * The runtime image of the source document's Dockerfiles, assembled without a Docker daemon
 * and without RUN steps (as ko and jib do): the base image's layers as its registry serves
 * them, one layer adding the non-root `appuser` (/etc/passwd and /etc/group as the base has
 * them, plus one line each), one layer with the app (`/app/main`, the checkout's
 * `docker-entrypoint.sh`, the plugins, config.json, the data dir), and a config with the
 * user, environment defaults, exposed port, volume, healthcheck, entrypoint and command.
 * Every byte follows from the inputs and SOURCE_DATE_EPOCH: the same build gives the same
 * digest. Written as an OCI archive (`<artifact-name>.oci.tar`).
 */
import { mkdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { Arch, BuildResult, ImageResult, Libc, Mode, Plan } from '../context.js'
import { BuildError } from '../errors.js'
import type { Reporter } from '../report.js'
import {
  indexLayers,
  pullImage,
  readFiles,
  resolvePath,
  writeOciArchive,
  type IndexEntry,
  type ArchiveBlob,
  type ImageConfig,
  type PulledImage
} from '../lib/oci/image.js'
import { formatImageRef, pinned, type ImageRef } from '../lib/oci/reference.js'
import {
  MEDIA,
  sha256Digest,
  type Descriptor,
  type Manifest,
  type RegistryCredentials
} from '../lib/oci/registry.js'
import { writeLayer, type LayerEntry, type WrittenLayer } from '../lib/oci/tar.js'
import { archiveEpoch, sourceDirOf } from './archive.js'
import {
  APP_DIR,
  APP_PORT,
  ENV_DEFAULTS,
  HEALTHCHECK,
  APP_USER,
  configExample,
  startCommand
} from './runtime.js'

/** What a base image must hold for the seed's runtime: its shell, wget, and the libc loader. */
export function requiredPaths(mode: Mode, libc: Libc, arch: Arch): { path: string; why: string }[] {
  const need = [
    { path: 'bin/sh', why: 'the entrypoint script and the healthcheck run in /bin/sh' },
    { path: 'etc/passwd', why: 'the non-root user is added to it' },
    { path: 'etc/group', why: "the user's group is added to it" }
  ]
  if (mode === 'dynamic')
    need.push({ path: loaderOf(libc, arch), why: `the ${libc} host's loader` })
  return need
}

export function loaderOf(libc: Libc, arch: Arch): string {
  if (libc === 'musl') return `lib/ld-musl-${arch === 'amd64' ? 'x86_64' : 'aarch64'}.so.1`
  return arch === 'amd64' ? 'lib64/ld-linux-x86-64.so.2' : 'lib/ld-linux-aarch64.so.1'
}

/** The packages a base lacking something needs, per libc (the seed's install lines). */
function installHint(libc: Libc): string {
  return libc === 'musl'
    ? "a base with Alpine's `apk add musl libgcc ca-certificates wget` done (alpine:3.23 has them)"
    : "a base with Debian's `apt-get install libc6 ca-certificates wget` done"
}

interface Account {
  name: string
  uid: number
  gid: number
}

/**
 * /etc/passwd and /etc/group with `appuser` added the way `useradd -m` / `adduser -D` would:
 * the first free id from 1000 for both, home /home/appuser, shell /bin/sh. A base that has
 * the user already keeps it.
 */
export function addUser(
  passwd: string,
  group: string,
  name = APP_USER
): {
  passwd: string
  group: string
  user: Account
} {
  const rows = (t: string) =>
    t
      .split('\n')
      .filter(l => l && !l.startsWith('#'))
      .map(l => l.split(':'))
  const existing = rows(passwd).find(r => r[0] === name)
  if (existing)
    return { passwd, group, user: { name, uid: Number(existing[2]), gid: Number(existing[3]) } }
  const uids = new Set(rows(passwd).map(r => Number(r[2])))
  const gids = new Set(rows(group).map(r => Number(r[2])))
  let id = 1000
  while (uids.has(id) || gids.has(id)) id++
  const nl = (t: string) => (t === '' || t.endsWith('\n') ? t : `${t}\n`)
  const hasGroup = rows(group).find(r => r[0] === name)
  const gid = hasGroup ? Number(hasGroup[2]) : id
  return {
    passwd: `${nl(passwd)}${name}:x:${id}:${gid}::/home/${name}:/bin/sh\n`,
    group: hasGroup ? group : `${nl(group)}${name}:x:${gid}:\n`,
    user: { name, uid: id, gid }
  }
}

/** Docker's layer media types have OCI twins with the same bytes; the manifest we write is OCI. */
function ociLayer(d: Descriptor): Descriptor {
  const mediaType =
    d.mediaType === MEDIA.dockerLayerGzip
      ? MEDIA.ociLayerGzip
      : d.mediaType === 'application/vnd.docker.image.rootfs.diff.tar'
        ? MEDIA.ociLayer
        : d.mediaType
  return { mediaType, digest: d.digest, size: d.size }
}

export interface ImageInput {
  plan: Plan
  build: BuildResult
  /** Where blobs and the archive are written (staging). */
  workDir: string
  /** For SOURCE_DATE_EPOCH (the archive's file times, the image's created time). */
  env: NodeJS.ProcessEnv
  credentials?: RegistryCredentials
  reporter: Reporter
  signal?: AbortSignal
}

interface AppFile {
  path: string
  from?: string
  data?: Buffer
  mode: number
}

/** The app layer's entries: /app owned by the user, as the seed's `chown -R appuser:appuser /app`. */
async function appEntries(files: AppFile[], dirs: string[], user: Account): Promise<LayerEntry[]> {
  const own = { uid: user.uid, gid: user.gid }
  const entries: LayerEntry[] = dirs.map(d => ({ path: d, type: 'dir', mode: 0o755, ...own }))
  for (const f of files) {
    const size = f.data ? f.data.length : (await stat(f.from!)).size
    entries.push({
      path: f.path,
      type: 'file',
      mode: f.mode,
      ...own,
      ...(f.data ? { data: f.data } : { from: f.from, size })
    })
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** Checks the base has what the runtime needs; one error naming the missing part. */
function checkBase(base: PulledImage, plan: Plan, index: Map<string, IndexEntry>): void {
  const name = formatImageRef(base.ref)
  const input = plan.image!.baseFrom === 'image-base' ? 'image-base' : 'libc'
  const fix = `give image-base ${installHint(plan.libc)}`
  for (const need of requiredPaths(plan.mode, plan.libc, plan.target.arch)) {
    const found = resolvePath(index, need.path)
    if (!found || found.type === 'Directory')
      throw new BuildError(`the base image ${name} has no /${need.path} (${need.why})`, {
        input,
        fix
      })
  }
  if (!resolvePath(index, 'usr/bin/wget') && !resolvePath(index, 'bin/wget'))
    throw new BuildError(
      `the base image ${name} has no wget (the image's healthcheck runs wget on /health)`,
      { input, fix }
    )
}

export interface AssembledImage extends ImageResult {
  manifestBytes: Buffer
  configBytes: Buffer
  /** Every blob the manifest names, for the push. */
  blobs: ArchiveBlob[]
}

/** Pulls the base, adds the user and app layers and the config, writes the OCI archive. */
export async function assembleImage(input: ImageInput): Promise<AssembledImage> {
  const { plan, build, reporter } = input
  const image = plan.image!
  const blobDir = path.join(input.workDir, 'blobs')
  await mkdir(blobDir, { recursive: true })
  const base = await pullImage(image.base, plan.target.arch, blobDir, {
    credentials: input.credentials,
    signal: input.signal
  }).catch((err: Error) => {
    throw new BuildError(
      `pulling the base image ${formatImageRef(image.base)} failed: ${err.message}`,
      {
        input: image.baseFrom === 'default' ? 'image' : image.baseFrom,
        fix: 'check the reference and that this runner can reach the registry (image-base can name a mirror)',
        cause: err
      }
    )
  })
  const baseName = pinned(image.base, base.digest)
  reporter.info(`base image ${formatImageRef(image.base)} is ${baseName}`)
  const layerFiles = base.layers.map(l => l.file)
  const index = await indexLayers(layerFiles)
  const mtime = (await archiveEpoch(input.env, sourceDirOf(plan))).epoch
  const plugins = [...build.plugins].sort((a, b) => (a.name < b.name ? -1 : 1))
  const ours =
    image.baseFrom === 'host-image'
      ? await pluginLayer(base, index, plugins, blobDir, mtime)
      : await runtimeLayers(input, base, index, blobDir, mtime)

  const created = new Date(mtime * 1000).toISOString()
  const config: ImageConfig = {
    ...base.config,
    created,
    config: {
      ...base.config.config,
      ...ours.config,
      Labels: {
        ...base.config.config?.Labels,
        'org.opencontainers.image.version': plan.version,
        'org.opencontainers.image.base.name': formatImageRef(image.base),
        'org.opencontainers.image.base.digest': base.digest
      }
    },
    rootfs: {
      type: 'layers',
      diff_ids: [...base.config.rootfs.diff_ids, ...ours.layers.map(l => l.diffId)]
    },
    history: [
      ...(base.config.history ?? []),
      ...ours.layers.map(l => ({ created, created_by: `bifrost-build: ${l.what}` }))
    ]
  }
  const configBytes = Buffer.from(JSON.stringify(config))
  const configDigest = sha256Digest(configBytes)
  const manifest: Manifest & { mediaType: string } = {
    schemaVersion: 2,
    mediaType: MEDIA.ociManifest,
    config: { mediaType: MEDIA.ociConfig, digest: configDigest, size: configBytes.length },
    layers: [
      ...base.manifest.layers.map(ociLayer),
      ...ours.layers.map(l => ({ mediaType: MEDIA.ociLayerGzip, digest: l.digest, size: l.size }))
    ],
    annotations: {
      'org.opencontainers.image.base.name': formatImageRef(image.base),
      'org.opencontainers.image.base.digest': base.digest,
      'org.opencontainers.image.created': created
    }
  }
  const manifestBytes = Buffer.from(JSON.stringify(manifest))
  const digest = sha256Digest(manifestBytes)
  const blobs: ArchiveBlob[] = [
    ...base.layers.map(l => ({
      digest: l.descriptor.digest,
      size: l.descriptor.size,
      file: l.file
    })),
    ...ours.layers.map(l => ({ digest: l.digest, size: l.size, file: l.file })),
    { digest: configDigest, size: configBytes.length, data: configBytes },
    { digest, size: manifestBytes.length, data: manifestBytes }
  ]
  const archive = path.join(input.workDir, `${plan.artifactName}.oci.tar`)
  await writeOciArchive(archive, {
    manifest: { digest, size: manifestBytes.length, mediaType: MEDIA.ociManifest },
    refName: image.ref.tag ?? 'latest',
    fullName: image.name,
    blobs,
    mtime
  })
  reporter.info(
    `image ${image.name} assembled: ${digest} (user ${ours.user}, ${plugins.length} plugin(s), base ${baseName})`
  )
  return {
    name: image.name,
    archive,
    digest,
    id: configDigest,
    healthcheck: config.config?.Healthcheck?.Test,
    base: { name: formatImageRef(image.base), digest: base.digest },
    user: ours.user,
    manifestBytes,
    configBytes,
    blobs
  }
}

interface OurLayers {
  layers: (WrittenLayer & { file: string; what: string })[]
  /** What our layers set in the image config on top of the base's. */
  config: NonNullable<ImageConfig['config']>
  user: string
}

/** A full build: the user layer, the app layer, and the seed's runtime settings. */
async function runtimeLayers(
  input: ImageInput,
  base: PulledImage,
  index: Map<string, IndexEntry>,
  blobDir: string,
  mtime: number
): Promise<OurLayers> {
  const { plan, build } = input
  const layerFiles = base.layers.map(l => l.file)
  checkBase(base, plan, index)
  const passwdEntry = resolvePath(index, 'etc/passwd')!
  const groupEntry = resolvePath(index, 'etc/group')!
  const etc = await readFiles(layerFiles, [passwdEntry, groupEntry])
  const accounts = addUser(
    etc.get(passwdEntry.path)?.toString('utf8') ?? '',
    etc.get(groupEntry.path)?.toString('utf8') ?? ''
  )
  const user = accounts.user
  const root = { uid: 0, gid: 0 }
  const userFile = path.join(blobDir, 'user-layer')
  const userLayer = await writeLayer(
    userFile,
    [
      {
        path: 'etc/group',
        type: 'file',
        mode: groupEntry.mode || 0o644,
        ...root,
        data: Buffer.from(accounts.group)
      },
      {
        path: 'etc/passwd',
        type: 'file',
        mode: passwdEntry.mode || 0o644,
        ...root,
        data: Buffer.from(accounts.passwd)
      },
      { path: `home/${user.name}`, type: 'dir', mode: 0o755, uid: user.uid, gid: user.gid }
    ],
    mtime
  )

  const script = await entrypointScript(plan)
  const plugins = [...build.plugins].sort((a, b) => (a.name < b.name ? -1 : 1))
  const files: AppFile[] = [
    ...(build.host.prebuilt ? [] : [{ path: 'app/main', from: build.host.path, mode: 0o755 }]),
    ...(script ? [{ path: 'app/docker-entrypoint.sh', data: script, mode: 0o755 }] : []),
    ...plugins.map(p => ({ path: `app/plugins/${p.name}.so`, from: p.path, mode: 0o755 })),
    ...(plugins.length
      ? [
          {
            path: 'app/data/config.json',
            data: Buffer.from(configExample(plugins.map(p => p.name))),
            mode: 0o644
          }
        ]
      : [])
  ]
  const dirs = ['app', 'app/data', 'app/data/logs', ...(plugins.length ? ['app/plugins'] : [])]
  const appFile = path.join(blobDir, 'app-layer')
  const appLayer = await writeLayer(appFile, await appEntries(files, dirs, user), mtime)
  const baseEnv = (base.config.config?.Env ?? []).filter(e => !(e.split('=')[0] in ENV_DEFAULTS))
  return {
    layers: [
      { ...userLayer, file: userFile, what: `user ${user.name} (${user.uid}:${user.gid})` },
      { ...appLayer, file: appFile, what: `/app (${files.map(f => `/${f.path}`).join(', ')})` }
    ],
    config: {
      User: user.name,
      Env: [...baseEnv, ...Object.entries(ENV_DEFAULTS).map(([k, v]) => `${k}=${v}`)],
      ...startCommand(Boolean(script)),
      WorkingDir: '/app',
      ExposedPorts: { [`${APP_PORT}/tcp`]: {} },
      Volumes: { [APP_DIR]: {} },
      Healthcheck: HEALTHCHECK
    },
    user: `${user.name} (${user.uid}:${user.gid})`
  }
}

/**
 * host-image: the host's own image with one layer that adds the plugins to /app/plugins and
 * lists them in its config.json (the plugins it already listed are kept); user, entrypoint,
 * healthcheck and everything else stay as that image has them.
 */
async function pluginLayer(
  base: PulledImage,
  index: Map<string, IndexEntry>,
  plugins: BuildResult['plugins'],
  blobDir: string,
  mtime: number
): Promise<OurLayers> {
  const layerFiles = base.layers.map(l => l.file)
  const userText = base.config.config?.User || 'root'
  const owner = await ownerOf(userText, index, layerFiles)
  const cfgEntry = resolvePath(index, 'app/data/config.json')
  const old = cfgEntry ? (await readFiles(layerFiles, [cfgEntry])).get(cfgEntry.path) : undefined
  const configText = mergeConfig(
    old?.toString('utf8'),
    plugins.map(p => p.name)
  )
  const files: AppFile[] = [
    ...plugins.map(p => ({ path: `app/plugins/${p.name}.so`, from: p.path, mode: 0o755 })),
    { path: 'app/data/config.json', data: Buffer.from(configText), mode: 0o644 }
  ]
  const file = path.join(blobDir, 'plugin-layer')
  const layer = await writeLayer(file, await appEntries(files, ['app/plugins'], owner), mtime)
  return {
    layers: [{ ...layer, file, what: `plugins (${files.map(f => `/${f.path}`).join(', ')})` }],
    config: {},
    user: `${owner.name} (${owner.uid}:${owner.gid})`
  }
}

/** The image's user (`name`, `uid` or `uid:gid`) as numbers, from its /etc/passwd. */
async function ownerOf(
  user: string,
  index: Map<string, IndexEntry>,
  layerFiles: string[]
): Promise<Account> {
  const [u, g] = user.split(':')
  const entry = resolvePath(index, 'etc/passwd')
  const passwd = entry
    ? ((await readFiles(layerFiles, [entry])).get(entry.path)?.toString('utf8') ?? '')
    : ''
  const row = passwd
    .split('\n')
    .map(l => l.split(':'))
    .find(r => r[0] === u || r[2] === u)
  const uid = row ? Number(row[2]) : /^\d+$/.test(u) ? Number(u) : 0
  const gid = g && /^\d+$/.test(g) ? Number(g) : row ? Number(row[3]) : uid
  return { name: row?.[0] ?? u, uid, gid }
}

/** The image's config.json with these plugins listed at /app/plugins (replacing same names). */
export function mergeConfig(old: string | undefined, names: readonly string[]): string {
  let config: { plugins?: { name?: string }[] } & Record<string, unknown> = {}
  try {
    config = old ? (JSON.parse(old) as typeof config) : {}
  } catch {
    config = {}
  }
  const ours = JSON.parse(configExample([...names].sort())) as { plugins: { name: string }[] }
  const kept = (config.plugins ?? []).filter(p => !names.includes(String(p?.name)))
  return JSON.stringify({ ...config, plugins: [...kept, ...ours.plugins] }, null, 2) + '\n'
}

/** The checkout's transports/docker-entrypoint.sh, as the seed's images copy it. */
async function entrypointScript(plan: Plan): Promise<Buffer | undefined> {
  if (plan.source.kind !== 'checkout') return undefined
  return readFile(path.join(plan.source.transportsDir, 'docker-entrypoint.sh')).catch(
    () => undefined
  )
}

export type { ImageRef }
