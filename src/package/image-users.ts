/**
 * The image's accounts: `appuser` added to the base's /etc/passwd and /etc/group as
 * `useradd -m` would, and the owner of a host image's files read from its own /etc/passwd.
 * Pure text handling (and one read of the base's layers), kept apart from the layer writing.
 */
import { readFiles, resolvePath, type IndexEntry } from '../lib/oci/image.js'
import { APP_USER } from './runtime.js'

export interface Account {
  name: string
  uid: number
  gid: number
}

/**
 * /etc/passwd and /etc/group with `appuser` added the way `useradd -m` / `adduser -D` would:
 * the first free id from 1000 for both, home /home/appuser, shell /bin/sh. A base that has
 * the user already keeps it.
 */
export function addUser(
  passwd: string,
  group: string,
  name = APP_USER
): {
  passwd: string
  group: string
  user: Account
} {
  const rows = (t: string) =>
    t
      .split('\n')
      .filter(l => l && !l.startsWith('#'))
      .map(l => l.split(':'))
  const existing = rows(passwd).find(r => r[0] === name)
  if (existing)
    return { passwd, group, user: { name, uid: Number(existing[2]), gid: Number(existing[3]) } }
  const uids = new Set(rows(passwd).map(r => Number(r[2])))
  const gids = new Set(rows(group).map(r => Number(r[2])))
  let id = 1000
  while (uids.has(id) || gids.has(id)) id++
  const nl = (t: string) => (t === '' || t.endsWith('\n') ? t : `${t}\n`)
  const hasGroup = rows(group).find(r => r[0] === name)
  const gid = hasGroup ? Number(hasGroup[2]) : id
  return {
    passwd: `${nl(passwd)}${name}:x:${id}:${gid}::/home/${name}:/bin/sh\n`,
    group: hasGroup ? group : `${nl(group)}${name}:x:${gid}:\n`,
    user: { name, uid: id, gid }
  }
}

/** The image's user (`name`, `uid` or `uid:gid`) as numbers, from its /etc/passwd. */
export async function ownerOf(
  user: string,
  index: Map<string, IndexEntry>,
  layerFiles: string[]
): Promise<Account> {
  const [u, g] = user.split(':')
  const entry = resolvePath(index, 'etc/passwd')
  const passwd = entry
    ? ((await readFiles(layerFiles, [entry])).get(entry.path)?.toString('utf8') ?? '')
    : ''
  const row = passwd
    .split('\n')
    .map(l => l.split(':'))
    .find(r => r[0] === u || r[2] === u)
  const uid = row ? Number(row[2]) : /^\d+$/.test(u) ? Number(u) : 0
  const gid = g && /^\d+$/.test(g) ? Number(g) : row ? Number(row[3]) : uid
  return { name: row?.[0] ?? u, uid, gid }
}
