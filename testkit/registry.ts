/**
 * Image tests' real parts: Debian's docker-registry on 127.0.0.1 (a config file in the
 * test's temp dir, a free port), and base images made from the root file systems that
 * scripts/test-bases.sh builds once per machine, pushed into that registry.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import {
  mkdirSync,
  readFileSync,
  writeFileSync,
  createReadStream,
  createWriteStream,
  statSync
} from 'node:fs'
import { createHash } from 'node:crypto'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { createGzip } from 'node:zlib'
import { REPO } from './fixture.js'
import { run } from './run.js'
import { MEDIA, Registry, sha256Digest } from '../src/lib/oci/registry.js'

export function basesDir(): string {
  return process.env.BIFROST_BUILD_TEST_BASES ?? path.join(os.tmpdir(), 'bifrost-build-test-bases')
}

/** Builds the base root file systems once per machine (the script keeps a stamp). */
export async function ensureBases(): Promise<string> {
  const r = await run(path.join(REPO, 'scripts', 'test-bases.sh'), [basesDir()], {
    timeoutMs: 900_000
  })
  if (r.code !== 0) throw new Error(`scripts/test-bases.sh failed: ${r.stderr.slice(-2000)}`)
  return basesDir()
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address()
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0))
    })
  })
}

export interface LocalRegistry {
  /** `127.0.0.1:<port>` */
  host: string
  stop: () => Promise<void>
}

/** docker-registry serving from `dir`, on a free loopback port; resolves when it answers. */
export async function startRegistry(dir: string): Promise<LocalRegistry> {
  const port = await freePort()
  mkdirSync(path.join(dir, 'storage'), { recursive: true })
  const config = path.join(dir, 'registry.yml')
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'storage')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      ''
    ].join('\n')
  )
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: 'ignore' })
  const host = `127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://${host}/v2/`).then(
      r => r.status === 200,
      () => false
    )
    if (ok) break
    await new Promise(r => setTimeout(r, 100))
  }
  return {
    host,
    stop: () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}

/** Pushes a root file system tar as a one-layer linux/amd64 image (Docker media types, as Hub serves). */
export async function pushRootfs(
  registry: string,
  repository: string,
  tag: string,
  rootfsTar: string,
  workDir: string,
  env: string[] = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']
): Promise<string> {
  mkdirSync(workDir, { recursive: true })
  const gz = path.join(workDir, `${path.basename(rootfsTar)}.gz`)
  const raw = createHash('sha256')
  const tap = new Transform({
    transform(c: Buffer, _e, cb) {
      raw.update(c)
      cb(null, c)
    }
  })
  await pipeline(createReadStream(rootfsTar), tap, createGzip({ level: 1 }), createWriteStream(gz))
  const diffId = `sha256:${raw.digest('hex')}`
  const layerDigest = sha256Digest(readFileSync(gz))
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Env: env, Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: [diffId] },
      history: [
        {
          created: '1970-01-01T00:00:00Z',
          created_by: `test base from ${path.basename(rootfsTar)}`
        }
      ]
    })
  )
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.dockerManifest,
      config: { mediaType: MEDIA.dockerConfig, digest: sha256Digest(config), size: config.length },
      layers: [{ mediaType: MEDIA.dockerLayerGzip, digest: layerDigest, size: statSync(gz).size }]
    })
  )
  const reg = new Registry(registry, repository)
  await reg.pushBlob(layerDigest, { file: gz })
  await reg.pushBlob(sha256Digest(config), { data: config })
  return reg.pushManifest(tag, manifest, MEDIA.dockerManifest)
}
