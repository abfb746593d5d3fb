/**
 * Image layers: a tar writer whose bytes depend only on the entries given (names, modes,
 * owners, one fixed time, in the order given), and a reader that walks the entries of a
 * (gzipped) layer. The writer is ours because a layer needs what an archive of a directory
 * does not: entries that exist nowhere on disk (/etc/passwd with a line added), owners that
 * are not the builder's (the image's user), and no dependence on the builder's file system.
 */
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import * as tar from 'tar'

export interface LayerEntry {
  /** Path inside the image, without a leading slash (`app/main`, `etc/passwd`). */
  path: string
  type: 'file' | 'dir' | 'symlink'
  mode: number
  uid: number
  gid: number
  /** A file's content: bytes, or a file on disk read while writing. */
  data?: Buffer
  from?: string
  size?: number
  linkname?: string
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0'
}

function header(e: LayerEntry, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(512)
  let name = e.path + (e.type === 'dir' && !e.path.endsWith('/') ? '/' : '')
  let prefix = ''
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 2)
    prefix = name.slice(0, cut)
    name = name.slice(cut + 1)
    if (Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155)
      throw new Error(`path too long for a layer entry: ${e.path}`)
  }
  h.write(name, 0, 100, 'utf8')
  h.write(octal(e.mode & 0o7777, 8), 100, 8, 'ascii')
  h.write(octal(e.uid, 8), 108, 8, 'ascii')
  h.write(octal(e.gid, 8), 116, 8, 'ascii')
  h.write(octal(size, 12), 124, 12, 'ascii')
  h.write(octal(mtime, 12), 136, 12, 'ascii')
  h.write('        ', 148, 8, 'ascii')
  h.write(e.type === 'file' ? '0' : e.type === 'dir' ? '5' : '2', 156, 1, 'ascii')
  if (e.linkname) h.write(e.linkname, 157, 100, 'utf8')
  h.write('ustar\0', 257, 6, 'ascii')
  h.write('00', 263, 2, 'ascii')
  h.write(prefix, 345, 155, 'utf8')
  let sum = 0
  for (const b of h) sum += b
  h.write(octal(sum, 7) + ' ', 148, 8, 'ascii')
  return h
}

async function* tarStream(entries: readonly LayerEntry[], mtime: number): AsyncGenerator<Buffer> {
  for (const e of entries) {
    if (e.type !== 'file') {
      yield header(e, 0, mtime)
      continue
    }
    const size = e.data ? e.data.length : (e.size ?? 0)
    yield header(e, size, mtime)
    if (e.data) yield e.data
    else if (e.from) {
      let n = 0
      for await (const c of createReadStream(e.from)) {
        n += (c as Buffer).length
        yield c as Buffer
      }
      if (n !== size) throw new Error(`${e.from} changed while it was written into a layer`)
    }
    if (size % 512) yield Buffer.alloc(512 - (size % 512))
  }
  yield Buffer.alloc(1024)
}

export interface WrittenLayer {
  /** Digest of the gzipped bytes (the blob). */
  digest: string
  /** Digest of the uncompressed tar (the config's rootfs.diff_ids). */
  diffId: string
  size: number
}

/**
 * Writes the entries as a gzipped tar to `file`. gzip from node's zlib writes no name and no
 * time in its header, so the same entries give the same blob.
 */
export async function writeLayer(
  file: string,
  entries: readonly LayerEntry[],
  mtime: number
): Promise<WrittenLayer> {
  const raw = createHash('sha256')
  const gz = createHash('sha256')
  let size = 0
  const tapRaw = new Transform({
    transform(c: Buffer, _e, cb) {
      raw.update(c)
      cb(null, c)
    }
  })
  const tapGz = new Transform({
    transform(c: Buffer, _e, cb) {
      gz.update(c)
      size += c.length
      cb(null, c)
    }
  })
  await pipeline(
    Readable.from(tarStream(entries, mtime)),
    tapRaw,
    createGzip({ level: 6 }),
    tapGz,
    createWriteStream(file)
  )
  return { digest: `sha256:${gz.digest('hex')}`, diffId: `sha256:${raw.digest('hex')}`, size }
}

/** An uncompressed tar (the OCI archive around the blobs). */
export async function writeTar(
  file: string,
  entries: readonly LayerEntry[],
  mtime: number
): Promise<void> {
  await pipeline(Readable.from(tarStream(entries, mtime)), createWriteStream(file))
}

export interface ReadEntry {
  /** Normalised: no leading `./` or `/`, no trailing slash. */
  path: string
  type: string
  mode: number
  uid: number
  gid: number
  size: number
  linkpath?: string
  /** The content, for the files `want` asked for. */
  data?: Buffer
}

export function normalisePath(p: string): string {
  return p
    .replace(/^\.?\/+/, '')
    .replace(/^\.$/, '')
    .replace(/\/+$/, '')
}

/**
 * Walks a layer (gzipped or not: node-tar detects it), calling `onEntry` for each; the content
 * of the entries `want` returns true for is read into memory.
 */
export async function readLayer(
  file: string,
  onEntry: (e: ReadEntry) => void,
  want: (p: string) => boolean = () => false
): Promise<void> {
  const parser = new tar.Parser({
    strict: false,
    onReadEntry: entry => {
      const p = normalisePath(entry.path)
      const base: ReadEntry = {
        path: p,
        type: entry.type,
        mode: entry.mode ?? 0,
        uid: entry.uid ?? 0,
        gid: entry.gid ?? 0,
        size: entry.size ?? 0,
        ...(entry.linkpath ? { linkpath: entry.linkpath } : {})
      }
      if (entry.type === 'File' && want(p)) {
        const chunks: Buffer[] = []
        entry.on('data', (c: Buffer) => chunks.push(c))
        entry.on('end', () => onEntry({ ...base, data: Buffer.concat(chunks) }))
      } else {
        onEntry(base)
        entry.resume()
      }
    }
  })
  await pipeline(createReadStream(file), parser as unknown as NodeJS.WritableStream)
}
