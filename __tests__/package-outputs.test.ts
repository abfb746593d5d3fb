import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { mkdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { DockerfileParser } from 'dockerfile-ast'
import { describe, expect, it } from 'vitest'
import { clearPublishedOutputs, packageOutputs } from '../src/package/index.js'
import type { PackageInput } from '../src/package/input.js'
import { commandLine, shellQuote } from '../src/package/shell.js'
import { renderDockerfile, runtimeBase } from '../src/package/dockerfile.js'
import { archiveEpoch, FALLBACK_EPOCH, sha256sumsText } from '../src/package/archive.js'
import { makeSample, type Sample } from './helpers/package.js'
import { REPO } from './helpers/action.js'
import { runOk } from '../testkit/run.js'
import { fakeReporter } from './helpers/reporter.js'

const EPOCH_ENV = { SOURCE_DATE_EPOCH: '1767225600' }

function input(s: Sample, env: NodeJS.ProcessEnv = EPOCH_ENV): PackageInput {
  return {
    plan: s.plan,
    toolchain: s.toolchain,
    build: s.build,
    verify: s.verify,
    timings: [{ stage: 'build', ms: 1000, status: 'ok' }],
    reporter: fakeReporter(),
    env
  }
}

function sh(cmd: string, args: string[], cwd: string): Promise<string> {
  return runOk(cmd, args, { cwd })
}

describe('packageOutputs', () => {
  it('writes every file, checksums that sha256sum -c accepts, and a schema-valid manifest', async () => {
    const s = makeSample()
    const r = await packageOutputs(input(s))
    const out = s.plan.outputDir
    expect(r.outputDir).toBe(out)
    const listing = readdirSync(out).sort()
    expect(listing).toEqual(
      [
        'BUILD.md',
        'Dockerfile',
        'SHA256SUMS',
        'bifrost-1.2.3-linux-amd64-glibc-dynamic.SHA256SUMS',
        'bifrost-1.2.3-linux-amd64-glibc-dynamic.manifest.json',
        'bifrost-1.2.3-linux-amd64-glibc-dynamic.tar.gz',
        'bifrost-http',
        'config.json',
        'manifest.json',
        'plugins'
      ].sort()
    )
    expect(readdirSync(path.join(out, 'plugins')).sort()).toEqual(['hello.so', 'world.so'])
    expect(statSync(path.join(out, 'bifrost-http')).mode & 0o777).toBe(0o755)
    expect(statSync(path.join(out, 'plugins', 'hello.so')).mode & 0o777).toBe(0o755)
    // the staging copies were moved, not copied
    expect(existsSync(s.build.host.path)).toBe(false)

    // SHA256SUMS: the tree (as in the archive); <artifact>.SHA256SUMS: the uploaded pair
    const check = await sh('sha256sum', ['-c', 'SHA256SUMS'], out)
    expect(check).toContain('bifrost-http: OK')
    expect(check).toContain('plugins/hello.so: OK')
    expect(check.trim().split('\n')).toHaveLength(6)
    const cell = await sh('sha256sum', ['-c', path.basename(r.checksums)], out)
    expect(cell).toContain('.manifest.json: OK')
    expect(cell).toContain('.tar.gz: OK')
    expect(cell.trim().split('\n')).toHaveLength(2)

    const manifest = JSON.parse(readFileSync(r.manifest, 'utf8'))
    const schema = JSON.parse(
      readFileSync(path.join(REPO, 'schema', 'manifest.schema.json'), 'utf8')
    )
    const ajv = new Ajv2020({ allErrors: true, strict: true })
    const validate = ajv.compile(schema)
    expect(validate(manifest), ajv.errorsText(validate.errors)).toBe(true)
    // the manifest matches the files on disk
    for (const f of manifest.files) {
      const full = path.join(out, f.name)
      expect(statSync(full).size).toBe(f.size)
      expect((await sh('sha256sum', [full], out)).split(' ')[0]).toBe(f.sha256)
      expect((statSync(full).mode & 0o777).toString(8)).toBe(f.mode.slice(1))
    }
    expect(manifest.archive.sha256).toBe((await sh('sha256sum', [r.archive], out)).split(' ')[0])
    expect(manifest.files.find((f: { name: string }) => f.name === 'bifrost-http')).toMatchObject({
      kind: 'host',
      linkage: 'dynamic',
      libc: 'glibc',
      glibcFloor: '2.34'
    })
    expect(manifest.glibcFloor).toBe('2.34')
    expect(manifest.sourceDateEpoch).toBe(1767225600)
    expect(manifest.commands[0].shell).toBe(
      "(cd bifrost/transports && CC=gcc CGO_ENABLED=1 GOARCH=amd64 GOOS=linux GOWORK=off go build -trimpath -ldflags '-w -s -X main.Version=v1.2.3 -X '\\''main.Note=it'\\'''\\''s'\\''' -o '<output-dir>/bifrost-http' ./bifrost-http)"
    )
    // no temp dir left behind
    expect(readdirSync(out).some(n => n.startsWith('.'))).toBe(false)
  })

  it('the build command lines in BUILD.md run in a POSIX shell with the exact arguments', async () => {
    const s = makeSample({ plugins: ['hello'] })
    const r = await packageOutputs(input(s))
    const md = readFileSync(r.buildMd, 'utf8')
    const block = /```sh\n([\s\S]*?)```/.exec(md)![1].trim().split('\n')
    expect(block).toHaveLength(2)
    // Replace `go` with a program that prints its arguments, and run the line in sh.
    const bin = mkdtempSync(path.join(os.tmpdir(), 'bb-fakego-'))
    writeFileSync(path.join(bin, 'go'), '#!/bin/sh\nprintf "%s\\n" "$PWD" "$CGO_ENABLED" "$@"\n')
    chmodSync(path.join(bin, 'go'), 0o755)
    const got = (
      await runOk('sh', ['-c', block[0]], {
        cwd: s.workspace,
        env: { PATH: `${bin}:${process.env.PATH}` }
      })
    )
      .trimEnd()
      .split('\n')
    expect(got).toEqual([
      path.join(s.workspace, 'bifrost', 'transports'),
      '1',
      'build',
      '-trimpath',
      '-ldflags',
      "-w -s -X main.Version=v1.2.3 -X 'main.Note=it''s'",
      '-o',
      // output-dir is written as a placeholder: the page (and archive) do not depend on it
      '<output-dir>/bifrost-http',
      './bifrost-http'
    ])
    for (const want of [
      '| Go | 1.26.1 |',
      'https://go.dev/dl/go1.26.1.linux-amd64.tar.gz',
      '| Mode | dynamic |',
      '| libc | glibc |',
      '| Target | linux/amd64 |',
      '| glibc floor | 2.34 |',
      '| `bifrost.test/core` | v1.1.0 |',
      'apt-get install libc6 ca-certificates',
      '"path": "/app/plugins/hello.so"',
      'plugin status: <name> - active',
      '| load | hello.so | pass |'
    ])
      expect(md).toContain(want)
    expect(md).not.toContain(s.build.stagingDir)
    expect(md).not.toContain('GOCACHE')
  })

  it('preparation commands come first, then the builds in plan order whatever order they ran in', async () => {
    const s = makeSample()
    const prep = {
      cwd: s.plan.plugins[0].moduleDir,
      env: { GOWORK: 'off' },
      argv: [s.toolchain.goBin, 'mod', 'download', 'bifrost.test/core@v1.1.0']
    }
    // The run order is not recorded: preparation apart, then each file's command in plan order.
    s.build.preparation = [prep]
    const r = await packageOutputs(input(s))
    const manifest = JSON.parse(readFileSync(r.manifest, 'utf8'))
    expect(manifest.commands.map((c: { file?: string }) => c.file ?? '-')).toEqual([
      '-',
      'bifrost-http',
      'plugins/world.so',
      'plugins/hello.so'
    ])
    expect(manifest.commands[0].shell).toBe(
      '(cd bifrost/plugins/world && GOWORK=off go mod download bifrost.test/core@v1.1.0)'
    )
  })

  it("each packaged binary carries verify's facts of that very file, found by the file build wrote", async () => {
    const s = makeSample()
    // Facts named unlike the output (as verify-only names them) still belong by path.
    s.verify.files = s.verify.files.map(f => ({ ...f, name: `x-${f.name}` }))
    const r = await packageOutputs(input(s))
    const facts = (name: string) => r.files.find(f => f.name === name)?.facts?.name
    expect(facts('bifrost-http')).toBe('x-bifrost-http')
    expect(facts('plugins/hello.so')).toBe('x-hello.so')
    expect(facts('plugins/world.so')).toBe('x-world.so')
    expect(facts('BUILD.md')).toBeUndefined()
  })

  it('packaging twice gives byte-identical archives and checksums', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-pkg-twice-'))
    const s1 = makeSample({ root })
    const r1 = await packageOutputs(input(s1))
    const a1 = readFileSync(r1.archive)
    const sums1 = readFileSync(r1.checksums, 'utf8')
    const build1 = readFileSync(r1.buildMd)
    rmSync(s1.plan.outputDir, { recursive: true })
    const s2 = makeSample({ root })
    // a different umask-ish mode on the input must not matter either
    chmodSync(s2.build.host.path, 0o700)
    const r2 = await packageOutputs(input(s2))
    expect(readFileSync(r2.archive).equals(a1)).toBe(true)
    expect(readFileSync(r2.buildMd).equals(build1)).toBe(true)
    // manifest.json holds timings (outside the archive), so only the archive lines must match
    const line = (t: string) => t.split('\n').filter(l => !l.endsWith('manifest.json'))
    expect(line(readFileSync(r2.checksums, 'utf8'))).toEqual(line(sums1))
  })

  it('keeps modes through tar -x, with sorted entries, uid/gid 0 and the fixed mtime', async () => {
    const s = makeSample()
    const r = await packageOutputs(input(s))
    const listing = await sh('tar', ['--numeric-owner', '--full-time', '-tvzf', r.archive], s.root)
    const rows = listing.trim().split('\n')
    const names = rows.map(l => l.split(/\s+/).pop()!)
    const top = 'bifrost-1.2.3-linux-amd64-glibc-dynamic'
    expect(names).toEqual([
      `${top}/BUILD.md`,
      `${top}/Dockerfile`,
      `${top}/SHA256SUMS`,
      `${top}/bifrost-http`,
      `${top}/config.json`,
      `${top}/plugins/`,
      `${top}/plugins/hello.so`,
      `${top}/plugins/world.so`
    ])
    for (const row of rows) {
      expect(row).toMatch(/ 0\/0 /)
      // directories too: node-tar's portable mode alone would leave them at 1970
      expect(row).toContain('2026-01-01 00:00:00')
    }
    const x = mkdtempSync(path.join(os.tmpdir(), 'bb-untar-'))
    await sh('tar', ['-xzf', r.archive, '-C', x], x)
    expect(statSync(path.join(x, top, 'bifrost-http')).mode & 0o777).toBe(0o755)
    expect(statSync(path.join(x, top, 'plugins', 'world.so')).mode & 0o777).toBe(0o755)
    expect(statSync(path.join(x, top, 'BUILD.md')).mode & 0o777).toBe(0o644)
    // the unpacked host still runs (it is /bin/true)
    await runOk(path.join(x, top, 'bifrost-http'), [])
  })

  it('replaces what an earlier run published, leaving the user’s own files', async () => {
    const s1 = makeSample({ plugins: ['old', 'hello'] })
    await packageOutputs(input(s1))
    const out = s1.plan.outputDir
    writeFileSync(path.join(out, 'NOTES.txt'), 'mine\n')
    const s2 = makeSample({ root: s1.root, plugins: ['hello'] })
    // The pipeline clears output-dir before the toolchain stage, then packages.
    await clearPublishedOutputs(out)
    await packageOutputs(input(s2))
    expect(existsSync(path.join(out, 'plugins', 'old.so'))).toBe(false)
    expect(existsSync(path.join(out, 'NOTES.txt'))).toBe(true)
    expect(await sh('sha256sum', ['-c', 'SHA256SUMS'], out)).not.toContain('old.so')
  })

  it('a failed verification packages nothing', async () => {
    const s = makeSample()
    s.verify.ok = false
    await expect(packageOutputs(input(s))).rejects.toThrow(/nothing is packaged/)
    expect(existsSync(s.plan.outputDir)).toBe(false)
  })

  it('a read-only output-dir fails with the input named and no archive', async () => {
    const s = makeSample()
    mkdirSync(s.plan.outputDir)
    chmodSync(s.plan.outputDir, 0o555)
    const isRoot = process.getuid?.() === 0
    try {
      if (isRoot) {
        // root ignores permission bits: a file where the directory should be is the same kind of failure
        rmSync(s.plan.outputDir, { recursive: true })
        writeFileSync(s.plan.outputDir, 'x')
        await expect(packageOutputs(input(s))).rejects.toMatchObject({
          where: { input: 'output-dir' },
          message: expect.stringMatching(/bifrost-dist failed: it exists and is not a directory/)
        })
      } else {
        await expect(packageOutputs(input(s))).rejects.toMatchObject({
          where: { input: 'output-dir' },
          message: expect.stringMatching(
            /writing .*bifrost-dist.* failed: permission denied \(EACCES\)/
          )
        })
      }
    } finally {
      if (statSync(s.plan.outputDir).isDirectory()) chmodSync(s.plan.outputDir, 0o755)
    }
  })

  it('a full disk is reported as such (ENOSPC from /dev/full)', async () => {
    const { diskError } = await import('../src/util/disk-error.js')
    let err: unknown
    try {
      writeFileSync('/dev/full', 'x')
    } catch (e) {
      err = e
    }
    expect(diskError(err, '/x/bifrost-dist')?.render()).toMatch(
      /^input output-dir: writing (\/dev\/full|\/x\/bifrost-dist) failed: no space left on the device \(ENOSPC\) Fix: free space on that disk/
    )
  })

  it('one disk-error mapping for the pipeline and packaging: a file in the way of output-dir', async () => {
    const { diskError } = await import('../src/util/disk-error.js')
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-notdir-'))
    const file = path.join(root, 'bifrost-dist')
    writeFileSync(file, 'x')
    const errs: unknown[] = []
    for (const dir of [file, path.join(file, 'plugins')])
      await mkdir(dir, { recursive: true }).catch((e: unknown) => errs.push(e))
    expect(diskError(errs[0], file)?.render()).toBe(
      `input output-dir: writing ${file} failed: it exists and is not a directory (EEXIST) Fix: remove that file or point output-dir at a directory; nothing was published`
    )
    expect(diskError(errs[1], file)?.render()).toMatch(
      /part of that path is a file, not a directory \(ENOTDIR\)/
    )
    // Outside output-dir the same codes are not about output-dir: left as they are.
    expect(diskError(errs[1], path.join(root, 'elsewhere'))).toBeUndefined()
    rmSync(root, { recursive: true })
  })

  it('sha256 of a file: the streaming and the synchronous reader agree past one chunk', async () => {
    const { sha256File, sha256FileSync } = await import('../src/util/sha256.js')
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'bb-sha-')), 'f')
    writeFileSync(file, Buffer.alloc(3 * 1024 * 1024 + 17, 7))
    const want = (await runOk('sha256sum', [file])).split(' ')[0]
    expect(await sha256File(file)).toBe(want)
    expect(sha256FileSync(file)).toBe(want)
    rmSync(path.dirname(file), { recursive: true })
  })

  it('musl and static builds get their own runtime and no plugins dir', async () => {
    const s = makeSample({ plugins: [], libc: 'musl' })
    const r = await packageOutputs(input(s))
    expect(existsSync(path.join(r.outputDir, 'plugins'))).toBe(false)
    expect(readFileSync(r.dockerfile, 'utf8')).toContain('FROM alpine:3.23')
    expect(JSON.parse(readFileSync(path.join(r.outputDir, 'config.json'), 'utf8'))).toEqual({
      plugins: []
    })
  })
})

describe('Dockerfile', () => {
  function parse(text: string) {
    const df = DockerfileParser.parse(text)
    const ins = df.getInstructions().map(i => ({
      keyword: i.getKeyword(),
      args: i.getArguments().map(a => a.getValue())
    }))
    return { df, ins }
  }
  const target = { os: 'linux' as const, arch: 'amd64' as const }

  it('musl: alpine as the seed has it; host to /app/main, plugins outside the volume, non-root, healthcheck', () => {
    const { df, ins } = parse(
      renderDockerfile({ mode: 'dynamic', libc: 'musl', target, plugins: ['a'], version: '1' })
    )
    expect(df.getFROMs().map(f => f.getImage())).toEqual(['alpine:3.23'])
    const runs = ins.filter(i => i.keyword === 'RUN').map(i => i.args.join(' '))
    expect(runs[0]).toBe('apk add --no-cache musl libgcc ca-certificates wget')
    expect(runs[1]).toContain('adduser -D -s /bin/sh appuser && chown -R appuser:appuser /app')
    const copies = ins.filter(i => i.keyword === 'COPY').map(i => i.args)
    expect(copies).toContainEqual(['bifrost-http', '/app/main'])
    expect(copies).toContainEqual(['plugins/', '/app/plugins/'])
    expect(copies).toContainEqual(['config.json', '/app/data/config.json'])
    const one = (k: string) => ins.find(i => i.keyword === k)!.args.join(' ')
    expect(one('USER')).toBe('appuser')
    expect(one('VOLUME')).toBe('["/app/data"]')
    expect(one('EXPOSE')).toBe('8080')
    expect(one('HEALTHCHECK')).toContain(
      'wget --no-verbose --tries=1 -O /dev/null http://127.0.0.1:${APP_PORT}/health'
    )
    expect(one('ENV')).toContain('APP_DIR=/app/data')
    expect(one('ENTRYPOINT')).toContain('/app/main')
  })

  it('glibc: debian bookworm-slim with libc6 ca-certificates; a newer floor picks a newer Debian', () => {
    const text = renderDockerfile({
      mode: 'dynamic',
      libc: 'glibc',
      target,
      plugins: ['a'],
      glibcFloor: '2.34',
      version: '1'
    })
    const { df, ins } = parse(text)
    expect(df.getFROMs()[0].getImage()).toBe('debian:bookworm-slim')
    const run = ins.find(i => i.keyword === 'RUN')!.args.join(' ')
    expect(run).toContain('apt-get install -y --no-install-recommends libc6 ca-certificates wget')
    expect(ins.filter(i => i.keyword === 'RUN')[1].args.join(' ')).toContain(
      'useradd -m -s /bin/sh appuser'
    )
    expect(runtimeBase({ mode: 'dynamic', libc: 'glibc', glibcFloor: '2.39' }).image).toBe(
      'debian:trixie-slim'
    )
  })

  it('static: alpine (a shell and wget for the entrypoint and healthcheck) and no plugin copy', () => {
    const { df, ins } = parse(
      renderDockerfile({ mode: 'static', libc: 'glibc', target, plugins: [], version: '1' })
    )
    expect(df.getFROMs()[0].getImage()).toBe('alpine:3.23')
    expect(ins.filter(i => i.keyword === 'COPY').map(i => i.args[0])).toEqual([
      'bifrost-http',
      'config.json'
    ])
  })
})

describe('small pieces', () => {
  it('shellQuote leaves plain words alone and single-quotes the rest', () => {
    expect(shellQuote('-trimpath')).toBe('-trimpath')
    expect(shellQuote('')).toBe("''")
    expect(shellQuote('a b')).toBe("'a b'")
    expect(shellQuote("it's")).toBe("'it'\\''s'")
    expect(shellQuote('$HOME')).toBe("'$HOME'")
  })

  it('commandLine keeps paths outside the workspace and runs from the checkout root', () => {
    const line = commandLine(
      {
        cwd: '/w/src',
        env: { GOFLAGS: '-mod=mod', PATH: '/x' },
        argv: ['/usr/local/go/bin/go', 'build', '-modfile=/tmp/m/go.mod', '-o', '/w/.stage/a', '.']
      },
      { workspace: '/w', stagingDir: '/w/.stage', outputDir: '/w/out' }
    )
    expect(line).toBe(
      "(cd src && GOFLAGS=-mod=mod go build -modfile=/tmp/m/go.mod -o '<output-dir>/a' .)"
    )
  })

  it('commandLine writes our temp dirs (random names) as <temp>, so pages do not differ run to run', () => {
    const line = commandLine(
      {
        cwd: '/tmp/bifrost-build-Zx9Q2a/transports',
        env: { GOWORK: '/tmp/bifrost-build-AbC123/go.work' },
        argv: [
          '/usr/local/go/bin/go',
          'build',
          '-overlay=/tmp/bifrost-ui-AkQc8U/overlay.json',
          '-modfile=/var/tmp/x/.bifrost-build-staging-q1w2e3/go.mod',
          '-o',
          '/w/.stage/a',
          '.'
        ]
      },
      { workspace: '/w', stagingDir: '/w/.stage', outputDir: '/w/out' }
    )
    expect(line).toBe(
      "(cd '<temp>/transports' && GOWORK='<temp>/go.work' go build '-overlay=<temp>/overlay.json' '-modfile=<temp>/go.mod' -o '<output-dir>/a' .)"
    )
  })

  it('SHA256SUMS lines are sorted by name in text mode', () => {
    expect(
      sha256sumsText([
        { name: 'b', sha256: '2'.repeat(64) },
        { name: 'B', sha256: '1'.repeat(64) }
      ])
    ).toBe(`${'1'.repeat(64)}  B\n${'2'.repeat(64)}  b\n`)
  })

  it('the archive time comes from SOURCE_DATE_EPOCH, else the last commit, else a constant', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-epoch-'))
    expect(await archiveEpoch({ SOURCE_DATE_EPOCH: '42' }, dir)).toEqual({
      epoch: 42,
      from: 'SOURCE_DATE_EPOCH'
    })
    expect((await archiveEpoch({ PATH: process.env.PATH }, dir)).epoch).toBe(FALLBACK_EPOCH)
    const git = (...a: string[]) =>
      runOk('git', a, {
        cwd: dir,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 't',
          GIT_AUTHOR_EMAIL: 't@t',
          GIT_COMMITTER_NAME: 't',
          GIT_COMMITTER_EMAIL: 't@t',
          GIT_COMMITTER_DATE: '2026-02-03T04:05:06Z',
          GIT_AUTHOR_DATE: '2026-02-03T04:05:06Z'
        }
      })
    await git('init', '-q')
    await git('commit', '-q', '--allow-empty', '-m', 'x')
    expect(await archiveEpoch({ PATH: process.env.PATH }, dir)).toEqual({
      epoch: Date.parse('2026-02-03T04:05:06Z') / 1000,
      from: 'git commit time'
    })
  })
})
