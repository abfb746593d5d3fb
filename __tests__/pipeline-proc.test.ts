import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { killAll, liveChildren, run, runChecked, start } from '../src/proc.js'

/** Running, not a zombie waiting for its (re)parent to reap it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

describe('proc', () => {
  it('passes arguments as they are: no shell ever sees them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bb-proc-'))
    const canary = path.join(dir, 'canary')
    const hostile = `x; touch ${canary}; $(touch ${canary}) \`touch ${canary}\``
    const r = await run('printf', ['%s', hostile])
    expect(r.stdout).toBe(hostile)
    expect(existsSync(canary)).toBe(false)
  })

  it('streams lines and reports exit codes', async () => {
    const lines: string[] = []
    const r = await run('sh', ['-c', 'echo one; echo two >&2; exit 3'], {
      onLine: l => lines.push(l)
    })
    expect(r.code).toBe(3)
    expect(lines.sort()).toEqual(['one', 'two'])
    await expect(runChecked('sh', ['-c', 'echo broken >&2; exit 1'])).rejects.toThrow(
      /exit code 1.*broken/
    )
  })

  it('kills the whole process group on timeout', async () => {
    const r = await run('sh', ['-c', 'sleep 30 & echo $!; wait'], { timeoutMs: 500 })
    expect(r.timedOut).toBe(true)
    const grandchild = Number(r.stdout.trim())
    await new Promise(res => setTimeout(res, 100))
    expect(alive(grandchild)).toBe(false)
  })

  it('keeps memory bounded when a child floods its output', async () => {
    const r = await run('sh', ['-c', 'yes flood | head -c 20000000'], { maxBuffer: 1024 * 1024 })
    expect(r.code).toBe(0)
    expect(r.stdout.length).toBeLessThanOrEqual(1024 * 1024)
  })

  it('stops every live child on request (a cancelled job)', async () => {
    const a = start('sleep', ['30'])
    const b = start('sleep', ['30'])
    expect(liveChildren()).toBeGreaterThanOrEqual(2)
    expect(killAll('SIGTERM')).toBeGreaterThanOrEqual(2)
    const [ra, rb] = await Promise.all([a.done, b.done])
    expect(ra.signal).toBe('SIGTERM')
    expect(rb.signal).toBe('SIGTERM')
  })

  it('aborts through an AbortSignal', async () => {
    const controller = new AbortController()
    const p = run('sleep', ['30'], { signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    expect((await p).signal).toBe('SIGTERM')
  })

  it('rejects when the program does not exist', async () => {
    await expect(run('definitely-not-a-program-xyz', [])).rejects.toThrow(/ENOENT/)
  })
})

describe('child environment', () => {
  it('keeps runner credentials and action inputs away from children', async () => {
    const r = await run('env', [], {
      env: {
        PATH: process.env.PATH,
        ACTIONS_RUNTIME_TOKEN: 'rt',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'id',
        INPUT_TOKEN: 'tok',
        KEEP: 'yes'
      }
    })
    expect(r.stdout).toContain('KEEP=yes')
    expect(r.stdout).not.toMatch(/ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN|INPUT_TOKEN/)
  })
})
