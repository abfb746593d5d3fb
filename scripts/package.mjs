#!/usr/bin/env node
// One ncc bundle (src/index.ts -> dist/bundle/, its lazily loaded chunks beside it) and the
// entries of src/entries/, three lines each, that import it: the action's main and post steps
// and the CLI share every chunk. Chunk names are webpack's module ids, the same on every
// rebuild of the same sources. `node scripts/package.mjs <out>` writes elsewhere: the
// dist-staleness test compares the two.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.resolve(process.argv[2] ?? path.join(repo, 'dist'))
const ncc = path.join(repo, 'node_modules', '.bin', 'ncc')
const bundle = path.join(out, 'bundle')

/** Entry source -> where it goes in out/ (action.yml `main`/`post`, package.json `bin`). */
const ENTRIES = {
  'action.ts': 'index.js',
  'post.ts': 'post.js',
  'cli.ts': path.join('cli', 'index.js'),
  'sandbox.ts': 'sandbox.js'
}

rmSync(out, { recursive: true, force: true })
execFileSync(
  ncc,
  ['build', 'src/index.ts', '-o', bundle, '--license', 'licenses.txt', '--target', 'es2022', '-q'],
  { cwd: repo, stdio: 'inherit' }
)
// One licenses file for everything bundled, at the top where a reader looks.
renameSync(path.join(bundle, 'licenses.txt'), path.join(out, 'licenses.txt'))
writeFileSync(path.join(out, 'package.json'), '{\n  "type": "module"\n}\n')

for (const [src, dest] of Object.entries(ENTRIES)) {
  const text = readFileSync(path.join(repo, 'src', 'entries', src), 'utf8')
  const js = ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 }
  }).outputText
  const file = path.join(out, dest)
  const rel = path.relative(path.dirname(file), path.join(bundle, 'index.js'))
  const spec = rel.startsWith('.') ? rel : `./${rel}`
  if (!js.includes("'../index.js'")) throw new Error(`src/entries/${src} must import '../index.js'`)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, js.replace("'../index.js'", `'${spec}'`))
  if (js.startsWith('#!')) chmodSync(file, 0o755)
}
