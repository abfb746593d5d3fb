/**
 * The action's two entries: `run('main')` runs the build pipeline, `run('post')` the post
 * step (cache save) that the runner starts after the job (action.yml `post`, as setup-go
 * does). The runner's state is where the main step leaves the cache key for the post step.
 */
import * as core from '@actions/core'
import { describeError } from './errors.js'
import { inputsFromEnv } from './inputs.js'
import { runPipeline } from './pipeline.js'
import { ActionReporter } from './report.js'
import { runnerState } from './cache/state.js'
import { finishSession, runSession } from './session.js'
import { checkRunnerFiles, checkRunnerOs } from './platform.js'

export async function run(step: 'main' | 'post' = 'main'): Promise<void> {
  const reporter = new ActionReporter()
  const session = {
    reporter,
    onSignal: (sig: NodeJS.Signals) =>
      reporter.warning(`received ${sig}: stopping child processes; nothing will be packaged`),
    cancelledError: true
  }
  try {
    if (step === 'post') {
      const { failure } = await runSession(session, async () => {
        const { saveCache } = await import('./cache/index.js')
        await saveCache(reporter, { state: runnerState })
      })
      if (failure !== undefined) throw failure
      return
    }
    const raw = inputsFromEnv(process.env)
    // Before anything runs: the outputs and the failure's own outputs need these files.
    checkRunnerFiles()
    if (raw.token) core.setSecret(raw.token)
    // Children (go, the C compiler, the built host in the load test) inherit process.env;
    // none of them needs the token, and the host runs the user's plugin code.
    delete process.env.INPUT_TOKEN
    const end = await runSession(session, async ctx => {
      checkRunnerOs()
      await runPipeline(raw, {
        reporter,
        workspace: process.env.GITHUB_WORKSPACE || process.cwd(),
        env: process.env,
        signal: ctx.signal,
        cacheState: runnerState,
        ctx
      })
    })
    await finishSession(end)
    if (end.failure !== undefined) process.exitCode = core.ExitCode.Failure
    // Cancelled: an upload still in flight must not finish (the artifact client cannot be
    // stopped; one that is never finalized is never an artifact).
    if (end.ctx.signal.aborted) process.exit(core.ExitCode.Failure)
  } catch (err) {
    core.setFailed(describeError(err))
  }
}
