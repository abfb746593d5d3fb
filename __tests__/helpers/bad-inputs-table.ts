/**
 * THE bad-input table: every action input with the values a user gets wrong, each
 * row run through the real bundled action. Also the hostile strings and the list of faults,
 * so the test group can print (and docs/security.md state) how many of each were tried.
 *
 * A row either must be rejected (exactly one `::error` naming the input and a fix, before any
 * build) or must be accepted (spaces, case). Accepted rows prove it by reaching the sentinel:
 * the Go download mirror of every row answers 404, so a run whose inputs all pass the plan
 * stops in the toolchain stage with "no checksum for Go", before any build.
 */
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { createHash } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { REPO, runAction, runnerDirs, visibleOutput, type RunnerDirs } from './action.js'
import { commitAll, copyFixture, gitStatus } from '../../testkit/fixture.js'
import { runOk } from '../../testkit/run.js'
import {
  dlIndex,
  installedGo,
  startServer,
  type InstalledGo,
  type LoopbackServer
} from '../../testkit/toolchain.js'
import { afterAll, beforeAll } from 'vitest'
import { makeHostReference, readHostFacts } from '../../src/lib/host-reference.js'

/** What a row may use: the workspace (a fixture checkout) and places outside it. */
export interface World {
  /** The workspace: a git checkout of the Bifrost-shaped fixture. */
  ws: string
  /** A directory outside the workspace holding a Bifrost checkout and a plugin. */
  outside: string
  /** The Go installed on this machine (`1.26.8`), for `go-download-source: local`. */
  localGo: string
  /** A file whose creation means a hostile string was executed. */
  canary: string
  /** A script that creates the canary when run. */
  canaryScript: string
  /** A directory with a fake `ld`, `gcc`, `cc` that create the canary (for `-B`/`-extld` tricks). */
  evilBin: string
}

export type Inputs = Record<string, string>

export interface Row {
  /** The input this row is about (one of INPUTS). */
  input: string
  label: string
  inputs: Inputs | ((w: World) => Inputs)
  expect: 'reject' | 'accept'
  /** The input the error must name (default: `input`); several when either is right. */
  names?: string[]
  /** The error line must also match this. */
  message?: RegExp
  /** The failure comes from the toolchain stage (it needs the download mirror), not the plan. */
  toolchainStage?: boolean
}

const reject = (
  input: string,
  label: string,
  inputs: Row['inputs'],
  more: Partial<Row> = {}
): Row => ({ input, label, inputs, expect: 'reject', ...more })
const accept = (input: string, label: string, inputs: Row['inputs']): Row => ({
  input,
  label,
  inputs,
  expect: 'accept'
})

/** Rows for the inputs that take one of a few words. */
function enumRows(input: string, good: string, bad: string[], extra: Inputs = {}): Row[] {
  return [
    ...bad.map(v => reject(input, `unknown value ${JSON.stringify(v)}`, { ...extra, [input]: v })),
    accept(input, 'surrounding spaces', { ...extra, [input]: `  ${good}  ` }),
    accept(input, 'another case', {
      ...extra,
      [input]: good[0].toUpperCase() + good.slice(1).toUpperCase()
    })
  ]
}

function boolRows(input: string): Row[] {
  return [
    reject(input, 'not a boolean', { [input]: 'yes' }),
    reject(input, 'a number', { [input]: '1' }),
    accept(input, 'True in another case', { [input]: 'True' }),
    accept(input, 'surrounding spaces', { [input]: ' false ' })
  ]
}

/** A verify-only run needs a real ELF host; the runner's own node binary is one. */
const elfHost = process.execPath

export const ROWS: readonly Row[] = [
  // go-version
  // empty: setup-go's order, then go-version-file (here a valid one)
  accept('go-version', 'empty, with go-version-file set', {
    'go-version': '',
    'go-version-file': 'extras/ok/.go-version'
  }),
  reject('go-version', 'a word', { 'go-version': 'latest' }),
  reject('go-version', 'wrong type (a number list)', { 'go-version': '[1, 26]' }),
  reject('go-version', 'shell in it', { 'go-version': '1.26.1; touch CANARY' }),
  reject(
    'go-version',
    'a release that does not exist',
    { 'go-version': '1.99.0' },
    {
      toolchainStage: true
    }
  ),
  accept('go-version', 'surrounding spaces', w => ({ 'go-version': `  ${w.localGo}  ` })),
  accept('go-version', 'go prefix', w => ({ 'go-version': `go${w.localGo}` })),

  // go-version-file (go-version empty: an explicit go-version wins, as in setup-go)
  reject('go-version-file', 'does not exist', {
    'go-version': '',
    'go-version-file': 'nope/go.mod'
  }),
  reject('go-version-file', 'unreadable (a directory)', {
    'go-version': '',
    'go-version-file': 'transports'
  }),
  reject('go-version-file', 'go.mod with no go line', {
    'go-version': '',
    'go-version-file': 'extras/nogo/go.mod'
  }),
  reject('go-version-file', 'empty .go-version', {
    'go-version': '',
    'go-version-file': 'extras/empty/.go-version'
  }),
  reject('go-version-file', 'a file that is not a version file', {
    'go-version': '',
    'go-version-file': 'plugins/hello/main.go'
  }),
  reject(
    'go-version-file',
    'a FIFO with no writer',
    { 'go-version': '', 'go-version-file': 'extras/fifo/.go-version' },
    { message: /is not a regular file \(it is a FIFO/ }
  ),
  reject(
    'go-version-file',
    'a file outside the workspace',
    { 'go-version': '', 'go-version-file': '/etc/passwd' },
    { message: /is outside the workspace/ }
  ),
  accept('go-version-file', 'surrounding spaces', {
    'go-version': '',
    'go-version-file': ' extras/ok/.go-version '
  }),

  // go-download-base-url
  reject('go-download-base-url', 'not a URL', { 'go-download-base-url': 'go.dev/dl' }),
  reject('go-download-base-url', 'not http(s)', { 'go-download-base-url': 'file:///etc' }),
  reject('go-download-base-url', 'shell in it', {
    'go-download-base-url': '$(touch CANARY)'
  }),

  // go-download-source
  reject('go-download-source', 'unknown value', { 'go-download-source': 'curl' }),
  reject('go-download-source', 'empty list syntax', { 'go-download-source': '[dl]' }),
  accept('go-download-source', 'another case', { 'go-download-source': 'DL' }),
  accept('go-download-source', 'surrounding spaces', { 'go-download-source': ' dl ' }),

  // source
  reject('source', 'does not exist', { source: 'no-such-dir' }),
  reject('source', 'holds no transports/', { source: 'plugins' }),
  reject('source', 'outside the workspace (../..)', { source: '../..' }),
  reject('source', 'absolute path elsewhere', w => ({ source: w.outside + '/bifrost' })),
  reject('source', 'symlink out of the workspace', { source: 'extras/source-link-out' }),
  reject('source', 'a file', { source: 'transports/go.mod' }),
  reject(
    'source',
    'both source and bifrost-version',
    { source: '.', 'bifrost-version': '1.2.3' },
    {
      names: ['source', 'bifrost-version']
    }
  ),
  accept('source', 'surrounding spaces', { source: ' . ' }),

  // bifrost-version
  reject('bifrost-version', 'not a version', { 'bifrost-version': 'latest and greatest' }),
  reject('bifrost-version', 'shell in it', { 'bifrost-version': 'v1.2.3;touch CANARY' }),
  reject('bifrost-version', 'a module query flag', { 'bifrost-version': '-modfile=/etc/passwd' }),

  // mode
  ...enumRows('mode', 'dynamic', ['dynamik', 'shared', '1']),
  reject(
    'mode',
    'static with plugins',
    { mode: 'static', plugins: 'plugins/hello' },
    {
      message: /dynamic/
    }
  ),

  // libc
  ...enumRows('libc', 'glibc', ['uclibc', 'gnu', 'musl libc']),

  // target
  reject('target', 'another OS', { target: 'windows/amd64' }),
  reject('target', 'an unsupported arch', { target: 'linux/386' }),
  reject('target', 'arch only', { target: 'amd64' }),
  reject('target', 'a triple', { target: 'x86_64-linux-gnu' }),
  accept('target', 'surrounding spaces', { target: ' linux/amd64 ' }),

  // cc
  reject('cc', 'not installed', { cc: 'no-such-cc-4711' }),
  reject('cc', 'shell in it', { cc: 'gcc; touch CANARY' }),
  reject('cc', 'a path that does not exist', { cc: '/nonexistent/bin/gcc' }),

  // plugins
  reject('plugins', 'does not exist', { plugins: 'plugins/nope' }),
  reject('plugins', 'outside the workspace (../..)', { plugins: '../..' }),
  reject('plugins', 'absolute path elsewhere', w => ({ plugins: w.outside + '/plugin' })),
  reject('plugins', 'symlink out of the workspace', { plugins: 'extras/plugin-link-out' }),
  reject('plugins', 'no main package', { plugins: 'extras/nomain' }),
  reject('plugins', 'no Go files at all', { plugins: 'extras/empty' }),
  reject('plugins', 'a file, not a directory', { plugins: 'plugins/hello/main.go' }),
  reject(
    'plugins',
    'a FIFO named zz.go in the directory',
    { plugins: 'extras/fifo-plugin' },
    { message: /zz\.go in plugin directory .* is not a regular file \(it is a FIFO/ }
  ),
  reject(
    'plugins',
    'a directory named zz.go in the directory',
    { plugins: 'extras/dir-plugin' },
    { message: /zz\.go in plugin directory .* is a directory/ }
  ),
  reject('plugins', 'the same plugin twice', { plugins: 'plugins/hello,plugins/hello' }),
  reject('plugins', 'two plugins with the same name', {
    plugins: 'hello=plugins/hello\nhello=plugins/world'
  }),
  reject('plugins', 'an empty name', { plugins: '=plugins/hello' }),
  reject('plugins', 'a name with a slash', { plugins: 'a/b=plugins/hello' }),
  accept('plugins', 'spaces and blank lines around entries', {
    plugins: '\n  plugins/hello ,\n\n plugins/world  \n'
  }),

  // version
  reject('version', 'a space inside', { version: '1.0.0 -X main.Other=1' }),
  reject('version', 'shell in it', { version: '1.0.0$(touch CANARY)' }),
  reject('version', 'a newline', { version: '1.0.0\n-o CANARY' }),
  accept('version', 'surrounding spaces', { version: ' 1.2.3 ' }),

  // plugin-version
  reject('plugin-version', 'a space inside', { 'plugin-version': '2.0.0 -X main.Other=1' }),
  reject('plugin-version', 'quotes', { 'plugin-version': `2.0.0'"` }),
  accept('plugin-version', 'surrounding spaces', { 'plugin-version': ' 2.0.0 ' }),

  // tags
  reject('tags', 'shell in it', { tags: 'netgo;touch CANARY' }),
  reject('tags', 'a flag', { tags: '-toolexec=/bin/sh' }),
  reject('tags', 'quotes', { tags: `"netgo"` }),
  accept('tags', 'spaces and commas', { tags: ' netgo,  osusergo ' }),

  // ldflags
  reject('ldflags', 'output path override (-o)', { ldflags: '-o CANARY' }),
  reject('ldflags', 'a custom external linker (-extld)', { ldflags: '-extld=/bin/sh' }),
  reject('ldflags', 'a go build flag (-toolexec)', { ldflags: '-toolexec=/bin/sh' }),
  reject('ldflags', 'a shell separator', { ldflags: '-s ; touch CANARY' }),
  reject('ldflags', 'shell quoting (not supported)', { ldflags: `-X 'main.A=b c'` }),
  accept('ldflags', 'extra spaces between flags', { ldflags: '  -s   -w  ' }),
  reject('ldflags', 'a C linker by path', { ldflags: '-extldflags=-fuse-ld=/usr/bin/ld.bfd' }),

  // trimpath, upload, cache, verify-only
  ...boolRows('trimpath'),
  ...boolRows('upload'),
  ...boolRows('cache'),
  accept('cache', 'restore-only in another case', { cache: ' Restore-Only ' }),

  // cache-dependency-path: go.sum globs relative to the workspace, as in setup-go
  reject(
    'cache-dependency-path',
    'a glob matching no file',
    { 'cache-dependency-path': 'transports/go.sum\nnope/**/go.sum' },
    { message: /"nope\/\*\*\/go\.sum" matches no file inside the workspace/ }
  ),
  reject('cache-dependency-path', 'outside the workspace (..)', {
    'cache-dependency-path': '../bifrost/transports/go.sum'
  }),
  reject('cache-dependency-path', 'an absolute glob outside the workspace', w => ({
    'cache-dependency-path': path.join(w.outside, '**', 'go.sum')
  })),
  reject('cache-dependency-path', 'through a symlink leading out', {
    'cache-dependency-path': 'extras/source-link-out/transports/go.sum'
  }),
  reject('cache-dependency-path', '! lines excluding every match', {
    'cache-dependency-path': 'plugins/*/go.sum\n!plugins/**'
  }),
  accept('cache-dependency-path', 'paths, globs, a comment and an exclusion', {
    'cache-dependency-path':
      '# host and plugins\n  transports/go.sum\nplugins/*/go.sum\n!plugins/skewed/go.sum\n'
  }),
  ...boolRows('overwrite'),
  reject('verify-only', 'not a boolean', { 'verify-only': 'maybe' }),
  accept('verify-only', 'TRUE in capitals', { 'verify-only': 'TRUE', 'host-binary': elfHost }),

  // align-modules, ui, verify
  ...enumRows('align-modules', 'fix', ['ignore', 'pin']),
  ...enumRows('go-work', 'off', ['remote', 'on']),
  ...enumRows('ui', 'placeholder', ['none', 'npm']),
  ...enumRows('verify', 'static', ['quick', 'true']),

  // verify-timeout
  reject('verify-timeout', 'a word', { 'verify-timeout': 'forever' }),
  reject('verify-timeout', 'negative', { 'verify-timeout': '-5' }),
  reject('verify-timeout', 'zero', { 'verify-timeout': '0' }),
  reject('verify-timeout', 'with a unit', { 'verify-timeout': '30s' }),
  reject('verify-timeout', 'a fraction', { 'verify-timeout': '1.5' }),
  reject('verify-timeout', 'absurdly large', { 'verify-timeout': '1e12' }),
  accept('verify-timeout', 'surrounding spaces', { 'verify-timeout': ' 30 ' }),

  // glibc-max
  reject('glibc-max', 'a word', { 'glibc-max': 'new' }),
  reject('glibc-max', 'shell in it', { 'glibc-max': '2.31;touch CANARY' }),
  accept('glibc-max', 'GLIBC_ prefix', { 'glibc-max': 'GLIBC_2.99' }),

  // host-binary, plugin-binaries (verify-only)
  reject('host-binary', 'missing with verify-only', { 'verify-only': 'true', 'host-binary': '' }),
  reject('host-binary', 'does not exist', { 'verify-only': 'true', 'host-binary': 'no-such-bin' }),
  reject('host-binary', 'a directory', { 'verify-only': 'true', 'host-binary': 'transports' }),
  reject(
    'host-binary',
    'a symlink loop',
    { 'verify-only': 'true', 'host-binary': 'extras/loop' },
    { message: /symlink loop/ }
  ),
  reject(
    'host-binary',
    'an https URL with verify-only',
    { 'verify-only': 'true', 'host-binary': 'https://127.0.0.1:18443/bifrost-http' },
    { message: /is a URL; verify-only reads the host from a path/ }
  ),
  reject('host-binary', 'not an ELF file', {
    'verify-only': 'true',
    'host-binary': 'transports/go.mod'
  }),
  reject('plugin-binaries', 'does not exist', {
    'verify-only': 'true',
    'host-binary': elfHost,
    'plugin-binaries': 'nope.so'
  }),
  reject('plugin-binaries', 'not an ELF file', {
    'verify-only': 'true',
    'host-binary': elfHost,
    'plugin-binaries': 'plugins/hello/main.go'
  }),
  // host-binary-sha256 (plugin-only builds)
  reject('host-binary-sha256', 'not a SHA-256', {
    'host-binary': elfHost,
    'host-binary-sha256': 'abc123'
  }),
  reject('host-binary-sha256', 'does not match the file', {
    'host-binary': elfHost,
    'host-binary-sha256': '0'.repeat(64)
  }),

  // host-manifest (verify-only, instead of host-binary)
  reject('host-manifest', 'does not exist', {
    'verify-only': 'true',
    'host-manifest': 'no-such-manifest.json',
    'plugin-binaries': elfHost
  }),
  reject('host-manifest', 'not a manifest', {
    'verify-only': 'true',
    'host-manifest': 'transports/go.mod',
    'plugin-binaries': elfHost
  }),
  reject(
    'host-manifest',
    'a FIFO with no writer',
    w => ({
      'verify-only': 'true',
      'host-manifest': path.join(w.outside, 'fifo-manifest.json'),
      'plugin-binaries': elfHost
    }),
    { message: /is not a regular file \(it is a FIFO/ }
  ),
  reject(
    'host-manifest',
    '/dev/zero (endless, stat size 0)',
    { 'verify-only': 'true', 'host-manifest': '/dev/zero', 'plugin-binaries': elfHost },
    { message: /is not a regular file \(it is a character device/ }
  ),
  reject(
    'host-manifest',
    'schemaVersion 2',
    {
      'verify-only': 'true',
      'host-manifest': 'extras/manifest-v2.json',
      'plugin-binaries': elfHost
    },
    { message: /schemaVersion 2; this bifrost-build reads schemaVersion 1 only/ }
  ),
  reject('host-manifest', 'plain http to another machine', {
    'verify-only': 'true',
    'host-manifest': 'http://192.0.2.1/manifest.json',
    'plugin-binaries': elfHost
  }),
  reject('host-manifest', 'set with host-binary', {
    'verify-only': 'true',
    'host-binary': elfHost,
    'host-manifest': 'manifest.json',
    'plugin-binaries': elfHost
  }),

  // image, image-push, image-base, host-image, registry credentials
  reject('image', 'not a reference', { image: 'Org/Bifrost:1' }),
  reject('image', 'names a digest', { image: `ghcr.io/o/b@sha256:${'a'.repeat(64)}` }),
  reject('image-push', 'not a boolean', { image: 'ghcr.io/o/b:1', 'image-push': 'yes' }),
  reject('image-push', 'without image', { 'image-push': 'true' }),
  reject('image-base', 'without image', { 'image-base': 'alpine:3.23' }),
  reject('image-base', 'not a reference', { image: 'ghcr.io/o/b:1', 'image-base': 'a b' }),
  reject('host-image', 'not a reference', { 'host-image': 'Org/X', plugins: 'plugins/hello' }),
  reject('host-image', 'set with host-binary', {
    'host-binary': elfHost,
    'host-image': 'ghcr.io/o/b:1',
    plugins: 'plugins/hello'
  }),
  reject('registry-password', 'username without password', {
    image: 'ghcr.io/o/b:1',
    'registry-username': 'me'
  }),
  reject('registry-username', 'password without username', {
    image: 'ghcr.io/o/b:1',
    'registry-password': 'secret'
  }),

  // output-dir
  reject('output-dir', 'a file where the directory should be', { 'output-dir': 'extras/a-file' }),
  reject('output-dir', 'below a file', { 'output-dir': 'extras/a-file/out' }),
  reject('output-dir', 'the file system root', { 'output-dir': '/' }),
  reject('output-dir', 'the source checkout itself', { 'output-dir': '.' }),
  reject(
    'output-dir',
    "a plugin's source directory",
    { 'output-dir': 'plugins/hello' },
    { message: /inside the source checkout's plugins\/|inside the directory of plugin hello/ }
  ),
  reject(
    'output-dir',
    "the checkout's transports/ (holds bifrost-http/)",
    { 'output-dir': 'transports' },
    { message: /inside the source checkout's transports\// }
  ),
  accept('output-dir', 'surrounding spaces', { 'output-dir': ' dist-out ' }),

  // artifact-name
  reject('artifact-name', 'a slash', { 'artifact-name': 'a/b' }),
  reject('artifact-name', 'a newline', { 'artifact-name': 'a\nb' }),
  reject('artifact-name', 'characters the artifact service refuses', {
    'artifact-name': 'bin:"x"*?'
  }),
  reject('artifact-name', 'a single dot', { 'artifact-name': '.' }),
  reject('artifact-name', 'two dots', { 'artifact-name': '..' }),
  reject(
    'artifact-name',
    '250 characters',
    { 'artifact-name': 'a'.repeat(250) },
    { message: /is 250 characters long; at most 200/ }
  ),
  accept('artifact-name', 'surrounding spaces', { 'artifact-name': ' my-build ' }),

  // retention-days
  reject('retention-days', 'a word', { 'retention-days': 'week' }),
  reject('retention-days', 'zero', { 'retention-days': '0' }),
  reject('retention-days', 'past 90', { 'retention-days': '91' }),
  reject('retention-days', 'a fraction', { 'retention-days': '1.5' }),
  accept('retention-days', 'surrounding spaces', { 'retention-days': ' 7 ' }),

  // token: never validated (any string can be a token), always masked
  accept('token', 'a token with workflow-command syntax', {
    token: 'ghs_tok::error::injected%0A'
  }),
  accept('token', 'empty', { token: '' })
]

/**
 * Hostile strings: each put into every hostile-string input. `CANARY` / `SCRIPT` / `EVIL`
 * become the canary file, the canary script and the fake-compiler directory.
 */
export const HOSTILE: readonly string[] = [
  '; touch CANARY',
  '&& touch CANARY',
  '| touch CANARY',
  '$(touch CANARY)',
  '`touch CANARY`',
  '${IFS}touch${IFS}CANARY',
  `"; touch CANARY; "`,
  `'; touch CANARY; '`,
  'x\ntouch CANARY',
  'x\r\n::error::injected',
  '::add-mask::x',
  '-o CANARY',
  '-toolexec=SCRIPT',
  '-exec=SCRIPT',
  '-extld=SCRIPT',
  '-extldflags=-BEVIL/',
  '-extldflags=-wrapper,SCRIPT',
  '-extldflags -fuse-ld=EVIL/ld',
  '@CANARY',
  '../../../../tmp/x'
]

/** Inputs the hostile strings go into; for plugins both as a name and as a path. */
export const HOSTILE_TARGETS: readonly { label: string; inputs: (s: string) => Inputs }[] = [
  { label: 'version', inputs: s => ({ version: s }) },
  { label: 'plugin-version', inputs: s => ({ 'plugin-version': s }) },
  { label: 'tags', inputs: s => ({ tags: s }) },
  { label: 'ldflags', inputs: s => ({ ldflags: s }) },
  { label: 'plugin name', inputs: s => ({ plugins: `${s}=plugins/hello` }) },
  { label: 'plugin path', inputs: s => ({ plugins: s }) },
  { label: 'output-dir', inputs: s => ({ 'output-dir': s }) },
  { label: 'artifact-name', inputs: s => ({ 'artifact-name': s }) },
  { label: 'cache-dependency-path', inputs: s => ({ 'cache-dependency-path': s }) }
]

/**
 * ldflags that are fine to accept: each must reach the linker as one argument and the
 * binary must hold the literal text. All other hostile ldflags must be rejected.
 */
export const HARMLESS_LDFLAGS: readonly string[] = [
  '-X main.Note=$(touch${IFS}CANARY)',
  '-X main.Note2=`touch${IFS}CANARY`'
]

/** Faults tried, one name per test (faults*.test.ts asserts each one it runs is listed here). */
export const FAULTS: readonly string[] = [
  'download: HTTP 500 on every try',
  'download: connection reset mid-body',
  'download: truncated archive (short body, full length announced)',
  'download: wrong SHA-256',
  'download: server stalls past the timeout',
  'download: archive with a ../x path traversal entry',
  'download: archive with an absolute path and a symlink escape',
  'download: mirror unreachable',
  'download: relative Location redirect',
  'download: mirror credentials in the URL',
  'index: SIGTERM while Go releases are listed',
  'index: SIGINT while Go releases are listed',
  'index: a 40 MB body',
  'index: server stalls mid-body past the timeout',
  'runner: RUNNER_TEMP names a missing directory',
  'tool cache: two runs install the same Go at once',
  'tool cache: a leftover unmarked directory from a crashed run',
  'output-dir: read-only file system',
  'output-dir: disk full while writing',
  'output-dir: writable, under a read-only parent',
  'output-dir: a second run into it while the first runs',
  'output-dir: the lock of a killed run is left in it',
  'output-dir: a manifest listing user files and a symlink out of it',
  'package: mirror credentials kept out of the log, BUILD.md, manifest and archive',
  'build: SIGTERM mid-build',
  'build: SIGINT mid-build',
  'verify: -extldflags -static on a dynamic build',
  'load test: host never becomes ready',
  'load test: host crashes',
  'load test: host floods its log (one endless line)',
  'load test: host leaves a child that ignores SIGTERM',
  'cancel: SIGINT while packaging (action)',
  'cancel: SIGINT while packaging (CLI)',
  'host-manifest: workflow commands in its values',
  'host-manifest: plain http from loopback',
  'go settings: GOFLAGS=-toolexec from a GOENV file',
  'go settings: GOFLAGS, CGO_* and CGO_LDFLAGS_ALLOW in the log, BUILD.md and manifest',
  'build: a replace by a directory outside the workspace',
  'build: vendor/ inconsistent with go.mod',
  'go-work: local with a go.work that uses /',
  'leftovers: a downloaded host-binary',
  'leftovers: the report of a CLI verify',
  'output-dir: the assembly dir of a run killed while packaging',
  'output-dir: three runs take over one stale lock at once',
  'environment: SOURCE_DATE_EPOCH that is not a time',
  'runner: GITHUB_OUTPUT names a missing file'
]

export function replaceMarkers(s: string, w: World): string {
  return s
    .replace(/CANARY/g, w.canary)
    .replace(/SCRIPT/g, w.canaryScript)
    .replace(/EVIL/g, w.evilBin)
}

export function rowInputs(row: Row, w: World): Inputs {
  const raw = typeof row.inputs === 'function' ? row.inputs(w) : row.inputs
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, replaceMarkers(v, w)]))
}

function writeExec(file: string, body: string): void {
  writeFileSync(file, `#!/bin/sh\n${body}\n`)
  chmodSync(file, 0o755)
}

/**
 * The extra files rows point at, inside the workspace (`extras/`) and outside it. Call after
 * the workspace holds the fixture checkout.
 */
export async function makeWorld(ws: string, localGo: string): Promise<World> {
  const outside = mkdtempSync(path.join(os.tmpdir(), 'bb-outside-'))
  const fixture = path.join(REPO, '__tests__', 'fixtures', 'bifrost')
  cpSync(fixture, path.join(outside, 'bifrost'), { recursive: true })
  cpSync(path.join(fixture, 'plugins', 'hello'), path.join(outside, 'plugin'), { recursive: true })
  const canary = path.join(outside, 'CANARY-was-created')
  const canaryScript = path.join(outside, 'make-canary.sh')
  writeExec(canaryScript, `touch '${canary}'\nexit 1`)
  const evilBin = path.join(outside, 'evil-bin')
  mkdirSync(evilBin)
  for (const tool of ['ld', 'gcc', 'cc', 'collect2', 'ld.gold', 'ld.bfd'])
    writeExec(path.join(evilBin, tool), `touch '${canary}'\nexit 1`)

  const x = (p: string) => path.join(ws, 'extras', p)
  mkdirSync(x('nogo'), { recursive: true })
  writeFileSync(x('nogo/go.mod'), 'module example.com/nogo\n')
  mkdirSync(x('empty'), { recursive: true })
  writeFileSync(x('empty/.go-version'), '')
  mkdirSync(x('ok'), { recursive: true })
  writeFileSync(x('ok/.go-version'), `${localGo}\n`)
  mkdirSync(x('nomain'), { recursive: true })
  writeFileSync(x('nomain/go.mod'), 'module example.com/nomain\n\ngo 1.26\n')
  writeFileSync(x('nomain/lib.go'), 'package lib\n\nfunc A() int { return 1 }\n')
  writeFileSync(x('a-file'), 'not a directory\n')
  symlinkSync(path.join(outside, 'bifrost'), x('source-link-out'))
  symlinkSync(path.join(outside, 'plugin'), x('plugin-link-out'))
  symlinkSync('loop', x('loop'))
  for (const d of ['fifo-plugin', 'dir-plugin']) {
    mkdirSync(x(d), { recursive: true })
    writeFileSync(x(`${d}/go.mod`), `module example.com/${d}\n\ngo 1.26\n`)
    writeFileSync(x(`${d}/main.go`), 'package main\n\nfunc main() {}\n')
  }
  mkdirSync(x('dir-plugin/zz.go'))
  writeFileSync(x('dir-plugin/zz.go/keep.txt'), 'a directory named like a Go file\n')
  // A whole manifest but for its version: only schemaVersion may refuse it.
  writeFileSync(x('manifest-v2.json'), await hostManifestText({ schemaVersion: 2 }))
  await commitAll(ws, 'extras for bad inputs')
  // FIFOs with no writer (git neither tracks nor lists them): a read that waits for a writer hangs.
  mkdirSync(x('fifo'), { recursive: true })
  for (const f of [
    x('fifo/.go-version'),
    x('fifo-plugin/zz.go'),
    path.join(outside, 'fifo-manifest.json')
  ])
    await runOk('mkfifo', [f])
  return { ws, outside, localGo, canary, canaryScript, evilBin }
}

/**
 * A host build's manifest.json as bifrost-build writes it, for the Go binary on PATH (a real
 * Go ELF with build info) as the host; `top` and `buildInfo` override fields.
 */
export async function hostManifestText(
  top: Record<string, unknown> = {},
  buildInfo: Record<string, unknown> = {}
): Promise<string> {
  const goroot = (await runOk('go', ['env', 'GOROOT'])).trim()
  const goBin = path.join(goroot, 'bin', 'go')
  const arch = process.arch === 'arm64' ? 'arm64' : 'amd64'
  const ref = makeHostReference(await readHostFacts(goBin), {
    name: 'bifrost-http',
    sha256: createHash('sha256').update(readFileSync(goBin)).digest('hex'),
    mode: 'dynamic',
    libc: 'glibc',
    target: `linux/${arch}`
  })
  Object.assign(ref.host.buildInfo, buildInfo)
  return JSON.stringify(
    {
      schemaVersion: 1,
      generator: 'bifrost-build',
      artifactName: 'host',
      hostReference: ref,
      ...top
    },
    null,
    2
  )
}

/** Every file (not directory) below `dir`: a tool cache or output dir must have none. */
export function filesBelow(dir: string): string[] {
  if (!existsSync(dir)) return []
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter(d => !d.isDirectory())
    .map(d => path.join(d.parentPath ?? (d as unknown as { path: string }).path, d.name))
}

/** Workflow commands a run may print; anything else starting with `::` was injected. */
// Annotations may carry properties (`::error title=input go-version,file=go.mod::`).
const ALLOWED_COMMANDS = /^::(group|endgroup|error|warning|notice|debug)( [^:]*)?::?/

/** Lines that are workflow commands we did not mean to send (`::add-mask::` only for `secrets`). */
export function injectedCommands(stdout: string, secrets: readonly string[] = []): string[] {
  const escape = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  const masks = new Set(secrets.map(s => `::add-mask::${escape(s)}`))
  return stdout
    .split('\n')
    .filter(l => l.startsWith('::') && !ALLOWED_COMMANDS.test(l) && !masks.has(l))
}

/** Runner dirs with the command files present, as the runner creates them (core refuses missing ones). */
export function freshRunnerDirs(workspace?: string): RunnerDirs {
  const dirs = runnerDirs()
  for (const f of Object.values(dirs.files)) writeFileSync(f, '')
  return workspace ? { ...dirs, workspace } : dirs
}

export const TOKEN = 'ghs_bad1nputT0kenNeverPrinted'
export const RUNTIME_TOKEN = 'runtime-t0ken-never-printed'
/** The sentinel an accepted row reaches: the index lists the Go, the archive is missing. */
export const SENTINEL = /the mirror is missing the file/

/** A Go mirror whose index lists the local Go but which has no archive: runs stop at the sentinel. */
export async function sentinelMirror(go: InstalledGo): Promise<LoopbackServer> {
  const mirror = await startServer()
  mirror.routes.set('/?mode=json&include=all', () => ({
    body: dlIndex([{ version: go.version, sha256: '0'.repeat(64), arch: go.arch }])
  }))
  return mirror
}

/**
 * Runs the bundled action on the world's workspace with `inputs` over a valid base (plugin
 * hello, the local Go's version from the sentinel mirror, a token), with the artifact and
 * cache services pointed at `services` so any request is seen.
 */
export async function runThroughAction(
  w: World,
  mirror: LoopbackServer,
  services: LoopbackServer,
  inputs: Inputs,
  env: Record<string, string> = {}
) {
  const dirs = freshRunnerDirs(w.ws)
  const before = await gitStatus(w.ws)
  const all = {
    'go-version': w.localGo,
    'go-download-source': 'dl',
    'go-download-base-url': mirror.url,
    plugins: 'plugins/hello',
    ui: 'placeholder',
    verify: 'static',
    token: TOKEN,
    ...inputs
  }
  const r = await runAction(all, {
    dirs,
    timeoutMs: 120_000,
    env: {
      ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
      ACTIONS_RUNTIME_URL: `${services.url}/`,
      ACTIONS_RESULTS_URL: `${services.url}/`,
      ACTIONS_CACHE_URL: `${services.url}/`,
      BIFROST_BUILD_HTTP_TIMEOUT: '5',
      ...env
    }
  })
  return { r, dirs, before, inputs: all, visible: visibleOutput(r) }
}

export interface Stage {
  world: World
  mirror: LoopbackServer
  services: LoopbackServer
}

/** The fixture workspace, sentinel Go mirror and fake runner services a test file shares. */
export function useStage(): Stage {
  const stage = {} as Stage
  beforeAll(async () => {
    const go = installedGo()
    stage.world = await makeWorld(await copyFixture(), go.version)
    stage.mirror = await sentinelMirror(go)
    stage.services = await startServer()
  })
  afterAll(async () => {
    await stage.mirror?.close()
    await stage.services?.close()
    if (stage.world) {
      rmSync(stage.world.ws, { recursive: true, force: true })
      rmSync(stage.world.outside, { recursive: true, force: true })
    }
  })
  return stage
}
