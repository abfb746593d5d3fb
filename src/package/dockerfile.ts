/**
 * The runtime image that matches the build, as the source document's runtime stages do:
 * a dynamic binary needs the same libc family at run time (Alpine/musl or Debian/glibc); a
 * static one needs nothing but CA certificates.
 */
import type { Libc, Mode, Target } from '../context.js'
import {
  APP_DIR,
  APP_PORT,
  APP_USER,
  ENV_DEFAULTS,
  HEALTHCHECK,
  IMAGE_PLUGIN_DIR,
  startCommand
} from './runtime.js'

export { configExample } from './runtime.js'

export interface RuntimeInput {
  mode: Mode
  libc: Libc
  target: Target
  plugins: string[]
  glibcFloor?: string
  version: string
}

/** glibc each Debian release ships: a floor past bookworm's needs a newer base. */
const DEBIAN_GLIBC: { image: string; glibc: string }[] = [
  { image: 'debian:bookworm-slim', glibc: '2.36' },
  { image: 'debian:trixie-slim', glibc: '2.41' }
]

function versionLE(a: string, b: string): boolean {
  const x = a.split('.').map(Number)
  const y = b.split('.').map(Number)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0)
  }
  return true
}

export interface RuntimeBase {
  image: string
  /** One shell line that installs the runtime libraries, or none. */
  install?: string
  /** What a person installs on a plain machine to run the binary. */
  packages: string
}

export function runtimeBase(
  input: Pick<RuntimeInput, 'mode' | 'libc' | 'glibcFloor'>
): RuntimeBase {
  // A static host needs no libc; the shell and wget are for the entrypoint and healthcheck.
  if (input.mode === 'static' || input.libc === 'musl') {
    return {
      image: 'alpine:3.23',
      install: 'apk add --no-cache musl libgcc ca-certificates wget',
      packages:
        input.mode === 'static'
          ? 'nothing (static binary)'
          : 'Alpine: `apk add musl libgcc ca-certificates`'
    }
  }
  const floor = input.glibcFloor
  const base =
    DEBIAN_GLIBC.find(d => !floor || versionLE(floor, d.glibc)) ??
    DEBIAN_GLIBC[DEBIAN_GLIBC.length - 1]
  return {
    image: base.image,
    install:
      'apt-get update && apt-get install -y --no-install-recommends libc6 ca-certificates wget && rm -rf /var/lib/apt/lists/*',
    packages: `Debian/Ubuntu: \`apt-get install libc6 ca-certificates\` (glibc ${floor ? `>= ${floor}` : 'any'})`
  }
}

/**
 * The same image as the `image` input assembles (src/package/image.ts), for `docker build`
 * in output-dir: the seed's user, environment, volume, healthcheck and start line. The
 * plugins live in /app/plugins, outside the volume, so `-v ./plugins:/app/data/plugins`
 * hides none of them; config.json is the volume's initial content.
 */
export function renderDockerfile(input: RuntimeInput): string {
  const base = runtimeBase(input)
  const platform = `${input.target.os}/${input.target.arch}`
  const alpine = base.image.startsWith('alpine')
  const start = startCommand(false)
  const hc = HEALTHCHECK
  const s = (ns: number) => `${ns / 1e9}s`
  const lines = [
    `# Runtime image for Bifrost ${input.version} built by bifrost-build: ${input.mode}, ${input.libc}, ${platform}.`,
    `# Build it from this directory: docker build --platform ${platform} -t bifrost:${input.version} .`,
    `# The base image's libc must match the build (${input.mode === 'static' ? 'static: none needed' : input.libc}), or the plugins will not load.`,
    `FROM ${base.image}`
  ]
  if (base.install) lines.push(`RUN ${base.install}`)
  lines.push('WORKDIR /app', 'COPY bifrost-http /app/main')
  if (input.plugins.length > 0) lines.push(`COPY plugins/ ${IMAGE_PLUGIN_DIR}/`)
  lines.push(
    `COPY config.json ${APP_DIR}/config.json`,
    `ENV ${Object.entries(ENV_DEFAULTS)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
    `RUN mkdir -p $APP_DIR/logs && ${alpine ? 'adduser -D -s /bin/sh' : 'useradd -m -s /bin/sh'} ${APP_USER} && chown -R ${APP_USER}:${APP_USER} /app`,
    `USER ${APP_USER}`,
    `VOLUME ["${APP_DIR}"]`,
    `EXPOSE ${APP_PORT}`,
    `HEALTHCHECK --interval=${s(hc.Interval)} --timeout=${s(hc.Timeout)} --start-period=${s(hc.StartPeriod)} --retries=${hc.Retries} CMD ${hc.Test[1]}`,
    `ENTRYPOINT ${JSON.stringify(start.Entrypoint)}`
  )
  return lines.join('\n') + '\n'
}
