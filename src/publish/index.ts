/** Stage 6: upload, outputs, job summary. Owner: publish. */
import type { PublishResult, RunContext } from '../context.js'

export async function publish(_ctx: RunContext): Promise<PublishResult> {
  throw new Error('not implemented')
}

/** Sets every output of the contract from what the context holds. */
export function setOutputs(_ctx: RunContext): void {
  throw new Error('not implemented')
}

/** The job summary (action) or text summary (CLI) as markdown. */
export function summaryMarkdown(_ctx: RunContext): string {
  throw new Error('not implemented')
}
