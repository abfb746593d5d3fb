/** go-work: local, the pure parts: the go.work text written outside the checkout. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { goListFix } from '../src/build/index.js'
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

describe('the fix for a go list failure', () => {
  it('a go.work or go.mod newer than the chosen Go names go-version and the file', () => {
    const tail =
      'go: /tmp/bifrost-build-E2teIN/gowork/go.work requires go >= 1.26.8 (running go 1.26.2; GOTOOLCHAIN=local)'
    expect(goListFix(tail, '/ws/transports')).toBe(
      'set go-version: 1.26.8 (or newer), or lower the go line of /tmp/bifrost-build-E2teIN/gowork/go.work to 1.26.2'
    )
  })
  it('an inconsistent vendor/ gets go mod vendor; anything else go mod tidy', () => {
    expect(goListFix('inconsistent vendoring in /ws/p', '/ws/p')).toMatch(
      /^run go mod vendor in \/ws\/p/
    )
    expect(goListFix('updates to go.mod needed', '/ws/p')).toBe(
      'run go mod tidy there and commit go.mod and go.sum'
    )
  })
})
