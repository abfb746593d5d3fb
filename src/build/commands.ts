/** The exact go commands for the host and each plugin (pure: argument arrays and variables). */
import type { CommandRecord, Plan, PluginSpec, Toolchain } from '../context.js'
import { archLevel } from '../util/arch-level.js'

/** GOAMD64/GOARM64 as go would default them, pinned so host and plugins cannot drift apart. */
function pinnedArchLevel(plan: Plan): Record<string, string> {
  const level = archLevel(plan.target.arch, plan.reportedEnv)
  return { [level.name]: level.value }
}

/** The variables we set for every go call of the build (on top of the toolchain's). */
export function buildVars(plan: Plan, goWork?: string): Record<string, string> {
  return {
    CGO_ENABLED: '1',
    GOOS: plan.target.os,
    GOARCH: plan.target.arch,
    // A go.work of the checkout never applies by accident; go-work: local names ours.
    GOWORK: goWork ?? 'off',
    CC: plan.cc.command,
    ...pinnedArchLevel(plan),
    ...plan.goEnv,
    GOTOOLCHAIN: 'local'
  }
}

const EXT = '-extldflags='

/**
 * The user's `-extldflags=<flag>` words and ours (`-static`) as one `-extldflags '<flags>'`:
 * the linker keeps only the last -extldflags it is given, so they cannot be separate.
 */
function extldflags(plan: Plan, ours: string[]): string[] {
  const flags = [
    ...ours,
    ...plan.ldflags.filter(f => f.startsWith(EXT)).map(f => f.slice(EXT.length))
  ]
  return flags.length ? ['-extldflags', `'${flags.join(' ')}'`] : []
}

const otherLdflags = (plan: Plan) => plan.ldflags.filter(f => !f.startsWith(EXT))

/** `-w -s [-extldflags '-static ...'] -X main.Version=v<version> <extra>` as one -ldflags value. */
export function hostLdflags(plan: Plan): string {
  return [
    '-w',
    '-s',
    ...extldflags(plan, plan.mode === 'static' ? ['-static'] : []),
    '-X',
    `main.Version=v${plan.version}`,
    ...otherLdflags(plan)
  ].join(' ')
}

export function pluginLdflags(plan: Plan): string {
  return [
    '-w',
    '-s',
    ...extldflags(plan, []),
    '-X',
    `main.Version=v${plan.pluginVersion}`,
    ...otherLdflags(plan)
  ].join(' ')
}

export function buildTags(plan: Plan): string[] {
  return plan.mode === 'static'
    ? ['sqlite_static', ...plan.tags.filter(t => t !== 'sqlite_static')]
    : plan.tags
}

function commonFlags(plan: Plan): string[] {
  const tags = buildTags(plan)
  return [
    ...(plan.trimpath ? ['-trimpath'] : []),
    ...(tags.length ? ['-tags', tags.join(',')] : [])
  ]
}

export function hostCommand(
  plan: Plan,
  toolchain: Toolchain,
  transportsDir: string,
  output: string,
  goWork?: string,
  /** `-overlay` file that adds the built or placeholder UI without writing into the tree. */
  overlay?: string
): CommandRecord {
  return goBuildCommand(plan, toolchain, goWork, {
    cwd: transportsDir,
    before: [],
    after: overlay ? [`-overlay=${overlay}`] : [],
    ldflags: hostLdflags(plan),
    output,
    pkg: './bifrost-http'
  })
}

export function pluginCommand(
  plan: Plan,
  toolchain: Toolchain,
  plugin: PluginSpec,
  output: string,
  modfile?: string,
  goWork?: string
): CommandRecord {
  return goBuildCommand(plan, toolchain, goWork, {
    cwd: plugin.dir,
    before: ['-buildmode=plugin'],
    after: modfile ? [`-modfile=${modfile}`] : [],
    ldflags: pluginLdflags(plan),
    output,
    pkg: '.'
  })
}

/** `go build [before] [-trimpath] [-tags] [after] -ldflags <ldflags> -o <output> <pkg>`. */
function goBuildCommand(
  plan: Plan,
  toolchain: Toolchain,
  goWork: string | undefined,
  o: {
    cwd: string
    before: string[]
    after: string[]
    ldflags: string
    output: string
    pkg: string
  }
): CommandRecord {
  return {
    cwd: o.cwd,
    env: buildVars(plan, goWork),
    argv: [
      toolchain.goBin,
      'build',
      ...o.before,
      ...commonFlags(plan),
      ...o.after,
      '-ldflags',
      o.ldflags,
      '-o',
      o.output,
      o.pkg
    ]
  }
}

/**
 * The child's environment: ours, then the toolchain's, over the user's. proc.ts drops the
 * runner's secrets and action inputs from every child's environment.
 */
export function childEnv(
  base: NodeJS.ProcessEnv,
  toolchain: Toolchain,
  vars: Record<string, string>
): NodeJS.ProcessEnv {
  return { ...base, ...toolchain.env, ...vars }
}

/**
 * Go's error lines name files relative to the directory it ran in; rewritten relative to the
 * workspace so the problem matcher's annotations point at the right file.
 */
export function workspaceRelativeLine(line: string, cwdRel: string): string {
  if (!cwdRel || cwdRel === '.') return line
  const m = /^(\.\/)?([^\s:][^:]*\.go)(:\d+(?::\d+)?:\s.*)$/.exec(line)
  if (!m || m[2].startsWith('/')) return line
  return `${cwdRel}/${m[2]}${m[3]}`
}

/** Go compile errors (`file.go:line:col: message`) as GitHub annotations. */
export const PROBLEM_MATCHER_OWNER = 'bifrost-build-go'
export const PROBLEM_MATCHER = {
  problemMatcher: [
    {
      owner: PROBLEM_MATCHER_OWNER,
      pattern: [
        {
          regexp: '^\\s*(?:\\.\\/)?([^\\s:][^:]*\\.go):(\\d+):(?:(\\d+):)?\\s+(.*)$',
          file: 1,
          line: 2,
          column: 3,
          message: 4
        }
      ]
    }
  ]
}
