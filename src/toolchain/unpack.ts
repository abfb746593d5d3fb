/** Unpacking and fixing up a GOROOT. */
import { existsSync } from 'node:fs'
import { chmod, copyFile, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { BuildError } from '../errors.js'
import { runChecked } from '../proc.js'

/**
 * System tar: present on every Linux runner and several times faster than a JS inflater on a
 * 70 MB archive. `--no-same-owner` because jobs often run as root, and the archive's owner ids
 * mean nothing here.
 */
export async function extractTarGz(
  file: string,
  dest: string,
  signal?: AbortSignal
): Promise<void> {
  try {
    await runChecked('tar', ['-xzf', file, '--no-same-owner', '-C', dest], { signal })
  } catch (err) {
    throw new BuildError(`could not unpack ${path.basename(file)}: ${(err as Error).message}`, {
      fix: 'the archive is damaged although its checksum matched; check that tar and gzip work on this machine'
    })
  }
  if (!existsSync(path.join(dest, 'go', 'bin', 'go')))
    throw new BuildError(`${path.basename(file)} does not contain go/bin/go`, {
      input: 'go-download-base-url',
      fix: 'the mirror serves something other than an official Go archive'
    })
}

/**
 * A toolchain module zip is not a GOROOT yet: zips carry no file modes, and the module
 * format forbids go.mod files below the root, so the release stores them as `_go.mod`
 * (src/_go.mod, src/cmd/_go.mod, ...). Without them the standard library does not build.
 * The go command repairs both when it switches toolchains (cmd/go/internal/toolchain); so do we.
 */
export async function goRootFromModule(goroot: string): Promise<void> {
  for (const dir of ['pkg/tool', 'bin']) {
    const full = path.join(goroot, dir)
    if (existsSync(full)) await walk(full, setExec)
  }
  const lib = path.join(goroot, 'lib')
  if (existsSync(lib))
    await walk(lib, async p => {
      if (/^go_.+_.+_exec$/.test(path.basename(p))) await setExec(p)
    })
  await walk(goroot, async p => {
    if (path.basename(p) === '_go.mod') await copyFile(p, path.join(path.dirname(p), 'go.mod'))
  })
}

async function setExec(file: string): Promise<void> {
  await chmod(file, (await stat(file)).mode | 0o111)
}

async function walk(dir: string, onFile: (file: string) => Promise<void>): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) await walk(p, onFile)
    else if (entry.isFile()) await onFile(p)
  }
}
