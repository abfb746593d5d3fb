import path from 'node:path'

/** `child` is `parent` or below it (lexically: no symlinks resolved; resolve first where they matter). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(path.resolve(parent), path.resolve(child))
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}
