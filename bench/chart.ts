/**
 * The cold/warm chart as a hand-written SVG: horizontal bars with the median and a whisker
 * for the spread. Pure (returns the SVG text), so it needs no plotting dependency.
 */
import type { Summary } from './figures.js'

export interface Bar {
  label: string
  summary: Summary
  /** 'baseline' bars are grey, 'action' bars blue. */
  kind: 'baseline' | 'action'
}

export interface BarGroup {
  title: string
  bars: Bar[]
}

const COLORS = { baseline: '#9aa0a6', action: '#1f6feb' }

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function barChart(title: string, subtitle: string, groups: readonly BarGroup[]): string {
  const width = 760
  const labelW = 300
  const plotW = width - labelW - 90
  const barH = 22
  const gap = 8
  const all = groups.flatMap(g => g.bars)
  const max = Math.max(1e-9, ...all.map(b => b.summary.max))
  const x = (v: number) => labelW + (v / max) * plotW
  const out: string[] = []
  let y = 62
  for (const g of groups) {
    out.push(`<text x="10" y="${y + 14}" font-weight="bold" font-size="14">${esc(g.title)}</text>`)
    y += 24
    for (const b of g.bars) {
      const { median, min, max: hi } = b.summary
      const mid = y + barH / 2
      out.push(
        `<text x="${labelW - 8}" y="${mid + 4}" text-anchor="end" font-size="13">${esc(b.label)}</text>`,
        `<rect x="${labelW}" y="${y}" width="${(x(median) - labelW).toFixed(1)}" height="${barH}" fill="${COLORS[b.kind]}"/>`
      )
      if (b.summary.n > 1)
        out.push(
          `<line x1="${x(min).toFixed(1)}" x2="${x(hi).toFixed(1)}" y1="${mid}" y2="${mid}" stroke="#000" stroke-width="1.5"/>`,
          `<line x1="${x(min).toFixed(1)}" x2="${x(min).toFixed(1)}" y1="${mid - 5}" y2="${mid + 5}" stroke="#000"/>`,
          `<line x1="${x(hi).toFixed(1)}" x2="${x(hi).toFixed(1)}" y1="${mid - 5}" y2="${mid + 5}" stroke="#000"/>`
        )
      out.push(
        `<text x="${(x(hi) + 6).toFixed(1)}" y="${mid + 4}" font-size="13">${median.toFixed(1)} s</text>`
      )
      y += barH + gap
    }
    y += 10
  }
  const height = y + 10
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="24" font-size="17" font-weight="bold">${esc(title)}</text>`,
    `<text x="10" y="44" font-size="12" fill="#555">${esc(subtitle)}</text>`,
    ...out,
    `</svg>`,
    ''
  ].join('\n')
}
