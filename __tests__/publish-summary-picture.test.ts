/**
 * The README's picture of the job summary: the summary the bundled action writes for the
 * bundled example, rendered in headless Chromium by scripts/summary-picture.mjs. The committed
 * picture is made the same way (docs/media/job-summary.md is the summary it shows; remake both
 * with BB_UPDATE_MEDIA=1); its section layout must still be the one the action writes today.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { goEnv } from '../testkit/go-env.js'
import { REPO, runAction, runnerDirs } from './helpers/action.js'
import { run } from '../testkit/run.js'

const MEDIA = path.join(REPO, 'docs', 'media')

/** Width and height from a PNG's IHDR chunk (the signature is checked first). */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file)
  expect(b.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  expect(b.subarray(12, 16).toString('latin1')).toBe('IHDR')
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

const headings = (md: string) => md.split('\n').filter(l => /^#{2,3} /.test(l.trim()))
// The first heading names the Go release of the run that made it; the rest is layout.
const layout = (md: string) => headings(md).map(h => h.replace(/, Go \d+\.\d+(\.\d+)?/, ''))

describe('the job summary picture', () => {
  it('the bundled action on the bundled example writes a summary that renders in Chromium', async () => {
    const dirs = runnerDirs()
    cpSync(path.join(REPO, 'examples', 'quickstart'), dirs.workspace, { recursive: true })
    const goVersion = goEnv().GOVERSION.replace(/^go/, '')
    const r = await runAction(
      {
        plugins: 'hello=hello-plugin',
        'go-download-source': 'local',
        'go-version': goVersion,
        upload: 'false',
        cache: 'false'
      },
      { dirs }
    )
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(layout(r.summary)).toEqual([
      '## bifrost-build: ✅ dynamic glibc linux/amd64',
      '### Files',
      '### Checks: ' + /### Checks: (.*)/.exec(r.summary)![1],
      '### Plan',
      '### Artifact',
      '### Stage times'
    ])

    const md = path.join(dirs.root, 'summary.md')
    const png = path.join(dirs.root, 'summary.png')
    writeFileSync(md, r.summary)
    await run(process.execPath, [path.join(REPO, 'scripts', 'summary-picture.mjs'), md, png], {
      timeoutMs: 120_000
    }).then(x => expect(x.code, x.stderr).toBe(0))
    const size = pngSize(png)
    expect(size.width).toBeGreaterThanOrEqual(1000)
    // Files, checks, plan and stage times: a page, not one line.
    expect(size.height).toBeGreaterThan(800)

    // BB_UPDATE_MEDIA=1 remakes the committed picture from this run (as `vitest -u` does snapshots).
    if (process.env.BB_UPDATE_MEDIA === '1') {
      writeFileSync(path.join(MEDIA, 'job-summary.md'), r.summary)
      cpSync(png, path.join(MEDIA, 'job-summary.png'))
    }
    // The committed picture's summary has the layout the action writes today.
    expect(layout(readFileSync(path.join(MEDIA, 'job-summary.md'), 'utf8'))).toEqual(
      layout(r.summary)
    )
  }, 600_000)

  it('the README shows the committed picture, a real PNG', () => {
    expect(readFileSync(path.join(REPO, 'README.md'), 'utf8')).toContain(
      '(docs/media/job-summary.png)'
    )
    const file = path.join(MEDIA, 'job-summary.png')
    expect(existsSync(file)).toBe(true)
    expect(pngSize(file).width).toBeGreaterThanOrEqual(1000)
  })

  it('the script says how to call it when arguments are missing', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'bb-pic-'))
    const r = await run(process.execPath, [path.join(REPO, 'scripts', 'summary-picture.mjs')], {
      cwd: tmp
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('usage: node scripts/summary-picture.mjs <summary.md> <out.png>')
  })
})
