/** SOURCE_DATE_EPOCH, read once by the plan (which refuses a bad one) and by the archive writer. */
import { BuildError } from '../errors.js'

/** 9999-12-31T23:59:59Z: past it a date is not representable (JavaScript's `Invalid time value`). */
export const MAX_SOURCE_DATE_EPOCH = 253402300799

/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970, or unset. A value
 * that is set but not such a number is refused in the plan, not silently ignored.
 */
export function parseSourceDateEpoch(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.SOURCE_DATE_EPOCH
  if (raw === undefined || raw.trim() === '') return undefined
  const v = raw.trim()
  if (!/^\d+$/.test(v) || Number(v) > MAX_SOURCE_DATE_EPOCH)
    throw new BuildError(
      `environment variable SOURCE_DATE_EPOCH=${JSON.stringify(raw)} is not a time: it must be whole seconds since 1970-01-01 UTC, from 0 to ${MAX_SOURCE_DATE_EPOCH}`,
      {
        fix: 'set SOURCE_DATE_EPOCH to a number of seconds such as $(git log -1 --format=%ct), or unset it',
        usage: true
      }
    )
  return Number(v)
}
