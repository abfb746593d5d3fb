/**
 * The job summary: what was built, from which plan, whether every check passed, where the
 * files went and how long each stage took. Pure: the same context gives the same markdown.
 */
import path from 'node:path'
import type { CheckStatus, FileFacts, RunContext } from '../context.js'
import type { Failure } from '../errors.js'
import { fmtMs } from '../report.js'
import { humanSize } from '../util/human-size.js'
import { cell } from '../util/markdown.js'

/** More check rows than this and the passing ones fold into a <details> block. */
const LONG = 8

const MARK: Record<CheckStatus, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  warn: '⚠️ warn',
  skip: '⏭️ skip'
}

interface Row {
  name: string
  size?: number
  sha256?: string
  facts?: FileFacts
}

function rows(ctx: RunContext, hashes: Record<string, string>): Row[] {
  if (ctx.package) {
    return ctx.package.files.map(f => ({
      name: f.name,
      size: f.size,
      sha256: f.sha256,
      facts: f.facts
    }))
  }
  return (ctx.verify?.files ?? []).map(f => ({
    name: f.name,
    size: f.size,
    sha256: hashes[f.path],
    facts: f
  }))
}

export function summaryMarkdown(
  ctx: RunContext,
  hashes: Record<string, string> = {},
  failure?: Failure
): string {
  const out: string[] = []
  const p = (...l: string[]) => out.push(...l)
  const plan = ctx.plan
  const ok = !failure && (ctx.verify ? ctx.verify.ok : Boolean(ctx.package))
  const what = plan
    ? `${plan.mode} ${plan.libc} ${plan.target.os}/${plan.target.arch}`
    : ctx.verify
      ? 'verify-only'
      : 'run'
  const go = ctx.toolchain ? `, Go ${ctx.toolchain.version}` : ''
  p(`## bifrost-build: ${ok ? '✅' : '❌'} ${what}${go}`, '')
  if (failure) {
    const stage = ctx.timings.find(t => t.status === 'failed')?.stage
    p(`**Failed${stage ? ` in ${stage}` : ''}:** ${cell(failure.message)}`, '')
    if (failure.fix) p(`**Fix:** ${cell(failure.fix)}`, '')
    if (failure.file) p(`File: \`${cell(relToWorkspace(ctx, failure.file))}\``, '')
  }

  const list = rows(ctx, hashes)
  if (list.length) {
    p('### Files', '')
    p('| file | size | sha256 | linkage | libc | glibc floor |', '|---|---:|---|---|---|---|')
    for (const r of list) {
      const f = r.facts
      p(
        `| \`${cell(r.name)}\` | ${r.size === undefined ? '' : humanSize(r.size)} | ${r.sha256 ? `\`${r.sha256}\`` : ''} | ${f?.linkage ?? ''} | ${f?.libc ?? ''} | ${f?.glibcFloor ?? ''} |`
      )
    }
    if (ctx.verify?.glibcFloor) p('', `glibc floor of the set: **${ctx.verify.glibcFloor}**`)
    p('')
  }

  if (ctx.verify) {
    const checks = ctx.verify.checks
    const count = (st: CheckStatus) => checks.filter(c => c.status === st).length
    const extra = (['warn', 'skip'] as const)
      .filter(st => count(st) > 0)
      .map(st => `, ${count(st)} ${st}`)
    p(`### Checks: ${count('pass')} pass, ${count('fail')} fail${extra.join('')}`, '')
    // Failed checks first (each with its fix), then warnings, then the rest.
    const order: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2, skip: 3 }
    const sorted = [...checks].sort((a, b) => order[a.status] - order[b.status])
    const rowsOf = (list: typeof checks) =>
      list.map(c => {
        const { message: text, fix } = c
        const detail = fix ? `${cell(text)}<br>**Fix:** ${cell(fix)}` : cell(text)
        return `| ${cell(c.id)} | ${cell(c.subject)} | ${MARK[c.status]} | ${detail} |`
      })
    const head = ['| check | file | result | detail |', '|---|---|---|---|']
    const shown = sorted.filter(c => c.status === 'fail' || c.status === 'warn')
    const rest = sorted.filter(c => c.status !== 'fail' && c.status !== 'warn')
    const load = ctx.verify.loadTest
    const loadRow = load
      ? [`| load test | all | ${MARK[load.status]} | ${cell(load.message)} |`]
      : []
    const loadFirst = load?.status === 'fail' || load?.status === 'warn'
    if (checks.length + loadRow.length <= LONG) {
      p(...head, ...(loadFirst ? loadRow : []), ...rowsOf(sorted), ...(loadFirst ? [] : loadRow))
    } else {
      if (shown.length || loadFirst) p(...head, ...(loadFirst ? loadRow : []), ...rowsOf(shown), '')
      p(
        `<details><summary>${shown.length || loadFirst ? `${rest.length + (loadFirst ? 0 : loadRow.length)} more checks` : `all ${rest.length + loadRow.length} checks`}</summary>`,
        ''
      )
      p(...head, ...rowsOf(rest), ...(loadFirst ? [] : loadRow), '', '</details>')
    }
    p('')
  }

  if (plan) {
    p('### Plan', '', '| | |', '|---|---|')
    if (ctx.toolchain) p(`| Go | ${ctx.toolchain.version} (${ctx.toolchain.source}) |`)
    p(
      `| Source | ${plan.source.kind === 'checkout' ? `\`${cell(path.relative(plan.workspace, plan.source.dir) || '.')}\`` : plan.source.kind === 'module' ? `transports module ${cell(plan.source.version)}` : `plugins only, for the host ${cell(plan.source.host.from)} (sha256 \`${plan.source.host.sha256}\`, version ${cell(plan.source.host.version)})`} |`
    )
    p(`| Mode / libc / target | ${what} |`)
    p(`| Version / plugin version | ${cell(plan.version)} / ${cell(plan.pluginVersion)} |`)
    p(
      `| Plugins | ${plan.plugins.length ? plan.plugins.map(x => `${cell(x.name)} (\`${cell(x.relDir)}\`)`).join(', ') : 'none'} |`
    )
    p(`| C compiler | \`${cell(plan.cc.command)}\` |`)
    if (plan.tags.length) p(`| Tags | \`${cell(plan.tags.join(','))}\` |`)
    if (plan.ldflags.length) p(`| Extra ldflags | \`${cell(plan.ldflags.join(' '))}\` |`)
    p(
      `| trimpath / align-modules / ui / verify | ${plan.trimpath} / ${plan.alignModules} / ${plan.ui} / ${plan.verify} |`
    )
    p(`| Output dir | \`${cell(relToWorkspace(ctx, plan.outputDir))}\` |`)
    p(`| Artifact name | \`${cell(plan.artifactName)}\` |`)
    if (ctx.image && !plan.image?.testOnly)
      p(
        `| Image | \`${cell(ctx.image.name)}\` \`${ctx.image.digest}\` (${ctx.image.pushed ? 'pushed' : plan.image?.push ? 'not pushed' : 'not pushed: image-push false'}) |`
      )
    if (ctx.image && plan.image?.testOnly)
      p(
        `| Host image | \`${cell(plan.image.base.registry)}/${cell(plan.image.base.repository)}@${ctx.image.base.digest}\` (plugins load-tested in it) |`
      )
    if (ctx.cache) {
      const c = ctx.cache
      const state = !c.enabled
        ? 'off'
        : c.exact
          ? 'exact hit'
          : c.hit
            ? `partial hit (\`${cell(c.restoredKey ?? '')}\`)`
            : `miss${c.reason ? `: ${cell(c.reason)}` : ''}`
      p(`| Cache | ${state} |`)
    }
    p('')
  }

  if (ctx.publish) {
    p('### Artifact', '')
    if (ctx.publish.uploaded) {
      const name = plan?.artifactName ?? 'artifact'
      p(
        `${ctx.publish.artifactUrl ? `[${name}](${ctx.publish.artifactUrl})` : name} (id ${ctx.publish.artifactId ?? '?'}, digest \`${ctx.publish.artifactDigest ?? '?'}\`)`
      )
    } else {
      p(`Not uploaded: ${ctx.publish.reason ?? 'unknown reason'}. The files are in the output dir.`)
    }
    p('')
  }

  if (ctx.timings.length) {
    p('### Stage times', '', '| stage | time | status |', '|---|---:|---|')
    for (const t of ctx.timings) p(`| ${cell(t.stage)} | ${fmtMs(t.ms)} | ${t.status} |`)
    const total = ctx.timings.reduce((a, t) => a + t.ms, 0)
    p(`| **total** | **${fmtMs(total)}** | |`, '')
  }
  return out.join('\n')
}

/** A path as the user knows it: relative when inside the workspace. */
function relToWorkspace(ctx: RunContext, p: string): string {
  const ws = ctx.plan?.workspace
  if (!ws) return p
  const rel = path.relative(ws, p)
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel
}
