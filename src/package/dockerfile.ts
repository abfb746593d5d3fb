/**
 * The runtime image that matches the build, as the source document's runtime stages do:
 * a dynamic binary needs the same libc family at run time (Alpine/musl or Debian/glibc); a
 * static one needs nothing but CA certificates.
 */
import type { Libc, Mode, Target } from '../context.js'

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
  if (input.mode === 'static') {
    return { image: 'gcr.io/distroless/static-debian12', packages: 'nothing (static binary)' }
  }
  if (input.libc === 'musl') {
    return {
      image: 'alpine:3.23',
      install: 'apk add --no-cache musl libgcc ca-certificates',
      packages: 'Alpine: `apk add musl libgcc ca-certificates`'
    }
  }
  const floor = input.glibcFloor
  const base =
    DEBIAN_GLIBC.find(d => !floor || versionLE(floor, d.glibc)) ??
    DEBIAN_GLIBC[DEBIAN_GLIBC.length - 1]
  return {
    image: base.image,
    install:
      'apt-get update && apt-get install -y --no-install-recommends libc6 ca-certificates && rm -rf /var/lib/apt/lists/*',
    packages: `Debian/Ubuntu: \`apt-get install libc6 ca-certificates\` (glibc ${floor ? `>= ${floor}` : 'any'})`
  }
}

/** The config.json Bifrost reads from its app dir, listing every plugin by its path in the image. */
export function configExample(plugins: string[], pluginDir = '/app/data/plugins'): string {
  const config = {
    plugins: plugins.map(name => ({
      enabled: true,
      name,
      path: `${pluginDir}/${name}.so`,
      config: {}
    }))
  }
  return JSON.stringify(config, null, 2) + '\n'
}

export function renderDockerfile(input: RuntimeInput): string {
  const base = runtimeBase(input)
  const platform = `${input.target.os}/${input.target.arch}`
  const lines = [
    `# Runtime image for Bifrost ${input.version} built by bifrost-build: ${input.mode}, ${input.libc}, ${platform}.`,
    `# Build it from this directory: docker build --platform ${platform} -t bifrost:${input.version} .`,
    `# The base image's libc must match the build (${input.mode === 'static' ? 'static: none needed' : input.libc}), or the plugins will not load.`,
    `FROM ${base.image}`
  ]
  if (base.install) lines.push(`RUN ${base.install}`)
  lines.push('WORKDIR /app', 'COPY bifrost-http /app/main')
  if (input.plugins.length > 0) lines.push('COPY plugins/ /app/data/plugins/')
  lines.push(
    'COPY config.json /app/data/config.json',
    'EXPOSE 8080',
    'ENTRYPOINT ["/app/main", "-app-dir", "/app/data", "-host", "0.0.0.0", "-port", "8080"]'
  )
  return lines.join('\n') + '\n'
}
