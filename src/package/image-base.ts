/**
 * What a base image must hold for the seed's runtime (its shell, wget, /etc/passwd and
 * /etc/group, the libc loader), and the check that says which part is missing and what base
 * to use instead. Apart from the assembly so the rule reads on its own.
 */
import type { Arch, Libc, Mode, Plan } from '../context.js'
import { BuildError } from '../errors.js'
import { resolvePath, type IndexEntry, type PulledImage } from '../lib/oci/image.js'
import { formatImageRef } from '../lib/oci/reference.js'

/** What a base image must hold for the seed's runtime: its shell, wget, and the libc loader. */
export function requiredPaths(mode: Mode, libc: Libc, arch: Arch): { path: string; why: string }[] {
  const need = [
    { path: 'bin/sh', why: 'the entrypoint script and the healthcheck run in /bin/sh' },
    { path: 'etc/passwd', why: 'the non-root user is added to it' },
    { path: 'etc/group', why: "the user's group is added to it" }
  ]
  if (mode === 'dynamic')
    need.push({ path: loaderOf(libc, arch), why: `the ${libc} host's loader` })
  return need
}

export function loaderOf(libc: Libc, arch: Arch): string {
  if (libc === 'musl') return `lib/ld-musl-${arch === 'amd64' ? 'x86_64' : 'aarch64'}.so.1`
  return arch === 'amd64' ? 'lib64/ld-linux-x86-64.so.2' : 'lib/ld-linux-aarch64.so.1'
}

/** The packages a base lacking something needs, per libc (the seed's install lines). */
function installHint(libc: Libc): string {
  return libc === 'musl'
    ? "a base with Alpine's `apk add musl libgcc ca-certificates wget` done (alpine:3.23 has them)"
    : "a base with Debian's `apt-get install libc6 ca-certificates wget` done"
}

/** Checks the base has what the runtime needs; one error naming the missing part. */
export function checkBase(base: PulledImage, plan: Plan, index: Map<string, IndexEntry>): void {
  const name = formatImageRef(base.ref)
  const input = plan.image!.baseFrom === 'image-base' ? 'image-base' : 'libc'
  const fix = `give image-base ${installHint(plan.libc)}`
  for (const need of requiredPaths(plan.mode, plan.libc, plan.target.arch)) {
    const found = resolvePath(index, need.path)
    if (!found || found.type === 'Directory')
      throw new BuildError(`the base image ${name} has no /${need.path} (${need.why})`, {
        input,
        fix
      })
  }
  if (!resolvePath(index, 'usr/bin/wget') && !resolvePath(index, 'bin/wget'))
    throw new BuildError(
      `the base image ${name} has no wget (the image's healthcheck runs wget on /health)`,
      { input, fix }
    )
}
