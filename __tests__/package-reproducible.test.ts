/**
 * The README's promise "same inputs, same bytes, wherever output-dir is": the bundled CLI
 * builds the bundled example twice (UI placeholder, so the host's go build gets an -overlay
 * file in a fresh temp dir each time) into two different output-dirs. The archive and
 * SHA256SUMS must be byte-identical; BUILD.md and the manifest's commands carry no temp path.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './helpers/action.js'

describe('two builds of the same inputs into different output-dirs', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bb-repro-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('give the same archive and SHA256SUMS, and no temp path in BUILD.md or the manifest', async () => {
    const outs = [path.join(root, 'first'), path.join(root, 'second', 'deeper')]
    for (const out of outs) {
      const r = await runCli([
        'build',
        '--source',
        'examples/quickstart',
        '--plugins',
        'hello=examples/quickstart/hello-plugin',
        '--go-download-source',
        'local',
        '--ui',
        'placeholder',
        '--verify',
        'static',
        '--output-dir',
        out
      ])
      expect(r.code, r.stderr.slice(-3000)).toBe(0)
    }
    const archive = (dir: string) => readdirSync(dir).filter(f => f.endsWith('.tar.gz'))
    expect(archive(outs[0])).toHaveLength(1)
    expect(archive(outs[1])).toEqual(archive(outs[0]))
    const bytes = (dir: string, name: string) => readFileSync(path.join(dir, name))
    const name = archive(outs[0])[0]
    expect(bytes(outs[1], name).equals(bytes(outs[0], name)), name).toBe(true)
    expect(bytes(outs[1], 'SHA256SUMS').equals(bytes(outs[0], 'SHA256SUMS'))).toBe(true)
    expect(bytes(outs[1], 'BUILD.md').equals(bytes(outs[0], 'BUILD.md'))).toBe(true)

    const md = readFileSync(path.join(outs[0], 'BUILD.md'), 'utf8')
    expect(md).toContain('-overlay=<temp>/overlay.json')
    const manifest = JSON.parse(readFileSync(path.join(outs[0], 'manifest.json'), 'utf8'))
    const commands = JSON.stringify(manifest.commands)
    expect(commands).toContain('-overlay=<temp>/overlay.json')
    for (const text of [md, commands]) {
      expect(text).not.toContain(os.tmpdir() + '/bifrost-')
      expect(text).not.toContain(root)
    }
  })
})
