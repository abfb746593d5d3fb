/** go-work: local, the pure parts: the go.work text written outside the checkout. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  compareGoLines,
  findModules,
  goLineOf,
  goWorkText,
  tidyOnlyInWorkspace,
  untidyModuleFix
} from '../src/build/workspace.js'

describe('go-work: local', () => {
  it("the checkout's go.work: uses and directory replaces made absolute, replaces by version kept, plugins added once", () => {
    const { text, uses } = goWorkText(
      {
        Go: '1.26.1',
        Use: [{ DiskPath: './core' }, { DiskPath: './transports' }],
        Replace: [
          {
            Old: { Path: 'github.com/maximhq/maxim-go', Version: 'v0.2.0' },
            New: { Path: 'github.com/maximhq/maxim-go', Version: 'v0.2.1' }
          },
          { Old: { Path: 'example.com/x' }, New: { Path: '../x fork' } }
        ]
      },
      '/src/bifrost',
      ['/src/bifrost/transports', '/src/bifrost/examples/plugins/llm-only'],
      ['1.22', '1.26.2']
    )
    expect(uses).toEqual([
      '/src/bifrost/core',
      '/src/bifrost/transports',
      '/src/bifrost/examples/plugins/llm-only'
    ])
    expect(text).toBe(
      [
        'go 1.26.2',
        '',
        'use (',
        '\t/src/bifrost/core',
        '\t/src/bifrost/transports',
        '\t/src/bifrost/examples/plugins/llm-only',
        ')',
        '',
        'replace github.com/maximhq/maxim-go v0.2.0 => github.com/maximhq/maxim-go v0.2.1',
        'replace example.com/x => "/src/x fork"',
        ''
      ].join('\n')
    )
  })

  it('made: every go.mod module, skipping node_modules, vendor, testdata and hidden dirs', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-ws-'))
    const dirs = ['core', 'plugins/a', 'ui/node_modules/x', 'vendor/y', '.git/z', 'core/testdata/t']
    try {
      for (const d of dirs) {
        mkdirSync(path.join(root, d), { recursive: true })
        writeFileSync(path.join(root, d, 'go.mod'), 'module x\n\ngo 1.22\n')
      }
      expect(await findModules(root)).toEqual([
        path.join(root, 'core'),
        path.join(root, 'plugins/a')
      ])
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })

  it('go lines', () => {
    expect(goLineOf('module x\n\ngo 1.26.1\n\nrequire y v1\n')).toBe('1.26.1')
    expect(goLineOf('module x\n')).toBeUndefined()
    expect(['1.26.1', '1.9', '1.26', '1.22.3'].sort(compareGoLines)).toEqual([
      '1.9',
      '1.22.3',
      '1.26',
      '1.26.1'
    ])
  })

  it('a go.mod that replaces a checkout module by its directory is only tidy in the workspace: the fix names go-work: local first', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'bb-tidy-'))
    try {
      const plugin = path.join(root, 'examples', 'plugins', 'llm-only')
      mkdirSync(plugin, { recursive: true })
      const single = 'module x\n\nreplace bifrost.test/core => ../../../core\n'
      const block = 'module x\n\nreplace (\n\tbifrost.test/core v1.0.0 => ../../../core\n)\n'
      expect(tidyOnlyInWorkspace(single, plugin, root)).toBe(true)
      expect(tidyOnlyInWorkspace(block, plugin, root)).toBe(true)
      // A directory outside the checkout, a version replace and no replace: plain tidy.
      expect(tidyOnlyInWorkspace('replace a => ../../../../elsewhere\n', plugin, root)).toBe(false)
      expect(tidyOnlyInWorkspace('replace a => b v1.2.3\n', plugin, root)).toBe(false)
      expect(tidyOnlyInWorkspace('module x\n', plugin, root)).toBe(false)
      writeFileSync(path.join(root, 'go.work'), 'go 1.26\n')
      expect(tidyOnlyInWorkspace('module x\n', plugin, root)).toBe(true)
      expect(untidyModuleFix(true)).toMatch(/^set go-work: local .*or run go mod tidy there/)
      expect(untidyModuleFix(false)).toBe('run go mod tidy there and commit go.mod and go.sum')
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
