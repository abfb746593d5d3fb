export const id = 856;
export const ids = [856,578];
export const modules = {

/***/ 85578:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LocalDirBackend: () => (/* reexport */ LocalDirBackend),
  ServiceBackend: () => (/* reexport */ ServiceBackend),
  cacheAfterSuccess: () => (/* binding */ cacheAfterSuccess),
  cacheKeys: () => (/* reexport */ cacheKeys),
  goSumPaths: () => (/* reexport */ goSumPaths),
  hashGoSums: () => (/* reexport */ hashGoSums),
  memoryState: () => (/* reexport */ memoryState),
  restoreCache: () => (/* binding */ cache_restoreCache),
  saveCache: () => (/* binding */ saveCache)
});

// EXTERNAL MODULE: ./src/report.ts
var report = __webpack_require__(70665);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/proc.ts + 1 modules
var proc = __webpack_require__(97684);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/cache/backend.ts
/**
 * Where caches live: the Actions cache service (@actions/cache, loaded only when used), or a
 * local directory (BIFROST_BUILD_CACHE_DIR) for machines without the service and for warm
 * benchmark runs. Both take the same keys.
 */




/** Why the Actions cache service cannot be used here, or undefined when it can. */
function serviceUnavailable(env) {
    if (env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL)
        return undefined;
    return 'no cache service here (ACTIONS_CACHE_URL and ACTIONS_RESULTS_URL not set: a local run, @github/local-action or another CI)';
}
class ServiceBackend {
    kind = 'service';
    async restore(paths, key, restoreKeys) {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(110), __webpack_require__.e(91)]).then(__webpack_require__.bind(__webpack_require__, 18091));
        return cache.restoreCache([...paths], key, restoreKeys);
    }
    async save(paths, key) {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(110), __webpack_require__.e(91)]).then(__webpack_require__.bind(__webpack_require__, 18091));
        await cache.saveCache([...paths], key);
    }
}
/**
 * One directory per key under `root`, holding a copy of each cached path (`0/`, `1/`, ...).
 * `cp -a --reflink=auto` measured as fast as an uncompressed tar to restore and twice as fast
 * to save (docs/packaging.md), and is instant on filesystems with reflinks.
 */
class LocalDirBackend {
    root;
    kind = 'local';
    constructor(root) {
        this.root = root;
    }
    async entries() {
        if (!(0,external_node_fs_.existsSync)(this.root))
            return [];
        const out = [];
        for (const name of await (0,promises_.readdir)(this.root)) {
            if (name.startsWith('.'))
                continue;
            const meta = external_node_path_default().join(this.root, name, 'complete');
            if (!(0,external_node_fs_.existsSync)(meta))
                continue;
            out.push({ key: name, mtimeMs: (await (0,promises_.stat)(meta)).mtimeMs });
        }
        return out;
    }
    async restore(paths, key, restoreKeys) {
        const all = await this.entries();
        let hit = all.find(e => e.key === key)?.key;
        for (const prefix of restoreKeys) {
            if (hit)
                break;
            hit = all.filter(e => e.key.startsWith(prefix)).sort((a, b) => b.mtimeMs - a.mtimeMs)[0]?.key;
        }
        if (!hit)
            return undefined;
        for (const [i, dest] of paths.entries()) {
            const from = external_node_path_default().join(this.root, hit, String(i));
            if (!(0,external_node_fs_.existsSync)(from))
                continue;
            await (0,promises_.mkdir)(dest, { recursive: true });
            await (0,proc/* runChecked */.X4)('cp', ['-a', '--reflink=auto', `${from}/.`, `${dest}/`]);
        }
        return hit;
    }
    async save(paths, key, restoreKeys) {
        await (0,promises_.mkdir)(this.root, { recursive: true });
        const final = external_node_path_default().join(this.root, key);
        if ((0,external_node_fs_.existsSync)(external_node_path_default().join(final, 'complete')))
            return;
        const tmp = external_node_path_default().join(this.root, `.tmp-${process.pid}-${Date.now()}`);
        try {
            await (0,promises_.mkdir)(tmp);
            for (const [i, src] of paths.entries()) {
                if ((0,external_node_fs_.existsSync)(src))
                    await (0,proc/* runChecked */.X4)('cp', ['-a', '--reflink=auto', src, external_node_path_default().join(tmp, String(i))]);
            }
            await (0,promises_.writeFile)(external_node_path_default().join(tmp, 'complete'), JSON.stringify({ key, paths }) + '\n');
            await removeTree(final);
            await (0,promises_.rename)(tmp, final);
        }
        finally {
            await removeTree(tmp);
        }
        // Keep one entry per restore prefix: older ones would only fill the disk.
        for (const e of await this.entries()) {
            if (e.key !== key && restoreKeys.some(p => e.key.startsWith(p)))
                await removeTree(external_node_path_default().join(this.root, e.key));
        }
    }
}
/** rm -rf that also works on GOMODCACHE's read-only directories. */
async function removeTree(dir) {
    if (!(0,external_node_fs_.existsSync)(dir))
        return;
    try {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
    catch {
        await (0,proc/* runChecked */.X4)('chmod', ['-R', 'u+w', dir]);
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./src/cache/key.ts
/**
 * The cache key, setup-go style: everything that changes what lands in GOMODCACHE and GOCACHE
 * is in the key; the restore key drops only the go.sum hash, so a changed dependency still
 * starts from the last cache of the same toolchain and target. Pure.
 */


const KEY_PREFIX = 'bifrost-build';
function cacheKeys(i) {
    const prefix = [
        KEY_PREFIX,
        i.runnerOs,
        i.runnerArch,
        `go${i.goVersion}`,
        i.target.os,
        i.target.arch,
        i.libc,
        i.mode
    ].join('-');
    return { key: `${prefix}-${i.goSumHash}`, restoreKeys: [`${prefix}-`] };
}
/** One hash over named contents, independent of the order they are given in. */
function hashGoSums(files) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        h.update(f.name).update('\0').update(f.content).update('\0');
    }
    return h.digest('hex');
}
/** The go.sum files that decide the dependencies: the host's (transports) and each plugin's. */
function goSumPaths(plan) {
    const dirs = [];
    if (plan.source.kind === 'checkout')
        dirs.push(plan.source.transportsDir);
    for (const p of plan.plugins)
        dirs.push(p.moduleDir);
    return [...new Set(dirs.map(d => external_node_path_default().join(d, 'go.sum')))];
}
function runnerPlatform(env) {
    const os = env.RUNNER_OS ||
        { linux: 'Linux', darwin: 'macOS', win32: 'Windows' }[process.platform] ||
        process.platform;
    const arch = env.RUNNER_ARCH ||
        { x64: 'X64', arm64: 'ARM64', arm: 'ARM', ia32: 'X86' }[process.arch] ||
        process.arch;
    return { os, arch };
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
;// CONCATENATED MODULE: ./src/cache/state.ts
/**
 * What the restore step tells the post step. In the action this is runner state
 * (core.saveState in the main step, STATE_* variables in the post step); the CLI has no post
 * step, so it keeps the state in memory and saves as soon as the build succeeds.
 */

const STATE_CACHE = 'bifrost-build-cache';
const STATE_OK = 'bifrost-build-ok';
const runnerState = {
    mode: 'post',
    save: (name, value) => core/* saveState */.LZ(name, value),
    get: name => core/* getState */.Gu(name)
};
function memoryState() {
    const values = new Map();
    return {
        mode: 'inline',
        save: (name, value) => void values.set(name, value),
        get: name => values.get(name) ?? ''
    };
}
function readCacheState(store) {
    const raw = store.get(STATE_CACHE);
    if (!raw)
        return undefined;
    try {
        return JSON.parse(raw);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/cache/restore.ts
/** Restores GOMODCACHE and GOCACHE before the build; never fails the build. */






const LOCAL_DIR_ENV = 'BIFROST_BUILD_CACHE_DIR';
/** The local directory when BIFROST_BUILD_CACHE_DIR is set, else the service when it is there. */
function chooseBackend(env) {
    const dir = env[LOCAL_DIR_ENV]?.trim();
    if (dir)
        return { backend: new LocalDirBackend(external_node_path_default().resolve(dir)), dir: external_node_path_default().resolve(dir) };
    const reason = serviceUnavailable(env);
    if (reason)
        return { reason };
    return { backend: new ServiceBackend() };
}
/** GOMODCACHE and GOCACHE as the build will use them (Toolchain.env, else `go env`). */
async function cachePaths(toolchain) {
    let mod = toolchain.env.GOMODCACHE;
    let build = toolchain.env.GOCACHE;
    if (!mod || !build) {
        const r = await (0,proc/* run */.eF)(toolchain.goBin, ['env', 'GOMODCACHE', 'GOCACHE'], {
            env: { ...process.env, ...toolchain.env },
            timeoutMs: 30_000
        });
        const [m, b] = r.stdout.trim().split('\n');
        mod ||= m;
        build ||= b;
    }
    return [mod, build].filter((p) => Boolean(p));
}
async function goSumHash(plan) {
    const files = [];
    if (plan.source.kind === 'module')
        files.push({ name: 'bifrost-version', content: plan.source.version });
    for (const file of goSumPaths(plan)) {
        const name = external_node_path_default().relative(plan.workspace, file);
        try {
            files.push({ name, content: await (0,promises_.readFile)(file) });
        }
        catch {
            files.push({ name, content: '(no go.sum)' });
        }
    }
    return hashGoSums(files);
}
async function restoreCache(plan, toolchain, reporter, deps) {
    const env = deps.env ?? process.env;
    const chosen = deps.backend ? { backend: deps.backend } : chooseBackend(env);
    if ('reason' in chosen) {
        reporter.warning(`cache: ${chosen.reason}; building without it (set ${LOCAL_DIR_ENV} to cache in a local directory)`);
        return { enabled: true, hit: false, exact: false, reason: chosen.reason };
    }
    const { backend } = chosen;
    const dir = 'dir' in chosen ? chosen.dir : undefined;
    const platform = runnerPlatform(env);
    const { key, restoreKeys } = cacheKeys({
        runnerOs: platform.os,
        runnerArch: platform.arch,
        goVersion: toolchain.version,
        target: plan.target,
        libc: plan.libc,
        mode: plan.mode,
        goSumHash: await goSumHash(plan)
    });
    const paths = await cachePaths(toolchain);
    let restored;
    try {
        restored = await backend.restore(paths, key, restoreKeys);
    }
    catch (err) {
        reporter.warning(`cache: restoring ${key} failed (${err.message}); building without it`);
    }
    // Compared as actions/cache does (case-insensitive): some cache servers (act's) lowercase keys.
    const exact = restored !== undefined &&
        restored.localeCompare(key, undefined, { sensitivity: 'accent' }) === 0;
    const state = { backend: backend.kind, dir, key, restoreKeys, paths, exact };
    deps.state.save(STATE_CACHE, JSON.stringify(state));
    if (restored) {
        reporter.info(`cache: restored ${exact ? 'exact key' : `partial match ${restored} for`} ${key} (${backend.kind}) into ${paths.join(', ')}`);
    }
    else {
        reporter.info(`cache: no entry for ${key} (${backend.kind}); it is saved after a successful build`);
    }
    return { enabled: true, key, hit: Boolean(restored), exact, restoredKey: restored };
}

;// CONCATENATED MODULE: ./src/cache/save.ts
/**
 * Saves GOMODCACHE and GOCACHE: only after a successful build (the restore step recorded the
 * key, the publish step recorded success) and only when the key was not an exact hit.
 */



async function saveFromState(reporter, state, backendOverride) {
    const saved = readCacheState(state);
    if (!saved)
        return 'skipped'; // cache off, or the run stopped before restoring
    if (state.get(STATE_OK) !== 'true') {
        reporter.info('cache: the build did not succeed; nothing saved');
        return 'skipped';
    }
    if (saved.exact) {
        reporter.info(`cache: restored from the exact key ${saved.key}; nothing new to save`);
        return 'skipped';
    }
    const backend = backendOverride ??
        (saved.backend === 'local' && saved.dir
            ? new LocalDirBackend(external_node_path_default().resolve(saved.dir))
            : new ServiceBackend());
    const t0 = Date.now();
    try {
        await backend.save(saved.paths, saved.key, saved.restoreKeys);
        reporter.info(`cache: saved ${saved.key} (${backend.kind}) in ${Date.now() - t0} ms`);
        return 'saved';
    }
    catch (err) {
        // Another job saving the same key first (ReserveCacheError) is the usual case: harmless.
        reporter.warning(`cache: saving ${saved.key} failed: ${err.message}`);
        return 'failed';
    }
}

;// CONCATENATED MODULE: ./src/cache/index.ts







/** The CLI's state lives as long as its process. */
const inlineState = memoryState();
function stateFor(reporter) {
    return reporter instanceof report/* ActionReporter */.Uy ? runnerState : inlineState;
}
async function cache_restoreCache(plan, toolchain, reporter, deps = {}) {
    return restoreCache(plan, toolchain, reporter, { ...deps, state: deps.state ?? stateFor(reporter) });
}
/**
 * Called once build, checks and packaging have passed. The action records it for the post
 * step; the CLI saves now.
 */
async function cacheAfterSuccess(ctx, deps = {}) {
    if (!ctx.cache?.key)
        return;
    const state = deps.state ?? stateFor(ctx.reporter);
    state.save(STATE_OK, 'true');
    if (state.mode === 'inline')
        await saveFromState(ctx.reporter, state, deps.backend);
}
/** The action's post step. */
async function saveCache(reporter, deps = {}) {
    await saveFromState(reporter, deps.state ?? runnerState, deps.backend);
}


/***/ }),

/***/ 10856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  outputValues: () => (/* binding */ outputValues),
  outputsWritten: () => (/* binding */ outputsWritten),
  publish: () => (/* binding */ publish),
  setOutputs: () => (/* binding */ setOutputs),
  summaryMarkdown: () => (/* reexport */ summaryMarkdown)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/cache/index.ts + 5 modules
var cache = __webpack_require__(85578);
// EXTERNAL MODULE: ./src/util/sha256.ts
var sha256 = __webpack_require__(36701);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/report.ts
var report = __webpack_require__(70665);
// EXTERNAL MODULE: ./src/util/human-size.ts
var human_size = __webpack_require__(78887);
// EXTERNAL MODULE: ./src/util/markdown.ts
var markdown = __webpack_require__(17183);
;// CONCATENATED MODULE: ./src/publish/summary.ts
/**
 * The job summary: what was built, from which plan, whether every check passed, where the
 * files went and how long each stage took. Pure: the same context gives the same markdown.
 */





/** More check rows than this and the passing ones fold into a <details> block. */
const LONG = 8;
const MARK = {
    pass: '✅ pass',
    fail: '❌ fail',
    warn: '⚠️ warn',
    skip: '⏭️ skip'
};
function rows(ctx, hashes) {
    if (ctx.package) {
        return ctx.package.files.map(f => ({
            name: f.name,
            size: f.size,
            sha256: f.sha256,
            facts: f.facts
        }));
    }
    return (ctx.verify?.files ?? []).map(f => ({
        name: f.name,
        size: f.size,
        sha256: hashes[f.path],
        facts: f
    }));
}
function summaryMarkdown(ctx, hashes = {}, failure) {
    const out = [];
    const p = (...l) => out.push(...l);
    const plan = ctx.plan;
    const ok = !failure && (ctx.verify ? ctx.verify.ok : Boolean(ctx.package));
    const what = plan
        ? `${plan.mode} ${plan.libc} ${plan.target.os}/${plan.target.arch}`
        : ctx.verify
            ? 'verify-only'
            : 'run';
    const go = ctx.toolchain ? `, Go ${ctx.toolchain.version}` : '';
    p(`## bifrost-build: ${ok ? '✅' : '❌'} ${what}${go}`, '');
    if (failure) {
        const stage = ctx.timings.find(t => t.status === 'failed')?.stage;
        p(`**Failed${stage ? ` in ${stage}` : ''}:** ${(0,markdown/* cell */.H)(failure.message)}`, '');
        if (failure.fix)
            p(`**Fix:** ${(0,markdown/* cell */.H)(failure.fix)}`, '');
        if (failure.file)
            p(`File: \`${(0,markdown/* cell */.H)(relToWorkspace(ctx, failure.file))}\``, '');
    }
    const list = rows(ctx, hashes);
    if (list.length) {
        p('### Files', '');
        p('| file | size | sha256 | linkage | libc | glibc floor |', '|---|---:|---|---|---|---|');
        for (const r of list) {
            const f = r.facts;
            p(`| \`${(0,markdown/* cell */.H)(r.name)}\` | ${r.size === undefined ? '' : (0,human_size/* humanSize */.X)(r.size)} | ${r.sha256 ? `\`${r.sha256}\`` : ''} | ${f?.linkage ?? ''} | ${f?.libc ?? ''} | ${f?.glibcFloor ?? ''} |`);
        }
        if (ctx.verify?.glibcFloor)
            p('', `glibc floor of the set: **${ctx.verify.glibcFloor}**`);
        p('');
    }
    if (ctx.verify) {
        const checks = ctx.verify.checks;
        const count = (st) => checks.filter(c => c.status === st).length;
        const extra = ['warn', 'skip']
            .filter(st => count(st) > 0)
            .map(st => `, ${count(st)} ${st}`);
        p(`### Checks: ${count('pass')} pass, ${count('fail')} fail${extra.join('')}`, '');
        // Failed checks first (each with its fix), then warnings, then the rest.
        const order = { fail: 0, warn: 1, pass: 2, skip: 3 };
        const sorted = [...checks].sort((a, b) => order[a.status] - order[b.status]);
        const rowsOf = (list) => list.map(c => {
            const { text, fix } = (0,errors/* splitFix */.qV)(c.message);
            const detail = fix ? `${(0,markdown/* cell */.H)(text)}<br>**Fix:** ${(0,markdown/* cell */.H)(fix)}` : (0,markdown/* cell */.H)(text);
            return `| ${(0,markdown/* cell */.H)(c.id)} | ${(0,markdown/* cell */.H)(c.subject)} | ${MARK[c.status]} | ${detail} |`;
        });
        const head = ['| check | file | result | detail |', '|---|---|---|---|'];
        const shown = sorted.filter(c => c.status === 'fail' || c.status === 'warn');
        const rest = sorted.filter(c => c.status !== 'fail' && c.status !== 'warn');
        const load = ctx.verify.loadTest;
        const loadRow = load
            ? [`| load test | all | ${MARK[load.status]} | ${(0,markdown/* cell */.H)(load.message)} |`]
            : [];
        const loadFirst = load?.status === 'fail' || load?.status === 'warn';
        if (checks.length + loadRow.length <= LONG) {
            p(...head, ...(loadFirst ? loadRow : []), ...rowsOf(sorted), ...(loadFirst ? [] : loadRow));
        }
        else {
            if (shown.length || loadFirst)
                p(...head, ...(loadFirst ? loadRow : []), ...rowsOf(shown), '');
            p(`<details><summary>${rest.length + (loadFirst ? 0 : loadRow.length)} more checks</summary>`, '');
            p(...head, ...rowsOf(rest), ...(loadFirst ? [] : loadRow), '', '</details>');
        }
        p('');
    }
    if (plan) {
        p('### Plan', '', '| | |', '|---|---|');
        if (ctx.toolchain)
            p(`| Go | ${ctx.toolchain.version} (${ctx.toolchain.source}) |`);
        p(`| Source | ${plan.source.kind === 'checkout' ? `\`${(0,markdown/* cell */.H)(external_node_path_default().relative(plan.workspace, plan.source.dir) || '.')}\`` : plan.source.kind === 'module' ? `transports module ${(0,markdown/* cell */.H)(plan.source.version)}` : `plugins only, for the host ${(0,markdown/* cell */.H)(plan.source.host.from)} (sha256 \`${plan.source.host.sha256}\`, version ${(0,markdown/* cell */.H)(plan.source.host.version)})`} |`);
        p(`| Mode / libc / target | ${what} |`);
        p(`| Version / plugin version | ${(0,markdown/* cell */.H)(plan.version)} / ${(0,markdown/* cell */.H)(plan.pluginVersion)} |`);
        p(`| Plugins | ${plan.plugins.length ? plan.plugins.map(x => `${(0,markdown/* cell */.H)(x.name)} (\`${(0,markdown/* cell */.H)(x.relDir)}\`)`).join(', ') : 'none'} |`);
        p(`| C compiler | \`${(0,markdown/* cell */.H)(plan.cc.command)}\` |`);
        if (plan.tags.length)
            p(`| Tags | \`${(0,markdown/* cell */.H)(plan.tags.join(','))}\` |`);
        if (plan.ldflags.length)
            p(`| Extra ldflags | \`${(0,markdown/* cell */.H)(plan.ldflags.join(' '))}\` |`);
        p(`| trimpath / align-modules / ui / verify | ${plan.trimpath} / ${plan.alignModules} / ${plan.ui} / ${plan.verify} |`);
        p(`| Output dir | \`${(0,markdown/* cell */.H)(relToWorkspace(ctx, plan.outputDir))}\` |`);
        p(`| Artifact name | \`${(0,markdown/* cell */.H)(plan.artifactName)}\` |`);
        if (ctx.cache) {
            const c = ctx.cache;
            const state = !c.enabled
                ? 'off'
                : c.exact
                    ? 'exact hit'
                    : c.hit
                        ? `partial hit (\`${(0,markdown/* cell */.H)(c.restoredKey ?? '')}\`)`
                        : `miss${c.reason ? `: ${(0,markdown/* cell */.H)(c.reason)}` : ''}`;
            p(`| Cache | ${state} |`);
        }
        p('');
    }
    if (ctx.publish) {
        p('### Artifact', '');
        if (ctx.publish.uploaded) {
            const name = plan?.artifactName ?? 'artifact';
            p(`${ctx.publish.artifactUrl ? `[${name}](${ctx.publish.artifactUrl})` : name} (id ${ctx.publish.artifactId ?? '?'}, digest \`${ctx.publish.artifactDigest ?? '?'}\`)`);
        }
        else {
            p(`Not uploaded: ${ctx.publish.reason ?? 'unknown reason'}. The files are in the output dir.`);
        }
        p('');
    }
    if (ctx.timings.length) {
        p('### Stage times', '', '| stage | time | status |', '|---|---:|---|');
        for (const t of ctx.timings)
            p(`| ${(0,markdown/* cell */.H)(t.stage)} | ${(0,report/* fmtMs */.mq)(t.ms)} | ${t.status} |`);
        const total = ctx.timings.reduce((a, t) => a + t.ms, 0);
        p(`| **total** | **${(0,report/* fmtMs */.mq)(total)}** | |`, '');
    }
    return out.join('\n');
}
/** A path as the user knows it: relative when inside the workspace. */
function relToWorkspace(ctx, p) {
    const ws = ctx.plan?.workspace;
    if (!ws)
        return p;
    const rel = external_node_path_default().relative(ws, p);
    return rel === '' ? '.' : rel.startsWith('..') || external_node_path_default().isAbsolute(rel) ? p : rel;
}

;// CONCATENATED MODULE: ./src/publish/upload.ts
/**
 * The artifact service boundary. @actions/artifact is loaded only when an upload happens
 * (it is large and most local runs never need it); tests pass their own `ArtifactUploader`.
 */

async function defaultUploader() {
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(110), __webpack_require__.e(458)]).then(__webpack_require__.bind(__webpack_require__, 67458));
    return new DefaultArtifactClient();
}
/** Why the artifact service cannot be used here, or undefined when it can. */
function serviceUnavailable(env) {
    const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter(k => !env[k]);
    if (missing.length === 0)
        return undefined;
    return `no artifact service here (${missing.join(' and ')} not set: a local run, @github/local-action or another CI)`;
}
function artifactUrl(env, id) {
    const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
    if (id === undefined || !GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !GITHUB_RUN_ID)
        return undefined;
    return `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}/artifacts/${id}`;
}
/** The service's own words, with what the user can do about the usual causes. */
function uploadError(name, err) {
    const reason = (err instanceof Error ? err.message : String(err)).trim();
    if (/\b409\b|conflict|already exists/i.test(reason)) {
        return new errors/* BuildError */.zS(`uploading artifact "${name}" failed: ${reason}`, {
            input: 'artifact-name',
            fix: 'give each matrix job its own artifact-name (the default includes version, target, libc and mode)',
            cause: err
        });
    }
    if (/quota|storage|\b403\b/i.test(reason)) {
        return new errors/* BuildError */.zS(`uploading artifact "${name}" failed: ${reason}`, {
            input: 'retention-days',
            fix: 'delete old artifacts or lower retention-days; the files are still in output-dir',
            cause: err
        });
    }
    return new errors/* BuildError */.zS(`uploading artifact "${name}" failed: ${reason}`, {
        fix: 're-run the job; the files are still in output-dir (set upload: false to skip uploading)',
        cause: err
    });
}

;// CONCATENATED MODULE: ./src/publish/index.ts
/**
 * Stage 6: upload the archive, SHA256SUMS and manifest as one workflow artifact, set every
 * output of the contract and write the job summary.
 */







async function publish(ctx, deps = {}) {
    const env = deps.env ?? process.env;
    const { plan, reporter } = ctx;
    const pkg = ctx.package;
    if (!plan || !pkg)
        throw new Error('publish runs only after package');
    // Build and checks passed: from here the caches are worth keeping.
    await (0,cache.cacheAfterSuccess)(ctx);
    if (!plan.upload) {
        reporter.info(`upload: false; the files are in ${pkg.outputDir}`);
        return { uploaded: false, reason: 'upload: false' };
    }
    const unavailable = serviceUnavailable(env);
    if (unavailable) {
        reporter.notice(`not uploading: ${unavailable}; the files are in ${pkg.outputDir}`);
        return { uploaded: false, reason: unavailable };
    }
    const files = [pkg.archive, pkg.checksums, pkg.manifest];
    const uploader = await (deps.uploader ?? defaultUploader)();
    let res;
    try {
        res = await uploader.uploadArtifact(plan.artifactName, files, pkg.outputDir, {
            retentionDays: plan.retentionDays,
            compressionLevel: 0
        });
    }
    catch (err) {
        if (err?.name === 'GHESNotSupportedError') {
            const reason = `the artifact service is not available on this server (${err.message})`;
            reporter.notice(`not uploading: ${reason}; the files are in ${pkg.outputDir}`);
            return { uploaded: false, reason };
        }
        throw uploadError(plan.artifactName, err);
    }
    const result = {
        uploaded: true,
        artifactId: res.id === undefined ? undefined : String(res.id),
        artifactUrl: artifactUrl(env, res.id),
        artifactDigest: res.digest
    };
    reporter.info(`uploaded artifact ${plan.artifactName} (${files.map(f => external_node_path_default().basename(f)).join(', ')})` +
        (result.artifactUrl ? `: ${result.artifactUrl}` : ''));
    return result;
}
function targetOf(ctx) {
    if (ctx.plan)
        return `${ctx.plan.target.os}/${ctx.plan.target.arch}`;
    const host = ctx.verify?.files.find(f => f.kind === 'host');
    return host && (host.machine === 'amd64' || host.machine === 'arm64')
        ? `linux/${host.machine}`
        : '';
}
/**
 * Every output of the contract from what the context holds (empty when a stage did not run,
 * e.g. archive in verify-only mode or after a failed build). `hashes` receives the sha256 of
 * files hashed here (verify-only), for the summary.
 */
function outputValues(ctx, hashes = {}) {
    const out = {};
    const set = (name, value) => (out[name] = value ?? '');
    const pkg = ctx.package;
    const hostFacts = ctx.verify?.files.find(f => f.kind === 'host');
    set('go-version', ctx.toolchain?.version);
    set('go-root', ctx.toolchain?.goroot);
    set('mode', ctx.plan?.mode ?? hostFacts?.linkage);
    set('libc', ctx.plan?.libc ?? hostFacts?.libc);
    set('target', targetOf(ctx));
    let plugins;
    if (pkg) {
        set('binary', pkg.files.find(f => f.name === 'bifrost-http')?.path);
        plugins = pkg.files
            .filter(f => f.name.startsWith('plugins/') && f.name.endsWith('.so'))
            .map(f => ({ name: external_node_path_default().basename(f.name, '.so'), path: f.path, sha256: f.sha256 }));
    }
    else {
        set('binary', hostFacts?.path);
        for (const f of ctx.verify?.files ?? []) {
            try {
                hashes[f.path] = (0,sha256/* sha256FileSync */.h)(f.path);
            }
            catch {
                /* file gone: no hash */
            }
        }
        plugins = (ctx.verify?.files ?? [])
            .filter(f => f.kind === 'plugin')
            .map(f => ({
            name: f.name.replace(/\.so$/, ''),
            path: f.path,
            sha256: hashes[f.path] ?? ''
        }));
    }
    set('plugins', JSON.stringify(plugins));
    set('archive', pkg?.archive);
    set('checksums', pkg?.checksums);
    set('manifest', pkg?.manifest);
    set('glibc-floor', ctx.verify?.glibcFloor);
    set('cache-hit', String(Boolean(ctx.cache?.exact)));
    set('artifact-id', ctx.publish?.artifactId);
    set('artifact-url', ctx.publish?.artifactUrl);
    set('artifact-digest', ctx.publish?.artifactDigest);
    set('artifact-name', ctx.plan?.artifactName);
    set('output-dir', ctx.package?.outputDir ?? ctx.plan?.outputDir);
    return out;
}
/** Runs whose outputs and summary were written (once per run, success or failure). */
const finished = new WeakSet();
function outputsWritten(ctx) {
    return finished.has(ctx);
}
/**
 * Sets every output of the contract and writes the job summary when the runner gave a
 * summary file; `failure` is the error that stopped the run. Synchronous, so the pipeline's
 * last call cannot leave work behind.
 */
function setOutputs(ctx, env = process.env, failure) {
    finished.add(ctx);
    const hashes = {};
    for (const [name, value] of Object.entries(outputValues(ctx, hashes)))
        ctx.reporter.setOutput(name, value);
    const summaryFile = env.GITHUB_STEP_SUMMARY;
    if (summaryFile) {
        try {
            // What core.summary.write() does, without its promise: appended, never replaced.
            (0,external_node_fs_.appendFileSync)(summaryFile, summaryMarkdown(ctx, hashes, failure) + '\n');
        }
        catch (err) {
            ctx.reporter.warning(`could not write the job summary: ${err.message}`);
        }
    }
}


/***/ }),

/***/ 17183:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ cell)
/* harmony export */ });
/** Makes a value safe inside a markdown table cell (BUILD.md, the job summary). */
function cell(s) {
    return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}


/***/ })

};
