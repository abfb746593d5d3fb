/**
 * The layers this tool adds on top of a base image, and what they set in its config: for a
 * full build the user layer and the app layer with the seed's runtime settings; for
 * host-image one layer adding the plugins to the host's own image. Each layer is written
 * from sorted entries at a fixed time, so the same inputs give the same bytes.
 */
import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { BuildResult, Plan } from '../context.js'
import {
  readFiles,
  resolvePath,
  type ImageConfig,
  type IndexEntry,
  type PulledImage
} from '../lib/oci/image.js'
import { writeLayer, type LayerEntry, type WrittenLayer } from '../lib/oci/tar.js'
import { checkBase } from './image-base.js'
import { addUser, ownerOf, type Account } from './image-users.js'
import {
  APP_DIR,
  APP_PORT,
  ENV_DEFAULTS,
  HEALTHCHECK,
  configExample,
  startCommand
} from './runtime.js'

/** The pulled base and where and when our layers are written. */
export interface LayerContext {
  base: PulledImage
  /** The base's files, by path, across its layers. */
  index: Map<string, IndexEntry>
  blobDir: string
  /** The file time of every entry (SOURCE_DATE_EPOCH). */
  mtime: number
}

type OurLayer = WrittenLayer & { file: string; what: string }

export interface OurLayers {
  layers: OurLayer[]
  /** What our layers set in the image config on top of the base's. */
  config: NonNullable<ImageConfig['config']>
  user: string
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

/** The base's /etc/passwd and /etc/group with the user added, and its home directory. */
async function userLayer(on: LayerContext): Promise<{ layer: OurLayer; user: Account }> {
  const layerFiles = on.base.layers.map(l => l.file)
  const passwdEntry = resolvePath(on.index, 'etc/passwd')!
  const groupEntry = resolvePath(on.index, 'etc/group')!
  const etc = await readFiles(layerFiles, [passwdEntry, groupEntry])
  const accounts = addUser(
    etc.get(passwdEntry.path)?.toString('utf8') ?? '',
    etc.get(groupEntry.path)?.toString('utf8') ?? ''
  )
  const user = accounts.user
  const root = { uid: 0, gid: 0 }
  const file = path.join(on.blobDir, 'user-layer')
  const layer = await writeLayer(
    file,
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
    on.mtime
  )
  return { layer: { ...layer, file, what: `user ${user.name} (${user.uid}:${user.gid})` }, user }
}

/** A full build: the user layer, the app layer, and the seed's runtime settings. */
export async function runtimeLayers(
  plan: Plan,
  build: BuildResult,
  on: LayerContext
): Promise<OurLayers> {
  checkBase(on.base, plan, on.index)
  const { layer: users, user } = await userLayer(on)
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
  const appFile = path.join(on.blobDir, 'app-layer')
  const appLayer = await writeLayer(appFile, await appEntries(files, dirs, user), on.mtime)
  const baseEnv = (on.base.config.config?.Env ?? []).filter(e => !(e.split('=')[0] in ENV_DEFAULTS))
  return {
    layers: [
      users,
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
export async function pluginLayer(
  plugins: BuildResult['plugins'],
  on: LayerContext
): Promise<OurLayers> {
  const layerFiles = on.base.layers.map(l => l.file)
  const userText = on.base.config.config?.User || 'root'
  const owner = await ownerOf(userText, on.index, layerFiles)
  const cfgEntry = resolvePath(on.index, 'app/data/config.json')
  const old = cfgEntry ? (await readFiles(layerFiles, [cfgEntry])).get(cfgEntry.path) : undefined
  const configText = mergeConfig(
    old?.toString('utf8'),
    plugins.map(p => p.name)
  )
  const files: AppFile[] = [
    ...plugins.map(p => ({ path: `app/plugins/${p.name}.so`, from: p.path, mode: 0o755 })),
    { path: 'app/data/config.json', data: Buffer.from(configText), mode: 0o644 }
  ]
  const file = path.join(on.blobDir, 'plugin-layer')
  const layer = await writeLayer(file, await appEntries(files, ['app/plugins'], owner), on.mtime)
  return {
    layers: [{ ...layer, file, what: `plugins (${files.map(f => `/${f.path}`).join(', ')})` }],
    config: {},
    user: `${owner.name} (${owner.uid}:${owner.gid})`
  }
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
