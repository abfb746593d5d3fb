/** Registry credentials for the image steps and verify-only's host-image pull. */
import type { Run } from '../step.js'

/** Credentials per registry, masked before any request; never put into the context. */
export function registryAuth(r: Run, registry: string) {
  return import('../plan/image.js').then(({ credentialsFor }) => {
    const c = credentialsFor(registry, r.raw, r.opts.env)
    if (c) r.opts.reporter.setSecret(c.password)
    return c
  })
}
