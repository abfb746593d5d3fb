/**
 * The OCI library against real parts: Debian's docker-registry on loopback, skopeo reading
 * what we write. Layers and archives are byte-for-byte reproducible.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  indexLayers,
  pullImage,
  readFiles,
  resolvePath,
  writeOciArchive
} from '../src/lib/oci/image.js'
import {
  formatImageRef,
  isLoopbackRegistry,
  parseImageRef,
  registryBase
} from '../src/lib/oci/reference.js'
import { parseChallenge, Registry, sha256Digest } from '../src/lib/oci/registry.js'
import { writeLayer } from '../src/lib/oci/tar.js'
import { mergeConfig } from '../src/package/image-layers.js'
import { addUser } from '../src/package/image-users.js'
import { credentialsFor, parseImageInputs } from '../src/plan/image.js'
import { defaults } from '../src/inputs.js'
import { ensureBases, pushRootfs, startRegistry, type LocalRegistry } from '../testkit/registry.js'
import { run } from '../testkit/run.js'

describe('image references', () => {
  it('reads registries, Docker Hub names, tags and digests', () => {
    expect(parseImageRef('alpine:3.23')).toEqual({
      registry: 'docker.io',
      repository: 'library/alpine',
      tag: '3.23'
    })
    expect(parseImageRef('ghcr.io/org/bifrost:1.5.1')).toEqual({
      registry: 'ghcr.io',
      repository: 'org/bifrost',
      tag: '1.5.1'
    })
    expect(parseImageRef('127.0.0.1:5000/a/b')).toEqual({
      registry: '127.0.0.1:5000',
      repository: 'a/b',
      tag: 'latest'
    })
    const d = 'sha256:' + 'a'.repeat(64)
    expect(parseImageRef(`localhost/x@${d}`)).toEqual({
      registry: 'localhost',
      repository: 'x',
      digest: d
    })
    expect(parseImageRef('Upper/case')).toMatch(/not a valid repository/)
    expect(parseImageRef('x@sha256:12')).toMatch(/not a sha256 digest/)
  })
  it('speaks plain http to loopback only', () => {
    expect(isLoopbackRegistry('127.0.0.1:5000')).toBe(true)
    expect(isLoopbackRegistry('127.9.8.7')).toBe(true)
    expect(isLoopbackRegistry('localhost:5000')).toBe(true)
    expect(isLoopbackRegistry('ghcr.io')).toBe(false)
    expect(isLoopbackRegistry('127.0.0.1.nip.io')).toBe(false)
    expect(registryBase('docker.io')).toBe('https://registry-1.docker.io')
    expect(registryBase('127.0.0.1:5000')).toBe('http://127.0.0.1:5000')
  })
  it('parses bearer challenges', () => {
    expect(
      parseChallenge(
        'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/b:pull"'
      )
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:o/b:pull' }
    })
  })
})

describe('appuser', () => {
  it('is added with the first free id, once', () => {
    const r = addUser(
      'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n',
      'root:x:0:\nuser:x:1000:\n'
    )
    expect(r.user).toEqual({ name: 'appuser', uid: 1001, gid: 1001 })
    expect(r.passwd.endsWith('appuser:x:1001:1001::/home/appuser:/bin/sh\n')).toBe(true)
    expect(r.group.endsWith('appuser:x:1001:\n')).toBe(true)
    expect(addUser(r.passwd, r.group).passwd).toBe(r.passwd)
  })
})

describe('layers and archives', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bb-oci-'))
  afterAll(() => rmSync(tmp, { recursive: true, force: true }))
  it('writes the same layer bytes twice, and reads them back through GNU tar', async () => {
    const src = path.join(tmp, 'bin')
    writeFileSync(src, Buffer.alloc(70_000, 7))
    const entries = [
      { path: 'app', type: 'dir' as const, mode: 0o755, uid: 1000, gid: 1000 },
      {
        path: 'app/main',
        type: 'file' as const,
        mode: 0o755,
        uid: 1000,
        gid: 1000,
        from: src,
        size: 70_000
      },
      {
        path: 'etc/passwd',
        type: 'file' as const,
        mode: 0o644,
        uid: 0,
        gid: 0,
        data: Buffer.from('root:x:0:0::/:/bin/sh\n')
      }
    ]
    const a = await writeLayer(path.join(tmp, 'a.tgz'), entries, 1700000000)
    const b = await writeLayer(path.join(tmp, 'b.tgz'), entries, 1700000000)
    expect(a).toEqual(b)
    expect(sha256Digest(readFileSync(path.join(tmp, 'a.tgz')))).toBe(a.digest)
    const list = await run('tar', ['-tvzf', path.join(tmp, 'a.tgz'), '--numeric-owner'])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/drwxr-xr-x 1000\/1000 +0 2023-11-14 \S+ app\//)
    expect(list.stdout).toMatch(/-rwxr-xr-x 1000\/1000 +70000 .* app\/main/)
    const index = await indexLayers([path.join(tmp, 'a.tgz')])
    expect(index.get('app/main')?.size).toBe(70_000)
    const data = await readFiles([path.join(tmp, 'a.tgz')], [index.get('etc/passwd')!])
    expect(data.get('etc/passwd')?.toString()).toBe('root:x:0:0::/:/bin/sh\n')
  })
  it('applies whiteouts across layers', async () => {
    const one = path.join(tmp, 'one.tgz')
    const two = path.join(tmp, 'two.tgz')
    const f = (p: string) => ({
      path: p,
      type: 'file' as const,
      mode: 0o644,
      uid: 0,
      gid: 0,
      data: Buffer.from(p)
    })
    await writeLayer(one, [f('a/x'), f('a/y'), f('b/z')], 0)
    await writeLayer(two, [f('a/.wh.x'), f('b/.wh..wh..opq')], 0)
    const seen = await indexLayers([one, two])
    expect([...seen.keys()].filter(p => !p.endsWith('/') && seen.get(p)!.type === 'File')).toEqual([
      'a/y'
    ])
  })
  it('resolves symlinks in any component, absolute and relative', async () => {
    const l = path.join(tmp, 'links.tgz')
    const own = { mode: 0o755, uid: 0, gid: 0 }
    await writeLayer(
      l,
      [
        { path: 'bin', type: 'symlink', ...own, linkname: 'usr/bin' },
        { path: 'usr/bin', type: 'dir', ...own },
        { path: 'usr/bin/busybox', type: 'file', ...own, data: Buffer.from('x') },
        { path: 'usr/bin/sh', type: 'symlink', ...own, linkname: '/usr/bin/busybox' },
        { path: 'usr/bin/wget', type: 'symlink', ...own, linkname: '../bin/busybox' }
      ],
      0
    )
    const index = await indexLayers([l])
    expect(resolvePath(index, 'bin/sh')?.path).toBe('usr/bin/busybox')
    expect(resolvePath(index, '/usr/bin/wget')?.path).toBe('usr/bin/busybox')
    expect(resolvePath(index, 'bin/nothing')).toBeUndefined()
  })
})

const E2E = Boolean(process.env.BIFROST_BUILD_E2E)

describe.runIf(E2E)('registry round trip (docker-registry, skopeo)', () => {
  let reg: LocalRegistry
  let tmp: string
  let bases: string
  beforeAll(async () => {
    bases = await ensureBases()
    tmp = mkdtempSync(path.join(os.tmpdir(), 'bb-reg-'))
    reg = await startRegistry(path.join(tmp, 'registry'))
  }, 900_000)
  afterAll(async () => {
    await reg?.stop()
    rmSync(tmp, { recursive: true, force: true })
  })
  it('pushes a base, pulls it back by digest, and skopeo agrees', async () => {
    const digest = await pushRootfs(
      reg.host,
      'base/musl',
      'test',
      path.join(bases, 'musl.tar'),
      path.join(tmp, 'w')
    )
    const ref = parseImageRef(`${reg.host}/base/musl:test`)
    if (typeof ref === 'string') throw new Error(ref)
    const img = await pullImage(ref, 'amd64', path.join(tmp, 'pull'))
    expect(img.digest).toBe(digest)
    const index = await indexLayers(img.layers.map(l => l.file))
    expect(index.get('bin/sh')?.type).toBe('SymbolicLink')
    expect(resolvePath(index, 'usr/bin/wget')?.path).toBe('bin/busybox')
    const sk = await run('skopeo', [
      'inspect',
      '--tls-verify=false',
      `docker://${reg.host}/base/musl:test`
    ])
    expect(sk.code, sk.stderr).toBe(0)
    expect(JSON.parse(sk.stdout).Digest).toBe(digest)
    // The archive writer: skopeo reads it as an OCI archive.
    const archive = path.join(tmp, 'x.oci.tar')
    const blobs = [
      ...img.layers.map(l => ({
        digest: l.descriptor.digest,
        size: l.descriptor.size,
        file: l.file
      })),
      { digest: img.manifest.config.digest, size: img.configBytes.length, data: img.configBytes },
      { digest: img.digest, size: img.manifestBytes.length, data: img.manifestBytes }
    ]
    await writeOciArchive(archive, {
      manifest: {
        digest: img.digest,
        size: img.manifestBytes.length,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json'
      },
      refName: 'test',
      blobs,
      mtime: 0
    })
    const ins = await run('skopeo', ['inspect', `oci-archive:${archive}`])
    expect(ins.code, ins.stderr).toBe(0)
    expect(JSON.parse(ins.stdout).Digest).toBe(digest)
  }, 300_000)
})

/** The input a BuildError names, and its message. */
function inputOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    return `${(e as { where?: { input?: string } }).where?.input}: ${(e as Error).message}`
  }
  return 'no error'
}

describe('image inputs', () => {
  const raw = (o: Record<string, string>) => ({ ...defaults(), ...o })
  it('is off without image; image-push or image-base alone are errors naming the input', () => {
    const parse = (o: Record<string, string>) => () => parseImageInputs(raw(o), 'dynamic', 'glibc')
    expect(parse({})()).toBeUndefined()
    expect(inputOf(parse({ 'image-push': 'true' }))).toMatch(/^image-push: .*image is empty/)
    expect(inputOf(parse({ 'image-base': 'alpine' }))).toMatch(/^image-base: /)
    expect(inputOf(parse({ image: 'Org/X' }))).toMatch(/^image: "Org\/X" is not an image reference/)
    expect(inputOf(parse({ image: `x@sha256:${'a'.repeat(64)}` }))).toMatch(
      /^image: .*names a digest/
    )
  })
  it('defaults the base per libc and mode, as the source document does', () => {
    const base = (mode: 'static' | 'dynamic', libc: 'glibc' | 'musl') =>
      formatImageRef(parseImageInputs(raw({ image: 'ghcr.io/o/b:1' }), mode, libc)!.base)
    expect(base('dynamic', 'glibc')).toBe('docker.io/library/debian:bookworm-slim')
    expect(base('dynamic', 'musl')).toBe('docker.io/library/alpine:3.23')
    expect(base('static', 'glibc')).toBe('docker.io/library/alpine:3.23')
  })
  it('sends credentials only to the registries of image and host-image', () => {
    const r = raw({
      image: 'ghcr.io/o/b:1',
      'registry-username': 'u',
      'registry-password': 'p'
    })
    expect(credentialsFor('ghcr.io', r, {})).toEqual({ username: 'u', password: 'p' })
    expect(credentialsFor('docker.io', r, {})).toBeUndefined()
    expect(credentialsFor('ghcr.io', raw({ image: 'ghcr.io/o/b:1', token: 't' }), {})).toEqual({
      username: 'token',
      password: 't'
    })
    const half = raw({ image: 'ghcr.io/o/b', 'registry-username': 'u' })
    expect(inputOf(() => credentialsFor('ghcr.io', half, {}))).toMatch(/^registry-password: /)
  })
  it('merges a host image config.json, replacing same names', () => {
    const old = JSON.stringify({
      plugins: [{ name: 'a', path: '/x/a.so' }, { name: 'b' }],
      client: { x: 1 }
    })
    const merged = JSON.parse(mergeConfig(old, ['b', 'c']))
    expect(merged.client).toEqual({ x: 1 })
    expect(
      merged.plugins.map((p: { name: string; path: string }) => `${p.name}:${p.path}`)
    ).toEqual(['a:/x/a.so', 'b:/app/plugins/b.so', 'c:/app/plugins/c.so'])
  })
})

describe.runIf(E2E)('the bearer-token flow (a token realm in front of docker-registry)', () => {
  let reg: LocalRegistry
  let tmp: string
  let proxy: http.Server
  let host: string
  const seen: { scope: string; basic?: string }[] = []
  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'bb-auth-'))
    reg = await startRegistry(path.join(tmp, 'registry'))
    const [rhost, rport] = reg.host.split(':')
    proxy = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname === '/token') {
        const basic = req.headers.authorization
        seen.push({ scope: url.searchParams.get('scope') ?? '', basic })
        const ok = basic === `Basic ${Buffer.from('user:s3cret').toString('base64')}`
        res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' })
        return res.end(ok ? JSON.stringify({ token: 'good-token' }) : '{}')
      }
      if (req.headers.authorization !== 'Bearer good-token') {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="http://${host}/token",service="test"`
        })
        return res.end()
      }
      const headers = { ...req.headers }
      delete headers.authorization
      const up = http.request(
        { host: rhost, port: Number(rport), method: req.method, path: req.url, headers },
        r => {
          res.writeHead(r.statusCode ?? 502, r.headers)
          r.pipe(res)
        }
      )
      req.pipe(up)
    })
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', () => resolve()))
    host = `127.0.0.1:${(proxy.address() as { port: number }).port}`
  }, 120_000)
  afterAll(async () => {
    proxy?.close()
    await reg?.stop()
    rmSync(tmp, { recursive: true, force: true })
  })
  it('gets a token with the credentials for pull,push; anonymous is refused with a clear error', async () => {
    const data = Buffer.from('blob')
    const digest = sha256Digest(data)
    const authed = new Registry(host, 'org/x', {
      credentials: { username: 'user', password: 's3cret' }
    })
    expect(await authed.pushBlob(digest, { data })).toBe('pushed')
    expect(await authed.blob(digest)).toEqual(data)
    expect(seen[0]).toEqual({
      scope: 'repository:org/x:pull,push',
      basic: `Basic ${Buffer.from('user:s3cret').toString('base64')}`
    })
    const anon = new Registry(host, 'org/x')
    const err = await anon.blob(digest).catch((e: Error) => e)
    expect(String(err)).toMatch(
      /refused an anonymous token for repository:org\/x:pull \(HTTP 401\)/
    )
    expect(String(err)).not.toContain('s3cret')
  }, 120_000)
})

describe('the in-image load test without podman', () => {
  it('fails with one check saying what to install', async () => {
    const { runImageLoadTest } = await import('../src/verify/image.js')
    const out = await runImageLoadTest({
      archive: '/nonexistent.oci.tar',
      imageId: 'sha256:' + '0'.repeat(64),
      name: 'x',
      plugins: ['a'],
      timeoutSec: 5,
      podman: 'no-such-podman-here'
    })
    expect(out.status).toBe('fail')
    expect(out.message).toMatch(
      /no-such-podman-here is not installed \(apt-get install podman runc\), or set verify: static/
    )
  })
})
