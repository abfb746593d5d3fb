/**
 * Hostile strings in version, plugin-version, tags, ldflags, plugin names and
 * paths, output-dir and artifact-name, through the bundled action. Shell metacharacters,
 * command substitution, quotes, newlines, workflow-command injection, `-o`, `-toolexec`,
 * `-extld` and `-extldflags` tricks: each is rejected by the plan naming its input (or, for
 * output-dir and artifact-name, accepted as a plain name), no workflow command is injected
 * into the log, no build starts, and the canary file, which every string would create if a
 * shell or a tool ran it, never appears. The ldflags that may pass as single arguments are
 * built for real in action-reliability.test.ts.
 */
import { existsSync, rmSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { gitStatus } from '../testkit/fixture.js'
import {
  filesBelow,
  HOSTILE,
  HOSTILE_TARGETS,
  injectedCommands,
  replaceMarkers,
  runThroughAction,
  SENTINEL,
  TOKEN,
  useStage
} from './helpers/bad-inputs-table.js'

const stage = useStage()

/** Where a hostile string may be a legitimate (odd) name rather than an error. */
const MAY_ACCEPT = new Set(['output-dir', 'artifact-name'])
const INPUT_OF: Record<string, string> = {
  'plugin name': 'plugins',
  'plugin path': 'plugins'
}

describe('hostile strings', () => {
  for (const target of HOSTILE_TARGETS) {
    for (const raw of HOSTILE) {
      it(`${target.label}: ${JSON.stringify(raw)}`, async () => {
        stage.services.reset()
        const value = replaceMarkers(raw, stage.world)
        const { r, dirs, before, visible } = await runThroughAction(
          stage.world,
          stage.mirror,
          stage.services,
          target.inputs(value)
        )
        const context = `stdout:\n${r.stdout.slice(-2000)}`
        expect(r.code, context).toBe(1)
        expect(r.errors, context).toHaveLength(1)
        const input = INPUT_OF[target.label] ?? target.label
        if (!(MAY_ACCEPT.has(input) && SENTINEL.test(r.errors[0]))) {
          expect(r.errors[0], 'rejected, naming the input').toContain(`input ${input}:`)
          expect(r.errors[0]).toContain('%0AFix: ')
          expect(r.stdout).not.toContain('::group::toolchain')
        }
        expect(r.stdout).not.toContain('::group::build')
        expect(injectedCommands(r.stdout, [TOKEN])).toEqual([])
        expect(visible).not.toContain(TOKEN)
        expect(stage.services.requests).toEqual([])
        expect(filesBelow(dirs.toolCache)).toEqual([])
        expect(await gitStatus(stage.world.ws)).toBe(before)
        expect(existsSync(stage.world.canary), 'the canary was never created').toBe(false)
        rmSync(dirs.root, { recursive: true, force: true })
      })
    }
  }
})
