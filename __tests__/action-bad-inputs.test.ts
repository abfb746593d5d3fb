/**
 * Every row of the bad-input table through the real bundled action (`node dist/index.js` with
 * INPUT_* like the runner). A rejected row: exit 1, exactly one `::error` naming the input
 * and a fix, nothing written to the workspace (no output-dir, no staging dir), no request to
 * the artifact or cache service, no file in the tool cache, before the toolchain stage. An
 * accepted row runs on to the sentinel: the loopback Go mirror lacks the archive.
 */
import { existsSync, rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { gitStatus } from '../testkit/fixture.js'
import {
  filesBelow,
  injectedCommands,
  ROWS,
  rowInputs,
  RUNTIME_TOKEN,
  runThroughAction,
  SENTINEL,
  TOKEN,
  type Row,
  useStage
} from './helpers/bad-inputs-table.js'
import { INPUTS } from '../src/inputs.js'

const stage = useStage()

async function runRow(row: Row) {
  return runThroughAction(stage.world, stage.mirror, stage.services, rowInputs(row, stage.world))
}

describe('bad-input table', () => {
  it('has rows for every input of INPUTS, and only for those', () => {
    const names: string[] = INPUTS.map(i => i.name)
    const covered = new Set(ROWS.map(r => r.input))
    expect(names.filter(n => !covered.has(n))).toEqual([])
    expect([...covered].filter(n => !names.includes(n))).toEqual([])
  })

  for (const row of ROWS) {
    const title = `${row.input}: ${row.label} is ${row.expect === 'reject' ? 'rejected' : 'accepted'}`
    it(title, async () => {
      stage.services.reset()
      const { r, dirs, before, inputs, visible } = await runRow(row)
      const context = `stdout:\n${r.stdout.slice(-3000)}\nstderr:\n${r.stderr.slice(-1000)}`

      expect(r.code, context).toBe(1)
      const verifyOnlyAccepted =
        row.expect === 'accept' &&
        /^true$/i.test(((inputs as Record<string, string>)['verify-only'] ?? '').trim())
      // A failed check is annotated on its own (titled by its id) before the run's one error.
      const error = r.errors[r.errors.length - 1]
      if (verifyOnlyAccepted)
        for (const e of r.errors.slice(0, -1))
          expect(e, context).toMatch(/^::error title=buildinfo\./)
      else expect(r.errors, context).toHaveLength(1)
      if (verifyOnlyAccepted) {
        // verify-only has no toolchain stage: an accepted row runs on to the checks (the
        // runner's node binary is ELF but not Go).
        expect(error, 'accepted verify-only rows run on to the checks').toMatch(
          /verification failed .*no Go build info/
        )
      } else if (row.expect === 'accept') {
        expect(error, 'accepted rows run on to the missing archive').toMatch(SENTINEL)
      } else {
        const names = row.names ?? [row.input]
        expect(
          names.some(n => error.includes(`input ${n}:`)),
          `the error names ${names.join(' or ')}: ${error}`
        ).toBe(true)
        expect(error).toContain('%0AFix: ')
        expect(error).not.toMatch(SENTINEL)
        if (row.message) expect(error).toMatch(row.message)
        if (!row.toolchainStage)
          expect(r.stdout, 'fails before the toolchain stage').not.toContain('::group::toolchain')
      }
      expect(r.stdout).not.toContain('::group::build')
      expect(injectedCommands(r.stdout, [TOKEN, inputs.token].filter(Boolean))).toEqual([])
      for (const secret of [TOKEN, RUNTIME_TOKEN, inputs.token].filter(t => t.length > 3))
        expect(visible).not.toContain(secret)
      expect(stage.services.requests, 'no artifact upload, no cache request').toEqual([])
      expect(filesBelow(dirs.toolCache), 'nothing in the tool cache').toEqual([])
      expect(
        await gitStatus(stage.world.ws),
        'workspace untouched: no output-dir, no staging dir'
      ).toBe(before)
      expect(existsSync(stage.world.canary), 'the canary was never created').toBe(false)
      rmSync(dirs.root, { recursive: true, force: true })
    })
  }
})
