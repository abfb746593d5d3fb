/** Unpacking and fixing up a GOROOT. */
import { existsSync } from 'node:fs'
import { chmod, readdir, stat } from 'node:fs/promises'
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
 * Module zips carry no file modes, so a toolchain unpacked from one has no executable bits;
 * the go command sets them the same way when it switches toolchains.
 */
export async function makeToolsExecutable(goroot: string): Promise<void> {
  for (const dir of [path.join(goroot, 'bin'), path.join(goroot, 'pkg', 'tool')]) {
    if (existsSync(dir)) await chmodTree(dir)
  }
}

async function chmodTree(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) await chmodTree(p)
    else if (entry.isFile()) await chmod(p, (await stat(p)).mode | 0o111)
  }
}
