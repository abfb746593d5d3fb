/**
 * Plugin-only plans: what is read out of a host's build info and ELF facts (pure functions on
 * plain objects), and the inputs a host decides.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { PrebuiltHost } from '../src/context.js'
import { BuildError } from '../src/errors.js'
import { hostBuildFrom, hostVersionOf, releaseOf, stampedVersion } from '../src/plan/host.js'
import { adaptDirectoryReplacements } from '../src/build/modules.js'
import { hostToolchainRequest, makeHostPlan } from '../src/plan/host-plan.js'
import { hostUrlProblem } from '../src/plan/host-fetch.js'
import type { ElfInfo } from '../src/lib/elf.js'
import type { BuildInfo } from '../src/lib/binary.js'
import { tempDir } from './helpers/build.js'

const glibcElf: ElfInfo = {
  size: 1000,
  elfClass: 64,
  littleEndian: true,
  type: 2,
  machine: 62,
  machineName: 'amd64',
  interp: '/lib64/ld-linux-x86-64.so.2',
  hasDynamic: true,
  needed: ['libc.so.6'],
  versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.34'] }],
  pie: false,
  reads: []
}
const muslElf: ElfInfo = {
  ...glibcElf,
  interp: '/lib/ld-musl-x86_64.so.1',
  needed: ['libc.so'],
  versionNeeds: []
}

function info(settings: Record<string, string>, extra: Partial<BuildInfo> = {}): BuildInfo {
  return {
    goVersion: 'go1.26.8',
    path: 'bifrost.test/transports/bifrost-http',
    main: { path: 'bifrost.test/transports', version: '(devel)' },
    deps: [{ path: 'bifrost.test/core', version: 'v1.1.0', sum: 'h1:abc=' }],
    settings: {
      '-buildmode': 'exe',
      '-compiler': 'gc',
      CGO_ENABLED: '1',
      GOARCH: 'amd64',
      GOOS: 'linux',
      ...settings
    },
    ...extra
  }
}

function errorOf(fn: () => unknown): BuildError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(BuildError)
    return e as BuildError
  }
  throw new Error('expected an error')
}

describe('hostBuildFrom', () => {
  it('takes Go, target, CPU level, libc, trimpath, tags, GOEXPERIMENT and modules from the host', () => {
    const h = hostBuildFrom(
      '/h',
      muslElf,
      info(
        {
          '-trimpath': 'true',
          '-tags': 'netgo,extra',
          GOAMD64: 'v3',
          GOEXPERIMENT: 'jsonv2'
        },
        { goVersion: 'go1.26.8-X:jsonv2' }
      )
    )
    expect(h).toMatchObject({
      goVersion: '1.26.8',
      arch: 'amd64',
      archLevel: { name: 'GOAMD64', value: 'v3' },
      libc: 'musl',
      trimpath: true,
      tags: ['netgo', 'extra'],
      goexperiment: 'jsonv2',
      modules: [{ path: 'bifrost.test/core', version: 'v1.1.0', sum: 'h1:abc=' }]
    })
    expect(h.cgoFlags).toBeUndefined()
    // -trimpath: go records neither -ldflags nor CGO flags; both are reported, not guessed.
    expect(h.unknown.join('\n')).toMatch(/-ldflags .*not in its build info/)
    expect(h.unknown.join('\n')).toMatch(/CGO_CFLAGS/)
  })

  it('without -trimpath reads the recorded -ldflags (the -X stamp) and CGO flags', () => {
    const h = hostBuildFrom(
      '/h',
      glibcElf,
      info({
        '-ldflags': '"-w -s -X main.Version=v1.4.19"',
        CGO_CFLAGS: '-O1',
        CGO_LDFLAGS: ''
      })
    )
    expect(h.trimpath).toBe(false)
    expect(h.stampedVersion).toBe('v1.4.19')
    expect(h.cgoFlags).toEqual({
      CGO_CFLAGS: '-O1',
      CGO_CPPFLAGS: '',
      CGO_CXXFLAGS: '',
      CGO_LDFLAGS: ''
    })
    expect(h.archLevel).toEqual({ name: 'GOAMD64', value: 'v1' })
    expect(hostVersionOf(h)).toEqual({ version: 'v1.4.19', from: '-ldflags -X main.Version' })
  })

  it('arm64 hosts: GOARM64 (go default v8.0), the aarch64 loader', () => {
    const h = hostBuildFrom(
      '/h',
      { ...glibcElf, machine: 183, machineName: 'arm64', interp: '/lib/ld-linux-aarch64.so.1' },
      info({ GOARCH: 'arm64' })
    )
    expect(h.arch).toBe('arm64')
    expect(h.archLevel).toEqual({ name: 'GOARM64', value: 'v8.0' })
  })

  it('one clear error for a static host, one without build settings, a devel Go, no cgo', () => {
    const stat = errorOf(() =>
      hostBuildFrom('/h', { ...glibcElf, interp: undefined, needed: [] }, info({}))
    )
    expect(stat.render()).toMatch(
      /input host-binary: \/h is statically linked .*cannot load Go plugins/
    )
    const bare = errorOf(() =>
      hostBuildFrom('/h', glibcElf, { goVersion: 'go1.26.8', path: '', deps: [], settings: {} })
    )
    expect(bare.render()).toMatch(/without the build settings GOOS, GOARCH, CGO_ENABLED/)
    const devel = errorOf(() =>
      hostBuildFrom('/h', glibcElf, info({}, { goVersion: 'devel go1.27-abcdef' }))
    )
    expect(devel.render()).toMatch(/built by Go "devel go1.27-abcdef", not a Go release/)
    const nocgo = errorOf(() => hostBuildFrom('/h', glibcElf, info({ CGO_ENABLED: '0' })))
    expect(nocgo.render()).toMatch(/CGO_ENABLED=0/)
    const race = errorOf(() => hostBuildFrom('/h', glibcElf, info({ '-race': 'true' })))
    expect(race.render()).toMatch(/-race=true, which plugin-only builds do not reproduce/)
  })

  it('directory replacements are labelled (devel) in build info and keep no version', () => {
    const h = hostBuildFrom(
      '/h',
      glibcElf,
      info(
        {},
        {
          deps: [
            {
              path: 'github.com/maximhq/bifrost/core',
              version: 'v1.4.15',
              replace: { path: '../core', version: '(devel)' }
            },
            {
              path: 'github.com/maximhq/maxim-go',
              version: 'v0.2.0',
              replace: { path: 'github.com/maximhq/maxim-go', version: 'v0.2.1', sum: 'h1:x=' }
            }
          ]
        }
      )
    )
    expect(h.modules).toEqual([
      { path: 'github.com/maximhq/bifrost/core', version: 'v1.4.15', replace: { path: '../core' } },
      {
        path: 'github.com/maximhq/maxim-go',
        version: 'v0.2.0',
        sum: 'h1:x=',
        replace: { path: 'github.com/maximhq/maxim-go', version: 'v0.2.1' }
      }
    ])
    // The plugin's own directory replacement counts as the same source; the label still counts.
    const adapted = adaptDirectoryReplacements(h.modules, [
      {
        path: 'github.com/maximhq/bifrost/core',
        version: 'v1.4.15',
        replace: { path: '/src/core' }
      }
    ])
    expect(adapted[0].replace).toEqual({ path: '/src/core' })
    expect(adapted[1]).toBe(h.modules[1])
  })

  it('small parsers', () => {
    expect(releaseOf('go1.26.8')).toBe('1.26.8')
    expect(releaseOf('go1.26.8-X:jsonv2,greenteagc')).toBe('1.26.8')
    expect(releaseOf('go1.27rc1')).toBe('1.27rc1')
    expect(releaseOf('devel +abc')).toBeUndefined()
    expect(stampedVersion('-w -s -X main.Version=v1.2.3 -X other.V=1')).toBe('v1.2.3')
    expect(stampedVersion('"-X=main.Version=v2"')).toBe('v2')
    expect(stampedVersion('-w -s')).toBeUndefined()
    expect(hostUrlProblem('https://example.com/bifrost-http')).toBeUndefined()
    expect(hostUrlProblem('http://127.0.0.1:8080/h')).toBeUndefined()
    expect(hostUrlProblem('http://example.com/h')).toMatch(/only https/)
    expect(hostUrlProblem('ftp://example.com/h')).toMatch(/only https/)
  })
})

describe('makeHostPlan', () => {
  const ws = tempDir('bb-hostplan-')
  mkdirSync(path.join(ws, 'p'))
  writeFileSync(path.join(ws, 'p', 'go.mod'), 'module example.test/p\n\ngo 1.26\n')
  writeFileSync(path.join(ws, 'p', 'main.go'), 'package main\n')
  const h = hostBuildFrom(
    '/h',
    glibcElf,
    info({ '-trimpath': 'true', '-tags': 'a', GOAMD64: 'v2' })
  )
  const ref = { sha256: 'ab'.repeat(32), name: 'bifrost-http', from: '/h' } as PrebuiltHost
  const opts = { workspace: ws, env: { PATH: process.env.PATH }, hostArch: 'amd64' as const }
  const plan = (raw: Record<string, string>) => makeHostPlan({ plugins: 'p', ...raw }, h, ref, opts)

  it('every setting from the host, the plugins from the inputs', () => {
    const p = plan({})
    expect(p).toMatchObject({
      goVersion: '1.26.8',
      mode: 'dynamic',
      libc: 'glibc',
      target: { os: 'linux', arch: 'amd64' },
      trimpath: true,
      tags: ['a'],
      goEnv: { GOEXPERIMENT: '' },
      source: { kind: 'host' }
    })
    expect(p.reportedEnv.GOAMD64).toBe('v2')
    expect(p.plugins.map(x => x.name)).toEqual(['p'])
    expect(p.artifactName).toBe(`bifrost-plugins-dev-build-linux-amd64-glibc-for-${'ab'.repeat(6)}`)
  })

  it('an input set against the host is refused, naming both values', () => {
    expect(errorOf(() => plan({ libc: 'musl' })).render()).toMatch(
      /input libc: libc is "musl", but the host \(host-binary\) was built with glibc/
    )
    expect(errorOf(() => plan({ trimpath: 'false' })).render()).toMatch(/input trimpath/)
    expect(errorOf(() => plan({ tags: 'b' })).render()).toMatch(/input tags: .*\[a\]/)
    expect(errorOf(() => plan({ target: 'linux/arm64' })).render()).toMatch(/input target/)
    expect(errorOf(() => plan({ source: '.' })).render()).toMatch(/input source: .*builds no host/)
    expect(errorOf(() => plan({ plugins: '' })).render()).toMatch(/input plugins: .*no plugins/)
    expect(errorOf(() => plan({ mode: 'static' })).render()).toMatch(/input mode/)
    // go-work is read as a full build reads it: a misspelt value is an error, not off.
    expect(errorOf(() => plan({ 'go-work': 'bogus' })).render()).toMatch(/^input go-work: /)
    expect(errorOf(() => plan({ 'go-work': 'local' })).render()).toMatch(
      /no host checkout to make a workspace of/
    )
    // The defaults and the host's own values are fine.
    expect(() =>
      plan({ libc: 'glibc', trimpath: 'true', tags: 'a', target: 'linux/amd64' })
    ).not.toThrow()
    expect(() =>
      makeHostPlan({ plugins: 'p' }, h, ref, { ...opts, env: { ...opts.env, GOAMD64: 'v3' } })
    ).toThrow(/GOAMD64=v3, but the host was built with GOAMD64=v2/)
  })

  it("the toolchain request is the host's exact Go; another go-version is refused", () => {
    expect(hostToolchainRequest({}, h, opts).versionSpec).toBe('1.26.8')
    expect(hostToolchainRequest({ 'go-version': 'go1.26.8' }, h, opts).versionSpec).toBe('1.26.8')
    expect(
      errorOf(() => hostToolchainRequest({ 'go-version': '1.25.3' }, h, opts)).render()
    ).toMatch(
      /input go-version: go-version is "1.25.3", but the host \(host-binary\) was built with 1.26.8/
    )
  })
})
