export const id = 64;
export const ids = [64];
export const modules = {

/***/ 20189:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G7: () => (/* binding */ ARCH_LEVEL_DEFAULT),
/* harmony export */   SD: () => (/* binding */ ARCH_LEVEL_NAME),
/* harmony export */   xs: () => (/* binding */ archLevel)
/* harmony export */ });
const ARCH_LEVEL_NAME = { amd64: 'GOAMD64', arm64: 'GOARM64' };
const ARCH_LEVEL_DEFAULT = { GOAMD64: 'v1', GOARM64: 'v8.0' };
/** The level as go builds with it: the value set (or recorded), else go's default. */
function archLevel(arch, vars) {
    const name = ARCH_LEVEL_NAME[arch];
    return { name, value: vars[name] ?? ARCH_LEVEL_DEFAULT[name] };
}


/***/ }),

/***/ 56492:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  formatCheck: () => (/* binding */ formatCheck),
  verify: () => (/* binding */ verify)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/verify/elf.ts
var elf = __webpack_require__(13280);
// EXTERNAL MODULE: ./src/platform.ts
var platform = __webpack_require__(23728);
// EXTERNAL MODULE: ./src/util/which.ts
var util_which = __webpack_require__(76669);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: ./src/proc.ts + 1 modules
var src_proc = __webpack_require__(97684);
;// CONCATENATED MODULE: ./src/verify/load.ts
/**
 * The load test: start the real host with a config.json listing every plugin and watch its
 * log for each plugin's status. Decisions (can it run here, how, what a log line means) are
 * pure functions; `runLoadTest` is the thin layer that owns the process and the temp dir.
 */






const QEMU = { amd64: 'qemu-x86_64', arm64: 'qemu-aarch64' };
const DEFAULT_SYSROOT = {
    amd64: '/usr/x86_64-linux-gnu',
    arm64: '/usr/aarch64-linux-gnu'
};
/** Whether and how the host can run on this machine: natively, under qemu-user, or not. */
function loadTestRunner(f) {
    if (f.hostMachine !== 'amd64' && f.hostMachine !== 'arm64')
        return { run: false, reason: `the host is built for ${f.hostMachine}, which cannot run here` };
    const arch = f.hostMachine;
    if (arch === f.machineArch) {
        if (f.interp && !f.exists(f.interp))
            return {
                run: false,
                reason: `the host's loader ${f.interp} is not on this machine${f.interp.includes('musl') ? ' (apt-get install musl)' : ''}`
            };
        return { run: true, prefix: [], how: `natively on linux/${arch}` };
    }
    const qemu = f.which(QEMU[arch]);
    if (!qemu)
        return {
            run: false,
            reason: `the host is linux/${arch} and this machine is linux/${f.machineArch}, and ${QEMU[arch]} is not installed (apt-get install qemu-user)`
        };
    if (!f.interp)
        return { run: true, prefix: [qemu], how: `under ${QEMU[arch]}` };
    // qemu-user looks the loader up under -L first, then in the real root: Debian's
    // musl:<arch> installs /lib/ld-musl-<arch>.so.1 in the real root, glibc lives in a sysroot.
    const sysroot = f.sysroot ?? DEFAULT_SYSROOT[arch];
    if (f.exists(external_node_path_default().join(sysroot, f.interp)))
        return { run: true, prefix: [qemu, '-L', sysroot], how: `under ${QEMU[arch]} -L ${sysroot}` };
    if (f.exists(f.interp))
        return { run: true, prefix: [qemu], how: `under ${QEMU[arch]}` };
    return {
        run: false,
        reason: `the host's loader ${f.interp} is neither in ${sysroot} nor in / (install the ${arch} C library, e.g. ${f.interp.includes('musl') ? `musl:${arch}` : `libc6-${arch}-cross`})`
    };
}
/**
 * The real Bifrost calls remote services at start-up (pricing data, model catalogues); the load
 * test only reads its log, so it runs in a fresh network namespace where one can be had:
 * `unshare --net` as root, `unshare --user --map-root-user --net` otherwise. Binding 127.0.0.1
 * works there even with `lo` down. Where neither is allowed (some hardened runners), the host
 * runs as it is and the log says so.
 */
const ISOLATIONS = [
    ['--net'],
    ['--user', '--map-root-user', '--net']
];
async function networkIsolation(which = cmd => (0,util_which/* which */.K)(cmd), isRoot = process.getuid?.() === 0) {
    const unshare = which('unshare');
    if (unshare) {
        for (const flags of isRoot ? ISOLATIONS : ISOLATIONS.slice(1)) {
            const probe = await (0,src_proc/* run */.eF)(unshare, [...flags, 'true'], { timeoutMs: 5000 }).catch(() => undefined);
            if (probe?.code === 0)
                return { prefix: [unshare, ...flags], how: 'without network access' };
        }
    }
    return { prefix: [], how: 'with the network of this machine (unshare --net not available)' };
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
    m = /^(fatal error: .*|panic: .*)$/.exec(line.trim());
    if (m)
        return { kind: 'fatal', text: m[1] };
    return undefined;
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
async function freePort() {
    return new Promise((resolve, reject) => {
        const srv = external_node_net_default().createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const addr = srv.address();
            const port = typeof addr === 'object' && addr ? addr.port : 0;
            srv.close(() => resolve(port));
        });
    });
}
/** Runs the host until every plugin reports, it exits, or the timeout; always cleans up. */
async function runLoadTest(input) {
    if (input.signal?.aborted) {
        const message = 'load test cancelled before it started';
        return {
            status: 'fail',
            message,
            checks: [{ id: 'load', subject: input.hostName, status: 'fail', message }],
            log: []
        };
    }
    const appDir = await (0,promises_.mkdtemp)(external_node_path_default().join(input.tmpRoot ?? external_node_os_default().tmpdir(), 'bifrost-verify-'));
    const log = [];
    const names = input.plugins.map(p => p.name);
    const status = new Map();
    let started = false;
    let fatal;
    let finish = () => { };
    const finished = new Promise(resolve => (finish = resolve));
    const allReported = () => names.every(n => status.has(n));
    const onLine = (line) => {
        log.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
        if (log.length > MAX_LOG_LINES)
            log.shift();
        const ev = parseLogLine(line, names);
        if (!ev)
            return;
        if (ev.kind === 'status' && names.includes(ev.name) && !status.has(ev.name)) {
            status.set(ev.name, {
                ok: ev.status === 'active',
                text: `plugin status: ${ev.name} - ${ev.status}`
            });
        }
        else if (ev.kind === 'failed' && !status.get(ev.name)?.ok) {
            status.set(ev.name, { ok: false, text: `failed to load plugin ${ev.name}: ${ev.error}` });
        }
        else if (ev.kind === 'started')
            started = true;
        else if (ev.kind === 'fatal' && !fatal)
            fatal = ev.text;
        if (names.length > 0 ? allReported() : started)
            finish();
    };
    let proc;
    let exit;
    let spawnError;
    try {
        await (0,promises_.writeFile)(external_node_path_default().join(appDir, 'config.json'), configJson(input.plugins));
        const port = await freePort();
        const argv = [...input.prefix, ...hostArgs(input.host, appDir, port)];
        proc = (0,src_proc/* start */.ni)(argv[0], argv.slice(1), {
            cwd: appDir,
            env: {
                PATH: process.env.PATH ?? '/usr/bin:/bin',
                HOME: appDir,
                LANG: 'C.UTF-8'
            },
            onLine,
            maxBuffer: 64 * 1024,
            signal: input.signal
        });
        proc.done.then(r => {
            exit = { code: r.code, signal: r.signal };
            finish();
        }, (e) => {
            spawnError = e.message;
            finish();
        });
        const timeoutMs = input.timeoutSec * 1000;
        let timer;
        let settle;
        const timedOut = new Promise(resolve => {
            timer = setTimeout(() => resolve(true), timeoutMs);
            if (names.length === 0)
                settle = setTimeout(() => {
                    if (!exit) {
                        started = true;
                        finish();
                    }
                }, input.settleMs ?? Math.min(2000, timeoutMs));
        });
        const isTimeout = await Promise.race([finished.then(() => false), timedOut]);
        clearTimeout(timer);
        clearTimeout(settle);
        // A plugin that crashes the host right after reporting still fails: give it a moment.
        if (!isTimeout && !exit && names.length > 0)
            await sleep(300);
        const cancelled = Boolean(input.signal?.aborted);
        return outcome({
            ...input,
            names,
            status,
            started,
            fatal,
            exit,
            spawnError,
            isTimeout,
            log,
            cancelled
        });
    }
    finally {
        if (proc) {
            proc.stop('SIGTERM');
            const killer = setTimeout(() => proc?.stop('SIGKILL'), 2000);
            await proc.done.catch(() => undefined);
            clearTimeout(killer);
        }
        await (0,promises_.rm)(appDir, { recursive: true, force: true });
    }
}
function sleep(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}
function outcome(o) {
    const checks = [];
    const lastLines = () => o.log
        .slice(-3)
        .map(l => l.trim())
        .filter(Boolean)
        .join(' | ');
    const exitText = o.cancelled
        ? 'was stopped: the run was cancelled'
        : o.spawnError
            ? `could not be started: ${o.spawnError}`
            : o.exit
                ? `exited (${o.exit.signal ? `signal ${o.exit.signal}` : `code ${o.exit.code}`})${o.fatal ? `: "${o.fatal}"` : lastLines() ? `; last log: ${lastLines()}` : ''}`
                : undefined;
    if (o.names.length === 0) {
        const ok = o.started && !o.exit && !o.spawnError;
        const message = ok
            ? 'host started with no plugins and stayed up'
            : exitText
                ? `host ${exitText}`
                : `host did not start within ${o.timeoutSec} s`;
        checks.push({ id: 'load', subject: o.hostName, status: ok ? 'pass' : 'fail', message });
        return { status: ok ? 'pass' : 'fail', message, checks, log: o.log };
    }
    for (const name of o.names) {
        const s = o.status.get(name);
        const subject = `${name}.so`;
        if (s?.ok && !(o.exit && o.fatal)) {
            checks.push({ id: 'load', subject, status: 'pass', message: `${s.text}` });
        }
        else if (s && !s.ok) {
            checks.push({ id: 'load', subject, status: 'fail', message: `the host logged "${s.text}"` });
        }
        else if (exitText) {
            checks.push({
                id: 'load',
                subject,
                status: 'fail',
                message: `host ${exitText} before ${name} reported its status`
            });
        }
        else {
            checks.push({
                id: 'load',
                subject,
                status: 'fail',
                message: `no "plugin status: ${name} - active" within ${o.timeoutSec} s (verify-timeout)${lastLines() ? `; last log: ${lastLines()}` : ''}`
            });
        }
    }
    const failed = checks.filter(c => c.status === 'fail');
    const message = failed.length
        ? `${failed.length} of ${o.names.length} plugin(s) did not load: ${failed.map(c => `${c.subject}: ${c.message}`).join('; ')}`
        : `all ${o.names.length} plugin(s) active`;
    return { status: failed.length ? 'fail' : 'pass', message, checks, log: o.log };
}

// EXTERNAL MODULE: ./src/verify/buildinfo.ts
var buildinfo = __webpack_require__(90209);
// EXTERNAL MODULE: ./src/verify/reference.ts
var reference = __webpack_require__(62104);
// EXTERNAL MODULE: ./src/verify/rules.ts
var rules = __webpack_require__(51370);
;// CONCATENATED MODULE: ./src/verify/index.ts
/** Stage 5: static checks (ELF, libc, glibc floor, Go build info) and the load test. */









const ICON = {
    pass: 'pass',
    fail: 'FAIL',
    warn: 'warn',
    skip: 'skip'
};
function formatCheck(c) {
    return `${ICON[c.status]}  ${c.id}  ${c.subject}: ${c.message}`;
}
async function verify(input) {
    const { reporter } = input;
    if (input.level === 'off') {
        const check = {
            id: 'verify',
            subject: 'all',
            status: 'skip',
            message: 'verify: off, nothing was checked'
        };
        reporter.notice('verify is off: the host and plugins were not checked');
        return { ok: true, checks: [check], files: [] };
    }
    const ref = input.hostReference;
    const entries = [
        ...(ref ? [] : [{ name: external_node_path_default().basename(input.host), path: input.host, kind: 'host' }]),
        ...input.plugins.map(p => ({ name: p.name, path: p.path, kind: 'plugin' }))
    ];
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
            message: `${r.path} ${'error' in r ? r.error : ''}. Fix: pass the ${r.kind === 'host' ? 'bifrost-http binary' : 'plugin .so file'} built for linux/${input.target.arch}`
        }));
        for (const c of checks)
            reporter.info(formatCheck(c));
        return { ok: false, checks, files: [] };
    }
    const infos = await readBuildInfos(read.map(r => r.path));
    const files = read.map((r, i) => ({
        name: r.name,
        kind: r.kind,
        elf: r.elf,
        ...infos[i],
        moduleDir: r.kind === 'host' ? input.moduleRoots?.host : input.moduleRoots?.plugins[r.name]
    }));
    if (ref)
        files.unshift((0,reference/* referenceHost */._8)(ref));
    const [host, ...plugins] = files;
    const exp = {
        mode: input.mode,
        libc: input.libc,
        target: input.target,
        glibcMax: input.glibcMax
    };
    const result = (0,rules/* staticChecks */.yP)(host, plugins, exp);
    const checks = [...result.checks];
    if (ref)
        checks.unshift({
            id: 'reference',
            subject: host.name,
            status: 'pass',
            message: `host facts from the manifest ${input.host} (${host.name} sha256 ${ref.host.sha256.slice(0, 16)}, ${ref.host.buildInfo.goVersion}, ${ref.mode} ${ref.libc} ${ref.target})`
        });
    let loadTest;
    if (ref && input.level !== 'static') {
        const message = 'load test skipped: it needs the host binary (host-binary), and only its manifest was given; the static checks ran against the manifest';
        reporter.notice(message);
        checks.push({ id: 'load', subject: host.name, status: 'skip', message });
        loadTest = { status: 'skip', message };
    }
    else if (input.level === 'static') {
        const message = 'load test not run (verify: static; use verify: full or --load)';
        checks.push({ id: 'load', subject: host.name, status: 'skip', message });
        loadTest = { status: 'skip', message };
    }
    else {
        const runner = loadTestRunner({
            hostMachine: host.elf.machineName,
            interp: host.elf.interp,
            machineArch: (0,platform.machineArch)(),
            sysroot: input.sysroot,
            exists: external_node_fs_.existsSync,
            which: cmd => (0,util_which/* which */.K)(cmd)
        });
        if (!runner.run) {
            const message = `load test skipped: ${runner.reason}; only the static checks ran`;
            reporter.notice(message);
            checks.push({ id: 'load', subject: host.name, status: 'skip', message });
            loadTest = { status: 'skip', message };
        }
        else {
            const isolation = await networkIsolation();
            reporter.info(`load test: starting ${host.name} ${runner.how}, ${isolation.how}`);
            const out = await runLoadTest({
                host: input.host,
                hostName: host.name,
                plugins: input.plugins,
                prefix: [...isolation.prefix, ...runner.prefix],
                timeoutSec: input.timeoutSec,
                signal: input.signal
            });
            checks.push(...out.checks);
            loadTest = { status: out.status, message: out.message, log: out.log };
        }
    }
    // One line per check; a failure becomes one ::error line through failIfNotOk.
    for (const c of checks)
        reporter.info(formatCheck(c));
    if (result.glibcFloor)
        reporter.info(`glibc floor: ${result.glibcFloor}`);
    return {
        ok: !checks.some(c => c.status === 'fail'),
        checks,
        files: files.map((f, i) => fileFacts(f, ref ? (i === 0 ? input.host : entries[i - 1].path) : entries[i].path)),
        glibcFloor: result.glibcFloor,
        loadTest
    };
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
        libc: (0,rules/* libcFamily */.jx)(f.elf),
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


/***/ })

};
