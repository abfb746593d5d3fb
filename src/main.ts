/**
 * The action's entry: `run()` runs the main step, or the post step (cache save) when the
 * runner calls the same file again after the job (state `isPost`, as actions/checkout does).
 */
import * as core from '@actions/core'
import { describeError } from './errors.js'
import { inputsFromEnv } from './inputs.js'
import { runPipeline } from './pipeline.js'
import { ActionReporter } from './report.js'
import { saveCache } from './cache/index.js'
import { killAll } from './proc.js'

export async function run(): Promise<void> {
  const reporter = new ActionReporter()
  const controller = new AbortController()
  const onSignal = (sig: NodeJS.Signals) => {
    reporter.warning(`received ${sig}: stopping child processes; nothing will be packaged`)
    controller.abort(new Error(`cancelled by ${sig}`))
    killAll('SIGTERM')
  }
  process.once('SIGTERM', onSignal)
  process.once('SIGINT', onSignal)
  try {
    if (core.getState('isPost') === 'true') {
      await saveCache(reporter)
      return
    }
    core.saveState('isPost', 'true')
    const raw = inputsFromEnv(process.env)
    if (raw.token) core.setSecret(raw.token)
    // Children (go, the C compiler, the built host in the load test) inherit process.env;
    // none of them needs the token, and the host runs the user's plugin code.
    delete process.env.INPUT_TOKEN
    await runPipeline(raw, {
      reporter,
      workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
      env: process.env,
      signal: controller.signal
    })
  } catch (err) {
    core.setFailed(
      controller.signal.aborted ? `cancelled: ${describeError(err)}` : describeError(err)
    )
  } finally {
    process.off('SIGTERM', onSignal)
    process.off('SIGINT', onSignal)
  }
}
