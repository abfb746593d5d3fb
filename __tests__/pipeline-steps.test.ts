/**
 * The pipelines as data: the order of their steps follows the data (plan -> toolchain ->
 * cache restore -> build -> verify -> package -> publish), and no stage reaches back.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUILD, SETUP_GO, VERIFY_ONLY } from '../src/pipeline.js'
import { REPO } from './helpers/action.js'

const names = (steps: readonly { name: string }[]) => steps.map(s => s.name)
const src = (file: string) => readFileSync(path.join(REPO, 'src', file), 'utf8')

describe('pipelines', () => {
  it('build: the stages in the order data flows, the cache saved before the upload', () => {
    const order = [
      'plan',
      'toolchain',
      'pin the plan to the Go release',
      'cache restore',
      'build',
      'verify',
      'package',
      'cache save',
      'publish',
      'outputs'
    ]
    const at = order.map(n => names(BUILD).indexOf(n))
    expect(at.every(i => i >= 0)).toBe(true)
    expect([...at].sort((a, b) => a - b)).toEqual(at)
  })

  it('the shared steps are the same objects in every pipeline that has them', () => {
    const find = (steps: readonly { name: string }[], n: string) => steps.find(s => s.name === n)
    expect(find(SETUP_GO, 'toolchain')).toBe(find(BUILD, 'toolchain'))
    expect(find(SETUP_GO, 'announce Go')).toBe(find(BUILD, 'announce Go'))
    expect(find(VERIFY_ONLY, 'verify')).toBe(find(BUILD, 'verify'))
    expect(names(VERIFY_ONLY)).not.toContain('toolchain')
  })

  it('no stage reaches back: the plan resolves no Go, publish saves no cache, cache guesses no mode', () => {
    expect(src('plan/index.ts')).not.toMatch(/resolveGoVersion/)
    expect(src('plan/host-plan.ts')).not.toMatch(/resolveGoVersion/)
    expect(src('publish/index.ts')).not.toMatch(/from '\.\.\/cache\//)
    expect(src('cache/index.ts')).not.toMatch(/instanceof|ActionReporter/)
    expect(src('build/index.ts')).not.toMatch(/checkGoLine } from '\.\.\/plan\//)
  })
})
