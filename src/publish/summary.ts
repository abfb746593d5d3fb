/**
 * The job summary: what was built, from which plan, whether every check passed, where the
 * files went and how long each stage took. Pure: the same context gives the same markdown.
 */
import path from 'node:path'
import type {
  CacheResult,
  CheckResult,
  CheckStatus,
  FileFacts,
  Plan,
  RunContext
} from '../context.js'
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

/** What every section reads: the run, the hashes verify computed, the failure if any. */
interface Summary {
  ctx: RunContext
  hashes: Record<string, string>
  failure?: Failure
  /** `mode libc os/arch`, or what ran without a plan. */
  what: string
}

/** One part of the summary: its lines, ending with the blank line that separates it. */
type Section = (s: Summary) => string[]

/** The verdict in one line, then the failure with its fix and file. */
function heading({ ctx, failure, what }: Summary): string[] {
  const ok = !failure && (ctx.verify ? ctx.verify.ok : Boolean(ctx.package))
  const go = ctx.toolchain ? `, Go ${ctx.toolchain.version}` : ''
  const out = [`## bifrost-build: ${ok ? '✅' : '❌'} ${what}${go}`, '']
  if (failure) {
    const stage = ctx.timings.find(t => t.status === 'failed')?.stage
    out.push(`**Failed${stage ? ` in ${stage}` : ''}:** ${cell(failure.message)}`, '')
    if (failure.fix) out.push(`**Fix:** ${cell(failure.fix)}`, '')
    if (failure.file) out.push(`File: \`${cell(relToWorkspace(ctx, failure.file))}\``, '')
  }
  return out
}

function files({ ctx, hashes }: Summary): string[] {
  const list = rows(ctx, hashes)
  if (!list.length) return []
  return [
    '### Files',
    '',
    '| file | size | sha256 | linkage | libc | glibc floor |',
    '|---|---:|---|---|---|---|',
    ...list.map(r => {
      const f = r.facts
      return `| \`${cell(r.name)}\` | ${r.size === undefined ? '' : humanSize(r.size)} | ${r.sha256 ? `\`${r.sha256}\`` : ''} | ${f?.linkage ?? ''} | ${f?.libc ?? ''} | ${f?.glibcFloor ?? ''} |`
    }),
    ...(ctx.verify?.glibcFloor ? ['', `glibc floor of the set: **${ctx.verify.glibcFloor}**`] : []),
    ''
  ]
}

function checkRows(list: readonly CheckResult[]): string[] {
  return list.map(c => {
    const { message: text, fix } = c
    const detail = fix ? `${cell(text)}<br>**Fix:** ${cell(fix)}` : cell(text)
    return `| ${cell(c.id)} | ${cell(c.subject)} | ${MARK[c.status]} | ${detail} |`
  })
}

/**
 * The checks table: failed checks first (each with its fix), then warnings, then the rest;
 * past LONG rows the passing and skipped ones fold into a <details> block.
 */
function checks({ ctx }: Summary): string[] {
  if (!ctx.verify) return []
  const checks = ctx.verify.checks
  const count = (st: CheckStatus) => checks.filter(c => c.status === st).length
  const extra = (['warn', 'skip'] as const)
    .filter(st => count(st) > 0)
    .map(st => `, ${count(st)} ${st}`)
  const out = [`### Checks: ${count('pass')} pass, ${count('fail')} fail${extra.join('')}`, '']
  const order: Record<CheckStatus, number> = { fail: 0, warn: 1, pass: 2, skip: 3 }
  const sorted = [...checks].sort((a, b) => order[a.status] - order[b.status])
  const head = ['| check | file | result | detail |', '|---|---|---|---|']
  const shown = sorted.filter(c => c.status === 'fail' || c.status === 'warn')
  const rest = sorted.filter(c => c.status !== 'fail' && c.status !== 'warn')
  const load = ctx.verify.loadTest
  const loadRow = load ? [`| load test | all | ${MARK[load.status]} | ${cell(load.message)} |`] : []
  const loadFirst = load?.status === 'fail' || load?.status === 'warn'
  const [before, after] = loadFirst ? [loadRow, []] : [[], loadRow]
  if (checks.length + loadRow.length <= LONG) {
    out.push(...head, ...before, ...checkRows(sorted), ...after)
  } else {
    if (shown.length || loadFirst) out.push(...head, ...before, ...checkRows(shown), '')
    out.push(
      `<details><summary>${shown.length || loadFirst ? `${rest.length + after.length} more checks` : `all ${rest.length + loadRow.length} checks`}</summary>`,
      ''
    )
    out.push(...head, ...checkRows(rest), ...after, '', '</details>')
  }
  return [...out, '']
}

function sourceCell(plan: Plan): string {
  if (plan.source.kind === 'checkout')
    return `\`${cell(path.relative(plan.workspace, plan.source.dir) || '.')}\``
  if (plan.source.kind === 'module') return `transports module ${cell(plan.source.version)}`
  const h = plan.source.host
  return `plugins only, for the host ${cell(h.from)} (sha256 \`${h.sha256}\`, version ${cell(h.version)})`
}

/** The image row: the image built (and whether pushed), or the host image plugins were tested in. */
function imageRows(ctx: RunContext, plan: Plan): string[] {
  if (!ctx.image) return []
  if (!plan.image?.testOnly)
    return [
      `| Image | \`${cell(ctx.image.name)}\` \`${ctx.image.digest}\` (${ctx.image.pushed ? 'pushed' : plan.image?.push ? 'not pushed' : 'not pushed: image-push false'}) |`
    ]
  return [
    `| Host image | \`${cell(plan.image.base.registry)}/${cell(plan.image.base.repository)}@${ctx.image.base.digest}\` (plugins load-tested in it) |`
  ]
}

function cacheRow(c: CacheResult | undefined): string[] {
  if (!c) return []
  const state = !c.enabled
    ? 'off'
    : c.exact
      ? 'exact hit'
      : c.hit
        ? `partial hit (\`${cell(c.restoredKey ?? '')}\`)`
        : `miss${c.reason ? `: ${cell(c.reason)}` : ''}`
  return [`| Cache | ${state} |`]
}

function planTable({ ctx, what }: Summary): string[] {
  const plan = ctx.plan
  if (!plan) return []
  return [
    '### Plan',
    '',
    '| | |',
    '|---|---|',
    ...(ctx.toolchain ? [`| Go | ${ctx.toolchain.version} (${ctx.toolchain.source}) |`] : []),
    `| Source | ${sourceCell(plan)} |`,
    `| Mode / libc / target | ${what} |`,
    `| Version / plugin version | ${cell(plan.version)} / ${cell(plan.pluginVersion)} |`,
    `| Plugins | ${plan.plugins.length ? plan.plugins.map(x => `${cell(x.name)} (\`${cell(x.relDir)}\`)`).join(', ') : 'none'} |`,
    `| C compiler | \`${cell(plan.cc.command)}\` |`,
    ...(plan.tags.length ? [`| Tags | \`${cell(plan.tags.join(','))}\` |`] : []),
    ...(plan.ldflags.length ? [`| Extra ldflags | \`${cell(plan.ldflags.join(' '))}\` |`] : []),
    `| trimpath / align-modules / ui / verify | ${plan.trimpath} / ${plan.alignModules} / ${plan.ui} / ${plan.verify} |`,
    `| Output dir | \`${cell(relToWorkspace(ctx, plan.outputDir))}\` |`,
    `| Artifact name | \`${cell(plan.artifactName)}\` |`,
    ...imageRows(ctx, plan),
    ...cacheRow(ctx.cache),
    ''
  ]
}

function artifact({ ctx }: Summary): string[] {
  const published = ctx.publish
  if (!published) return []
  if (!published.uploaded)
    return [
      '### Artifact',
      '',
      `Not uploaded: ${published.reason ?? 'unknown reason'}. The files are in the output dir.`,
      ''
    ]
  const name = ctx.plan?.artifactName ?? 'artifact'
  const link = published.artifactUrl ? `[${name}](${published.artifactUrl})` : name
  return [
    '### Artifact',
    '',
    `${link} (id ${published.artifactId ?? '?'}, digest \`${published.artifactDigest ?? '?'}\`)`,
    ''
  ]
}

function stageTimes({ ctx }: Summary): string[] {
  if (!ctx.timings.length) return []
  const total = ctx.timings.reduce((a, t) => a + t.ms, 0)
  return [
    '### Stage times',
    '',
    '| stage | time | status |',
    '|---|---:|---|',
    ...ctx.timings.map(t => `| ${cell(t.stage)} | ${fmtMs(t.ms)} | ${t.status} |`),
    `| **total** | **${fmtMs(total)}** | |`,
    ''
  ]
}

/** The summary, section by section, in this order. */
const SECTIONS: readonly Section[] = [heading, files, checks, planTable, artifact, stageTimes]

export function summaryMarkdown(
  ctx: RunContext,
  hashes: Record<string, string> = {},
  failure?: Failure
): string {
  const plan = ctx.plan
  const what = plan
    ? `${plan.mode} ${plan.libc} ${plan.target.os}/${plan.target.arch}`
    : ctx.verify
      ? 'verify-only'
      : 'run'
  const summary: Summary = { ctx, hashes, failure, what }
  return SECTIONS.flatMap(section => section(summary)).join('\n')
}

/** A path as the user knows it: relative when inside the workspace. */
function relToWorkspace(ctx: RunContext, p: string): string {
  const ws = ctx.plan?.workspace
  if (!ws) return p
  const rel = path.relative(ws, p)
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? p : rel
}
