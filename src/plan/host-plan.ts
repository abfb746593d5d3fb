/**
 * Plugin-only builds: `host-binary`, `host-manifest` or `host-image` plus `plugins`. The host
 * is the one input read before the plan, because the plan is derived from its bytes: its Go
 * build info and ELF headers say which Go, target, CPU level, libc, cgo, -trimpath, tags,
 * GOEXPERIMENT and module versions the plugins need (host.ts). Reading the host is in
 * host-sources.ts and host-fetch.ts; this file holds the plan made from it.
 */
import type { ImagePlan, PluginSpec, PrebuiltHost, Plan, ToolchainRequest } from '../context.js'
import { formatImageRef } from '../lib/oci/reference.js'
import { parseImageInputs } from './image.js'
import { BuildError, inputError } from '../errors.js'
import { defaults, type InputName, type RawInputs } from '../inputs.js'
import { toolchainRequest } from './go-request.js'
import { chooseCompiler } from './compiler.js'
import type { HostPlanEnv } from './host-fetch.js'
import { readGivenHost } from './host-sources.js'
import type { HostBuild } from './host.js'
import { resolvePlugins } from './paths.js'
import { GO_WORK, MODES, parseVersions, planBase, planEnv, sharedSettings } from './settings.js'
import { parseArtifactName, parseEnum, parseTags } from './values.js'

/**
 * An input that the host decides: ignored at its default or at the host's own value, an error
 * when set to something else (a plugin built that way would not load).
 */
function mustMatch(
  raw: RawInputs,
  input: InputName,
  hostValue: string,
  same: (v: string) => boolean = v => v.trim().toLowerCase() === hostValue.toLowerCase()
): void {
  const v = (raw[input] ?? '').trim()
  const dflt = defaults()[input] ?? ''
  if (v === '' || v === dflt.trim() || same(v)) return
  throw inputError(
    input,
    `${input} is ${JSON.stringify(v)}, but the host (host-binary) was built with ${hostValue}: a plugin built with ${JSON.stringify(v)} would not load into it`,
    `remove ${input}: a plugin-only build takes it from the host`
  )
}

/** The toolchain request for the host's exact Go release. */
export function hostToolchainRequest(
  raw: RawInputs,
  h: Pick<HostBuild, 'goVersion'>,
  opts: Pick<HostPlanEnv, 'workspace' | 'env' | 'hostArch'>
): ToolchainRequest {
  const all = { ...defaults(), ...raw }
  mustMatch(all, 'go-version', h.goVersion, v => v.replace(/^go/, '') === h.goVersion)
  if (all['go-version-file'].trim())
    throw inputError(
      'go-version-file',
      `go-version-file is set, but a plugin-only build uses the host's Go (${h.goVersion})`,
      'remove go-version-file'
    )
  return toolchainRequest({ ...all, 'go-version': h.goVersion, 'go-version-file': '' }, opts)
}

/**
 * The inputs a plugin-only build takes from the user, checked against the host: it builds no
 * host, needs plugins, and every setting the host decides is left alone or set to the host's.
 */
function pluginOnlyInputs(
  raw: Record<InputName, string>,
  h: HostBuild,
  workspace: string
): PluginSpec[] {
  for (const input of ['source', 'bifrost-version'] as const)
    if (raw[input].trim())
      throw inputError(
        input,
        `${input} is set together with host-binary: a plugin-only build builds no host`,
        `remove ${input} to build plugins for the given host, or remove host-binary to build both`
      )
  const plugins = resolvePlugins(raw['plugins'], workspace)
  if (plugins.length === 0)
    throw inputError(
      'plugins',
      'host-binary is set but no plugins are listed: a plugin-only build needs plugins to build',
      'list the plugin directories in plugins, or use verify-only to check binaries'
    )
  const mode = parseEnum('mode', raw['mode'], MODES)
  if (mode === 'static')
    throw inputError(
      'mode',
      'mode static with host-binary: plugins load only into a dynamic host',
      'remove mode (the host is dynamic)'
    )
  mustMatch(raw, 'libc', h.libc)
  mustMatch(raw, 'target', `linux/${h.arch}`)
  mustMatch(raw, 'trimpath', String(h.trimpath))
  const tagsIn = parseTags(raw['tags'])
  if (tagsIn.length && [...tagsIn].sort().join(',') !== [...h.tags].sort().join(','))
    throw inputError(
      'tags',
      `tags are ${tagsIn.join(',')}, but the host was built with [${h.tags.join(',')}]: shared packages would compile differently and the plugin would not load`,
      'remove tags: a plugin-only build takes them from the host'
    )
  return plugins
}

/** The build's environment with the host's CPU level (GOAMD64/GOARM64), which a plugin must share. */
function hostEnv(procEnv: NodeJS.ProcessEnv, h: HostBuild): Record<string, string> {
  const env = planEnv(procEnv, false)
  const levelIn = env[h.archLevel.name]
  if (levelIn !== undefined && levelIn !== h.archLevel.value)
    throw new BuildError(
      `environment variable ${h.archLevel.name}=${levelIn}, but the host was built with ${h.archLevel.name}=${h.archLevel.value}`,
      { fix: `unset ${h.archLevel.name}: a plugin-only build takes it from the host`, usage: true }
    )
  env[h.archLevel.name] = h.archLevel.value
  return env
}

/** The plan of a plugin-only build: the plugins from the inputs, every setting from the host. */
export function makeHostPlan(
  rawIn: RawInputs,
  h: HostBuild,
  host: PrebuiltHost,
  opts: Omit<HostPlanEnv, 'reporter'>
): Plan {
  const { raw, workspace, which } = planBase(rawIn, opts)
  const plugins = pluginOnlyInputs(raw, h, workspace)
  const env = hostEnv(opts.env, h)
  const cc = chooseCompiler(h.libc, h.arch, opts.hostArch, raw['cc'], workspace, which)
  const { version, pluginVersion } = parseVersions(raw)
  // Parsed as a full build parses it: a misspelt value is an error here too, not off.
  if (parseEnum('go-work', raw['go-work'] ?? 'off', GO_WORK) === 'local')
    throw inputError(
      'go-work',
      'go-work: local with host-binary: a plugin-only build has no host checkout to make a workspace of',
      'remove go-work (the plugin is built on its own go.mod, aligned with the host), or remove host-binary'
    )
  const source = { kind: 'host' as const, host }
  const goEnv: Record<string, string> = { GOEXPERIMENT: h.goexperiment, ...(h.cgoFlags ?? {}) }
  return {
    workspace,
    source,
    goVersion: h.goVersion,
    mode: 'dynamic',
    libc: h.libc,
    target: { os: 'linux', arch: h.arch },
    cc,
    version,
    pluginVersion,
    tags: [...h.tags],
    trimpath: h.trimpath,
    goWork: 'off',
    ui: 'skip',
    ...sharedSettings(raw, workspace, source, plugins),
    artifactName: parseArtifactName(
      raw['artifact-name'],
      `bifrost-plugins-${pluginVersion}-linux-${h.arch}-${h.libc}-for-${host.sha256.slice(0, 12)}`
    ),
    plugins,
    reportedEnv: env,
    goEnv,
    ...imageFor(raw, host, h)
  }
}

/**
 * host-image: the plugins are load-tested in a copy of that very image with them added,
 * tagged as `image` when it is set (a plugin image for that host), else kept for the test
 * only. Otherwise `image` builds on the default base as for a full build.
 */
function imageFor(
  raw: Record<string, string>,
  host: PrebuiltHost,
  h: HostBuild
): { image?: ImagePlan } {
  const own = parseImageInputs(raw, 'dynamic', h.libc)
  if (!host.image) return own ? { image: own } : {}
  if ((raw['image-base'] ?? '').trim())
    throw inputError(
      'image-base',
      'image-base is set together with host-image: the plugins go into the host image itself',
      'remove image-base'
    )
  const base = host.image.ref
  if (own) return { image: { ...own, base, baseFrom: 'host-image' } }
  const ref = {
    registry: 'localhost',
    repository: 'bifrost-build/plugin-test',
    tag: host.image.digest.slice(7, 19)
  }
  return {
    image: {
      ref,
      name: formatImageRef(ref),
      push: false,
      base,
      baseFrom: 'host-image',
      testOnly: true
    }
  }
}

/** The plan's extra lines for a plugin-only build (after describePlan's). */
export function describeHost(plan: Plan): string[] {
  if (plan.source.kind !== 'host') return []
  const h = plan.source.host
  return [
    `Host:           ${h.from} (${h.name}, sha256 ${h.sha256})`,
    `Host version:   ${h.version} (from ${h.versionFrom}), Go ${h.goVersion}`,
    `From the host:  Go ${h.goVersion}, linux/${plan.target.arch} ${Object.entries(plan.reportedEnv)
      .filter(([k]) => k === 'GOAMD64' || k === 'GOARM64')
      .map(([k, v]) => `${k}=${v}`)
      .join(
        ' '
      )}, ${plan.libc} (${plan.cc.command}), trimpath ${plan.trimpath}, tags [${plan.tags.join(',')}], GOEXPERIMENT=${plan.goEnv?.GOEXPERIMENT || '(default)'}, ${h.modules.length} module(s)`,
    ...h.unknown.map(u => `Not recorded:   ${u}`)
  ]
}

/** Everything before the toolchain stage: fetch and read the host, the request for its Go, the plan. */
export async function planFromHost(
  raw: RawInputs,
  opts: HostPlanEnv
): Promise<{ plan: Plan; request: ToolchainRequest }> {
  const { h, host } = await readGivenHost(raw, opts)
  const request = hostToolchainRequest(raw, h, opts)
  const plan = makeHostPlan(raw, h, host, opts)
  return { plan, request }
}
