/** vitest's global set-up: runs once in the main process; the workers inherit its process.env. */
import { prepareTestEnv } from '../../testkit/test-env.js'

export default async function setup(): Promise<void> {
  await prepareTestEnv()
}
