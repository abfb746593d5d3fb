/**
 * The reliability test group's numbers: how many bad inputs, hostile strings and
 * faults are tried, printed at the end of the group and stated in docs/security.md (the
 * README's security section), which must not drift from the tables.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { REPO } from './helpers/action.js'
import {
  FAULTS,
  HARMLESS_LDFLAGS,
  HOSTILE,
  HOSTILE_TARGETS,
  ROWS
} from './helpers/bad-inputs-table.js'
import { INPUTS } from '../src/inputs.js'

export function counts() {
  return {
    badInputs: ROWS.filter(r => r.expect === 'reject').length,
    acceptedForms: ROWS.filter(r => r.expect === 'accept').length,
    inputs: INPUTS.length,
    hostileStrings: HOSTILE.length,
    hostileRuns: HOSTILE.length * HOSTILE_TARGETS.length + HARMLESS_LDFLAGS.length,
    faults: FAULTS.length
  }
}

describe('reliability counts', () => {
  it('docs/security.md states the counts the tables hold', () => {
    const c = counts()
    const doc = readFileSync(path.join(REPO, 'docs', 'security.md'), 'utf8')
    expect(doc).toContain(`${c.badInputs} bad inputs`)
    expect(doc).toContain(`${c.acceptedForms} accepted spellings`)
    expect(doc).toContain(`all ${c.inputs} inputs`)
    expect(doc).toContain(`${c.hostileStrings} hostile strings`)
    expect(doc).toContain(`${c.hostileRuns} hostile-string runs`)
    expect(doc).toContain(`${c.faults} faults`)
  })

  it('every fault has a name once, every input has rows', () => {
    expect(new Set(FAULTS).size).toBe(FAULTS.length)
    for (const i of INPUTS)
      expect(
        ROWS.some(r => r.input === i.name),
        i.name
      ).toBe(true)
  })
})

afterAll(() => {
  const c = counts()
  console.log(
    `reliability: ${c.badInputs} bad inputs and ${c.acceptedForms} accepted spellings over ${c.inputs} inputs, ` +
      `${c.hostileStrings} hostile strings (${c.hostileRuns} runs), ${c.faults} faults`
  )
})
