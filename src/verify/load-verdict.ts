/**
 * The load test's verdict: what the host showed while it ran (its log, each plugin's status,
 * its port and exit, what it fetched), read into one check for the host and one per plugin,
 * with the fix where there is one. Pure: the load test (load.ts) fills a Watch and asks here,
 * so every verdict wording sits in one file.
 */
import type { CheckResult, CheckStatus } from '../context.js'
import { logMessage, type PluginStatus } from './load-log.js'
import { fail, pass } from './rule.js'

/** What the host showed while it ran; filled by the log lines and the supervisor's events. */
export interface Watch {
  log: string[]
  status: PluginStatus
  started: boolean
  fatal?: string
  /** A log line named a plugin's path or `plugin.Open`: the host got as far as loading plugins. */
  reachedPlugins: boolean
  portOpen: boolean
  exit?: { code: number | null; signal: string | null }
  spawnError?: string
  requests: string[]
}

export interface LoadOutcome {
  status: CheckStatus
  message: string
  checks: CheckResult[]
  log: string[]
  /** Where the host's network came from, one phrase for the log. */
  network: string
  /** What the host asked the offline stub for (`GET getbifrost.ai/datasheet`), in order. */
  requests: string[]
}

/** How the run ended, besides what the Watch saw. */
export interface RunFacts {
  hostName: string
  names: string[]
  w: Watch
  port: number
  network: string
  sandboxed: boolean
  isTimeout: boolean
  timeoutSec: number
  cancelled: boolean
}

/** Phrases several verdict lines share. */
interface Phrases {
  /** What the host fetched through the stub, or ''. */
  fetched: string
  /** Where the host's network came from when it was not the sandbox, or ''. */
  where: string
  /** `exited (code 1)` once the host exited. */
  exitText?: string
}

function phrases(o: RunFacts): Phrases {
  const { w } = o
  return {
    fetched: w.requests.length
      ? `host fetched at start-up (served by the offline stub): ${[...new Set(w.requests)].join(', ')}`
      : '',
    where: o.sandboxed ? '' : `; the load test ran ${o.network}`,
    exitText: w.exit
      ? `exited (${w.exit.signal ? `signal ${w.exit.signal}` : `code ${w.exit.code}`})`
      : undefined
  }
}

/** The host's fatal line, or its last lines, quoted once. */
function hostWords(w: Watch): string {
  if (w.fatal) return `"${w.fatal}"`
  const last = w.log
    .slice(-3)
    .map(l => logMessage(l).trim())
    .filter(Boolean)
  return last.length ? `last log: ${last.join(' | ')}` : 'no log output'
}

export function outcome(o: RunFacts): LoadOutcome {
  const { w, names } = o
  const checks: CheckResult[] = []
  const done = (status: CheckStatus, message: string): LoadOutcome => ({
    status,
    message,
    checks,
    log: w.log,
    network: o.network,
    requests: w.requests
  })

  if (o.cancelled) {
    const message = 'load test was stopped: the run was cancelled'
    checks.push({ id: 'load.host', subject: o.hostName, status: 'fail', message })
    return done('fail', message)
  }
  const p = phrases(o)
  if (hostFailedAlone(o)) {
    const c = hostFailure(o, p)
    checks.push(c)
    return done(
      'fail',
      `${c.message}${names.length ? `; its ${names.length} plugin(s) were not tried` : ''}`
    )
  }

  const serving = w.portOpen && !w.exit
  const host = hostCheck(o, p, serving)
  checks.push(host)
  if (names.length === 0) return done('pass', `host started with no plugins and served${p.where}`)

  // A plugin failed: the host was not waited for, and the others are judged by their status.
  const anyFailed = names.some(n => w.status.get(n)?.ok === false)
  for (const name of names) checks.push(pluginCheck(name, o, p, serving || (anyFailed && !w.exit)))
  const failed = checks.filter(c => c.status === 'fail')
  const message = failed.length
    ? `${failed.length} of ${names.length} plugin(s) did not load: ${failed.map(c => `${c.subject}: ${c.message}`).join('; ')}`
    : `all ${names.length} plugin(s) active; ${host.message}`
  return done(failed.length ? 'fail' : 'pass', message)
}

/** The host failed on its own: it could not start, or ended (or hung) before loading any plugin. */
function hostFailedAlone(o: RunFacts): boolean {
  const { w, names } = o
  return (
    Boolean(w.spawnError) ||
    (names.length === 0
      ? !(w.portOpen && !w.exit)
      : w.status.size === 0 && !w.reachedPlugins && Boolean(w.exit || o.isTimeout))
  )
}

function hostFailure(o: RunFacts, { fetched, where, exitText }: Phrases): CheckResult {
  const { w, names } = o
  const what = w.spawnError
    ? `could not be started: ${w.spawnError}`
    : exitText
      ? `${exitText} ${names.length ? 'before loading any plugin' : 'before it served'}: ${hostWords(w)}`
      : names.length
        ? `did not get to loading plugins within ${o.timeoutSec} s (verify-timeout): ${hostWords(w)}`
        : `did not answer on 127.0.0.1:${o.port} within ${o.timeoutSec} s (verify-timeout): ${hostWords(w)}`
  return fail(
    'load.host',
    o.hostName,
    `host ${what}${fetched ? `; ${fetched}` : ''}${where}`,
    hostFix(w, o.sandboxed, fetched)
  )
}

/**
 * The host's own row once plugin loading began: a host that stops then is the plugins'
 * failure (see pluginCheck), so its row only says what it did.
 */
function hostCheck(
  o: RunFacts,
  { fetched, where, exitText }: Phrases,
  serving: boolean
): CheckResult {
  const { w, names } = o
  const message = serving
    ? `host served on 127.0.0.1:${o.port}${names.length ? ' after every plugin was active' : ''}${o.sandboxed ? ', offline' : ''}${fetched ? `; ${fetched}` : ''}${where}`
    : `host not judged on its own once plugins were loading: it ${exitText ? `${exitText}: ${hostWords(w)}` : `was not answering on 127.0.0.1:${o.port}`}${fetched ? `; ${fetched}` : ''}${where}`
  return { id: 'load.host', subject: o.hostName, status: serving ? 'pass' : 'skip', message }
}

/** One plugin's row; `activeIsEnough` when its active status is the verdict. */
function pluginCheck(
  name: string,
  o: RunFacts,
  { exitText }: Phrases,
  activeIsEnough: boolean
): CheckResult {
  const { w } = o
  const s = w.status.get(name)
  const subject = `${name}.so`
  if (s?.ok && activeIsEnough) return pass('load', subject, s.text)
  if (s && !s.ok) return fail('load', subject, `the host logged "${s.text}"`)
  if (s?.ok)
    return fail(
      'load',
      subject,
      `${name} reported active, but then the host ${exitText ? `${exitText}: ${hostWords(w)}` : `did not answer on 127.0.0.1:${o.port} within ${o.timeoutSec} s`}`,
      'a plugin loaded with it broke the host (took its port, blocked or crashed it); load the plugins one at a time to find which'
    )
  if (exitText)
    return fail(
      'load',
      subject,
      `host ${exitText} before ${name} reported its status: ${hostWords(w)}`
    )
  return fail(
    'load',
    subject,
    `no "plugin status: ${name} - active" within ${o.timeoutSec} s (verify-timeout); ${hostWords(w)}`
  )
}

/** What to do when the host fails before any plugin was involved. */
function hostFix(w: Watch, sandboxed: boolean, fetched: string): string {
  const text = `${w.fatal ?? ''} ${w.log.slice(-5).join(' ')}`
  const network =
    /network is unreachable|no such host|dial tcp|connection refused|i\/o timeout|x509|tls:|Get "https?:/i.test(
      text
    )
  if (network && !sandboxed)
    return 'the host needs the network at start-up and this load test had none it could reach; allow the offline stub to run (unprivileged user namespaces, e.g. sysctl kernel.apparmor_restrict_unprivileged_userns=0, or passwordless sudo) or use verify: static until then'
  if (network || fetched)
    return 'the host needed something at start-up that the offline stub (it answers {} to every request) could not provide; run the host by hand with this config to see what it wants, or use verify: static to skip the load test'
  return 'the host fails on its own, with no plugin loaded: run it by hand (-app-dir with a config.json listing no plugins) to see why; the plugins were not tried'
}
