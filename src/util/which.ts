/**
 * Finding a program the way `command -v` does: the first executable regular file of that name
 * on PATH (a directory or a file without the execute bit is passed over, as the shell would);
 * a name holding a `/` is taken as a path.
 */
import { accessSync, constants, statSync } from 'node:fs'
import path from 'node:path'

export type Which = (cmd: string) => string | undefined

export function which(
  cmd: string,
  pathVar: string | undefined = process.env.PATH
): string | undefined {
  if (cmd.includes('/')) return isExecutable(cmd) ? cmd : undefined
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (!dir) continue
    const full = path.join(dir, cmd)
    if (isExecutable(full)) return full
  }
  return undefined
}

/** `which` over one environment's PATH, for code that takes the lookup as a parameter. */
export function whichOnPath(env: NodeJS.ProcessEnv): Which {
  return cmd => which(cmd, env.PATH)
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}
