/**
 * The benchmark's figures and goals, and the pure parts of reporting them: summary
 * statistics, goal checks, the text table. No processes here, so the smoke test covers it all.
 */

export interface Summary {
  n: number
  median: number
  min: number
  max: number
}

export function summarize(samples: readonly number[]): Summary | undefined {
  if (samples.length === 0) return undefined
  const s = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
  return { n: s.length, median, min: s[0], max: s[s.length - 1] }
}

/** Per-round ratios (a[i] / b[i]): pairing rounds cancels the machine's slow and fast minutes. */
export function pairedRatios(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = []
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (b[i] > 0) out.push(a[i] / b[i])
  return out
}

export type Unit = 'ratio' | 's' | 'ms' | 'MB' | 'kB'

export interface Goal {
  op: '<=' | '<'
  value: number
}

export interface Figure {
  id: string
  /** Which of the six figures this belongs to. */
  group: number
  label: string
  unit: Unit
  samples: number[]
  summary?: Summary
  goal?: Goal
  /** undefined when there is no goal or no sample. */
  met?: boolean
  /** Why there is no sample, or what the number means. */
  note?: string
}

export function meets(value: number, goal: Goal): boolean {
  return goal.op === '<=' ? value <= goal.value : value < goal.value
}

export function figure(
  f: Omit<Figure, 'summary' | 'met' | 'samples'> & { samples: readonly number[] }
): Figure {
  const samples = f.samples.filter(Number.isFinite)
  const summary = summarize(samples)
  const met = f.goal && summary ? meets(summary.median, f.goal) : undefined
  return { ...f, samples, summary, met }
}

export function formatValue(v: number, unit: Unit): string {
  switch (unit) {
    case 'ratio':
      return v.toFixed(3)
    case 's':
      return `${v.toFixed(v < 10 ? 2 : 1)} s`
    case 'ms':
      return `${v.toFixed(v < 10 ? 1 : 0)} ms`
    case 'MB':
      return `${v.toFixed(0)} MB`
    case 'kB':
      return `${v.toFixed(0)} kB`
  }
}

export function formatGoal(goal: Goal | undefined, unit: Unit): string {
  return goal ? `${goal.op} ${formatValue(goal.value, unit)}` : ''
}

function cells(f: Figure): string[] {
  const s = f.summary
  const status = f.met === undefined ? (s ? '' : 'n/a') : f.met ? 'met' : 'MISSED'
  return [
    String(f.group),
    f.label,
    s ? formatValue(s.median, f.unit) : '-',
    s && s.n > 1 ? `${formatValue(s.min, f.unit)} - ${formatValue(s.max, f.unit)}` : '',
    s ? String(s.n) : '0',
    formatGoal(f.goal, f.unit),
    status
  ]
}

const HEADER = ['#', 'figure', 'median', 'spread (min - max)', 'n', 'goal', '']

/** A Markdown table (also readable as plain text on a terminal). */
export function markdownTable(figures: readonly Figure[]): string {
  const rows = [HEADER, ...figures.map(cells)]
  const widths = HEADER.map((_, i) => Math.max(...rows.map(r => r[i].length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  const sep = `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`
  const notes = figures
    .filter(f => f.note)
    .map(f => `- ${f.label}: ${f.note}`)
    .join('\n')
  return [line(rows[0]), sep, ...rows.slice(1).map(line)].join('\n') + (notes ? `\n\n${notes}` : '')
}

/** The `Stages: plan 0.1s, build 12.3s (total 12.4s)` line the CLI prints, as seconds per stage. */
export function parseStages(stderr: string): Record<string, number> {
  const line = stderr
    .split('\n')
    .reverse()
    .find(l => l.startsWith('Stages: '))
  const out: Record<string, number> = {}
  if (!line) return out
  const body = line.slice('Stages: '.length).replace(/\s*\(total [^)]*\)\s*$/, '')
  for (const part of body.split(', ')) {
    const m = /^(.+) (\d+(?:\.\d+)?)s$/.exec(part.trim())
    if (m) out[m[1]] = (out[m[1]] ?? 0) + Number(m[2])
  }
  return out
}
