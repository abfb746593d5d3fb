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
/* harmony import */ var _load_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(91297);
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
async function runImageLoadTest(input) {
    const podman = input.podman ?? 'podman';
    const store = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(input.tmpRoot ?? node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir(), 'bifrost-image-test-'));
    const runroot = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir(), 'bbpod-'));
    const g = podmanGlobal(store, runroot);
    const pre = input.sandbox?.prefix ?? [];
    const cmd = pre.length ? pre[0] : podman;
    const argv = (args) => pre.length ? [...pre.slice(1), podman, ...g, ...args] : [...g, ...args];
    const name = `bifrost-build-test-${process.pid}-${Date.now()}`;
    const log = [];
    const subject = input.name;
    const fail = (message, checks = []) => ({
        status: 'fail',
        message,
        checks: [...checks, { id: 'image.load', subject, status: 'fail', message }],
        log
    });
    let proc;
    try {
        const loaded = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(cmd, argv(['load', '-q', '-i', input.archive]), {
            timeoutMs: 600_000,
            signal: input.signal
        }).catch((e) => {
            if (e.code === 'ENOENT')
                return {
                    code: 127,
                    stdout: '',
                    stderr: `${cmd} is not installed (apt-get install podman runc), or set verify: static to skip the container`
                };
            throw e;
        });
        if (loaded.code !== 0)
            return fail(`podman could not load ${input.archive}: ${(loaded.stderr || loaded.stdout).trim().split('\n').slice(-3).join(' | ')}`);
        const names = [...input.plugins];
        const status = new Map();
        let started = false;
        let finish = () => { };
        const finished = new Promise(r => (finish = r));
        let exited;
        const port = input.sandbox ? await (0,_load_js__WEBPACK_IMPORTED_MODULE_4__/* .freePort */ .ov)() : undefined;
        proc = (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .start */ .ni)(cmd, argv(runArgs({
            name,
            imageId: input.imageId,
            sandbox: input.sandbox,
            port,
            mounts: input.mounts
        })), {
            maxBuffer: 64 * 1024,
            signal: input.signal,
            onLine: line => {
                log.push(line.length > 2000 ? `${line.slice(0, 2000)}…` : line);
                if (log.length > 200)
                    log.shift();
                const ev = (0,_load_js__WEBPACK_IMPORTED_MODULE_4__/* .parseLogLine */ .wz)(line, names);
                if (ev?.kind === 'status' && names.includes(ev.name) && !status.has(ev.name))
                    status.set(ev.name, {
                        ok: ev.status === 'active',
                        text: `plugin status: ${ev.name} - ${ev.status}`
                    });
                else if (ev?.kind === 'failed' && !status.get(ev.name)?.ok)
                    status.set(ev.name, {
                        ok: false,
                        text: `failed to load plugin ${ev.name}: ${ev.error}`
                    });
                else if (ev?.kind === 'started')
                    started = true;
                if (names.every(n => status.has(n)) && (names.length > 0 || started))
                    finish();
            }
        });
        proc.done.then(r => {
            exited = r.signal ? `signal ${r.signal}` : `code ${r.code}`;
            finish();
        }, (e) => {
            exited = e.message;
            finish();
        });
        let timer;
        const timedOut = await Promise.race([
            finished.then(() => false),
            new Promise(r => (timer = setTimeout(() => r(true), input.timeoutSec * 1000)))
        ]);
        clearTimeout(timer);
        const checks = [];
        for (const n of names) {
            const s = status.get(n);
            checks.push({
                id: 'image.load',
                subject: `${n}.so`,
                status: s?.ok ? 'pass' : 'fail',
                message: s
                    ? s.ok
                        ? `${s.text} (in a container of ${subject})`
                        : `the host in ${subject} logged "${s.text}"`
                    : exited
                        ? `the container exited (${exited}) before ${n} reported; last log: ${log.slice(-3).join(' | ')}`
                        : `no "plugin status: ${n} - active" within ${input.timeoutSec} s in ${subject}${timedOut ? ' (verify-timeout)' : ''}`
            });
        }
        if (checks.some(c => c.status === 'fail'))
            return fail(`${checks.filter(c => c.status === 'fail').length} of ${names.length} plugin(s) did not load in ${subject}`, checks);
        // The image's user, and its healthcheck, asked inside the running container.
        const id = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(cmd, argv(['exec', name, 'id']), { timeoutMs: 30_000 });
        const user = id.stdout.trim();
        if (id.code !== 0 || /^uid=0\(/.test(user))
            return fail(`the container ran as ${user || 'an unknown user'}; the image's user should be the non-root appuser`, checks);
        const hc = healthcheckArgv(input.healthcheck);
        if (hc) {
            let answer = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(cmd, argv(['exec', name, ...hc]), { timeoutMs: 30_000 });
            // The host may still be opening its port after the plugins reported.
            for (let i = 0; answer.code !== 0 && i < 10 && !exited; i++) {
                await (0,_load_js__WEBPACK_IMPORTED_MODULE_4__/* .sleep */ .yy)(500);
                answer = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(cmd, argv(['exec', name, ...hc]), { timeoutMs: 30_000 });
            }
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
        return { status: 'pass', message, checks, log, user };
    }
    finally {
        if (proc) {
            await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(cmd, argv(['rm', '-f', '-t', '2', '--ignore', name]), { timeoutMs: 60_000 }).catch(() => undefined);
            proc.stop('SIGTERM');
            const killer = setTimeout(() => proc?.stop('SIGKILL'), 5000);
            await proc.done.catch(() => undefined);
            clearTimeout(killer);
        }
        await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(cmd, argv(['rmi', '-a', '-f']), { timeoutMs: 60_000 }).catch(() => undefined);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(store, { recursive: true, force: true }).catch(() => undefined);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(runroot, { recursive: true, force: true }).catch(() => undefined);
    }
}


/***/ })

};
