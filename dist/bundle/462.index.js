export const id = 462;
export const ids = [462];
export const modules = {

/***/ 20189:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G7: () => (/* binding */ ARCH_LEVEL_DEFAULT),
/* harmony export */   SD: () => (/* binding */ ARCH_LEVEL_NAME),
/* harmony export */   xs: () => (/* binding */ archLevel)
/* harmony export */ });
/* harmony import */ var _lib_targets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39641);
/**
 * The CPU level variable of each target (GOAMD64, GOARM64) and the value go uses when it is
 * not set (rows of src/lib/targets.ts). The build pins it for host and plugins; the plan and
 * verify read a binary's build info, which omits it when it was the default.
 */

const ARCH_LEVEL_NAME = Object.fromEntries(_lib_targets_js__WEBPACK_IMPORTED_MODULE_0__/* .TARGETS */ .dW.map(t => [t.arch, t.cpuLevel.name]));
const ARCH_LEVEL_DEFAULT = Object.fromEntries(_lib_targets_js__WEBPACK_IMPORTED_MODULE_0__/* .TARGETS */ .dW.map(t => [t.cpuLevel.name, t.cpuLevel.default]));
/** The level as go builds with it: the value set (or recorded), else go's default. */
function archLevel(arch, vars) {
    const { name, default: value } = (0,_lib_targets_js__WEBPACK_IMPORTED_MODULE_0__/* .targetSpec */ .nA)(arch).cpuLevel;
    return { name, value: vars[name] ?? value };
}


/***/ }),

/***/ 33462:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  formatCheck: () => (/* binding */ formatCheck),
  verify: () => (/* binding */ verify),
  verifyImage: () => (/* binding */ verifyImage),
  verifyInHostImage: () => (/* binding */ verifyInHostImage)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/lib/elf.ts + 1 modules
var elf = __webpack_require__(2354);
// EXTERNAL MODULE: ./src/platform.ts
var platform = __webpack_require__(23728);
// EXTERNAL MODULE: ./src/util/which.ts
var util_which = __webpack_require__(76669);
// EXTERNAL MODULE: ./src/lib/targets.ts
var targets = __webpack_require__(39641);
;// CONCATENATED MODULE: ./src/verify/load-host.ts
/**
 * How the load test starts the host: whether and how it can run on this machine (natively,
 * under qemu-user, or not at all), its command line, and the config.json of the app dir it
 * gets. Pure decisions, apart from the load test that runs them, so they are unit-tested on
 * plain facts; hostArgs is the one place to adapt for another Bifrost's flags.
 */


/** Whether and how the host can run on this machine: natively, under qemu-user, or not. */
function loadTestRunner(f) {
    const target = (0,targets/* targetOfArch */.fd)(f.hostMachine);
    if (!target)
        return { run: false, reason: `the host is built for ${f.hostMachine}, which cannot run here` };
    const { arch, qemu: qemuName } = target;
    if (arch === f.machineArch) {
        if (f.interp && !f.exists(f.interp))
            return {
                run: false,
                reason: `the host's loader ${f.interp} is not on this machine${f.interp.includes('musl') ? ' (apt-get install musl)' : ''}`
            };
        return { run: true, prefix: [], how: `natively on linux/${arch}` };
    }
    const qemu = f.which(qemuName);
    if (!qemu)
        return {
            run: false,
            reason: `the host is linux/${arch} and this machine is linux/${f.machineArch}, and ${qemuName} is not installed (apt-get install qemu-user)`
        };
    if (!f.interp)
        return { run: true, prefix: [qemu], how: `under ${qemuName}` };
    // qemu-user looks the loader up under -L first, then in the real root: Debian's
    // musl:<arch> installs /lib/ld-musl-<arch>.so.1 in the real root, glibc lives in a sysroot.
    const sysroot = f.sysroot ?? target.crossSysroot;
    if (f.exists(external_node_path_default().join(sysroot, f.interp)))
        return { run: true, prefix: [qemu, '-L', sysroot], how: `under ${qemuName} -L ${sysroot}` };
    if (f.exists(f.interp))
        return { run: true, prefix: [qemu], how: `under ${qemuName}` };
    return {
        run: false,
        reason: `the host's loader ${f.interp} is neither in ${sysroot} nor in / (install the ${arch} C library, e.g. ${f.interp.includes('musl') ? `musl:${arch}` : `libc6-${arch}-cross`})`
    };
}
/** The host's command line; the one place to adapt for another Bifrost's flags. */
function hostArgs(host, appDir, port) {
    return [host, '-app-dir', appDir, '-host', '127.0.0.1', '-port', String(port)];
}
function configJson(plugins) {
    return JSON.stringify({
        plugins: plugins.map(p => ({
            enabled: true,
            name: p.name,
            path: external_node_path_default().resolve(p.path),
            config: {}
        }))
    }, null, 2);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(58500);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
// EXTERNAL MODULE: ./src/proc.ts + 1 modules
var src_proc = __webpack_require__(97684);
// EXTERNAL MODULE: ./src/verify/sandbox-protocol.ts
var sandbox_protocol = __webpack_require__(65035);
;// CONCATENATED MODULE: ./src/verify/load-sandbox.ts
/**
 * The offline sandbox's process side: the ways to run the supervisor (`dist/sandbox.js`) in
 * fresh namespaces on this machine, starting it with a spec and waiting until its namespace is
 * ready, ending it and all it started, and holding one open for commands that run inside it
 * (the image test's podman). What the supervisor and the load test say to each other is in
 * sandbox-protocol.ts; the supervisor itself is sandbox.ts.
 */










const NAMESPACES = ['--net', '--mount', '--pid', '--fork', '--kill-child'];
function sandboxWays(which = cmd => (0,util_which/* which */.K)(cmd), isRoot = process.getuid?.() === 0) {
    const unshare = which('unshare');
    if (!unshare)
        return [];
    const ways = [];
    if (isRoot)
        ways.push({ prefix: [unshare, ...NAMESPACES, '--'], how: 'unshare' });
    else {
        ways.push({
            prefix: [unshare, '--user', '--map-root-user', ...NAMESPACES, '--'],
            how: 'an unprivileged user namespace'
        });
        const sudo = which('sudo');
        if (sudo)
            ways.push({ prefix: [sudo, '-n', unshare, ...NAMESPACES, '--'], how: 'sudo -n unshare' });
    }
    return ways;
}
/**
 * The supervisor script beside the bundle (`dist/sandbox.js`), or undefined when this code
 * does not run from the bundle (tests pass their own command).
 */
function bundledSupervisor() {
    const candidates = [];
    try {
        candidates.push(external_node_path_default().join(external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url)), '..', 'sandbox.js'));
    }
    catch {
        /* not a file URL */
    }
    const entry = process.argv[1];
    if (entry) {
        candidates.push(external_node_path_default().join(external_node_path_default().dirname(entry), 'sandbox.js'));
        candidates.push(external_node_path_default().join(external_node_path_default().dirname(entry), '..', 'sandbox.js'));
    }
    return candidates.find(c => (0,external_node_fs_.existsSync)(c));
}
/** Time for the supervisor to bring its namespace up (node start-up, a CA, three servers). */
const SETUP_MS = 30_000;
/**
 * Ends the host and whatever it started: the process group, also once the host itself has
 * exited (a child it left is still in it). In the sandbox the supervisor's end takes the whole
 * namespace with it, also a child that left the group with setsid; closing its stdin ends it
 * also where our signals cannot reach it (sudo).
 */
async function stopAll(proc) {
    // The supervisor's lifeline: it ends the namespace when its stdin closes, as whatever user.
    proc.child.stdin?.destroy();
    proc.stop('SIGTERM', true);
    const killer = setTimeout(() => proc.stop('SIGKILL', true), 2000);
    // A child outside the group may still hold the output pipe open: do not wait for it forever.
    const waited = await Promise.race([
        proc.done.then(() => true, () => true),
        (0,external_node_timers_promises_.setTimeout)(5000)
    ]);
    clearTimeout(killer);
    if (!waited) {
        proc.stop('SIGKILL', true);
        proc.child.stdout?.destroy();
        proc.child.stderr?.destroy();
    }
}
/** The supervisor's spec with a fresh per-run token; it ends all when its stdin closes. */
function sandboxSpec(o) {
    return { ...o, token: `bifrost-build-sandbox-${(0,external_node_crypto_.randomBytes)(8).toString('hex')}`, lifeline: true };
}
/**
 * Writes the spec to `specFile`, starts the supervisor (`command`, a sandbox way's prefix and
 * the supervisor's own command line) with it, and waits until its namespace is ready (it then
 * runs the spec's argv) or it could not be set up (`failure` says why, and nothing of it is
 * left running).
 */
async function startSupervisor(command, spec, specFile, signal, on) {
    await (0,promises_.writeFile)(specFile, JSON.stringify(spec));
    const { token, env, cwd } = spec;
    const argv = [...command, specFile];
    let ready = false;
    const early = [];
    let settle = () => { };
    const result = new Promise(resolve => (settle = resolve));
    const proc = (0,src_proc/* start */.ni)(argv[0], argv.slice(1), {
        cwd,
        env,
        maxBuffer: 64 * 1024,
        stdinLifeline: true,
        signal,
        onLine: line => {
            const e = (0,sandbox_protocol/* parseEventLine */._T)(token, line);
            if (e?.event === 'ready') {
                ready = true;
                return settle({ ok: true });
            }
            if (e?.event === 'setup-failed')
                return settle({ ok: false, why: e.error });
            if (!ready) {
                if (line.trim() && early.length < 20)
                    early.push(line.trim());
                return;
            }
            if (e)
                on.onEvent(e);
            else
                on.onHostLine(line);
        }
    });
    proc.done.then(r => {
        if (!ready)
            settle({
                ok: false,
                why: early.join(' | ') || `exited (${r.signal ? `signal ${r.signal}` : `code ${r.code}`})`
            });
    }, (e) => settle({ ok: false, why: e.message }));
    const timer = setTimeout(() => settle({ ok: false, why: `not ready within ${SETUP_MS / 1000} s` }), SETUP_MS);
    const r = await result;
    clearTimeout(timer);
    if (r.ok)
        return { proc };
    await stopAll(proc);
    return { failure: r.why ?? 'failed' };
}
/**
 * The offline sandbox held open for commands that run inside it rather than as its host (the
 * image test's podman, with `--network host`): the supervisor runs `sleep`, and `prefix`
 * enters its namespaces with nsenter. Only as root: nsenter joins the namespaces of the
 * unshare process we started, which a user namespace or sudo would put out of our reach.
 */
async function holdSandbox(input) {
    const which = input.which ?? ((cmd) => (0,util_which/* which */.K)(cmd));
    const way = sandboxWays(which, input.isRoot).find(w => w.how === 'unshare');
    const nsenter = which('nsenter');
    const sleepBin = which('sleep');
    if (!way || !nsenter || !sleepBin)
        return { reason: `${!way ? 'unshare as root' : 'nsenter'} is not available here` };
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(input.tmpRoot ?? external_node_os_default().tmpdir(), 'bifrost-sandbox-'));
    const spec = sandboxSpec({
        argv: [sleepBin, '86400'],
        cwd: dir,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' },
        port: await (0,sandbox_protocol/* freePort */.ov)(),
        dir: external_node_path_default().join(dir, 'stub')
    });
    const requests = [];
    const attempt = await startSupervisor([...way.prefix, ...input.supervisor], spec, external_node_path_default().join(dir, 'spec.json'), input.signal, {
        onHostLine: () => { },
        onEvent: e => {
            if (e.event === 'request')
                requests.push((0,sandbox_protocol/* requestText */.T9)(e));
        }
    });
    const pid = attempt.proc?.child.pid;
    if (!attempt.proc || !pid) {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        return { reason: attempt.failure ?? 'the supervisor did not start' };
    }
    const proc = attempt.proc;
    return {
        prefix: [nsenter, '--target', String(pid), '--net', '--mount', '--'],
        caFile: external_node_path_default().join(spec.dir, 'ca.pem'),
        requests,
        stop: async () => {
            await stopAll(proc);
            await (0,promises_.rm)(dir, { recursive: true, force: true });
        }
    };
}

// EXTERNAL MODULE: ./src/verify/load-log.ts
var load_log = __webpack_require__(80846);
;// CONCATENATED MODULE: ./src/verify/rule.ts
/** One check; `fix` only where there is something to do (a failing or warning check). */
function check(status, id, subject, message, fix) {
    return fix === undefined
        ? { id, subject, status, message }
        : { id, subject, status, message, fix };
}
const pass = (id, subject, message) => check('pass', id, subject, message);
const fail = (id, subject, message, fix) => check('fail', id, subject, message, fix);
const warn = (id, subject, message, fix) => check('warn', id, subject, message, fix);
/** The name a check gives a file: a plugin by its `.so` file name. */
function fileName(f) {
    return f.kind === 'plugin' && !f.name.endsWith('.so') ? `${f.name}.so` : f.name;
}
/** Whether build info records -trimpath. */
const trimpathOf = (s) => s['-trimpath'] === 'true';

;// CONCATENATED MODULE: ./src/verify/load-verdict.ts


function phrases(o) {
    const { w } = o;
    return {
        fetched: w.requests.length
            ? `host fetched at start-up (served by the offline stub): ${[...new Set(w.requests)].join(', ')}`
            : '',
        where: o.sandboxed ? '' : `; the load test ran ${o.network}`,
        exitText: w.exit
            ? `exited (${w.exit.signal ? `signal ${w.exit.signal}` : `code ${w.exit.code}`})`
            : undefined
    };
}
/** The host's fatal line, or its last lines, quoted once. */
function hostWords(w) {
    if (w.fatal)
        return `"${w.fatal}"`;
    const last = w.log
        .slice(-3)
        .map(l => (0,load_log/* logMessage */.OG)(l).trim())
        .filter(Boolean);
    return last.length ? `last log: ${last.join(' | ')}` : 'no log output';
}
function outcome(o) {
    const { w, names } = o;
    const checks = [];
    const done = (status, message) => ({
        status,
        message,
        checks,
        log: w.log,
        network: o.network,
        requests: w.requests
    });
    if (o.cancelled) {
        const message = 'load test was stopped: the run was cancelled';
        checks.push({ id: 'load.host', subject: o.hostName, status: 'fail', message });
        return done('fail', message);
    }
    const p = phrases(o);
    if (hostFailedAlone(o)) {
        const c = hostFailure(o, p);
        checks.push(c);
        return done('fail', `${c.message}${names.length ? `; its ${names.length} plugin(s) were not tried` : ''}`);
    }
    const serving = w.portOpen && !w.exit;
    const host = hostCheck(o, p, serving);
    checks.push(host);
    if (names.length === 0)
        return done('pass', `host started with no plugins and served${p.where}`);
    // A plugin failed: the host was not waited for, and the others are judged by their status.
    const anyFailed = names.some(n => w.status.get(n)?.ok === false);
    for (const name of names)
        checks.push(pluginCheck(name, o, p, serving || (anyFailed && !w.exit)));
    const failed = checks.filter(c => c.status === 'fail');
    const message = failed.length
        ? `${failed.length} of ${names.length} plugin(s) did not load: ${failed.map(c => `${c.subject}: ${c.message}`).join('; ')}`
        : `all ${names.length} plugin(s) active; ${host.message}`;
    return done(failed.length ? 'fail' : 'pass', message);
}
/** The host failed on its own: it could not start, or ended (or hung) before loading any plugin. */
function hostFailedAlone(o) {
    const { w, names } = o;
    return (Boolean(w.spawnError) ||
        (names.length === 0
            ? !(w.portOpen && !w.exit)
            : w.status.size === 0 && !w.reachedPlugins && Boolean(w.exit || o.isTimeout)));
}
function hostFailure(o, { fetched, where, exitText }) {
    const { w, names } = o;
    const what = w.spawnError
        ? `could not be started: ${w.spawnError}`
        : exitText
            ? `${exitText} ${names.length ? 'before loading any plugin' : 'before it served'}: ${hostWords(w)}`
            : names.length
                ? `did not get to loading plugins within ${o.timeoutSec} s (verify-timeout): ${hostWords(w)}`
                : `did not answer on 127.0.0.1:${o.port} within ${o.timeoutSec} s (verify-timeout): ${hostWords(w)}`;
    return fail('load.host', o.hostName, `host ${what}${fetched ? `; ${fetched}` : ''}${where}`, hostFix(w, o.sandboxed, fetched));
}
/**
 * The host's own row once plugin loading began: a host that stops then is the plugins'
 * failure (see pluginCheck), so its row only says what it did.
 */
function hostCheck(o, { fetched, where, exitText }, serving) {
    const { w, names } = o;
    const message = serving
        ? `host served on 127.0.0.1:${o.port}${names.length ? ' after every plugin was active' : ''}${o.sandboxed ? ', offline' : ''}${fetched ? `; ${fetched}` : ''}${where}`
        : `host not judged on its own once plugins were loading: it ${exitText ? `${exitText}: ${hostWords(w)}` : `was not answering on 127.0.0.1:${o.port}`}${fetched ? `; ${fetched}` : ''}${where}`;
    return { id: 'load.host', subject: o.hostName, status: serving ? 'pass' : 'skip', message };
}
/** One plugin's row; `activeIsEnough` when its active status is the verdict. */
function pluginCheck(name, o, { exitText }, activeIsEnough) {
    const { w } = o;
    const s = w.status.get(name);
    const subject = `${name}.so`;
    if (s?.ok && activeIsEnough)
        return pass('load', subject, s.text);
    if (s && !s.ok)
        return fail('load', subject, `the host logged "${s.text}"`);
    if (s?.ok)
        return fail('load', subject, `${name} reported active, but then the host ${exitText ? `${exitText}: ${hostWords(w)}` : `did not answer on 127.0.0.1:${o.port} within ${o.timeoutSec} s`}`, 'a plugin loaded with it broke the host (took its port, blocked or crashed it); load the plugins one at a time to find which');
    if (exitText)
        return fail('load', subject, `host ${exitText} before ${name} reported its status: ${hostWords(w)}`);
    return fail('load', subject, `no "plugin status: ${name} - active" within ${o.timeoutSec} s (verify-timeout); ${hostWords(w)}`);
}
/** What to do when the host fails before any plugin was involved. */
function hostFix(w, sandboxed, fetched) {
    const text = `${w.fatal ?? ''} ${w.log.slice(-5).join(' ')}`;
    const network = /network is unreachable|no such host|dial tcp|connection refused|i\/o timeout|x509|tls:|Get "https?:/i.test(text);
    if (network && !sandboxed)
        return 'the host needs the network at start-up and this load test had none it could reach; allow the offline stub to run (unprivileged user namespaces, e.g. sysctl kernel.apparmor_restrict_unprivileged_userns=0, or passwordless sudo) or use verify: static until then';
    if (network || fetched)
        return 'the host needed something at start-up that the offline stub (it answers {} to every request) could not provide; run the host by hand with this config to see what it wants, or use verify: static to skip the load test';
    return 'the host fails on its own, with no plugin loaded: run it by hand (-app-dir with a config.json listing no plugins) to see why; the plugins were not tried';
}

;// CONCATENATED MODULE: ./src/verify/load.ts
/**
 * The load test: start the real host with a config.json listing every plugin and watch its
 * log for each plugin's status. This file is the thin layer that owns the process and the temp
 * dir: it starts the host (in the offline sandbox where this machine allows, else with the
 * machine's network), fills a Watch from its log and events, and waits. The decisions live
 * beside it: how the host runs here (load-host.ts), the sandbox's processes
 * (load-sandbox.ts), what a log line means (load-log.ts) and the verdict (load-verdict.ts).
 */










/** Runs the host until every plugin reports and it serves, it exits, or the timeout; always cleans up. */
async function runLoadTest(input) {
    const names = input.plugins.map(p => p.name);
    if (input.signal?.aborted) {
        const message = 'load test cancelled before it started';
        return {
            status: 'fail',
            message,
            checks: [{ id: 'load.host', subject: input.hostName, status: 'fail', message }],
            log: [],
            network: 'not started',
            requests: []
        };
    }
    const appDir = await (0,promises_.mkdtemp)(external_node_path_default().join(input.tmpRoot ?? external_node_os_default().tmpdir(), 'bifrost-verify-'));
    const watcher = watchHost(names, input.plugins.map(p => external_node_path_default().resolve(p.path)), input.settleMs ?? 300);
    let proc;
    try {
        await (0,promises_.writeFile)(external_node_path_default().join(appDir, 'config.json'), configJson(input.plugins));
        const port = await (0,sandbox_protocol/* freePort */.ov)();
        const started = await startHost(input, appDir, port, watcher);
        proc = started.proc;
        const { network } = started;
        const isTimeout = await waitForVerdict(input, proc, network, watcher);
        return outcome({
            hostName: input.hostName,
            names,
            w: watcher.w,
            port,
            network,
            sandboxed: network.startsWith('offline'),
            isTimeout,
            timeoutSec: input.timeoutSec,
            cancelled: Boolean(input.signal?.aborted)
        });
    }
    finally {
        if (proc)
            await stopAll(proc);
        await (0,promises_.rm)(appDir, { recursive: true, force: true });
    }
}
function watchHost(names, paths, settleMs) {
    const w = {
        log: [],
        status: new Map(),
        started: false,
        reachedPlugins: false,
        portOpen: false,
        requests: []
    };
    let finish = () => { };
    const finished = new Promise(resolve => (finish = resolve));
    let settle;
    const check = () => {
        if (w.exit || w.spawnError)
            return finish();
        const reported = names.every(n => w.status.has(n));
        if (reported && names.some(n => !w.status.get(n)?.ok))
            return finish();
        if (reported && w.portOpen && !settle)
            settle = setTimeout(finish, settleMs);
    };
    const onHostLine = (line) => {
        (0,load_log/* keepLine */.Ue)(w.log, line);
        if (!w.reachedPlugins && (paths.some(p => line.includes(p)) || /plugin\.Open/i.test(line)))
            w.reachedPlugins = true;
        const ev = (0,load_log/* parseLogLine */.wz)(line, names);
        if (!ev)
            return;
        if (!(0,load_log/* notePlugin */.yn)(w.status, ev, names)) {
            if (ev.kind === 'started')
                w.started = true;
            else if (ev.kind === 'fatal' && !w.fatal)
                w.fatal = ev.text;
        }
        check();
    };
    const onEvent = (e) => {
        if (e.event === 'request')
            w.requests.push((0,sandbox_protocol/* requestText */.T9)(e));
        else if (e.event === 'port')
            w.portOpen = e.open;
        else if (e.event === 'exit')
            w.exit = { code: e.code, signal: e.signal };
        else if (e.event === 'error')
            w.spawnError = e.error;
        check();
    };
    return { w, finished, finish, check, onHostLine, onEvent, stop: () => clearTimeout(settle) };
}
/**
 * Starts the host in the first sandbox way that works, else with this machine's network;
 * `network` says which, in one phrase for the log and the messages.
 */
async function startHost(input, appDir, port, watcher) {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: appDir, LANG: 'C.UTF-8' };
    const hostArgv = [...input.prefix, ...hostArgs(input.host, appDir, port)];
    const tried = [];
    for (const [i, way] of (input.sandbox?.ways ?? []).entries()) {
        const spec = sandboxSpec({
            argv: hostArgv,
            cwd: appDir,
            env,
            port,
            dir: external_node_path_default().join(appDir, `sandbox-${i}`)
        });
        if (way.prefix[0]?.endsWith('sudo') && process.getuid && process.getgid) {
            spec.uid = process.getuid();
            spec.gid = process.getgid();
        }
        const attempt = await startSupervisor([...way.prefix, ...input.sandbox.supervisor], spec, external_node_path_default().join(appDir, `sandbox-${i}.json`), input.signal, watcher);
        if (attempt.proc)
            return {
                proc: attempt.proc,
                network: `offline, in its own network namespace (${way.how}); every name resolves to 127.0.0.1, where a stub answers {} over HTTP and HTTPS`
            };
        tried.push(`${way.how}: ${attempt.failure}`);
    }
    const why = input.noSandboxReason ?? (tried.length ? tried.join('; ') : 'no unshare');
    const network = `with this machine's network, no offline stub (${why})`;
    const proc = (0,src_proc/* start */.ni)(hostArgv[0], hostArgv.slice(1), {
        cwd: appDir,
        env,
        onLine: watcher.onHostLine,
        maxBuffer: 64 * 1024,
        signal: input.signal
    });
    // 'exit', not the end of its output: a child the host left may hold that open.
    proc.child.once('exit', (code, sig) => watcher.onEvent({ event: 'exit', code, signal: sig }));
    proc.done.catch((e) => watcher.onEvent({ event: 'error', error: e.message }));
    const { w } = watcher;
    void probeFromHere(port, () => Boolean(w.exit || w.spawnError), open => {
        w.portOpen = open;
        watcher.check();
    });
    return { proc, network };
}
/** Waits for the verdict, the run's end or the timeout; true when the timeout came first. */
async function waitForVerdict(input, running, network, watcher) {
    const { w, finish } = watcher;
    input.signal?.addEventListener('abort', () => finish(), { once: true });
    // A supervisor that ends without reporting the host's exit (it crashed, or was killed).
    running.done.then(r => {
        if (!w.exit && !w.spawnError && network.startsWith('offline'))
            w.spawnError = `the sandbox supervisor ended (${r.signal ? `signal ${r.signal}` : `code ${r.code}`}) without the host's exit status`;
        finish();
    }, () => finish());
    let timer;
    const timedOut = new Promise(resolve => {
        timer = setTimeout(() => resolve(true), input.timeoutSec * 1000);
    });
    const isTimeout = await Promise.race([watcher.finished.then(() => false), timedOut]);
    clearTimeout(timer);
    watcher.stop();
    // A plugin that crashes the host right after reporting still fails: give it a moment.
    if (!isTimeout && !w.exit && input.plugins.length > 0)
        await (0,external_node_timers_promises_.setTimeout)(300);
    return isTimeout;
}
/** Without the supervisor: probe the host's port from here until `done()`. */
async function probeFromHere(port, done, changed) {
    let open = false;
    while (!done()) {
        const now = await (0,sandbox_protocol/* portAnswers */.fH)(port, 500);
        if (now !== open && !done()) {
            open = now;
            changed(open);
        }
        await (0,external_node_timers_promises_.setTimeout)(200);
    }
}

// EXTERNAL MODULE: ./src/lib/buildinfo.ts + 1 modules
var buildinfo = __webpack_require__(11134);
// EXTERNAL MODULE: ./src/lib/host-reference.ts
var host_reference = __webpack_require__(40449);
;// CONCATENATED MODULE: ./src/verify/rules-elf.ts



const ET_EXEC = 2;
const ET_DYN = 3;
function expectedLoader(libc, arch) {
    return (0,targets/* targetSpec */.nA)(arch).loaders[libc];
}
/**
 * DT_NEEDED names that mean "this libc". Alpine's toolchain writes `libc.musl-<arch>.so.1`;
 * Debian's musl-gcc writes plain `libc.so` (measured): both are musl.
 */
function libcSonames(libc, arch) {
    return libc === 'glibc' ? ['libc.so.6'] : (0,targets/* targetSpec */.nA)(arch).muslSonames;
}
/** Class, machine and type of one file against the target. */
function elfChecks(f, exp) {
    const s = fileName(f);
    const arch = exp.target.arch;
    return [
        f.elf.elfClass === 64
            ? pass('elf.class', s, 'ELF64')
            : fail('elf.class', s, `ELF${f.elf.elfClass}, but linux/${arch} needs ELF64: dlopen fails with "wrong ELF class: ELFCLASS32"`, `build for GOARCH=${arch}`),
        f.elf.machineName === arch
            ? pass('elf.machine', s, `machine ${arch} = target`)
            : fail('elf.machine', s, `machine is ${f.elf.machineName}, target is ${arch}: ` +
                (f.kind === 'host'
                    ? `the binary does not run on linux/${arch} ("exec format error")`
                    : `dlopen fails with "cannot open shared object file: No such file or directory" (glibc's misleading text for a foreign machine; the dynamic-build guide quotes "plugin was built with a different version of package internal/cpu")`), `build with GOARCH=${arch} and a ${arch} C compiler`),
        f.kind === 'plugin' ? pluginTypeCheck(f, s) : hostTypeCheck(f, s)
    ];
}
function pluginTypeCheck(f, s) {
    if (f.elf.type === ET_DYN && !f.elf.interp)
        return pass('elf.type', s, 'shared object (ET_DYN)');
    const what = f.elf.type === ET_EXEC
        ? 'an executable (ET_EXEC)'
        : f.elf.interp
            ? 'a position-independent executable'
            : `ELF type ${f.elf.type}`;
    return fail('elf.type', s, `${what}, not a shared object: plugin.Open fails with "cannot dynamically load executable"`, 'build the plugin with -buildmode=plugin');
}
function hostTypeCheck(f, s) {
    return f.elf.type === ET_EXEC || (f.elf.type === ET_DYN && (f.elf.pie || !!f.elf.interp))
        ? pass('elf.type', s, f.elf.type === ET_EXEC ? 'executable (ET_EXEC)' : 'PIE executable')
        : fail('elf.type', s, `ELF type ${f.elf.type} is not an executable: the host must be the bifrost-http program`, 'pass the bifrost-http binary as the host');
}
/** Static/dynamic linkage of the host, and the libc its loader and DT_NEEDED name. */
function hostLinkageChecks(host, exp, pluginCount) {
    if (exp.mode === 'static')
        return staticLinkageChecks(host, pluginCount);
    const s = fileName(host);
    const out = [interpCheck(host, exp, pluginCount)];
    if (host.elf.interp) {
        const wanted = libcSonames(exp.libc, exp.target.arch);
        const found = host.elf.needed.find(n => wanted.includes(n));
        out.push(found
            ? pass('linkage.libc', s, `DT_NEEDED ${host.elf.needed.join(', ')}`)
            : fail('linkage.libc', s, `DT_NEEDED is [${host.elf.needed.join(', ') || 'none'}], expected ${wanted.join(' or ')} for ${exp.libc}: "error while loading shared libraries: ${host.elf.needed[0] ?? wanted[0]}: cannot open shared object file" on a ${exp.libc} system`, `build with the ${exp.libc} C compiler`));
    }
    return out;
}
/** mode static: the host must link nothing at run time, and then it cannot load plugins. */
function staticLinkageChecks(host, pluginCount) {
    const s = fileName(host);
    const problems = [];
    if (host.elf.interp)
        problems.push(`PT_INTERP ${host.elf.interp}`);
    if (host.elf.needed.length)
        problems.push(`DT_NEEDED ${host.elf.needed.join(', ')}`);
    const out = [
        problems.length === 0
            ? pass('linkage.static', s, 'statically linked (no PT_INTERP, no DT_NEEDED)')
            : fail('linkage.static', s, `mode static, but the host is dynamically linked (${problems.join('; ')}): it needs those libraries at run time ("error while loading shared libraries")`, `link with -extldflags '-static', or use mode: dynamic`)
    ];
    if (pluginCount > 0)
        out.push(fail('linkage.plugins', s, `a statically linked host cannot load plugins: loading crashes it with "fatal error: runtime: no plugin module data"`, 'build with mode: dynamic'));
    return out;
}
/** mode dynamic: the host's PT_INTERP is the target libc's loader. */
function interpCheck(host, exp, pluginCount) {
    const s = fileName(host);
    const { arch } = exp.target;
    const loader = expectedLoader(exp.libc, arch);
    if (!host.elf.interp)
        return fail('linkage.interp', s, `mode dynamic, but the host is statically linked (no PT_INTERP)${pluginCount ? ': loading a plugin crashes it with "fatal error: runtime: no plugin module data"' : ' and cannot load plugins'}`, `build without -extldflags '-static' (mode: dynamic)`);
    if (host.elf.interp === loader)
        return pass('linkage.interp', s, `PT_INTERP ${loader}`);
    const other = libcFamilyOfLoader(host.elf.interp);
    return fail('linkage.interp', s, `loader is ${host.elf.interp}, expected ${loader} for ${exp.libc} on ${arch}${other && other !== exp.libc ? ` (the host was built against ${other})` : ''}: on a ${exp.libc} system it fails with "no such file or directory" before main`, `build with the ${exp.libc} C compiler, or set libc: ${other ?? exp.libc}`);
}
function libcFamilyOfLoader(interp) {
    if (interp.includes('ld-musl-'))
        return 'musl';
    if (interp.includes('ld-linux'))
        return 'glibc';
    return undefined;
}
/** A plugin against its host: same machine, same libc family. */
function pluginLinkChecks(host, plugin, exp) {
    const s = fileName(plugin);
    return [
        plugin.elf.machine !== host.elf.machine
            ? fail('plugin.machine', s, `plugin is ${plugin.elf.machineName}, host is ${host.elf.machineName}: plugin.Open fails with "cannot open shared object file: No such file or directory"`, `build the plugin with GOARCH=${host.elf.machineName}`)
            : pass('plugin.machine', s, `same machine as the host (${host.elf.machineName})`),
        pluginLibcCheck(host, plugin, exp)
    ];
}
function pluginLibcCheck(host, plugin, exp) {
    const s = fileName(plugin);
    const hostLibc = exp.mode === 'static' ? undefined : ((0,elf/* libcFamily */.jx)(host.elf) ?? exp.libc);
    const pluginLibc = (0,elf/* libcFamily */.jx)(plugin.elf);
    const want = hostLibc ?? exp.libc;
    if (pluginLibc === want)
        return pass('plugin.libc', s, `${pluginLibc}, like the host`);
    if (pluginLibc === undefined)
        return fail('plugin.libc', s, `plugin links no libc (DT_NEEDED [${plugin.elf.needed.join(', ')}]); a Go plugin needs the host's ${want}`, `build it with CGO_ENABLED=1 and the ${want} C compiler`);
    const { multiarch, muslSonames } = (0,targets/* targetSpec */.nA)(exp.target.arch);
    const effect = want === 'glibc'
        ? plugin.elf.needed.includes('libc.so')
            ? `plugin.Open fails with "/lib/${multiarch}/libc.so: invalid ELF header" (its DT_NEEDED libc.so finds glibc's linker script)`
            : `plugin.Open fails with "${plugin.elf.needed.find(n => n.startsWith('libc.musl')) ?? muslSonames[0]}: cannot open shared object file"`
        : `it may even load (measured: it does), but two C libraries in one process corrupt memory and threads at run time`;
    return fail('plugin.libc', s, `plugin is linked against ${pluginLibc} (DT_NEEDED ${plugin.elf.needed.join(', ')}), the host against ${want}: ${effect}`, `build the plugin with the ${want} C compiler (${want === 'musl' ? 'musl-gcc' : 'gcc'}), like the host`);
}

;// CONCATENATED MODULE: ./src/verify/rules-glibc.ts


/** The newest GLIBC_x.y over every file; an error past glibc-max. */
function glibcFloorCheck(files, glibcMax) {
    const perFile = {};
    let floor;
    let worst = '';
    for (const f of files) {
        const v = (0,elf/* glibcFloor */.uq)(f.elf.versionNeeds);
        perFile[f.name] = v;
        if (v && (floor === undefined || (0,elf/* compareVersions */.Zy)(v, floor) > 0)) {
            floor = v;
            worst = fileName(f);
        }
    }
    if (!floor)
        return {
            perFile,
            check: pass('glibc.floor', 'all', 'no GLIBC_ version needs (musl or static)')
        };
    if (glibcMax && (0,elf/* compareVersions */.Zy)(floor, glibcMax) > 0)
        return {
            floor,
            perFile,
            check: fail('glibc.floor', 'all', `${worst} needs GLIBC_${floor}, newer than glibc-max ${glibcMax}: on such a system it fails with "version \`GLIBC_${floor}' not found"`, `build on (or with a sysroot of) glibc ${glibcMax}, or raise glibc-max`)
        };
    return {
        floor,
        perFile,
        check: pass('glibc.floor', 'all', `needs glibc >= ${floor} (newest GLIBC_${floor}, from ${worst})${glibcMax ? `, within glibc-max ${glibcMax}` : ''}`)
    };
}

// EXTERNAL MODULE: ./src/util/arch-level.ts
var arch_level = __webpack_require__(20189);
;// CONCATENATED MODULE: ./src/verify/rules-modules.ts
/**
 * The module rules: every Go module host and plugin share must come from the same source as
 * the Go plugin loader judges it (version, sum, replacement, and under -trimpath the version
 * label). Kept apart from the build-setting rules because judging a directory replacement
 * needs each side's module root and its own vocabulary (labels, workspaces, directories).
 */


function describeModule(m) {
    const base = `${m.version || '(no version)'}${m.sum ? ` ${m.sum}` : ''}`;
    if (!m.replace)
        return base;
    const r = m.replace;
    return `${base} => ${r.path}${r.version ? ` ${r.version}` : ''}${r.sum ? ` ${r.sum}` : ''}`;
}
function sameModule(a, b) {
    return describeModule(a) === describeModule(b);
}
/** The modules the plugin links that the host links too, with each side's record. */
function sharedModules(h, p) {
    const hostMods = new Map();
    for (const m of h.deps)
        hostMods.set(m.path, m);
    // The host's own main module (e.g. bifrost's transports) counts too when a plugin depends on it.
    if (h.main)
        hostMods.set(h.main.path, h.main);
    const out = [];
    for (const m of p.deps) {
        const hm = hostMods.get(m.path);
        if (hm)
            out.push({ host: hm, plugin: m });
    }
    return out;
}
/** `(devel)` or no version: a main or workspace module, built from a directory. */
const isDevel = (v) => !v || v === '(devel)';
/** The directory a module is replaced by (`=> ../core`), not another module version. */
function localReplace(m) {
    return m.replace && isDevel(m.replace.version) ? m.replace.path : undefined;
}
/** A replacement directory made absolute from the side's own root; undefined when unknowable. */
function replaceDir(dir, root) {
    if (external_node_path_default().isAbsolute(dir))
        return external_node_path_default().normalize(dir);
    return root ? external_node_path_default().resolve(root, dir) : undefined;
}
/** Where a module's source comes from, as the loader sees it: a version label and maybe a directory. */
function sourceOf(m, root) {
    const local = localReplace(m);
    if (local !== undefined)
        return { label: m.version, dir: replaceDir(local, root), local: true, workspace: false };
    return {
        label: m.version || '(devel)',
        local: false,
        workspace: !m.replace && isDevel(m.version)
    };
}
const refused = (mod) => `loading fails with "plugin was built with a different version of package ${mod}" (or another package of that module)`;
/**
 * Every module host and plugin share, as the Go plugin loader judges it. A directory
 * replacement is resolved from each side's own root (`../core` from transports/ and
 * `../../../core` from examples/plugins/x/ are one directory: the same source). With
 * -trimpath every file is named `<module>@<version label>/...`, so the same source under two
 * labels (v1.4.15 and v0.0.0-00010101000000-000000000000, or a workspace's `(devel)`) still makes
 * "plugin was built with a different version of package"; without -trimpath files are named by
 * directory and the label does not matter. What cannot be known (verify-only has no roots) is a
 * warning: the load test decides.
 */
function moduleChecks(h, p, subject, roots = {}) {
    const shared = sharedModules(h, p);
    const ctx = {
        h,
        subject,
        trimpath: trimpathOf(h.settings) && trimpathOf(p.settings),
        roots
    };
    const out = [];
    for (const pair of shared) {
        const c = judgeModule(pair, ctx);
        if (c)
            out.push(c);
    }
    if (!out.some(c => c.status === 'fail'))
        out.unshift(pass('buildinfo.modules', subject, shared.length
            ? `${shared.length} shared module(s) at the host's version, sum and replacement: ${shared.map(x => `${x.host.path}@${x.host.version || '(devel)'}`).join(', ')}`
            : 'shares no module with the host'));
    return out;
}
/** One shared module: undefined when it is the same source, else a failure or a warning. */
function judgeModule({ host, plugin }, ctx) {
    const { roots, subject } = ctx;
    if (sameModule(host, plugin) && !(localReplace(host) !== undefined && roots.host && roots.plugin))
        return undefined;
    if (ctx.h.main?.path === host.path && isDevel(host.version)) {
        if (isDevel(plugin.version) && !plugin.replace)
            return undefined; // one workspace, both (devel)
        return warn('buildinfo.module', subject, `module ${host.path}: the host is built from its checkout (${host.version || 'no version'}), the plugin requires ${describeModule(plugin)}: the versions cannot be compared; if the source differs, ${refused(host.path)}`, `build the plugin in the host's workspace (go-work: local), or against the same checkout (replace directive)`);
    }
    const hs = sourceOf(host, roots.host);
    const ps = sourceOf(plugin, roots.plugin);
    if ((hs.local || hs.workspace) && (ps.local || ps.workspace))
        return directoryModule({ host, plugin }, hs, ps, ctx);
    if (sameModule(host, plugin))
        return undefined;
    const fix = host.replace && !plugin.replace
        ? `add the host's replace (${host.path} => ${host.replace.path}${host.replace.version ? ` ${host.replace.version}` : ''}) to the plugin's go.mod`
        : `require ${host.path} ${host.version} in the plugin's go.mod${plugin.replace ? ` and drop its replace` : ''} (go get ${host.path}@${host.version}), or use align-modules: fix`;
    return fail('buildinfo.module', subject, `module ${host.path} differs: host ${describeModule(host)}, plugin ${describeModule(plugin)}: ${refused(host.path)}`, fix);
}
/** Both sides build the module from a directory (a replace or a workspace). */
function directoryModule({ host, plugin }, hs, ps, ctx) {
    const both = `host ${describeModule(host)}${hs.dir && hs.dir !== host.replace?.path ? ` (${hs.dir})` : ''}, plugin ${describeModule(plugin)}${ps.dir && ps.dir !== plugin.replace?.path ? ` (${ps.dir})` : ''}`;
    const sameDir = hs.dir !== undefined && hs.dir === ps.dir;
    const dirsKnown = hs.dir !== undefined && ps.dir !== undefined;
    if (hs.label !== ps.label && ctx.trimpath) {
        const relabel = hs.workspace || ps.workspace
            ? ''
            : `, or give the plugin the host's label: go mod edit -require=${host.path}@${host.version} in the plugin's module (its replace stays)${dirsKnown && !sameDir ? ` and replace it by the host's directory ${hs.dir}` : ''}`;
        return fail('buildinfo.module', ctx.subject, `module ${host.path} has another version label: host ${hs.label}, plugin ${ps.label} (${both}): -trimpath names every file ${host.path}@<label>, so even the same source gives other packages and ${refused(host.path)}`, `build host and plugins in one Go workspace (go-work: local)${relabel}`);
    }
    if (sameDir)
        return undefined;
    if (hs.workspace && ps.workspace)
        return undefined;
    return dirsKnown
        ? warn('buildinfo.module', ctx.subject, `module ${host.path} comes from two directories: ${both}: it loads only if their source is identical; otherwise ${refused(host.path)}; the load test decides`, `replace it by the host's directory ${hs.dir}, or use go-work: local`)
        : warn('buildinfo.module', ctx.subject, `module ${host.path} comes from directories (${both}) that are relative to each binary's own module root, which its build info does not record: whether they are the same source cannot be known here; the load test decides (a build run compares them). If they differ, ${refused(host.path)}`);
}

;// CONCATENATED MODULE: ./src/verify/rules-buildinfo.ts




function tagsOf(settings) {
    return (settings['-tags'] ?? '')
        .split(/[,\s]+/)
        .filter(Boolean)
        .sort();
}
/** A file whose build info could not be read: why, what that means, and the fix. */
function noBuildInfo(f, meaning, fix) {
    const why = f.buildInfoError ?? 'unknown reason';
    return fail('buildinfo.read', fileName(f), `no Go build info (${why}): ${meaning}`, fix);
}
/** Build settings the host itself must have to load plugins at all. */
function hostBuildInfoChecks(host, exp) {
    const s = fileName(host);
    if (!host.buildInfo)
        return [
            noBuildInfo(host, 'not a Go binary, or built without module support', 'pass the bifrost-http built by go build')
        ];
    const bi = host.buildInfo.settings;
    const out = [
        pass('buildinfo.read', s, `${host.buildInfo.goVersion}, ${host.buildInfo.path}`)
    ];
    const goos = bi.GOOS ?? '';
    const goarch = bi.GOARCH ?? '';
    out.push(goos === 'linux' && goarch === exp.target.arch
        ? pass('buildinfo.target', s, `GOOS/GOARCH ${goos}/${goarch}`)
        : fail('buildinfo.target', s, `built for ${goos}/${goarch}, target is linux/${exp.target.arch}`, `build with GOOS=linux GOARCH=${exp.target.arch}`));
    if (exp.mode === 'dynamic') {
        out.push(bi.CGO_ENABLED === '1'
            ? pass('buildinfo.cgo', s, 'CGO_ENABLED=1')
            : fail('buildinfo.cgo', s, `host built with CGO_ENABLED=${bi.CGO_ENABLED ?? '(unset)'}: plugin.Open fails with "plugin: not implemented"`, `build with CGO_ENABLED=1 and a C compiler`));
        const mode = bi['-buildmode'] ?? 'exe';
        out.push(mode === 'exe' || mode === 'pie'
            ? pass('buildinfo.buildmode', s, `-buildmode=${mode}`)
            : fail('buildinfo.buildmode', s, `host built with -buildmode=${mode}: it is not a program that can load plugins`, `build bifrost-http with the default -buildmode`));
    }
    return out;
}
const levelOf = (bi, name) => bi.settings[name] ?? arch_level/* ARCH_LEVEL_DEFAULT */.G7[name];
const tagList = (bi) => `[${tagsOf(bi.settings).join(',')}]`;
/** Settings that change how the runtime and every shared package compile. */
const FLAG_KEYS = ['GOEXPERIMENT', '-race', '-msan', '-asan', '-gcflags', '-asmflags'];
const flagDiffs = (h, p) => FLAG_KEYS.filter(k => (h.settings[k] ?? '') !== (p.settings[k] ?? ''));
const flagValues = (bi, keys) => keys.map(k => `${k}=${bi.settings[k] ?? ''}`).join(' ');
const targetSetting = (key) => ({
    kind: 'shared',
    id: `buildinfo.${key.toLowerCase()}`,
    values: (h, p) => ({ host: h.settings[key], plugin: p.settings[key] }),
    setting: key,
    pass: hv => `${key} ${hv}`,
    effect: () => `the loader cannot open it ("cannot open shared object file", or "plugin was built with a different version of package internal/cpu")`,
    fix: hv => `build the plugin with ${key}=${hv}`
});
const levelSetting = (arch) => {
    const name = arch_level/* ARCH_LEVEL_NAME */.SD[arch];
    return {
        kind: 'shared',
        id: `buildinfo.${name.toLowerCase()}`,
        values: (h, p) => h.settings.GOARCH === arch ? { host: levelOf(h, name), plugin: levelOf(p, name) } : undefined,
        setting: name,
        pass: hv => `${name} ${hv}`,
        effect: ({ plugin }) => `the loader does not check this, but code compiled for ${plugin} may die with SIGILL on CPUs the host supports, and any package whose code differs fails with "plugin was built with a different version of package ..."`,
        fix: hv => `build both with the same ${name} (${hv})`
    };
};
/**
 * What the Go plugin loader needs of a plugin's build settings, in report order: the settings
 * it must share with the host, and those it must have on its own. docs/checks.md lists them.
 */
const PLUGIN_SETTINGS = [
    {
        kind: 'shared',
        id: 'buildinfo.go-version',
        values: (h, p) => ({ host: h.goVersion, plugin: p.goVersion }),
        setting: 'Go version',
        pass: hv => `same Go ${hv}`,
        effect: () => `loading crashes the host with "fatal error: runtime: no plugin module data" or fails with "plugin was built with a different version of package runtime/internal/sys"`,
        fix: hv => `build the plugin with ${hv} (go-version: ${hv?.replace(/^go/, '')})`
    },
    targetSetting('GOOS'),
    targetSetting('GOARCH'),
    ...targets/* TARGETS */.dW.map(t => levelSetting(t.arch)),
    {
        kind: 'shared',
        id: 'buildinfo.trimpath',
        values: (h, p) => ({
            host: String(trimpathOf(h.settings)),
            plugin: String(trimpathOf(p.settings))
        }),
        setting: '-trimpath',
        pass: hv => `-trimpath ${hv}`,
        effect: (_, firstPkg) => `every package compiles with other file paths, so loading fails with "plugin was built with a different version of package ${firstPkg}"`,
        fix: hv => `build both ${hv === 'true' ? 'with' : 'without'} -trimpath (trimpath: ${hv})`
    },
    {
        kind: 'plugin',
        id: 'buildinfo.cgo',
        ok: ps => ps.CGO_ENABLED === '1',
        pass: 'CGO_ENABLED=1',
        fail: ps => `plugin built with CGO_ENABLED=${ps.CGO_ENABLED ?? '(unset)'}: -buildmode=plugin needs cgo`,
        fix: "build with CGO_ENABLED=1 and the host's C compiler"
    },
    {
        kind: 'plugin',
        id: 'buildinfo.buildmode',
        ok: ps => ps['-buildmode'] === 'plugin',
        pass: '-buildmode=plugin',
        fail: ps => `built with -buildmode=${ps['-buildmode'] ?? 'exe'}, not plugin: plugin.Open fails ("cannot dynamically load executable" or "plugin was built with a different version of package ...")`,
        fix: 'go build -buildmode=plugin'
    },
    {
        kind: 'shared',
        id: 'buildinfo.tags',
        values: (h, p) => ({ host: tagList(h), plugin: tagList(p) }),
        setting: 'build tags',
        pass: hv => `tags ${hv}`,
        effect: (_, firstPkg) => `any shared package whose files depend on these tags is compiled differently, and loading then fails with "plugin was built with a different version of package ${firstPkg}" (or another such package)`,
        fix: () => `build both with the same tags`
    },
    {
        kind: 'shared',
        id: 'buildinfo.flags',
        values: (h, p) => {
            const keys = flagDiffs(h, p);
            return { host: flagValues(h, keys), plugin: flagValues(p, keys) };
        },
        setting: (h, p) => flagDiffs(h, p).join(', '),
        pass: () => 'same GOEXPERIMENT, -race/-msan/-asan, -gcflags',
        effect: () => `the runtime and shared packages compile differently: "plugin was built with a different version of package runtime/..."`,
        fix: () => `build both with the same flags`
    }
];
/**
 * Host against one plugin: the same Go, target, flags, and every shared module at the same
 * version, sum and replacement. One failing check per difference.
 */
function pluginBuildInfoChecks(host, plugin) {
    const s = fileName(plugin);
    if (!plugin.buildInfo)
        return [noBuildInfo(plugin, 'not a Go plugin', 'build it with go build -buildmode=plugin')];
    if (!host.buildInfo)
        return []; // the host's own check already failed
    const h = host.buildInfo;
    const p = plugin.buildInfo;
    const shared = sharedModules(h, p);
    const firstPkg = shared.length ? shared[0].host.path : 'runtime/internal/sys';
    const out = [];
    for (const rule of PLUGIN_SETTINGS) {
        if (rule.kind === 'plugin') {
            out.push(rule.ok(p.settings)
                ? pass(rule.id, s, rule.pass)
                : fail(rule.id, s, rule.fail(p.settings), rule.fix));
            continue;
        }
        const pair = rule.values(h, p);
        if (!pair)
            continue;
        if (pair.host === pair.plugin) {
            out.push(pass(rule.id, s, rule.pass(pair.host)));
            continue;
        }
        const setting = typeof rule.setting === 'string' ? rule.setting : rule.setting(h, p);
        out.push(fail(rule.id, s, `${setting} differs: host ${pair.host ?? '(unset)'}, plugin ${pair.plugin ?? '(unset)'}: ${rule.effect(pair, firstPkg)}`, rule.fix(pair.host)));
    }
    out.push(...moduleChecks(h, p, s, { host: host.moduleDir, plugin: plugin.moduleDir }));
    return out;
}

;// CONCATENATED MODULE: ./src/verify/rules.ts



/** All static checks over already-read facts, in report order. */
function staticChecks(host, plugins, exp) {
    const checks = [];
    checks.push(...elfChecks(host, exp));
    checks.push(...hostLinkageChecks(host, exp, plugins.length));
    checks.push(...hostBuildInfoChecks(host, exp));
    for (const p of plugins) {
        const elf = elfChecks(p, exp);
        const machineFailed = elf.some(c => c.id === 'elf.machine' && c.status === 'fail');
        checks.push(...elf);
        // A plugin for the wrong machine is one problem, not two lines.
        checks.push(...pluginLinkChecks(host, p, exp).filter(c => !(machineFailed && c.id === 'plugin.machine')));
        checks.push(...pluginBuildInfoChecks(host, p));
    }
    const floor = glibcFloorCheck([host, ...plugins], exp.glibcMax);
    checks.push(floor.check);
    return { checks, glibcFloor: floor.floor, perFileFloor: floor.perFile };
}

;// CONCATENATED MODULE: ./src/verify/index.ts
/** Stage 5: static checks (ELF, libc, glibc floor, Go build info) and the load test. */












const ICON = {
    pass: 'pass',
    fail: 'FAIL',
    warn: 'warn',
    skip: 'skip'
};
function formatCheck(c) {
    return `${ICON[c.status]}  ${c.id}  ${c.subject}: ${(0,errors/* withFix */.Yt)(c)}`;
}
async function verify(input) {
    if (input.level === 'off')
        return verifyOff(input);
    const ref = input.hostReference;
    const entries = [
        ...(ref ? [] : [{ name: external_node_path_default().basename(input.host), path: input.host, kind: 'host' }]),
        ...input.plugins.map(p => ({ name: p.name, path: p.path, kind: 'plugin' }))
    ];
    const read = await readFiles(input, entries);
    if ('unreadable' in read)
        return read.unreadable;
    const files = read.files;
    const [host, ...plugins] = files;
    const result = staticChecks(host, plugins, {
        mode: input.mode,
        libc: input.libc,
        target: input.target,
        glibcMax: input.glibcMax
    });
    const checks = [...result.checks];
    if (ref)
        checks.unshift(referenceCheck(input, host));
    const load = await loadTestOf(input, host);
    checks.push(...load.checks);
    // One line per check; a failure becomes one ::error line through failIfNotOk.
    for (const c of checks)
        input.reporter.info(formatCheck(c));
    if (result.glibcFloor)
        input.reporter.info(`glibc floor: ${result.glibcFloor}`);
    return {
        ok: !checks.some(c => c.status === 'fail'),
        checks,
        files: files.map((f, i) => fileFacts(f, ref ? (i === 0 ? input.host : entries[i - 1].path) : entries[i].path)),
        glibcFloor: result.glibcFloor,
        ...(ref ? {} : builtHostFacts(host)),
        loadTest: load.loadTest
    };
}
/** verify: off checks nothing, and says so. */
async function verifyOff(input) {
    const check = {
        id: 'verify',
        subject: 'all',
        status: 'skip',
        message: 'verify: off, nothing was checked'
    };
    input.reporter.notice('verify is off: the host and plugins were not checked');
    return { ok: true, checks: [check], files: [], ...(await hostFactsWhenOff(input)) };
}
/**
 * The ELF facts and build info of every file, the manifest's host first when there is one;
 * or, when a file cannot be read as ELF, the failed report that names each such file.
 */
async function readFiles(input, entries) {
    const read = await Promise.all(entries.map(async (e) => {
        try {
            return { ...e, elf: await (0,elf/* readElf */.oU)(e.path) };
        }
        catch (err) {
            const why = err instanceof elf/* ElfError */.QH ? err.message : describeFsError(err);
            return { ...e, error: why };
        }
    }));
    const unreadable = read.filter(r => 'error' in r);
    if (unreadable.length) {
        const checks = unreadable.map((r) => ({
            id: 'elf.read',
            subject: r.kind === 'plugin' ? `${r.name}.so` : r.name,
            status: 'fail',
            message: `${r.path} ${'error' in r ? r.error : ''}`,
            fix: `pass the ${r.kind === 'host' ? 'bifrost-http binary' : 'plugin .so file'} built for linux/${input.target.arch}`
        }));
        for (const c of checks)
            input.reporter.info(formatCheck(c));
        return { unreadable: { ok: false, checks, files: [] } };
    }
    const infos = await readBuildInfos(read.map(r => r.path));
    const files = read.map((r, i) => ({
        name: r.name,
        kind: r.kind,
        elf: r.elf,
        ...infos[i],
        moduleDir: r.kind === 'host' ? input.moduleRoots?.host : input.moduleRoots?.plugins[r.name]
    }));
    if (input.hostReference)
        files.unshift((0,host_reference/* referenceHost */._8)(input.hostReference));
    return { files };
}
/** verify-only from a manifest: the host's facts came from it, and the report says so. */
function referenceCheck(input, host) {
    const ref = input.hostReference;
    return {
        id: 'reference',
        subject: host.name,
        status: 'pass',
        message: `host facts from the manifest ${input.host} (${host.name} sha256 ${ref.host.sha256.slice(0, 16)}, ${ref.host.buildInfo.goVersion}, ${ref.mode} ${ref.libc} ${ref.target})`
    };
}
/** The load test, or why it was not run: its checks and the report's loadTest. */
async function loadTestOf(input, host) {
    const { reporter } = input;
    const skipped = (message, notice = true) => {
        if (notice)
            reporter.notice(message);
        return {
            checks: [{ id: 'load', subject: host.name, status: 'skip', message }],
            loadTest: { status: 'skip', message }
        };
    };
    if (input.hostReference && input.level !== 'static')
        return skipped('load test skipped: it needs the host binary (host-binary), and only its manifest was given; the static checks ran against the manifest');
    if (input.level === 'static')
        return skipped('load test not run (verify: static; use verify: full or --load)', false);
    const runner = loadTestRunner({
        hostMachine: host.elf.machineName,
        interp: host.elf.interp,
        machineArch: (0,platform.machineArch)(),
        sysroot: input.sysroot,
        exists: external_node_fs_.existsSync,
        which: cmd => (0,util_which/* which */.K)(cmd)
    });
    if (!runner.run)
        return skipped(`load test skipped: ${runner.reason}; only the static checks ran`);
    const supervisor = bundledSupervisor();
    reporter.info(`load test: starting ${host.name} ${runner.how}`);
    const out = await runLoadTest({
        host: input.host,
        hostName: host.name,
        plugins: input.plugins,
        prefix: runner.prefix,
        timeoutSec: input.timeoutSec,
        signal: input.signal,
        sandbox: supervisor
            ? { ways: sandboxWays(), supervisor: [process.execPath, supervisor] }
            : undefined,
        noSandboxReason: supervisor
            ? undefined
            : 'the sandbox supervisor sandbox.js is not beside the bundle'
    });
    reporter.info(`load test: the host ran ${out.network}`);
    if (out.requests.length)
        reporter.info(`load test: host fetched at start-up (served by the offline stub): ${[...new Set(out.requests)].join(', ')}`);
    return {
        checks: out.checks,
        loadTest: { status: out.status, message: out.message, log: out.log }
    };
}
function builtHostFacts(host) {
    if (host.buildInfo)
        return { hostFacts: (0,host_reference/* hostFactsOf */.bY)(host.elf, host.buildInfo) };
    return { hostFactsError: host.buildInfoError ?? 'no Go build info' };
}
/** Nothing is checked at level off, but the manifest still records the host it read. */
async function hostFactsWhenOff(input) {
    if (input.hostReference)
        return {};
    return (0,host_reference/* readHostFacts */.ah)(input.host).then(hostFacts => ({ hostFacts }), (e) => ({ hostFactsError: e.message }));
}
function fileFacts(f, filePath) {
    return {
        name: f.kind === 'plugin' ? `${f.name}.so` : f.name,
        path: /^[a-z][a-z0-9+.-]*:\/\//i.test(filePath) ? filePath : external_node_path_default().resolve(filePath),
        kind: f.kind,
        size: f.elf.size,
        elfClass: f.elf.elfClass,
        machine: f.elf.machineName,
        elfType: f.elf.type === 2 ? 'exec' : f.elf.type === 3 ? 'dyn' : 'other',
        interp: f.elf.interp,
        needed: f.elf.needed,
        soname: f.elf.soname,
        linkage: f.elf.interp || f.elf.needed.length ? 'dynamic' : 'static',
        libc: (0,elf/* libcFamily */.jx)(f.elf),
        glibcFloor: (0,elf/* glibcFloor */.uq)(f.elf.versionNeeds),
        goVersion: f.buildInfo?.goVersion,
        buildSettings: f.buildInfo?.settings
    };
}
/** Build info of every file, read from the file itself (no go command). */
function readBuildInfos(files) {
    return Promise.all(files.map(f => (0,buildinfo/* readBuildInfo */.ro)(f).then(buildInfo => ({ buildInfo }), (e) => ({
        buildInfoError: e instanceof buildinfo/* BuildInfoError */.Xg ? e.reason : e.message
    }))));
}
function describeFsError(err) {
    const e = err;
    if (e?.code === 'ENOENT')
        return 'does not exist';
    if (e?.code === 'EACCES')
        return 'cannot be read (permission denied)';
    if (e?.code === 'EISDIR')
        return 'is a directory, not an ELF file';
    return `cannot be read: ${e?.message ?? String(err)}`;
}
/**
 * verify-only with host-image: the plugins load-tested in a container of the unmodified host
 * image, mounted read-only at /app/plugins-under-test, with an app dir of our own (a
 * config.json listing them) mounted on the image's APP_DIR.
 */
async function verifyInHostImage(input) {
    const { mkdtemp, writeFile, chmod } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 51455, 23));
    const appDir = await mkdtemp(external_node_path_default().join(input.tmpRoot, 'app-data-'));
    // The image's user is not ours: the app dir must be writable by whoever it is.
    await chmod(appDir, 0o777);
    const dir = '/app/plugins-under-test';
    const config = {
        plugins: input.plugins.map(p => ({
            enabled: true,
            name: p.name,
            path: `${dir}/${p.name}.so`,
            config: {}
        }))
    };
    await writeFile(external_node_path_default().join(appDir, 'config.json'), JSON.stringify(config, null, 2) + '\n', {
        mode: 0o644
    });
    const mounts = [
        `${appDir}:${input.hostImage.appDir ?? '/app/data'}`,
        ...input.plugins.map(p => `${external_node_path_default().resolve(p.path)}:${dir}/${p.name}.so:ro`)
    ];
    return imageTest({
        ...input,
        image: input.hostImage,
        plugins: input.plugins.map(p => p.name),
        mounts
    });
}
/** The in-image load test (image.ts), offline where it can be, each check logged on its line. */
async function imageTest(t) {
    t.reporter.info(`starting a container of ${t.image.name} (podman, runc)`);
    const { runImageLoadTest } = await __webpack_require__.e(/* import() */ 472).then(__webpack_require__.bind(__webpack_require__, 35472));
    const out = await inImageSandbox(t.reporter, t.tmpRoot, t.signal, sandbox => runImageLoadTest({
        archive: t.image.archive,
        imageId: t.image.id,
        name: t.image.name,
        plugins: t.plugins,
        healthcheck: t.image.healthcheck,
        timeoutSec: t.timeoutSec,
        signal: t.signal,
        tmpRoot: t.tmpRoot,
        mounts: t.mounts,
        sandbox
    }));
    for (const c of out.checks)
        t.reporter.info(formatCheck(c));
    if (out.status === 'fail' && out.log.length)
        t.reporter.info(`container log (last lines):\n${out.log.slice(-20).join('\n')}`);
    return out;
}
/**
 * The image test's container runs offline like the host's load test: inside the held sandbox
 * (its loopback and stub, the CA mounted) where this machine allows it, else with no network
 * at all, and the log says which.
 */
async function inImageSandbox(reporter, tmpRoot, signal, run) {
    const supervisor = bundledSupervisor();
    const held = supervisor
        ? await holdSandbox({ supervisor: [process.execPath, supervisor], tmpRoot, signal })
        : { reason: 'the sandbox supervisor sandbox.js is not beside the bundle' };
    if ('reason' in held) {
        reporter.info(`image test: the container runs with no network (no offline stub: ${held.reason})`);
        return run();
    }
    try {
        reporter.info('image test: the container runs offline in the sandbox (stub on its loopback)');
        const out = await run({ prefix: held.prefix, caFile: held.caFile });
        if (held.requests.length)
            reporter.info(`image test: the container fetched at start-up (served by the offline stub): ${[...new Set(held.requests)].join(', ')}`);
        return out;
    }
    finally {
        await held.stop();
    }
}
/** The in-image load test (input `image`): its checks join the report; see verify/image.ts. */
async function verifyImage(input) {
    return imageTest(input);
}


/***/ }),

/***/ 80846:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OG: () => (/* binding */ logMessage),
/* harmony export */   Ue: () => (/* binding */ keepLine),
/* harmony export */   wz: () => (/* binding */ parseLogLine),
/* harmony export */   yn: () => (/* binding */ notePlugin)
/* harmony export */ });
/**
 * What one log line says. Matches message substrings, so it works for the fixture's plain
 * log and for real Bifrost's JSON lines (`{"level":"info","message":"plugin status: ..."}`).
 */
function parseLogLine(raw, names) {
    const line = logMessage(raw);
    let m = /plugin status: (.+?) - ([a-z_]+)/.exec(line);
    if (m)
        return { kind: 'status', name: m[1], status: m[2] };
    m = /failed to load plugin (.+?): (.*)$/.exec(line);
    if (m) {
        const [, who, error] = m;
        return { kind: 'failed', name: names.find(n => who === n) ?? who, error: error.trim() };
    }
    if (/successfully started bifrost/.test(line))
        return { kind: 'started' };
    if (/^"?(fatal|panic)"?$/.test(String(logLevel(raw))))
        return { kind: 'fatal', text: line };
    m = /^(fatal error: .*|panic: .*)$/.exec(line.trim());
    if (m)
        return { kind: 'fatal', text: m[1] };
    return undefined;
}
/** The `level` of a structured (JSON) log line. */
function logLevel(raw) {
    const t = raw.trim();
    if (!t.startsWith('{'))
        return undefined;
    try {
        const o = JSON.parse(t);
        return typeof o.level === 'string' ? o.level : undefined;
    }
    catch {
        return undefined;
    }
}
/** The message of a structured (JSON) log line, with its error field; other lines as they are. */
function logMessage(raw) {
    const t = raw.trim();
    if (!t.startsWith('{'))
        return raw;
    try {
        const o = JSON.parse(t);
        const msg = typeof o.message === 'string' ? o.message : typeof o.msg === 'string' ? o.msg : '';
        if (!msg)
            return raw;
        return typeof o.error === 'string' && !msg.includes(o.error) ? `${msg}: ${o.error}` : msg;
    }
    catch {
        return raw;
    }
}
const MAX_LOG_LINES = 200;
const MAX_LINE = 2000;
/** Keeps the host's last MAX_LOG_LINES lines, each cut at MAX_LINE characters. */
function keepLine(log, line) {
    log.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
    if (log.length > MAX_LOG_LINES)
        log.shift();
}
/**
 * Records what a status or failure line says of a plugin (a failure does not overwrite an
 * active status); false for any other event.
 */
function notePlugin(status, ev, names) {
    if (ev.kind === 'status' && names.includes(ev.name) && !status.has(ev.name)) {
        status.set(ev.name, {
            ok: ev.status === 'active',
            text: `plugin status: ${ev.name} - ${ev.status}`
        });
        return true;
    }
    if (ev.kind === 'failed' && !status.get(ev.name)?.ok) {
        status.set(ev.name, { ok: false, text: `failed to load plugin ${ev.name}: ${ev.error}` });
        return true;
    }
    return false;
}


/***/ }),

/***/ 65035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T9: () => (/* binding */ requestText),
/* harmony export */   V8: () => (/* binding */ eventLine),
/* harmony export */   _T: () => (/* binding */ parseEventLine),
/* harmony export */   fH: () => (/* binding */ portAnswers),
/* harmony export */   ov: () => (/* binding */ freePort)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/**
 * What the load test and its sandbox supervisor (`sandbox.ts`, run as `dist/sandbox.js` inside
 * the namespace) say to each other: the spec file the load test writes, and the event lines the
 * supervisor prints on its stdout among the host's own log lines. Each event line starts with a
 * per-run token, so a host cannot forge one by accident. The loopback port helpers both sides
 * use live here too.
 */

function eventLine(token, e) {
    return `${token} ${JSON.stringify(e)}\n`;
}
/** The event on a line of the supervisor's output, or undefined for a line of the host's. */
function parseEventLine(token, line) {
    if (!line.startsWith(`${token} `))
        return undefined;
    try {
        const e = JSON.parse(line.slice(token.length + 1));
        return typeof e?.event === 'string' ? e : undefined;
    }
    catch {
        return undefined;
    }
}
/** `GET getbifrost.ai/datasheet`: one request as the log and the checks quote it. */
function requestText(e) {
    return `${e.method} ${e.host}${e.path}`;
}
/** Whether something accepts a TCP connection on 127.0.0.1:`port` (within `timeoutMs`). */
function portAnswers(port, timeoutMs = 1000) {
    return new Promise(resolve => {
        const sock = node_net__WEBPACK_IMPORTED_MODULE_0___default().connect({ host: '127.0.0.1', port });
        const done = (ok) => {
            sock.destroy();
            resolve(ok);
        };
        sock.setTimeout(timeoutMs, () => done(false));
        sock.once('connect', () => done(true));
        sock.once('error', () => done(false));
    });
}
/** A port on 127.0.0.1 that was free a moment ago, for the host to listen on. */
async function freePort() {
    return new Promise((resolve, reject) => {
        const srv = node_net__WEBPACK_IMPORTED_MODULE_0___default().createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const addr = srv.address();
            const port = typeof addr === 'object' && addr ? addr.port : 0;
            srv.close(() => resolve(port));
        });
    });
}


/***/ })

};
