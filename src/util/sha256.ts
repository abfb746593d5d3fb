/**
 * SHA-256 of a file, read in chunks so memory stays flat whatever the file's size (a host
 * binary or an archive is tens of MB).
 */
import { createHash, type Hash } from 'node:crypto'
import { closeSync, createReadStream, openSync, readSync } from 'node:fs'

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

const CHUNK = 1024 * 1024

/**
 * The same, without yielding: for the outputs and job summary, which are written in one
 * synchronous step at the end of a run (even a failing one) so nothing is left pending.
 */
export function sha256FileSync(file: string): string {
  const hash: Hash = createHash('sha256')
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.allocUnsafe(CHUNK)
    for (let n; (n = readSync(fd, buf, 0, CHUNK, null)) > 0;) hash.update(buf.subarray(0, n))
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}
