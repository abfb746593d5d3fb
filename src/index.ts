/**
 * The one bundle every entry shares (scripts/package.mjs bundles this file once; the entries
 * in src/entries/ are three lines that import it). What differs between them, action or CLI,
 * main or post step, is the function they call and its argument.
 */
export { run as runAction } from './main.js'
export { main as runCli } from './cli/main.js'

/** The load test's sandbox supervisor (dist/sandbox.js), loaded only there: it bundles a CA and a DNS stub. */
export async function runSandbox(specFile: string | undefined): Promise<number> {
  return (await import('./verify/sandbox.js')).runSandbox(specFile)
}
