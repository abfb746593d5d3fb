/**
 * The image users deploy, end to end with real parts: the bundled action (dist/index.js with
 * INPUT_* as the runner sets them) builds the bundled example with its plugin into glibc and
 * musl runtime images on bases pushed into Debian's docker-registry on loopback; podman runs
 * a container of each (the plugin must be active, the healthcheck must answer, as the
 * non-root user); the image is pushed; skopeo reads it back; a second build gives the same
 * digest; a plugin-only build with host-image takes the host out of the pushed image and
 * loads a plugin inside it. Gated by BIFROST_BUILD_E2E (podman and the bases are slow).
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO, runAction, runnerDirs, visibleOutput } from './helpers/action.js'
import { goEnv } from '../testkit/go-env.js'
import { ensureBases, pushRootfs, startRegistry, type LocalRegistry } from '../testkit/registry.js'
import { run } from '../testkit/run.js'

const E2E = Boolean(process.env.BIFROST_BUILD_E2E)
const EPOCH = '1700000000'

describe.runIf(E2E)('runtime image (docker-registry, podman, skopeo)', () => {
  let reg: LocalRegistry
  let tmp: string
  beforeAll(async () => {
    const bases = await ensureBases()
    tmp = mkdtempSync(path.join(os.tmpdir(), 'bb-image-'))
    reg = await startRegistry(path.join(tmp, 'registry'))
    await pushRootfs(
      reg.host,
      'base/bookworm',
      'test',
      path.join(bases, 'bookworm.tar'),
      path.join(tmp, 'w')
    )
    await pushRootfs(
      reg.host,
      'base/musl',
      'test',
      path.join(bases, 'musl.tar'),
      path.join(tmp, 'w'),
      ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']
    )
  }, 900_000)
  afterAll(async () => {
    await reg?.stop()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  const build = async (libc: string, more: Record<string, string> = {}, dirs = runnerDirs()) => {
    if (!existsSync(path.join(dirs.workspace, 'hello-plugin'))) {
      cpSync(path.join(REPO, 'examples', 'quickstart'), dirs.workspace, { recursive: true })
      // The musl checkout has a transports/docker-entrypoint.sh, shaped as Bifrost's (the
      // example host takes no -log-level/-log-style, so this one passes only what it takes).
      if (libc === 'musl')
        writeFileSync(
          path.join(dirs.workspace, 'transports', 'docker-entrypoint.sh'),
          '#!/bin/sh\nset -e\nAPP_DIR=${APP_DIR:-/app/data}\nmkdir -p "$APP_DIR/logs"\n' +
            'echo "entrypoint script as $(id -un)"\n' +
            'exec /app/main -app-dir "$APP_DIR" -port "$APP_PORT" -host "$APP_HOST"\n',
          { mode: 0o644 }
        )
    }
    const r = await runAction(
      {
        plugins: 'hello=hello-plugin',
        libc,
        'go-download-source': 'local',
        'go-version': goEnv().GOVERSION.replace(/^go/, ''),
        upload: 'false',
        cache: 'false',
        image: `${reg.host}/org/bifrost:${libc}`,
        'image-base': `${reg.host}/base/${libc === 'musl' ? 'musl' : 'bookworm'}:test`,
        ...more
      },
      { dirs, env: { SOURCE_DATE_EPOCH: EPOCH } }
    )
    return r
  }

  const pushed: Record<string, string> = {}
  for (const libc of ['glibc', 'musl']) {
    it(`${libc}: builds, load-tests in a container as appuser, pushes; the same inputs give the same digest`, async () => {
      // Credentials for the image's registry (it asks for none): masked, in no output or file.
      const secret = `pw-${libc}-3f9a1c`
      const r = await build(libc, {
        'image-push': 'true',
        'registry-username': 'ci',
        'registry-password': secret
      })
      expect(r.code, r.stdout + r.stderr).toBe(0)
      expect(r.stdout).toContain(`::add-mask::${secret}`)
      expect(visibleOutput(r)).not.toContain(secret)
      const grep = await run('grep', ['-rl', secret, r.dirs.root])
      expect(
        grep.stdout
          .split('\n')
          .filter(f => f && !f.endsWith('/files/output'))
          .join(' ')
      ).toBe('')
      const digest = r.outputs['image-digest']
      expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
      pushed[libc] = digest
      const archive = r.outputs['image-archive']
      expect(path.basename(archive)).toMatch(/\.oci\.tar$/)
      expect(r.stdout).toMatch(/plugin status: hello - active \(in a container of/)
      // The container runs offline like the host's load test: on the sandbox's loopback.
      expect(r.stdout).toContain('image test: the container runs offline in the sandbox')
      expect(r.stdout).toMatch(/healthcheck answered/)
      expect(r.stdout).toMatch(/as uid=1000\(appuser\)/)

      // The registry holds exactly the tested image.
      const sk = await run('skopeo', [
        'inspect',
        '--tls-verify=false',
        `docker://${reg.host}/org/bifrost:${libc}`
      ])
      expect(sk.code, sk.stderr).toBe(0)
      expect(JSON.parse(sk.stdout).Digest).toBe(digest)
      const cfg = await run('skopeo', ['inspect', '--raw', '--config', `oci-archive:${archive}`])
      const c = JSON.parse(cfg.stdout).config
      expect(c.User).toBe('appuser')
      if (libc === 'musl') {
        expect(c.Entrypoint).toEqual(['/app/docker-entrypoint.sh'])
        expect(c.Cmd).toEqual(['/app/main'])
      } else expect(c.Entrypoint.slice(0, 2)).toEqual(['/bin/sh', '-c'])
      expect(c.Volumes).toEqual({ '/app/data': {} })
      expect(c.ExposedPorts).toEqual({ '8080/tcp': {} })
      expect(c.Env).toEqual(
        expect.arrayContaining([
          'APP_PORT=8080',
          'APP_HOST=0.0.0.0',
          'LOG_LEVEL=info',
          'LOG_STYLE=json',
          'APP_DIR=/app/data'
        ])
      )
      expect(c.Healthcheck.Test[1]).toMatch(
        /wget --no-verbose --tries=1 -O \/dev\/null http:\/\/127\.0\.0\.1:\$\{APP_PORT\}\/health/
      )

      const manifest = JSON.parse(
        readFileSync(path.join(r.outputs['output-dir'], 'manifest.json'), 'utf8')
      )
      expect(manifest.image).toMatchObject({ digest, push: true, loadTest: { status: 'pass' } })
      expect(manifest.image.base.digest).toMatch(/^sha256:/)
      expect(readFileSync(path.join(r.outputs['output-dir'], 'BUILD.md'), 'utf8')).toContain(digest)

      // The seed's `docker run -v ./plugins:/app/data/plugins`: the image's plugin and
      // config.json stay visible, the container runs as appuser.
      if (libc === 'musl') {
        const store = mkdtempSync(path.join(os.tmpdir(), 'bbp-'))
        const plugins = path.join(tmp, `plugins-${libc}`)
        mkdirSync(plugins, { recursive: true })
        const pod = (...a: string[]) =>
          run(
            'podman',
            [
              '--root',
              path.join(store, 'r'),
              '--runroot',
              path.join(store, 'rr'),
              '--storage-driver',
              'vfs',
              '--runtime',
              'runc',
              '--cgroup-manager',
              'cgroupfs',
              '--events-backend',
              'none',
              ...a
            ],
            { timeoutMs: 300_000 }
          )
        try {
          const loaded = await pod('load', '-q', '-i', archive)
          expect(loaded.code, loaded.stderr).toBe(0)
          const id = (await pod('images', '-q')).stdout.trim().split('\n')[0]
          const c2 = await pod(
            'run',
            '--rm',
            '--network',
            'none',
            '--ulimit',
            'nofile=1024:1024',
            '--ulimit',
            'nproc=1024:1024',
            '-v',
            `${plugins}:/app/data/plugins`,
            '--entrypoint',
            '/bin/sh',
            id,
            '-c',
            'id -un; ls /app/plugins; cat /app/data/config.json; ls -d /app/data/plugins'
          )
          expect(c2.code, c2.stderr).toBe(0)
          expect(c2.stdout).toMatch(/^appuser\nhello\.so\n/)
          expect(c2.stdout).toContain('"path": "/app/plugins/hello.so"')
        } finally {
          await pod('rmi', '-a', '-f')
          rmSync(store, { recursive: true, force: true })
        }
      }

      // Again, from a fresh runner: the same digest.
      // verify: static leaves the container out; the image is the same either way.
      const again = await build(libc, { verify: 'static' })
      expect(again.code, again.stdout + again.stderr).toBe(0)
      expect(again.outputs['image-digest']).toBe(digest)
    }, 900_000)
  }

  it('host-image: a plugin built for the host inside the pushed image, load-tested inside that very image', async () => {
    expect(pushed.musl).toBeDefined()
    const dirs = runnerDirs()
    cpSync(path.join(REPO, 'examples', 'quickstart'), dirs.workspace, { recursive: true })
    // Another plugin module: the image's config.json keeps `hello`, and the Go loader refuses
    // a second copy of one plugin package ("plugin already loaded").
    const extra = path.join(dirs.workspace, 'extra-plugin')
    cpSync(path.join(dirs.workspace, 'hello-plugin'), extra, { recursive: true })
    const gomod = path.join(extra, 'go.mod')
    writeFileSync(
      gomod,
      readFileSync(gomod, 'utf8').replace(
        'module example.com/bifrost/hello-plugin',
        'module example.com/bifrost/extra-plugin'
      )
    )
    const r = await runAction(
      {
        plugins: 'extra=extra-plugin',
        'host-image': `${reg.host}/org/bifrost:musl`,
        upload: 'false',
        cache: 'false',
        'go-download-source': 'local'
      },
      { dirs, env: { SOURCE_DATE_EPOCH: EPOCH } }
    )
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const pinnedRef = `${reg.host}/org/bifrost:musl@${pushed.musl}`
    expect(r.stdout).toContain(`host-image ${reg.host}/org/bifrost:musl is ${pinnedRef}`)
    expect(r.stdout).toMatch(/plugin status: extra - active \(in a container of/)
    expect(r.stdout).toContain('image test: the container runs offline in the sandbox')
    expect(r.stdout).toMatch(/healthcheck answered/)
    const out = r.outputs['output-dir']
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'))
    expect(manifest.builtFor).toMatchObject({ kind: 'image', image: pinnedRef })
    expect(manifest.plan.libc).toBe('musl')
    expect(readFileSync(path.join(out, 'BUILD.md'), 'utf8')).toContain(pinnedRef)
    // No image input: the image with the plugin added was for the test only.
    expect(r.outputs['image-digest']).toBe('')
    expect(existsSync(path.join(out, 'plugins', 'extra.so'))).toBe(true)

    // verify-only against the same image: the plugin in a container of the unmodified image.
    const v = await runAction(
      {
        'verify-only': 'true',
        'host-image': `${reg.host}/org/bifrost:musl`,
        'plugin-binaries': path.join(out, 'plugins', 'extra.so')
      },
      { dirs: runnerDirs() }
    )
    expect(v.code, v.stdout + v.stderr).toBe(0)
    expect(v.stdout).toContain(`host-image ${reg.host}/org/bifrost:musl is ${pinnedRef}`)
    expect(v.stdout).toMatch(/plugin status: extra - active \(in a container of/)
    expect(v.stdout).toMatch(/healthcheck answered/)
  }, 900_000)

  it('a base without the libc the build needs: one error naming image-base, nothing packaged', async () => {
    const r = await build('musl', { 'image-base': `${reg.host}/base/bookworm:test` })
    expect(r.code).toBe(1)
    expect(r.errors.join('\n')).toMatch(
      /input image-base: the base image .*base\/bookworm:test has no \/lib\/ld-musl-x86_64\.so\.1 \(the musl host's loader\)/
    )
    const out = path.join(r.dirs.workspace, 'bifrost-dist')
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(false)
    expect(r.outputs['image-digest'] ?? '').toBe('')
  }, 600_000)
})
