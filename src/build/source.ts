/**
 * The source tree the build runs in: the checkout's transports, or a released Bifrost
 * downloaded; with go-work: local, our go.work over the checkout's modules and the plugins.
 */
import { chmod, copyFile, cp, mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { existsSync, realpathSync } from 'node:fs'
import path from 'node:path'
import type { CommandRecord } from '../context.js'
import { BuildError } from '../errors.js'
import { checkGoLine } from '../util/go-version.js'
import { isInside } from '../util/inside.js'
import { BIFROST_TRANSPORTS_MODULE } from '../bifrost.js'
import type { Ctx } from './ctx.js'
import { errorTail, runGo } from './go.js'
import { parseJsonStream } from './modules.js'
import {
  checkoutGoWork,
  findModules,
  goWorkText,
  moduleGoLines,
  type GoWorkJson
} from './workspace.js'

/** The transports directory to build: the checkout's, or a released one downloaded. */
export function sourceTree(ctx: Ctx, work: string): Promise<string> {
  const { source } = ctx.plan
  if (source.kind === 'checkout') return Promise.resolve(source.transportsDir)
  return downloadBifrost(ctx, (source as { version: string }).version, work)
}

/**
 * A checkout's go.work whose `use` leaves the workspace (`use /`, `use ../other`) would build
 * modules from outside the checkout into host and plugins: refused, as a source or plugin
 * path outside the workspace is.
 */
function refuseUsesOutside(
  parsed: GoWorkJson,
  checkout: string,
  workspace: string,
  goWork: string
): void {
  const realWs = existsSync(workspace) ? realpathSync(workspace) : workspace
  for (const u of parsed.Use ?? []) {
    const dir = path.resolve(checkout, u.DiskPath)
    const real = existsSync(dir) ? realpathSync(dir) : dir
    if (!isInside(workspace, dir) || !isInside(realWs, real))
      throw new BuildError(
        `go-work: local: ${goWork} uses ${JSON.stringify(u.DiskPath)} (${real}), outside the workspace ${workspace}`,
        {
          input: 'go-work',
          file: goWork,
          fix: `remove that use line from ${path.basename(goWork)} (every module of the workspace must be inside the checkout), or set go-work: off`
        }
      )
  }
}

/**
 * Our go.work (see workspace.ts): the checkout's own go.work (read with `go work edit -json`,
 * its replaces kept), else one over every go.mod module of the checkout; the host's module and
 * every plugin's added. Its go.work.sum is copied beside it so go finds the checkout's sums.
 */
export async function makeWorkspace(
  ctx: Ctx,
  transportsDir: string,
  work: string
): Promise<{ file: string; text: string; from: 'checkout' | 'made' }> {
  const { plan } = ctx
  const checkout = plan.source.kind === 'checkout' ? plan.source.dir : path.dirname(transportsDir)
  const existing = checkoutGoWork(checkout)
  let parsed: GoWorkJson
  if (existing) {
    const r = await runGo(
      ctx,
      {
        cwd: checkout,
        env: { GOTOOLCHAIN: 'local' },
        argv: [ctx.toolchain.goBin, 'work', 'edit', '-json', existing]
      },
      { stream: 'stderr', record: false }
    )
    if (r.code !== 0)
      throw new BuildError(`go-work: local: cannot read ${existing}: ${errorTail(r)}`, {
        input: 'go-work',
        file: existing,
        fix: 'fix the go.work (go work edit -json must read it), or set go-work: off'
      })
    parsed = JSON.parse(r.stdout) as GoWorkJson
    refuseUsesOutside(parsed, checkout, plan.workspace, existing)
  } else {
    parsed = { Use: (await findModules(checkout)).map(d => ({ DiskPath: d })) }
  }
  const extra = [transportsDir, ...plan.plugins.map(p => p.moduleDir)]
  const all = [...(parsed.Use ?? []).map(u => path.resolve(checkout, u.DiskPath)), ...extra]
  const { text, uses } = goWorkText(parsed, checkout, extra, await moduleGoLines(all))
  const dir = path.join(work, 'gowork')
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, 'go.work')
  await writeFile(file, text)
  if (existing && existsSync(`${existing}.sum`)) await copyFile(`${existing}.sum`, `${file}.sum`)
  ctx.reporter.info(
    `go-work: local: one workspace of ${uses.length} module(s) (${existing ? `the checkout's go.work plus the plugins` : 'every go.mod module of the checkout plus the plugins'}), GOWORK=${file}`
  )
  return { file, text, from: existing ? 'checkout' : 'made' }
}

/**
 * A released Bifrost from the module proxy: `go mod download` checks it against go.sum /
 * GOSUMDB as usual; the read-only module cache copy becomes a writable work dir.
 */
async function downloadBifrost(ctx: Ctx, version: string, work: string): Promise<string> {
  const query = `${BIFROST_TRANSPORTS_MODULE}@v${version}`
  const rec: CommandRecord = {
    cwd: work,
    env: { GOWORK: 'off', GOTOOLCHAIN: 'local' },
    argv: [ctx.toolchain.goBin, 'mod', 'download', '-json', query]
  }
  const r = await runGo(ctx, rec, { stream: 'stderr' })
  const info = parseJsonStream<{ Dir?: string; GoMod?: string; Error?: string }>(r.stdout)[0]
  if (r.code !== 0 || !info?.Dir)
    throw new BuildError(`downloading ${query} failed: ${info?.Error ?? errorTail(r)}`, {
      input: 'bifrost-version',
      module: BIFROST_TRANSPORTS_MODULE,
      fix: 'check that this Bifrost release exists and that GOPROXY can reach it'
    })
  const dir = path.join(work, 'bifrost', 'transports')
  await cp(info.Dir, dir, { recursive: true })
  await makeWritable(dir)
  checkGoLine(path.join(dir, 'go.mod'), ctx.plan.goVersion)
  ctx.reporter.info(`Bifrost ${query} downloaded to ${dir}`)
  return dir
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755)
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) await makeWritable(full)
    else if (e.isFile()) await chmod(full, (await stat(full)).mode | 0o200)
  }
}
