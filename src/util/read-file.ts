/**
 * The one way a file a user named (or a file inside their checkout) is read: regular files
 * only, at most `maxBytes` actually read, and cancellable.
 *
 * `readFile` on a FIFO with no writer blocks forever (a libuv thread, or the main thread for
 * the sync form, so not even SIGTERM is handled); on `/dev/zero` it grows without end, since a
 * size cap that trusts `stat.size` sees 0. Opening with O_NONBLOCK never waits for a writer,
 * and the type is checked on the opened descriptor (no gap between the check and the read).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'
import { open } from 'node:fs/promises'

/** Why a path cannot be read as a file: `code` is EISDIR, ENOTREG or EFBIG (others from the OS). */
export class FileReadError extends Error {
  constructor(
    message: string,
    readonly code: 'EISDIR' | 'ENOTREG' | 'EFBIG'
  ) {
    super(message)
    this.name = 'FileReadError'
  }
}

const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK
const CHUNK = 64 * 1024

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory'
  if (st.isFIFO()) return 'a FIFO (named pipe)'
  if (st.isCharacterDevice()) return 'a character device'
  if (st.isBlockDevice()) return 'a block device'
  if (st.isSocket()) return 'a socket'
  return 'not a regular file'
}

function checkRegular(st: Stats): void {
  if (st.isFile()) return
  if (st.isDirectory()) throw new FileReadError('is a directory', 'EISDIR')
  throw new FileReadError(`is not a regular file (it is ${kindOf(st)})`, 'ENOTREG')
}

const tooLarge = (maxBytes: number) =>
  new FileReadError(`is larger than ${maxBytes} bytes`, 'EFBIG')

export interface ReadOptions {
  /** Refused past this many bytes read (not the size stat claims). */
  maxBytes: number
  signal?: AbortSignal
}

/** A regular file's bytes; refuses FIFOs, devices, sockets and directories without waiting. */
export async function readRegularFile(file: string, opts: ReadOptions): Promise<Buffer> {
  opts.signal?.throwIfAborted()
  const fh = await open(file, FLAGS)
  try {
    checkRegular(await fh.stat())
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      opts.signal?.throwIfAborted()
      const buf = Buffer.allocUnsafe(CHUNK)
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null)
      if (bytesRead === 0) break
      total += bytesRead
      if (total > opts.maxBytes) throw tooLarge(opts.maxBytes)
      chunks.push(buf.subarray(0, bytesRead))
    }
    return Buffer.concat(chunks, total)
  } finally {
    await fh.close()
  }
}

/** The sync form, for the plan's checks of small files in the checkout (go.mod, *.go). */
export function readRegularFileSync(file: string, maxBytes: number): Buffer {
  const fd = openSync(file, FLAGS)
  try {
    checkRegular(fstatSync(fd))
    const chunks: Buffer[] = []
    let total = 0
    for (;;) {
      const buf = Buffer.allocUnsafe(CHUNK)
      const n = readSync(fd, buf, 0, CHUNK, null)
      if (n === 0) break
      total += n
      if (total > maxBytes) throw tooLarge(maxBytes)
      chunks.push(buf.subarray(0, n))
    }
    return Buffer.concat(chunks, total)
  } finally {
    closeSync(fd)
  }
}

/** A text file in the checkout (go.mod, go.work, a version file, Go source): 16 MiB at most. */
export const MAX_TEXT_BYTES = 16 * 1024 * 1024

export function readTextSync(file: string, maxBytes = MAX_TEXT_BYTES): string {
  return readRegularFileSync(file, maxBytes).toString('utf8')
}
