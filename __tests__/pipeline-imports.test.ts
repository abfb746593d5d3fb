/**
 * The shape of the source tree: no stage folder imports another (they talk through the
 * context the pipeline hands on), no module imports itself through others, type-only
 * imports included, and no file or function grows past what a newcomer reads in one go
 * (400 and 80 lines). Read from the files with TypeScript's own scanner and parser.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const SRC = path.resolve(__dirname, '../src')
const STAGES = ['plan', 'toolchain', 'cache', 'build', 'verify', 'package', 'publish']
/** Under every stage: they import each other, errors.ts and Node, nothing above them. */
const LIBRARIES = ['lib', 'net', 'util']

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory()
      ? sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : []
  )
}

/** file (relative to src) -> the src files it imports, static, dynamic and type-only. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(SRC)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = info.importedFiles
      .map(f => f.fileName)
      .filter(spec => spec.startsWith('.'))
      .map(spec => path.relative(SRC, path.resolve(path.dirname(file), spec)))
      .map(rel => rel.replace(/\.js$/, '.ts'))
    graph.set(path.relative(SRC, file), [...new Set(targets)])
  }
  return graph
}

const stageOf = (rel: string) => {
  const top = rel.split(path.sep)[0]
  return STAGES.includes(top) ? top : undefined
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const out: string[][] = []
  const visit = (v: string) => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return out
}

describe('source layout', () => {
  const graph = importGraph()

  it('reads the tree (the scanner finds the stage entries and their imports)', () => {
    for (const s of STAGES) expect(graph.has(path.join(s, 'index.ts'))).toBe(true)
    expect(graph.get('pipeline.ts')?.length).toBeGreaterThan(5)
  })

  it('no stage folder imports another stage folder', () => {
    const crossing = [...graph].flatMap(([from, tos]) =>
      tos
        .filter(to => stageOf(from) && stageOf(to) && stageOf(from) !== stageOf(to))
        .map(to => `${from} -> ${to}`)
    )
    expect(crossing).toEqual([])
  })

  it('the libraries import no stage and nothing above them (context, pipeline, entries)', () => {
    const allowed = (to: string) => LIBRARIES.includes(to.split(path.sep)[0]) || to === 'errors.ts'
    const upward = [...graph].flatMap(([from, tos]) =>
      LIBRARIES.includes(from.split(path.sep)[0])
        ? tos.filter(to => !allowed(to)).map(to => `${from} -> ${to}`)
        : []
    )
    expect(upward).toEqual([])
  })

  it('no import cycle, type-only imports included', () => {
    expect(cycles(graph)).toEqual([])
  })

  it('finds a cycle when there is one', () => {
    const g = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']]
    ])
    expect(cycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts']])
  })

  it('no file over 400 lines, no function over 80', () => {
    const long: string[] = []
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8')
      const rel = path.relative(SRC, file)
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
      const lines = sf.getLineAndCharacterOfPosition(text.length).line
      if (lines > 400) long.push(`${rel}: ${lines} lines`)
      const visit = (n: ts.Node): void => {
        if (ts.isFunctionLike(n) && 'body' in n && n.body) {
          const from = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line
          const to = sf.getLineAndCharacterOfPosition(n.end).line
          if (to - from + 1 > 80)
            long.push(`${rel}:${from + 1}: a function of ${to - from + 1} lines`)
        }
        ts.forEachChild(n, visit)
      }
      visit(sf)
    }
    expect(long).toEqual([])
  })
})
