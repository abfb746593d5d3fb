export const id = 472;
export const ids = [472];
export const modules = {

/***/ 35472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runImageLoadTest: () => (/* binding */ runImageLoadTest)
/* harmony export */ });
/* unused harmony exports podmanGlobal, runArgs, healthcheckArgv */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _proc_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(97684);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(58500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _load_log_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(80846);
/* harmony import */ var _sandbox_protocol_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(65035);
/**
 * The load test inside the image: a container of the built image, started as the image's own
 * user with loopback networking only, must log `plugin status: <name> - active` for every
 * plugin, and the image's HEALTHCHECK command must answer; then the container is stopped and
 * removed. podman runs it from the OCI archive with its own storage in a temp dir (nothing is
 * left in the machine's image store), `--runtime runc --storage-driver vfs` and bounded
 * ulimits, which work on CI runners and in containers where crun and overlay do not.
 *
 * Offline sandbox (a real Bifrost fetches from getbifrost.ai at start-up): give `sandbox`,
 * the command prefix that enters a network namespace where a stub serves those names on
 * loopback with a per-run CA. The container then shares that namespace (`--network host`),
 * listens on a free loopback port, and gets the CA file mounted read-only with SSL_CERT_FILE
 * pointing at it.
 */







/**
 * podman's global flags: our own store in a temp dir (its runroot in a short one: podman
 * refuses a runroot path past 50 characters), vfs, runc, cgroupfs, no event log.
 */
function podmanGlobal(store, runroot) {
    return [
        '--root',
        node_path__WEBPACK_IMPORTED_MODULE_2___default().join(store, 'root'),
        '--runroot',
        runroot,
        '--storage-driver',
        'vfs',
        '--runtime',
        'runc',
        '--cgroup-manager',
        'cgroupfs',
        '--events-backend',
        'none'
    ];
}
/** `podman run` arguments; the image's own user, entrypoint and command are used as they are. */
function runArgs(o) {
    const args = [
        'run',
        '--rm',
        '--name',
        o.name,
        '--ulimit',
        'nofile=1024:1024',
        '--ulimit',
        'nproc=1024:1024',
        '--pull',
        'never'
    ];
    if (o.sandbox) {
        args.push('--network', 'host', '-e', 'APP_HOST=127.0.0.1', '-e', `APP_PORT=${o.port}`);
        if (o.sandbox.caFile)
            args.push('-v', `${o.sandbox.caFile}:/etc/bifrost-build-ca.pem:ro`, '-e', 'SSL_CERT_FILE=/etc/bifrost-build-ca.pem');
    }
    else
        args.push('--network', 'none');
    for (const m of o.mounts ?? [])
        args.push('-v', m);
    args.push(o.imageId);
    return args;
}
/** The healthcheck as an exec argv (Docker's `CMD-SHELL x` is `/bin/sh -c x`). */
function healthcheckArgv(test) {
    if (!test?.length)
        return undefined;
    if (test[0] === 'CMD-SHELL')
        return ['/bin/sh', '-c', test.slice(1).join(' ')];
    if (test[0] === 'CMD')
        return test.slice(1);
    return undefined;
}
async function podmanSession(input) {
    const podman = input.podman ?? 'podman';
    const store = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(input.tmpRoot ?? node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir(), 'bifrost-image-test-'));
    const runroot = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir(), 'bbpod-'));
    const g = podmanGlobal(store, runroot);
    const pre = input.sandbox?.prefix ?? [];
    return {
        cmd: pre.length ? pre[0] : podman,
        argv: args => (pre.length ? [...pre.slice(1), podman, ...g, ...args] : [...g, ...args]),
        store,
        runroot,
        name: `bifrost-build-test-${process.pid}-${Date.now()}`
    };
}
async function runImageLoadTest(input) {
    const pod = await podmanSession(input);
    const w = { log: [], status: new Map(), started: false };
    const subject = input.name;
    const fail = (message, checks = []) => ({
        status: 'fail',
        message,
        checks: [...checks, { id: 'image.load', subject, status: 'fail', message }],
        log: w.log
    });
    let proc;
    try {
        const loadError = await loadArchive(pod, input);
        if (loadError)
            return fail(loadError);
        const names = [...input.plugins];
        const started = await startContainer(pod, input, names, w);
        proc = started.proc;
        let timer;
        const timedOut = await Promise.race([
            started.finished.then(() => false),
            new Promise(r => (timer = setTimeout(() => r(true), input.timeoutSec * 1000)))
        ]);
        clearTimeout(timer);
        const checks = names.map(n => pluginCheck(n, w, input, timedOut));
        if (checks.some(c => c.status === 'fail'))
            return fail(`${checks.filter(c => c.status === 'fail').length} of ${names.length} plugin(s) did not load in ${subject}`, checks);
        return await insideChecks(pod, input, w, checks, fail);
    }
    finally {
        await cleanUp(pod, proc);
    }
}
/** Loads the OCI archive into our store; what went wrong, or undefined. */
async function loadArchive(pod, input) {
    const loaded = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(pod.cmd, pod.argv(['load', '-q', '-i', input.archive]), {
        timeoutMs: 600_000,
        signal: input.signal
    }).catch((e) => {
        if (e.code === 'ENOENT')
            return {
                code: 127,
                stdout: '',
                stderr: `${pod.cmd} is not installed (apt-get install podman runc), or set verify: static to skip the container`
            };
        throw e;
    });
    if (loaded.code === 0)
        return undefined;
    return `podman could not load ${input.archive}: ${(loaded.stderr || loaded.stdout).trim().split('\n').slice(-3).join(' | ')}`;
}
/** Runs the container, filling `w` from its log; `finished` once every plugin reported or it ended. */
async function startContainer(pod, input, names, w) {
    let finish = () => { };
    const finished = new Promise(r => (finish = r));
    const port = input.sandbox ? await (0,_sandbox_protocol_js__WEBPACK_IMPORTED_MODULE_5__/* .freePort */ .ov)() : undefined;
    const args = runArgs({
        name: pod.name,
        imageId: input.imageId,
        sandbox: input.sandbox,
        port,
        mounts: input.mounts
    });
    const proc = (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .start */ .ni)(pod.cmd, pod.argv(args), {
        maxBuffer: 64 * 1024,
        signal: input.signal,
        onLine: line => {
            (0,_load_log_js__WEBPACK_IMPORTED_MODULE_6__/* .keepLine */ .Ue)(w.log, line);
            const ev = (0,_load_log_js__WEBPACK_IMPORTED_MODULE_6__/* .parseLogLine */ .wz)(line, names);
            if (ev && !(0,_load_log_js__WEBPACK_IMPORTED_MODULE_6__/* .notePlugin */ .yn)(w.status, ev, names) && ev.kind === 'started')
                w.started = true;
            if (names.every(n => w.status.has(n)) && (names.length > 0 || w.started))
                finish();
        }
    });
    proc.done.then(r => {
        w.exited = r.signal ? `signal ${r.signal}` : `code ${r.code}`;
        finish();
    }, (e) => {
        w.exited = e.message;
        finish();
    });
    return { proc, finished };
}
function pluginCheck(n, w, input, timedOut) {
    const subject = input.name;
    const s = w.status.get(n);
    return {
        id: 'image.load',
        subject: `${n}.so`,
        status: s?.ok ? 'pass' : 'fail',
        message: s
            ? s.ok
                ? `${s.text} (in a container of ${subject})`
                : `the host in ${subject} logged "${s.text}"`
            : w.exited
                ? `the container exited (${w.exited}) before ${n} reported; last log: ${w.log.slice(-3).join(' | ')}`
                : `no "plugin status: ${n} - active" within ${input.timeoutSec} s in ${subject}${timedOut ? ' (verify-timeout)' : ''}`
    };
}
/** The image's user, and its healthcheck, asked inside the running container. */
async function insideChecks(pod, input, w, checks, fail) {
    const subject = input.name;
    const names = input.plugins;
    const id = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(pod.cmd, pod.argv(['exec', pod.name, 'id']), { timeoutMs: 30_000 });
    const user = id.stdout.trim();
    if (id.code !== 0 || /^uid=0\(/.test(user))
        return fail(`the container ran as ${user || 'an unknown user'}; the image's user should be the non-root appuser`, checks);
    const hc = healthcheckArgv(input.healthcheck);
    if (hc) {
        const answer = await healthcheck(pod, hc, w);
        const text = (answer.stderr + answer.stdout).trim().split('\n').slice(-2).join(' | ');
        checks.push({
            id: 'image.healthcheck',
            subject,
            status: answer.code === 0 ? 'pass' : 'fail',
            message: answer.code === 0
                ? `healthcheck answered (${hc.slice(-1)[0]})`
                : `the image's healthcheck failed (exit ${answer.code}): ${text}`
        });
        if (answer.code !== 0)
            return { ...fail(`healthcheck failed in ${subject}`, checks), user };
    }
    const message = `${names.length ? `all ${names.length} plugin(s) active` : 'host started'} in a container of ${subject} as ${user.split(' ')[0]}${hc ? ', healthcheck answered' : ''}`;
    checks.push({ id: 'image.load', subject, status: 'pass', message });
    return { status: 'pass', message, checks, log: w.log, user };
}
/** The healthcheck, asked again for a while: the host may still be opening its port after the plugins reported. */
async function healthcheck(pod, hc, w) {
    let answer = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(pod.cmd, pod.argv(['exec', pod.name, ...hc]), { timeoutMs: 30_000 });
    for (let i = 0; answer.code !== 0 && i < 10 && !w.exited; i++) {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_4__.setTimeout)(500);
        answer = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(pod.cmd, pod.argv(['exec', pod.name, ...hc]), { timeoutMs: 30_000 });
    }
    return answer;
}
/** Removes the container, its image and our store, whatever happened. */
async function cleanUp(pod, proc) {
    const { cmd, argv } = pod;
    if (proc) {
        await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(cmd, argv(['rm', '-f', '-t', '2', '--ignore', pod.name]), {
            timeoutMs: 60_000
        }).catch(() => undefined);
        proc.stop('SIGTERM');
        const killer = setTimeout(() => proc.stop('SIGKILL'), 5000);
        await proc.done.catch(() => undefined);
        clearTimeout(killer);
    }
    await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(cmd, argv(['rmi', '-a', '-f']), { timeoutMs: 60_000 }).catch(() => undefined);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(pod.store, { recursive: true, force: true }).catch(() => undefined);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(pod.runroot, { recursive: true, force: true }).catch(() => undefined);
}


/***/ })

};
