/**
 * The public interface: every action input (and CLI flag of the same name). action.yml and
 * the README's table are checked against this list by a test, so they cannot drift.
 */
export interface InputSpec {
  name: string
  default: string
  description: string
  /** Which CLI commands take this flag (the action takes all). */
  commands: readonly Command[]
}

export type Command = 'build' | 'verify' | 'setup-go'

const ALL: readonly Command[] = ['build', 'verify', 'setup-go']
const BUILD: readonly Command[] = ['build']
const BUILD_VERIFY: readonly Command[] = ['build', 'verify']

const INPUT_TABLE = [
  {
    name: 'go-version',
    default: '',
    commands: ALL,
    description:
      "Exact Go release (`1.26.1`, `go1.26.1`); `1.26` or `1.26.x` picks the newest patch in the download index; `stable` (the newest release) or `oldstable` (the newest of the minor line before it), as in setup-go, are resolved from that index too. Wins over `go-version-file`; with neither, the go line of `transports/go.mod` (a `bifrost-version` build: of that release's go.mod, read from GOPROXY), else 1.26.1."
  },
  {
    name: 'go-version-file',
    default: '',
    commands: ALL,
    description:
      'go.mod (its `toolchain` line wins over `go`), go.work, `.go-version` or `.tool-versions`; used when `go-version` is empty (as in setup-go).'
  },
  {
    name: 'go-download-base-url',
    default: 'https://go.dev/dl',
    commands: ALL,
    description: 'Mirror of the official Go downloads (also env GO_DOWNLOAD_BASE_URL).'
  },
  {
    name: 'go-download-source',
    default: 'dl',
    commands: ALL,
    description:
      '`dl` (official archive, SHA-256 from the index), `goproxy` (golang.org/toolchain module from GOPROXY, checked against GOSUMDB) or `local` (the Go already on PATH, no download).'
  },
  {
    name: 'source',
    default: '',
    commands: BUILD,
    description:
      'Bifrost checkout (the directory holding `transports/`); empty means the workspace root.'
  },
  {
    name: 'bifrost-version',
    default: '',
    commands: BUILD,
    description:
      'Instead of `source`: build this released Bifrost (`transports` module) from the module proxy.'
  },
  {
    name: 'mode',
    default: 'auto',
    commands: BUILD_VERIFY,
    description: '`static`, `dynamic`, or `auto` (dynamic when plugins are listed, else static).'
  },
  { name: 'libc', default: 'glibc', commands: BUILD_VERIFY, description: '`glibc` or `musl`.' },
  {
    name: 'target',
    default: '',
    commands: BUILD_VERIFY,
    description: "`linux/amd64` or `linux/arm64`; empty means the runner's own."
  },
  {
    name: 'cc',
    default: '',
    commands: BUILD,
    description: 'C compiler override (default: picked from libc and target).'
  },
  {
    name: 'plugins',
    default: '',
    commands: BUILD,
    description: 'Plugin directories, newline- or comma-separated, each `dir` or `name=dir`.'
  },
  {
    name: 'version',
    default: 'dev-build',
    commands: BUILD,
    description: 'Bifrost version, stamped as `-X main.Version=v<version>`.'
  },
  {
    name: 'plugin-version',
    default: '',
    commands: BUILD,
    description:
      'Stamped into each plugin as `-X main.Version=v<plugin-version>`; empty means `version`.'
  },
  {
    name: 'tags',
    default: '',
    commands: BUILD,
    description: 'Extra build tags (space- or comma-separated), for host and plugins alike.'
  },
  {
    name: 'ldflags',
    default: '',
    commands: BUILD,
    description:
      'Extra ldflags (space-separated, no shell quoting), for host and plugins alike: `-s`, `-w`, `-X name=value`, `-buildid=`, `-compressdwarf=`, and `-extldflags=<flag>` for the C linker chosen by name (`-fuse-ld=bfd`, `gold`, `lld`, `mold`), `-static-libgcc` or `-Wl,` options without paths (`-Wl,-z,relro,-z,now`).'
  },
  {
    name: 'trimpath',
    default: 'true',
    commands: BUILD,
    description: 'Build with `-trimpath` (host and plugins alike: a mismatch breaks loading).'
  },
  {
    name: 'align-modules',
    default: 'error',
    commands: BUILD,
    description:
      "Plugin module versions that differ from the host's: `error`, `warn`, or `fix` (pin the host's versions through `-modfile` on a temporary copy)."
  },
  {
    name: 'go-work',
    default: 'off',
    commands: BUILD,
    description:
      "`off` (each module on its own, as the Makefile's `GOWORK=off`) or `local`: host and every plugin in one Go workspace (the checkout's go.work, else one over every go.mod module in it, plus the plugins), written outside the checkout."
  },
  {
    name: 'ui',
    default: 'auto',
    commands: BUILD,
    description: '`auto`, `build` (npm ci + build of `ui/`), `placeholder`, or `skip`.'
  },
  {
    name: 'verify',
    default: 'full',
    commands: BUILD_VERIFY,
    description: '`full` (static checks and load test), `static`, or `off`.'
  },
  {
    name: 'verify-timeout',
    default: '60',
    commands: BUILD_VERIFY,
    description: 'Seconds the load test waits for every plugin to report active.'
  },
  {
    name: 'glibc-max',
    default: '',
    commands: BUILD_VERIFY,
    description: 'Newest glibc the binaries may need (e.g. `2.31`); exceeding it is an error.'
  },
  {
    name: 'verify-only',
    default: 'false',
    commands: ALL,
    description: 'Build nothing: check `host-binary` and `plugin-binaries` built elsewhere.'
  },
  {
    name: 'host-binary',
    default: '',
    commands: BUILD_VERIFY,
    description:
      'An existing Bifrost binary (path, or https URL with `host-binary-sha256`). With `plugins`: build only the plugins, every setting taken from this host, and load-test them in it. With `verify-only`: the binary to check.'
  },
  {
    name: 'host-binary-sha256',
    default: '',
    commands: BUILD,
    description:
      'SHA-256 of `host-binary`: required when it is a URL (the download is checked before anything is built), checked when it is a path.'
  },
  {
    name: 'plugin-binaries',
    default: '',
    commands: ['verify'],
    description: 'With `verify-only`: plugin `.so` files, newline- or comma-separated.'
  },
  {
    name: 'host-manifest',
    default: '',
    commands: BUILD_VERIFY,
    description:
      'Instead of `host-binary`: the `manifest.json` of a bifrost-build host build (path or https URL). With `plugins`: build only the plugins for that host (static checks; the load test needs the binary). With `verify-only`: static checks only.'
  },
  {
    name: 'image',
    default: '',
    commands: BUILD,
    description:
      "Reference to tag the runtime image with (e.g. `ghcr.io/org/bifrost:1.5.1`); empty: no image. Built as the source document's images (Debian bookworm-slim for glibc, Alpine 3.23 for musl and static; non-root `appuser`, `VOLUME /app/data`, healthcheck on `/health`, `APP_*` defaults, the checkout's `docker-entrypoint.sh`) without a Docker daemon, written as `<artifact-name>.oci.tar`, and load-tested in a container of it (podman)."
  },
  {
    name: 'image-push',
    default: 'false',
    commands: BUILD,
    description:
      'Push `image` to its registry after everything passed (registry HTTP API v2; registries on 127.0.0.0/8 and localhost over plain http).'
  },
  {
    name: 'image-base',
    default: '',
    commands: BUILD,
    description:
      'Base image reference instead of the default per libc (a mirror, a pinned digest); it must hold the libc loader, `/bin/sh` and wget.'
  },
  {
    name: 'host-image',
    default: '',
    commands: BUILD_VERIFY,
    description:
      'Instead of `host-binary`: a registry image holding the host at `/app/main` (e.g. one this action pushed), pinned by digest. With `plugins`: build the plugins for that host and load-test them inside that very image. With `verify-only`: check `plugin-binaries` against it and load them in a container of it.'
  },
  {
    name: 'registry-username',
    default: '',
    commands: BUILD_VERIFY,
    description:
      'User name for the registries of `image`, `image-base` and `host-image` (with `registry-password`); empty: anonymous, or for ghcr.io the `token` input.'
  },
  {
    name: 'registry-password',
    default: '',
    commands: BUILD_VERIFY,
    description:
      'Password or token for `registry-username`; always masked, never written to a file.'
  },
  {
    name: 'output-dir',
    default: 'bifrost-dist',
    commands: BUILD,
    description: 'Where binaries, archive, checksums and manifest are written.'
  },
  {
    name: 'upload',
    default: 'true',
    commands: BUILD,
    description: 'Upload the archive, checksums and manifest as a workflow artifact.'
  },
  {
    name: 'artifact-name',
    default: '',
    commands: BUILD,
    description:
      'Artifact name; default `bifrost-<version>-go<go-version>-<os>-<arch>-<libc>-<mode>`, unique per matrix cell.'
  },
  {
    name: 'retention-days',
    default: '',
    commands: BUILD,
    description: 'Artifact retention in days (empty: the repository default).'
  },
  {
    name: 'overwrite',
    default: 'false',
    commands: BUILD,
    description:
      'Delete an artifact of the same name in this run before uploading (a re-run of a failed job), as `actions/upload-artifact`.'
  },
  {
    name: 'cache',
    default: 'true',
    commands: BUILD,
    description:
      '`true`: restore GOMODCACHE and GOCACHE before the build and save them after a successful one; `restore-only`: restore, never save (pull requests); `false`: neither. On a runner the module cache is `$RUNNER_TOOL_CACHE/bifrost-build/gomodcache` unless GOMODCACHE is set.'
  },
  {
    name: 'cache-dependency-path',
    default: '',
    commands: BUILD,
    description:
      "go.sum files that key the cache: paths or globs relative to the workspace, one a line, `!` to exclude (as in setup-go). Empty: `transports/go.sum` and each plugin's. A line matching no file is an error."
  },
  {
    name: 'token',
    default: "${{ github.server_url == 'https://github.com' && github.token || '' }}",
    commands: ALL,
    description: 'Only for rate-limited downloads; always masked.'
  }
] as const satisfies readonly InputSpec[]

/** Every input's name, from the table: a typo in `raw['...']` fails to compile. */
export type InputName = (typeof INPUT_TABLE)[number]['name']
export const INPUTS: readonly (InputSpec & { name: InputName })[] = INPUT_TABLE

export const OUTPUTS: readonly { name: string; description: string }[] = [
  { name: 'go-version', description: 'The Go release used, e.g. `1.26.1`.' },
  { name: 'go-root', description: 'GOROOT of that Go.' },
  { name: 'mode', description: '`static` or `dynamic`.' },
  { name: 'libc', description: '`glibc` or `musl`.' },
  { name: 'target', description: 'e.g. `linux/amd64`.' },
  { name: 'binary', description: 'Path of the built `bifrost-http`.' },
  { name: 'plugins', description: 'JSON array of `{name, path, sha256}`.' },
  { name: 'archive', description: 'Path of the `.tar.gz`.' },
  {
    name: 'checksums',
    description:
      'Path of `<artifact-name>.SHA256SUMS` (the archive and manifest; `sha256sum -c` passes where they are downloaded).'
  },
  {
    name: 'manifest',
    description: 'Path of `<artifact-name>.manifest.json` (the same bytes as `manifest.json`).'
  },
  {
    name: 'glibc-floor',
    description: 'Newest `GLIBC_x.y` the host and plugins need (empty for musl and static).'
  },
  { name: 'cache-hit', description: '`true` when the build cache was restored from an exact key.' },
  { name: 'artifact-id', description: 'ID of the uploaded artifact.' },
  { name: 'artifact-url', description: 'URL of the uploaded artifact.' },
  { name: 'artifact-digest', description: 'SHA-256 digest of the uploaded artifact.' },
  {
    name: 'artifact-name',
    description: 'Name of the artifact (the input, or the default per matrix cell).'
  },
  { name: 'output-dir', description: 'Absolute path of output-dir.' },
  {
    name: 'image-digest',
    description:
      'Manifest digest (`sha256:...`) of the runtime image (input `image`); the same inputs give the same digest.'
  },
  {
    name: 'image-archive',
    description: 'Path of `<artifact-name>.oci.tar` (the image as an OCI archive).'
  },
  {
    name: 'report',
    description:
      'Path of a JSON report of the run (outputs, checks, error and fix), written on failure too.'
  }
]

export type RawInputs = Readonly<Partial<Record<InputName, string>>>

/**
 * Reads inputs the way @actions/core does (env `INPUT_<NAME>` upper-cased, spaces to `_`),
 * falling back to our defaults: a direct `node dist/index.js` run has no runner filling
 * them in from action.yml. `${{ github.token }}` is only meaningful to the runner.
 */
export function inputsFromEnv(env: NodeJS.ProcessEnv): RawInputs {
  const out = {} as Record<InputName, string>
  for (const spec of INPUTS) {
    const key = `INPUT_${spec.name.replace(/ /g, '_').toUpperCase()}`
    const value = env[key]
    out[spec.name] = value !== undefined ? value : spec.name === 'token' ? '' : spec.default
  }
  return out
}

export function defaults(): Record<InputName, string> {
  const out = {} as Record<InputName, string>
  for (const spec of INPUTS) out[spec.name] = spec.name === 'token' ? '' : spec.default
  return out
}
