/** The CLI's closing lines on stderr. */
import type { Failure } from '../errors.js'
import type { RunContext } from '../context.js'
import { humanSize } from '../util/human-size.js'

/** The closing lines: a one-line verdict, the files with human sizes, checks only when not all passed. */
export function textSummary(ctx: RunContext, failure?: Failure): string {
  const lines: string[] = []
  const checks = ctx.verify?.checks ?? []
  const failed = checks.filter(c => c.status === 'fail')
  const warned = checks.filter(c => c.status === 'warn')
  const what = ctx.plan
    ? `${ctx.plan.mode} ${ctx.plan.libc} ${ctx.plan.target.os}/${ctx.plan.target.arch}, ${ctx.plan.plugins.length} plugin(s)`
    : `${ctx.verify?.files.length ?? 0} file(s)`
  const go = ctx.toolchain ? `, Go ${ctx.toolchain.version}` : ''
  const tally = checks.length
    ? `: ${checks.length - failed.length - warned.length} of ${checks.length} checks passed` +
      (warned.length ? `, ${warned.length} warned` : '') +
      (failed.length ? `, ${failed.length} failed` : '')
    : ''
  const stage = ctx.timings.find(t => t.status === 'failed')?.stage
  lines.push(
    failure
      ? `✗ FAILED${stage ? ` in ${stage}` : ''} (${what}${go})${tally}`
      : `✓ OK (${what}${go})${tally}`
  )
  for (const c of [...failed, ...warned]) {
    const text = c.message
    lines.push(`  ${c.status === 'fail' ? 'FAIL' : 'warn'} ${c.id} ${c.subject}: ${text}`)
  }
  if (ctx.verify?.glibcFloor) lines.push(`glibc floor: ${ctx.verify.glibcFloor}`)
  const files = (ctx.package?.files ?? []).filter(
    f => f.kind === 'host' || f.kind === 'plugin' || f.kind === 'archive'
  )
  if (files.length) {
    const w = Math.max(...files.map(f => f.name.length))
    for (const f of files)
      lines.push(
        `  ${f.name.padEnd(w)}  ${humanSize(f.size).padStart(9)}  ${f.sha256.slice(0, 12)}`
      )
    lines.push(`Output: ${ctx.package!.outputDir} (BUILD.md, manifest.json, SHA256SUMS beside)`)
  }
  if (ctx.publish && !ctx.publish.uploaded && ctx.publish.reason)
    lines.push(`Not uploaded: ${ctx.publish.reason}`)
  const total = ctx.timings.reduce((a, t) => a + t.ms, 0)
  if (ctx.timings.length)
    lines.push(
      'Stages: ' +
        ctx.timings.map(t => `${t.stage} ${(t.ms / 1000).toFixed(1)}s`).join(', ') +
        `; total ${(total / 1000).toFixed(1)}s`
    )
  return lines.join('\n')
}
