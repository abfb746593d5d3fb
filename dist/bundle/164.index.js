export const id = 164;
export const ids = [164];
export const modules = {

/***/ 20164:
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
  memoryState: () => (/* reexport */ cache_state/* memoryState */.Rv),
  restoreCache: () => (/* reexport */ restoreCache),
  saveCache: () => (/* binding */ saveCache)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/proc.ts + 1 modules
var proc = __webpack_require__(97684);
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
        const cache = await Promise.all(/* import() */[__webpack_require__.e(110), __webpack_require__.e(511)]).then(__webpack_require__.bind(__webpack_require__, 49511));
        return fromRoot(() => cache.restoreCache([...paths], key, restoreKeys));
    }
    async save(paths, key) {
        const cache = await Promise.all(/* import() */[__webpack_require__.e(110), __webpack_require__.e(511)]).then(__webpack_require__.bind(__webpack_require__, 49511));
        await fromRoot(() => cache.saveCache([...paths], key));
    }
}
/**
 * @actions/cache writes each path into its archive relative to GITHUB_WORKSPACE and extracts
 * relative to the GITHUB_WORKSPACE of the restoring job, while the entry's version hashes only
 * the path strings. A runner whose workspace moved to another depth would therefore get a hit
 * that unpacks GOMODCACHE and GOCACHE somewhere else (and, being a hit, never saves again).
 * With the file system root as the working directory the archive names the paths themselves.
 */
async function fromRoot(fn) {
    const before = process.env.GITHUB_WORKSPACE;
    process.env.GITHUB_WORKSPACE = external_node_path_default().parse(process.cwd()).root;
    try {
        return await fn();
    }
    finally {
        if (before === undefined)
            delete process.env.GITHUB_WORKSPACE;
        else
            process.env.GITHUB_WORKSPACE = before;
    }
}
/**
 * One directory per key under `root`, holding a copy of each cached path (`0/`, `1/`, ...),
 * saved with `cp -a --reflink=auto` (instant on filesystems with reflinks). A restore never
 * rewrites a file that is there: GOCACHE and GOMODCACHE files are named by their content, and
 * one truncated and rewritten in place (as `cp` over it does) crashes every go process that
 * has it mapped, in this job or another sharing the cache, with SIGBUS. Into an empty or
 * missing directory (a fresh runner) it copies beside it and renames the copy into place;
 * into one with files, it adds the missing ones (`tar | tar --skip-old-files`). Measured on
 * the real 1.5.1 module cache (1.1 GB, 43k files): the copy 5.0 s, tar 14.4 s into an empty
 * directory and 1.0 s when every file is there.
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
            await restoreTree(from, dest);
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
/** `from` into `dest` without rewriting a file of `dest` (see LocalDirBackend). */
async function restoreTree(from, dest) {
    if (await emptyOrMissing(dest)) {
        await (0,promises_.mkdir)(external_node_path_default().dirname(dest), { recursive: true });
        // A sibling: the same file system, so the rename is atomic.
        const copy = `${dest}.bifrost-build-${process.pid}-${Date.now()}`;
        try {
            await (0,proc/* runChecked */.X4)('cp', ['-a', '--reflink=auto', from, copy]);
            // rename(2) replaces an empty directory, and fails if files appeared in it meanwhile.
            await (0,promises_.rename)(copy, dest);
            return;
        }
        catch (err) {
            const code = err.code;
            if (code !== 'ENOTEMPTY' && code !== 'EEXIST')
                throw err;
        }
        finally {
            await removeTree(copy);
        }
    }
    await (0,promises_.mkdir)(dest, { recursive: true });
    await (0,proc/* runPipeChecked */.zo)(['tar', ['-C', from, '-cf', '-', '.']], ['tar', ['-C', dest, '-xf', '-', '--skip-old-files']]);
}
async function emptyOrMissing(dir) {
    try {
        return (await (0,promises_.readdir)(dir)).length === 0;
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return true;
        throw err;
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

// EXTERNAL MODULE: ./src/cache/state.ts
var cache_state = __webpack_require__(64807);
;// CONCATENATED MODULE: ./src/cache/save.ts
/**
 * Saves GOMODCACHE and GOCACHE: only after a successful build (the restore step recorded the
 * key, the pipeline's cache-save step recorded that build, checks and packaging passed) and
 * only when the key was not an exact hit.
 */



async function saveFromState(reporter, state, backendOverride) {
    const saved = (0,cache_state/* readCacheState */.km)(state);
    if (!saved)
        return 'skipped'; // cache off, or the run stopped before restoring
    if (saved.restoreOnly) {
        reporter.info(`cache: restore-only; ${saved.key} is not saved`);
        return 'skipped';
    }
    if (state.get(cache_state/* STATE_OK */.FO) !== 'true') {
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

// EXTERNAL MODULE: ./src/util/inside.ts
var inside = __webpack_require__(12282);
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
/**
 * Where the module cache goes when caching, or undefined to keep the toolchain's. GOCACHE's
 * entries for a cgo package hash its cgo flags, and `${SRCDIR}` in them expands to the
 * package's directory inside GOMODCACHE (go-sqlite3: `-I<GOMODCACHE>/github.com/mattn/...`):
 * a GOCACHE restored next to a module cache at another path recompiles those packages. The
 * runner's tool cache is the one directory that is the same for every job, repository and
 * workspace of a runner (and across a fleet that sets RUNNER_TOOL_CACHE alike), where HOME,
 * the workspace and the temp dir can move. A GOMODCACHE of the user's own (anything but Go's
 * default under GOPATH) is kept; off a runner (no RUNNER_TOOL_CACHE) Go's default stays.
 */
function stableModuleCache(goEnv, env) {
    const root = env.RUNNER_TOOL_CACHE?.trim();
    if (!root || !external_node_path_default().isAbsolute(root))
        return undefined;
    const current = goEnv.GOMODCACHE;
    const gopath = (goEnv.GOPATH ?? '').split((external_node_path_default()).delimiter)[0];
    if (current && (!gopath || external_node_path_default().resolve(current) !== external_node_path_default().join(gopath, 'pkg', 'mod')))
        return undefined;
    return external_node_path_default().join(root, MODULE_CACHE_DIR);
}
const MODULE_CACHE_DIR = external_node_path_default().join('bifrost-build', 'gomodcache');
/** Why `dir` cannot be created or written (a read-only tool cache shared by root), else undefined. */
async function notWritable(dir) {
    try {
        await (0,promises_.mkdir)(dir, { recursive: true });
        await (0,promises_.access)(dir, external_node_fs_.constants.W_OK);
        return undefined;
    }
    catch (err) {
        return err.code ?? err.message;
    }
}
/** Directories that are not the same from one job to the next. */
function movingRoot(dir, env) {
    for (const name of ['GITHUB_WORKSPACE', 'RUNNER_TEMP']) {
        const root = env[name];
        if (root && external_node_path_default().isAbsolute(root) && (0,inside/* isInside */.F)(root, dir))
            return name;
    }
    return undefined;
}
async function goSumHash(plan) {
    const files = [];
    if (plan.source.kind === 'module')
        files.push({ name: 'bifrost-version', content: plan.source.version });
    for (const file of plan.cacheDependencyFiles ?? goSumPaths(plan)) {
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
/**
 * Points GOMODCACHE at the tool cache's module cache when one applies and can be written
 * (stableModuleCache says why), else says when the module cache sits where restored cgo
 * packages would be recompiled.
 */
async function settleModuleCache(toolchain, env, reporter) {
    const stable = stableModuleCache(toolchain.env, env);
    const unusable = stable && (await notWritable(stable));
    if (stable && unusable) {
        reporter.info(`cache: the tool cache's module cache ${stable} cannot be used (${unusable}); keeping GOMODCACHE ${toolchain.env.GOMODCACHE}`);
    }
    else if (stable) {
        toolchain.env.GOMODCACHE = stable;
        reporter.exportVariable('GOMODCACHE', stable);
    }
    else if (toolchain.env.GOMODCACHE) {
        const moving = movingRoot(toolchain.env.GOMODCACHE, env);
        if (moving)
            reporter.info(`cache: GOMODCACHE ${toolchain.env.GOMODCACHE} is inside ${moving}, which can move between jobs; cgo packages whose flags name their module directory (go-sqlite3) are recompiled after a restore at another path. Unset GOMODCACHE to use the tool cache's module cache`);
    }
}
/** The key this build's cache entry has, and the prefixes an older entry may match. */
async function keysFor(plan, toolchain, env) {
    const platform = runnerPlatform(env);
    return cacheKeys({
        runnerOs: platform.os,
        runnerArch: platform.arch,
        goVersion: toolchain.version,
        target: plan.target,
        libc: plan.libc,
        mode: plan.mode,
        goSumHash: await goSumHash(plan)
    });
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
    const restoreOnly = plan.cacheRestoreOnly === true;
    await settleModuleCache(toolchain, env, reporter);
    const { key, restoreKeys } = await keysFor(plan, toolchain, env);
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
    const state = {
        backend: backend.kind,
        dir,
        key,
        restoreKeys,
        paths,
        exact,
        ...(restoreOnly ? { restoreOnly } : {})
    };
    deps.state.save(cache_state/* STATE_CACHE */.d3, JSON.stringify(state));
    if (restored) {
        reporter.info(`cache: restored ${exact ? 'exact key' : `partial match ${restored} for`} ${key} (${backend.kind}) into ${paths.join(', ')}`);
    }
    else {
        reporter.info(`cache: no entry for ${key} (${backend.kind}); ${restoreOnly ? 'restore-only: nothing is saved' : 'it is saved after a successful build'}`);
    }
    return {
        enabled: true,
        key,
        hit: Boolean(restored),
        exact,
        restoredKey: restored,
        ...(restoreOnly ? { restoreOnly } : {})
    };
}

;// CONCATENATED MODULE: ./src/cache/index.ts






/**
 * The pipeline's step once build, checks and packaging have passed. The action records it
 * for the post step; the CLI saves now.
 */
async function cacheAfterSuccess(ctx, deps) {
    if (!ctx.cache?.key)
        return;
    const { state } = deps;
    state.save(cache_state/* STATE_OK */.FO, 'true');
    if (state.mode === 'inline')
        await saveFromState(ctx.reporter, state, deps.backend);
}
/** The action's post step. */
async function saveCache(reporter, deps) {
    await saveFromState(reporter, deps.state, deps.backend);
}


/***/ })

};
