/**
 * Hostile strings (issue 8) in version, plugin-version, tags, ldflags, plugin names and
 * paths, output-dir and artifact-name, through the bundled action. Shell metacharacters,
 * command substitution, quotes, newlines, workflow-command injection, `-o`, `-toolexec`,
 * `-extld` and `-extldflags` tricks: each is rejected by the plan naming its input (or, for
 * output-dir and artifact-name, accepted as a plain name), no workflow command is injected
 * into the log, no build starts, and the canary file, which every string would create if a
 * shell or a tool ran it, never appears. The ldflags that may pass as single arguments are
 * built for real in reliability-build.test.ts.
 */
import { existsSync, rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFixture, gitStatus } from './helpers/fixture.js'
import { installedGo, startServer, type LoopbackServer } from './helpers/toolchain.js'
import {
  filesBelow,
  HOSTILE,
  HOSTILE_TARGETS,
  injectedCommands,
  makeWorld,
  replaceMarkers,
  runThroughAction,
  SENTINEL,
  sentinelMirror,
  TOKEN,
  type World
} from './helpers/bad-inputs-table.js'

let world: World
let mirror: LoopbackServer
let services: LoopbackServer

beforeAll(async () => {
  const go = installedGo()
  world = makeWorld(copyFixture(), go.version)
  mirror = await sentinelMirror(go)
  services = await startServer()
})

afterAll(async () => {
  await mirror?.close()
  await services?.close()
  if (world) {
    rmSync(world.ws, { recursive: true, force: true })
    rmSync(world.outside, { recursive: true, force: true })
  }
})

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
        services.reset()
        const value = replaceMarkers(raw, world)
        const { r, dirs, before, visible } = await runThroughAction(
          world,
          mirror,
          services,
          target.inputs(value)
        )
        const context = `stdout:\n${r.stdout.slice(-2000)}`
        expect(r.code, context).toBe(1)
        expect(r.errors, context).toHaveLength(1)
        const input = INPUT_OF[target.label] ?? target.label
        if (!(MAY_ACCEPT.has(input) && SENTINEL.test(r.errors[0]))) {
          expect(r.errors[0], 'rejected, naming the input').toContain(`input ${input}:`)
          expect(r.errors[0]).toContain(' Fix: ')
          expect(r.stdout).not.toContain('::group::toolchain')
        }
        expect(r.stdout).not.toContain('::group::build')
        expect(injectedCommands(r.stdout, [TOKEN])).toEqual([])
        expect(visible).not.toContain(TOKEN)
        expect(services.requests).toEqual([])
        expect(filesBelow(dirs.toolCache)).toEqual([])
        expect(gitStatus(world.ws)).toBe(before)
        expect(existsSync(world.canary), 'the canary was never created').toBe(false)
        rmSync(dirs.root, { recursive: true, force: true })
      })
    }
  }
})
