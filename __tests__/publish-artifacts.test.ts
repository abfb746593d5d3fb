/**
 * What a user downloads verifies: the uploaded files alone pass `sha256sum -c`, so does the
 * extracted archive; four matrix cells merged into one folder (download-artifact's
 * `merge-multiple: true`) overwrite nothing; and the archive's bytes do not depend on where
 * output-dir is.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { packageOutputs } from '../src/package/index.js'
import type { PackageInput } from '../src/package/input.js'
import { cellFiles } from '../src/package/output-files.js'
import { makeSample, type Sample } from './helpers/package.js'
import { runOk } from '../testkit/run.js'
import { fakeReporter } from './helpers/reporter.js'

function input(s: Sample): PackageInput {
  return {
    plan: s.plan,
    toolchain: s.toolchain,
    build: s.build,
    verify: s.verify,
    timings: [{ stage: 'build', ms: 1000, status: 'ok' }],
    reporter: fakeReporter(),
    env: { SOURCE_DATE_EPOCH: '1767225600' }
  }
}

/** The files publish uploads, copied alone into `dir` (what download-artifact gives). */
function download(r: { archive: string; checksums: string; manifest: string }, dir: string) {
  mkdirSync(dir, { recursive: true })
  for (const f of [r.archive, r.checksums, r.manifest])
    copyFileSync(f, path.join(dir, path.basename(f)))
}

const sha256c = (file: string, cwd: string) => runOk('sha256sum', ['-c', '--strict', file], { cwd })

describe('checksums that verify where the user has the files', () => {
  it('the downloaded artifact, output-dir and the extracted archive each pass sha256sum -c', async () => {
    const s = makeSample()
    const r = await packageOutputs(input(s))
    const cell = cellFiles(s.plan.artifactName)
    expect(path.basename(r.checksums)).toBe(cell.checksums)
    expect(path.basename(r.manifest)).toBe(cell.manifest)

    const dl = mkdtempSync(path.join(os.tmpdir(), 'bb-dl-'))
    download(r, dl)
    expect(readdirSync(dl).sort()).toEqual([cell.checksums, cell.manifest, cell.archive].sort())
    expect(await sha256c(cell.checksums, dl)).toBe(`${cell.manifest}: OK\n${cell.archive}: OK\n`)

    const out = s.plan.outputDir
    expect(await sha256c('SHA256SUMS', out)).toContain('bifrost-http: OK')
    expect(await sha256c(cell.checksums, out)).toContain(`${cell.archive}: OK`)
    expect(readFileSync(path.join(out, 'manifest.json')).equals(readFileSync(r.manifest))).toBe(
      true
    )

    const x = mkdtempSync(path.join(os.tmpdir(), 'bb-x-'))
    await runOk('tar', ['-xzf', r.archive, '-C', x])
    const top = path.join(x, s.plan.artifactName)
    const inside = await sha256c('SHA256SUMS', top)
    for (const f of ['BUILD.md', 'Dockerfile', 'bifrost-http', 'config.json', 'plugins/hello.so'])
      expect(inside).toContain(`${f}: OK`)
  })

  it('four matrix cells merged into one folder: no collisions, every checksum file verifies', async () => {
    const merged = mkdtempSync(path.join(os.tmpdir(), 'bb-merged-'))
    const names = new Set<string>()
    let count = 0
    for (const arch of ['amd64', 'arm64'] as const) {
      for (const libc of ['glibc', 'musl'] as const) {
        const s = makeSample({ libc })
        // the default name of that cell (the plan's rule), per target and libc
        s.plan.target = { os: 'linux', arch }
        s.plan.artifactName = `bifrost-1.2.3-go1.26.1-linux-${arch}-${libc}-dynamic`
        const r = await packageOutputs(input(s))
        for (const f of [r.archive, r.checksums, r.manifest]) {
          expect(names.has(path.basename(f)), path.basename(f)).toBe(false)
          names.add(path.basename(f))
        }
        download(r, merged)
        count++
      }
    }
    expect(count).toBe(4)
    expect(readdirSync(merged)).toHaveLength(12)
    for (const sums of readdirSync(merged).filter(f => f.endsWith('.SHA256SUMS')))
      expect(await sha256c(sums, merged)).not.toMatch(/FAILED|could not be read/)
  })
})

describe('the archive does not depend on output-dir', () => {
  it('same inputs, output-dir inside or outside the workspace: the same archive bytes', async () => {
    const a = makeSample()
    const b = makeSample()
    // b: output-dir far from the workspace, as `${{ runner.temp }}/dist` would be
    b.plan.outputDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'bb-far-')), 'x', 'dist')
    const ra = await packageOutputs(input(a))
    const rb = await packageOutputs(input(b))
    for (const r of [ra, rb]) {
      const md = readFileSync(r.buildMd, 'utf8')
      expect(md).toContain('<output-dir>/bifrost-http')
      expect(md).not.toContain(a.plan.outputDir)
      expect(md).not.toContain(b.plan.outputDir)
      const manifest = readFileSync(r.manifest, 'utf8')
      expect(manifest).not.toContain(a.plan.outputDir)
      expect(manifest).not.toContain(b.plan.outputDir)
    }
    // both samples have the same workspace layout (in different temp dirs): equal bytes
    expect(readFileSync(ra.archive).equals(readFileSync(rb.archive))).toBe(true)
  })
})
