#!/usr/bin/env node
/**
 * Renders a job summary (the markdown the action writes to GITHUB_STEP_SUMMARY) the way the
 * run page shows it, in headless Chromium, to a PNG:
 *
 *   node scripts/summary-picture.mjs <summary.md> <out.png>
 *
 * The README's picture is made with this from the summary a test produced (see
 * __tests__/publish-summary-picture.test.ts). Chromium comes from the system (Debian's
 * `chromium`; CHROMIUM=<path> for another one): playwright-core drives it and downloads none.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { marked } from 'marked'
import { chromium } from 'playwright-core'

// Enough of GitHub's markdown styles that tables, code and <details> read as on the run page.
const CSS = `
body { font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
  color: #1f2328; background: #fff; margin: 0; padding: 24px 32px; width: 940px; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin: 0 0 16px; }
h3 { font-size: 1.25em; margin: 24px 0 12px; }
table { border-collapse: collapse; margin: 0 0 16px; display: block; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; vertical-align: top; }
tr:nth-child(2n) { background: #f6f8fa; }
th { font-weight: 600; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #eff1f3;
  padding: .2em .4em; border-radius: 6px; word-break: break-all; }
details summary { cursor: pointer; color: #0969da; margin-bottom: 8px; }
a { color: #0969da; text-decoration: none; }
`

export async function renderSummary(markdown, outPng, executablePath) {
  const html = `<!doctype html><meta charset="utf-8"><style>${CSS}</style><body>${marked.parse(markdown, { gfm: true })}</body>`
  // The flags keep Chromium off the network: this machine (and many runners) has none to offer.
  const browser = await chromium.launch({
    executablePath: executablePath || process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1004, height: 600 } })
    await page.setContent(html, { waitUntil: 'load' })
    await writeFile(outPng, await page.screenshot({ fullPage: true }))
  } finally {
    await browser.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [src, out] = process.argv.slice(2)
  if (!src || !out) {
    console.error('usage: node scripts/summary-picture.mjs <summary.md> <out.png>')
    process.exit(2)
  }
  await renderSummary(await readFile(src, 'utf8'), out)
  console.log(`wrote ${out}`)
}
