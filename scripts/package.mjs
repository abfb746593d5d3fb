#!/usr/bin/env node
// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js) with ncc.
// `node scripts/package.mjs <out>` writes elsewhere: the dist-staleness test compares the two.
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.resolve(process.argv[2] ?? path.join(repo, 'dist'))
const ncc = path.join(repo, 'node_modules', '.bin', 'ncc')
rmSync(out, { recursive: true, force: true })
const opts = { cwd: repo, stdio: 'inherit' }
execFileSync(
  ncc,
  ['build', 'src/index.ts', '-o', out, '--license', 'licenses.txt', '--target', 'es2022', '-q'],
  opts
)
execFileSync(
  ncc,
  ['build', 'src/cli.ts', '-o', path.join(out, 'cli'), '--target', 'es2022', '-q'],
  opts
)
