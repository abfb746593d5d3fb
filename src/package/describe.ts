/**
 * How BUILD.md and manifest.json name the run: the commands as a user repeats them, paths
 * relative to the workspace, the source in words, and the host's reference facts. Kept apart
 * from the steps that write files, so the wording has one home.
 */
import path from 'node:path'
import type { CommandRecord, Plan } from '../context.js'
import { makeHostReference, type HostReference } from '../lib/host-reference.js'
import type { PackageInput } from './input.js'
import type { ManifestCommand, ManifestFile } from './manifest.js'
import { commandLine, displayArg, tempName, type DisplayPaths } from './shell.js'

export function workspaceRel(plan: Plan, p: string): string {
  const rel = path.relative(plan.workspace, p)
  // One of our temp dirs is written as `<temp>`, so the page does not change from run to run.
  return rel.startsWith('..') && tempName(p) !== p ? tempName(p) : rel || '.'
}

/**
 * Preparation (module download, alignment, UI) as recorded, then the builds in plan order:
 * concurrent builds finish in any order, and BUILD.md must not change with it.
 */
export function describeCommands(input: PackageInput, outputDir: string): ManifestCommand[] {
  const { plan, build, toolchain } = input
  const display: DisplayPaths = {
    workspace: plan.workspace,
    stagingDir: build.stagingDir,
    outputDir,
    goBin: toolchain.goBin
  }
  const describe = (c: CommandRecord, file?: string): ManifestCommand => {
    const cwd = path.resolve(plan.workspace, c.cwd)
    return {
      ...(file ? { file } : {}),
      cwd: workspaceRel(plan, cwd),
      env: Object.fromEntries(
        Object.entries(c.env).map(([k, v]) => [k, displayArg(v, cwd, display)])
      ),
      argv: c.argv.map((a, i) =>
        i === 0 && a === toolchain.goBin ? 'go' : displayArg(a, cwd, display)
      ),
      shell: commandLine(c, display)
    }
  }
  const built = build.host.prebuilt ? build.plugins : [build.host, ...build.plugins]
  return [
    ...build.preparation.map(c => describe(c)),
    ...built.map(f => describe(f.command, f.file))
  ]
}

export function sourceLabel(plan: Plan): string {
  if (plan.source.kind === 'checkout') return `checkout \`${workspaceRel(plan, plan.source.dir)}\``
  if (plan.source.kind === 'module') return `released transports module ${plan.source.version}`
  const h = plan.source.host
  return `plugins only, for the existing host \`${h.name}\` (sha256 \`${h.sha256}\`)${h.image ? ` from the image \`${h.image.pinned}\`` : ''}`
}

/** The host's facts for checking plugins without it; none in a plugin-only build. */
export function hostReferenceOf(
  input: PackageInput,
  files: ManifestFile[]
): HostReference | undefined {
  const { plan, verify } = input
  const hostFile = files.find(f => f.kind === 'host')
  if (!hostFile) return undefined
  if (!verify.hostFacts) {
    input.reporter.warning(
      `manifest.json has no hostReference (plugins cannot be verified against it): ${verify.hostFactsError ?? 'the host was not read'}`
    )
    return undefined
  }
  return makeHostReference(verify.hostFacts, {
    name: hostFile.name,
    sha256: hostFile.sha256,
    mode: plan.mode,
    libc: plan.libc,
    target: `${plan.target.os}/${plan.target.arch}`
  })
}
