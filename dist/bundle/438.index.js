export const id = 438;
export const ids = [438,468];
export const modules = {

/***/ 34901:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   mT: () => (/* binding */ goListFix),
/* harmony export */   su: () => (/* binding */ listModules),
/* harmony export */   yt: () => (/* binding */ alignPlugins)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _util_inside_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(12282);
/* harmony import */ var _bifrost_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(83438);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(48468);
/* harmony import */ var _go_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(72332);
/* harmony import */ var _modules_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(48169);
/* harmony import */ var _workspace_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(31189);
/**
 * Module alignment: the modules each side links (`go list -deps`), compared plugin by plugin
 * with the host's, and with align-modules: fix a temp go.mod per plugin pinned to the host's.
 */










/**
 * A `replace` by a directory outside the workspace builds files that are not part of the
 * checkout (and that a reader of BUILD.md cannot get): said once per module as a warning, and
 * kept for BUILD.md and manifest.json.
 */
function noteOutsideReplaces(ctx, mods, plugin) {
    ctx.outside ??= new Map();
    const ws = ctx.plan.workspace;
    const realWs = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(ws) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)(ws) : ws;
    const who = plugin ?? _bifrost_js__WEBPACK_IMPORTED_MODULE_9__/* .HOST_FILE */ .w;
    for (const m of mods) {
        if (!m.replace || m.replace.version)
            continue;
        const dir = m.replace.path;
        const real = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(dir) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.realpathSync)(dir) : dir;
        const inside = ((0,_util_inside_js__WEBPACK_IMPORTED_MODULE_4__/* .isInside */ .F)(ws, dir) && (0,_util_inside_js__WEBPACK_IMPORTED_MODULE_4__/* .isInside */ .F)(realWs, real)) || (ctx.work && (0,_util_inside_js__WEBPACK_IMPORTED_MODULE_4__/* .isInside */ .F)(ctx.work, dir));
        if (inside)
            continue;
        const key = `${m.path} ${real}`;
        const known = ctx.outside.get(key);
        if (known) {
            if (!known.usedBy.includes(who))
                known.usedBy.push(who);
            continue;
        }
        ctx.outside.set(key, { module: m.path, dir: real, usedBy: [who] });
        ctx.reporter.warning(`module ${m.path} is replaced by the directory ${real}, outside the workspace ${ws}: its files are built into ${who} but are not part of the checkout (BUILD.md and manifest.json name it); vendor it into the checkout or replace it by a module version`);
    }
}
/** The fix for a failed `go list`: tidy does not repair a vendor/ that disagrees with go.mod. */
function goListFix(tail, moduleDir, inWorkspace = false) {
    // A go.mod or go.work newer than the chosen Go (GOTOOLCHAIN=local: go never switches).
    const newer = /(\S+) requires go >= (\S+) \(running go ([^;)\s]+)/.exec(tail);
    if (newer)
        return `set go-version: ${newer[2]} (or newer), or lower the go line of ${newer[1]} to ${newer[3]}`;
    if (/inconsistent vendoring|vendor\/modules\.txt/.test(tail))
        return `run go mod vendor in ${moduleDir} (go mod tidy does not update vendor/) and commit vendor/, or delete vendor/ to build from the module cache`;
    return (0,_workspace_js__WEBPACK_IMPORTED_MODULE_8__/* .untidyModuleFix */ .nL)(inWorkspace);
}
/**
 * The modules of the packages that go into the binary (`go list -deps` of the package, with the
 * build's GOOS/GOARCH/CGO and tags), not the whole module graph: test-only requirements of
 * dependencies are linked into neither side and must not count as skew (real Bifrost plugins
 * hit that with golang.org/x/sync, go-cmp, check.v1).
 */
async function listModules(ctx, moduleDir, pkg, modfile) {
    const tags = (0,_commands_js__WEBPACK_IMPORTED_MODULE_5__.buildTags)(ctx.plan);
    const rec = {
        cwd: moduleDir,
        env: (0,_commands_js__WEBPACK_IMPORTED_MODULE_5__.buildVars)(ctx.plan, ctx.goWork),
        argv: [
            ctx.toolchain.goBin,
            'list',
            ...(modfile ? [`-modfile=${modfile}`] : []),
            ...(tags.length ? ['-tags', tags.join(',')] : []),
            '-e',
            '-deps',
            '-json=Module',
            pkg
        ]
    };
    const r = await (0,_go_js__WEBPACK_IMPORTED_MODULE_6__/* .runGo */ .aC)(ctx, rec, { stream: 'stderr', record: false });
    if (r.code !== 0) {
        const goMod = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(moduleDir, 'go.mod');
        const inWorkspace = !ctx.goWork &&
            ctx.plan.source.kind === 'checkout' &&
            (0,_workspace_js__WEBPACK_IMPORTED_MODULE_8__/* .tidyOnlyInWorkspace */ .dK)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(goMod, 'utf8').catch(() => ''), moduleDir, ctx.plan.source.dir);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BuildError */ .zS(`go list -deps ${pkg} failed in ${moduleDir}: ${(0,_go_js__WEBPACK_IMPORTED_MODULE_6__/* .errorTail */ .BZ)(r)}`, {
            file: goMod,
            fix: goListFix((0,_go_js__WEBPACK_IMPORTED_MODULE_6__/* .errorTail */ .BZ)(r), moduleDir, inWorkspace)
        });
    }
    const seen = new Map();
    for (const p of (0,_modules_js__WEBPACK_IMPORTED_MODULE_7__/* .parseJsonStream */ .W$)(r.stdout)) {
        if (p.Module && !seen.has(p.Module.Path))
            seen.set(p.Module.Path, p.Module);
    }
    const mods = (0,_modules_js__WEBPACK_IMPORTED_MODULE_7__/* .toModuleVersions */ .Ju)([...seen.values()], moduleDir);
    noteOutsideReplaces(ctx, mods, ctx.plan.plugins.find(p => p.moduleDir === moduleDir)?.name);
    return mods;
}
/** `./bifrost-http`, or the plugin's package relative to its module root. */
function pluginPackage(p) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(p.moduleDir, p.dir);
    return rel ? `./${rel.split((node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)).join('/')}` : '.';
}
/** Compares every plugin's module graph with the host's; `fix` pins a temp go.mod per plugin. */
async function alignPlugins(ctx, host, work, 
/** The host's modules as this plugin is compared with (plugin-only builds: src/plan/host.ts). */
hostFor = () => host) {
    const { plan, reporter } = ctx;
    const out = { shared: {}, skew: [], modfiles: {} };
    const failing = [];
    for (const p of plan.plugins) {
        const mine = await listModules(ctx, p.moduleDir, pluginPackage(p));
        const hostMods = hostFor(mine);
        // Without -trimpath files are named by directory, so one directory under two version labels
        // is one package to the loader (measured: such a pair loads); with it, the label is in every name.
        const counts = (s) => plan.trimpath || !s.sameSource;
        let { shared, skew } = (0,_modules_js__WEBPACK_IMPORTED_MODULE_7__/* .compareModules */ .rz)(p.name, hostMods, mine);
        skew = skew.filter(counts);
        if (skew.length && plan.alignModules === 'fix') {
            const modfile = await pinnedModfile(ctx, p, skew, hostMods, work);
            const after = (0,_modules_js__WEBPACK_IMPORTED_MODULE_7__/* .compareModules */ .rz)(p.name, hostMods, await listModules(ctx, p.moduleDir, pluginPackage(p), modfile));
            reporter.info(`plugin ${p.name}: built with ${node_path__WEBPACK_IMPORTED_MODULE_2___default().basename(modfile)} (a temp copy of its go.mod pinned to the host's ${skew.map(s => `${s.module} ${s.hostVersion}`).join(', ')}); the plugin's own files are untouched`);
            out.modfiles[p.name] = modfile;
            ({ shared, skew } = after);
            skew = skew.filter(counts);
        }
        out.shared[p.name] = shared;
        out.skew.push(...skew);
        if (skew.length)
            failing.push({ plugin: p, skew });
    }
    if (!failing.length)
        return out;
    const listing = failing
        .flatMap(f => f.skew.map(s => `${s.module} plugin ${f.plugin.name} has ${s.pluginVersion}, host has ${s.hostVersion}${s.sameSource ? ' (the same directory under another version label, which -trimpath writes into every file name)' : ''}`))
        .join('; ');
    const fixes = failing.map(f => `in ${f.plugin.relDir}: ${(0,_modules_js__WEBPACK_IMPORTED_MODULE_7__/* .alignCommand */ .LS)(f.skew, host)}`).join('; ');
    const workspaceFix = failing.some(f => f.skew.some(s => s.sameSource))
        ? ', or set go-work: local to build host and plugins in one Go workspace'
        : '';
    if (plan.alignModules === 'warn') {
        reporter.warning(`plugin modules differ from the host's (the plugins will fail to load): ${listing}. To align: ${fixes}${workspaceFix}`);
        return out;
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BuildError */ .zS(`plugin modules differ from the host's, so the plugins would fail to load: ${listing}`, {
        input: 'align-modules',
        module: failing[0].skew[0].module,
        fix: `${fixes} (or set align-modules: fix to build with the host's versions without editing the plugin${workspaceFix})`
    });
}
/** A temp copy of the plugin's go.mod/go.sum pinned to the host's versions (`-modfile`). */
async function pinnedModfile(ctx, p, skew, host, work) {
    const dir = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(work, 'modfiles', p.name);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    const modfile = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'go.mod');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(p.moduleDir, 'go.mod'), modfile);
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(p.moduleDir, 'go.sum')))
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(p.moduleDir, 'go.sum'), node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'go.sum'));
    // The host's own sums: go then checks each download against what the host was built from.
    const byPath = new Map(host.map(m => [m.path, m]));
    const sums = skew
        .map(s => byPath.get(s.module))
        .filter(h => h?.sum && !h.replace)
        .map(h => `${h.path} ${h.version} ${h.sum}\n`);
    if (sums.length)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.appendFile)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, 'go.sum'), sums.join(''));
    const env = (0,_commands_js__WEBPACK_IMPORTED_MODULE_5__.buildVars)(ctx.plan, ctx.goWork);
    const steps = [];
    const edits = (0,_modules_js__WEBPACK_IMPORTED_MODULE_7__/* .replaceEdits */ .QR)(skew, host);
    if (edits.length)
        steps.push(['mod', 'edit', `-modfile=${modfile}`, ...edits]);
    const gets = (0,_modules_js__WEBPACK_IMPORTED_MODULE_7__/* .hostVersionQueries */ .zM)(skew, host);
    if (gets.length)
        steps.push(['get', `-modfile=${modfile}`, ...gets]);
    for (const args of steps) {
        const r = await (0,_go_js__WEBPACK_IMPORTED_MODULE_6__/* .runGo */ .aC)(ctx, { cwd: p.moduleDir, env, argv: [ctx.toolchain.goBin, ...args] });
        if (r.code !== 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BuildError */ .zS(`aligning plugin ${p.name} with the host failed: go ${args.join(' ')}: ${(0,_go_js__WEBPACK_IMPORTED_MODULE_6__/* .errorTail */ .BZ)(r)}`, {
                input: 'align-modules',
                file: node_path__WEBPACK_IMPORTED_MODULE_2___default().join(p.moduleDir, 'go.mod'),
                fix: `align it by hand in ${p.relDir}: ${(0,_modules_js__WEBPACK_IMPORTED_MODULE_7__/* .alignCommand */ .LS)(skew, host)}`
            });
    }
    return modfile;
}


/***/ }),

/***/ 48468:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PROBLEM_MATCHER: () => (/* binding */ PROBLEM_MATCHER),
/* harmony export */   PROBLEM_MATCHER_OWNER: () => (/* binding */ PROBLEM_MATCHER_OWNER),
/* harmony export */   buildTags: () => (/* binding */ buildTags),
/* harmony export */   buildVars: () => (/* binding */ buildVars),
/* harmony export */   childEnv: () => (/* binding */ childEnv),
/* harmony export */   hostCommand: () => (/* binding */ hostCommand),
/* harmony export */   hostLdflags: () => (/* binding */ hostLdflags),
/* harmony export */   pluginCommand: () => (/* binding */ pluginCommand),
/* harmony export */   pluginLdflags: () => (/* binding */ pluginLdflags),
/* harmony export */   workspaceRelativeLine: () => (/* binding */ workspaceRelativeLine)
/* harmony export */ });
/* harmony import */ var _util_arch_level_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(20189);

/** GOAMD64/GOARM64 as go would default them, pinned so host and plugins cannot drift apart. */
function pinnedArchLevel(plan) {
    const level = (0,_util_arch_level_js__WEBPACK_IMPORTED_MODULE_0__/* .archLevel */ .xs)(plan.target.arch, plan.reportedEnv);
    return { [level.name]: level.value };
}
/** The variables we set for every go call of the build (on top of the toolchain's). */
function buildVars(plan, goWork) {
    return {
        CGO_ENABLED: '1',
        GOOS: plan.target.os,
        GOARCH: plan.target.arch,
        // A go.work of the checkout never applies by accident; go-work: local names ours.
        GOWORK: goWork ?? 'off',
        CC: plan.cc.command,
        ...pinnedArchLevel(plan),
        ...plan.goEnv,
        GOTOOLCHAIN: 'local'
    };
}
const EXT = '-extldflags=';
/**
 * The user's `-extldflags=<flag>` words and ours (`-static`) as one `-extldflags '<flags>'`:
 * the linker keeps only the last -extldflags it is given, so they cannot be separate.
 */
function extldflags(plan, ours) {
    const flags = [
        ...ours,
        ...plan.ldflags.filter(f => f.startsWith(EXT)).map(f => f.slice(EXT.length))
    ];
    return flags.length ? ['-extldflags', `'${flags.join(' ')}'`] : [];
}
const otherLdflags = (plan) => plan.ldflags.filter(f => !f.startsWith(EXT));
/** `-w -s [-extldflags '-static ...'] -X main.Version=v<version> <extra>` as one -ldflags value. */
function hostLdflags(plan) {
    return [
        '-w',
        '-s',
        ...extldflags(plan, plan.mode === 'static' ? ['-static'] : []),
        '-X',
        `main.Version=v${plan.version}`,
        ...otherLdflags(plan)
    ].join(' ');
}
function pluginLdflags(plan) {
    return [
        '-w',
        '-s',
        ...extldflags(plan, []),
        '-X',
        `main.Version=v${plan.pluginVersion}`,
        ...otherLdflags(plan)
    ].join(' ');
}
function buildTags(plan) {
    return plan.mode === 'static'
        ? ['sqlite_static', ...plan.tags.filter(t => t !== 'sqlite_static')]
        : plan.tags;
}
function commonFlags(plan) {
    const tags = buildTags(plan);
    return [
        ...(plan.trimpath ? ['-trimpath'] : []),
        ...(tags.length ? ['-tags', tags.join(',')] : [])
    ];
}
function hostCommand(plan, toolchain, transportsDir, output, goWork, 
/** `-overlay` file that adds the built or placeholder UI without writing into the tree. */
overlay) {
    return goBuildCommand(plan, toolchain, goWork, {
        cwd: transportsDir,
        before: [],
        after: overlay ? [`-overlay=${overlay}`] : [],
        ldflags: hostLdflags(plan),
        output,
        pkg: './bifrost-http'
    });
}
function pluginCommand(plan, toolchain, plugin, output, modfile, goWork) {
    return goBuildCommand(plan, toolchain, goWork, {
        cwd: plugin.dir,
        before: ['-buildmode=plugin'],
        after: modfile ? [`-modfile=${modfile}`] : [],
        ldflags: pluginLdflags(plan),
        output,
        pkg: '.'
    });
}
/** `go build [before] [-trimpath] [-tags] [after] -ldflags <ldflags> -o <output> <pkg>`. */
function goBuildCommand(plan, toolchain, goWork, o) {
    return {
        cwd: o.cwd,
        env: buildVars(plan, goWork),
        argv: [
            toolchain.goBin,
            'build',
            ...o.before,
            ...commonFlags(plan),
            ...o.after,
            '-ldflags',
            o.ldflags,
            '-o',
            o.output,
            o.pkg
        ]
    };
}
/**
 * The child's environment: ours, then the toolchain's, over the user's. proc.ts drops the
 * runner's secrets and action inputs from every child's environment.
 */
function childEnv(base, toolchain, vars) {
    return { ...base, ...toolchain.env, ...vars };
}
/**
 * Go's error lines name files relative to the directory it ran in; rewritten relative to the
 * workspace so the problem matcher's annotations point at the right file.
 */
function workspaceRelativeLine(line, cwdRel) {
    if (!cwdRel || cwdRel === '.')
        return line;
    const m = /^(\.\/)?([^\s:][^:]*\.go)(:\d+(?::\d+)?:\s.*)$/.exec(line);
    if (!m || m[2].startsWith('/'))
        return line;
    return `${cwdRel}/${m[2]}${m[3]}`;
}
/** Go compile errors (`file.go:line:col: message`) as GitHub annotations. */
const PROBLEM_MATCHER_OWNER = 'bifrost-build-go';
const PROBLEM_MATCHER = {
    problemMatcher: [
        {
            owner: PROBLEM_MATCHER_OWNER,
            pattern: [
                {
                    regexp: '^\\s*(?:\\.\\/)?([^\\s:][^:]*\\.go):(\\d+):(?:(\\d+):)?\\s+(.*)$',
                    file: 1,
                    line: 2,
                    column: 3,
                    message: 4
                }
            ]
        }
    ]
};


/***/ }),

/***/ 72332:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BC: () => (/* binding */ goBuild),
/* harmony export */   BZ: () => (/* binding */ errorTail),
/* harmony export */   Ur: () => (/* binding */ pluginFile),
/* harmony export */   aC: () => (/* binding */ runGo),
/* harmony export */   qL: () => (/* binding */ registerMatcher),
/* harmony export */   ws: () => (/* reexport safe */ _bifrost_js__WEBPACK_IMPORTED_MODULE_5__.w)
/* harmony export */ });
/* unused harmony exports goCrash, cancelled */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _proc_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(97684);
/* harmony import */ var _bifrost_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(83438);
/* harmony import */ var _commands_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(48468);
/**
 * The one place the build stage runs go: lines streamed to the reporter, cancellation, the
 * compiler's complaint for the one-line error, and one more try when the go command itself
 * crashes (a runtime fault of go, not an error in the source).
 */






/** The output names, in output-dir as in the staging dir: one name per file from here on. */

function pluginFile(name) {
    return `plugins/${name}.so`;
}
async function registerMatcher(reporter, env) {
    if (!reporter.addMatcher || !env.RUNNER_TEMP)
        return () => { };
    const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(env.RUNNER_TEMP, `${_commands_js__WEBPACK_IMPORTED_MODULE_4__.PROBLEM_MATCHER_OWNER}.json`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, JSON.stringify(_commands_js__WEBPACK_IMPORTED_MODULE_4__.PROBLEM_MATCHER, null, 2));
    reporter.addMatcher(file);
    return () => reporter.removeMatcher?.(_commands_js__WEBPACK_IMPORTED_MODULE_4__.PROBLEM_MATCHER_OWNER);
}
function relToWorkspace(plan, dir) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(plan.workspace, dir);
    return rel.startsWith('..') || node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(rel) ? '' : rel;
}
/**
 * Runs a go command, streaming its lines; failing exit codes are the caller's to judge. A go
 * command that crashes (a runtime fault such as SIGBUS from a cache file changed under it, or
 * a machine out of memory) is run once more; a second crash is one error that says so.
 */
async function runGo(ctx, rec, opts = {}) {
    if (opts.record !== false)
        ctx.commands.push(rec);
    ctx.onCommand?.(rec);
    const first = await runGoOnce(ctx, rec, opts);
    const crash = goCrash(first);
    if (!crash)
        return first;
    ctx.reporter.warning(`go ${rec.argv[1]} crashed (${crash}); running it once more, as a crash of the go command is not an error in the source`);
    const again = await runGoOnce(ctx, rec, opts);
    const twice = goCrash(again);
    if (!twice)
        return again;
    const gocache = ctx.toolchain.env.GOCACHE ?? ctx.baseEnv.GOCACHE;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BuildError */ .zS(`go ${rec.argv.slice(1).join(' ')} crashed twice in ${rec.cwd}: ${twice}`, {
        fix: `run the job again; if go keeps crashing, check the runner's free disk space and memory, and empty the Go build cache with go clean -cache${gocache ? ` (GOCACHE is ${gocache})` : ''}`
    });
}
async function runGoOnce(ctx, rec, opts) {
    if (ctx.signal.aborted)
        throw cancelled();
    const cwdRel = relToWorkspace(ctx.plan, rec.cwd);
    const r = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)(rec.argv[0], rec.argv.slice(1), {
        cwd: rec.cwd,
        env: (0,_commands_js__WEBPACK_IMPORTED_MODULE_4__.childEnv)(ctx.baseEnv, ctx.toolchain, rec.env),
        signal: ctx.signal,
        onLine: (line, stream) => {
            if (opts.stream === 'stderr' && stream === 'stdout')
                return;
            ctx.reporter.processLine((0,_commands_js__WEBPACK_IMPORTED_MODULE_4__.workspaceRelativeLine)(line, cwdRel));
        }
    });
    if (ctx.signal.aborted)
        throw cancelled();
    return r;
}
/**
 * The first line of a Go runtime crash in a go command's output (`unexpected fault address`,
 * `fatal error: ...`, `panic: ...`, with its `[signal ...]` line), or undefined. A crash has a
 * goroutine trace; a compile error never does, so source errors are never retried.
 */
function goCrash(r) {
    if (r.code === 0)
        return undefined;
    const text = `${r.stderr}\n${r.stdout}`;
    if (!/^goroutine \d+ \[/m.test(text))
        return undefined;
    const head = /^(unexpected fault address .*|fatal error: .*|panic: .*)$/m.exec(text)?.[1];
    const signal = /^\[signal ([^\]]*)\]/m.exec(text)?.[1];
    if (!head && !signal)
        return undefined;
    return [head, signal && `signal ${signal}`].filter(Boolean).join('; ');
}
function cancelled() {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BuildError */ .zS('the build was cancelled', { fix: 'run it again' });
}
/** The compiler's own complaint, a few lines, for the one-line error. */
function errorTail(r) {
    const lines = (r.stderr || r.stdout).split('\n').filter(l => l.trim() && !l.startsWith('#'));
    const errs = lines.filter(l => /\.go:\d+/.test(l));
    return (errs.length ? errs : lines).slice(0, 5).join('; ');
}
async function goBuild(ctx, rec, kind, name) {
    const label = kind === 'host' ? 'the host (bifrost-http)' : `plugin ${name}`;
    ctx.reporter.info(`building ${label}`);
    // Its command is recorded on the file it builds, apart from the preparation.
    const r = await runGo(ctx, rec, { record: false });
    if (r.code !== 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BuildError */ .zS(`go build of ${label} failed (exit ${r.code ?? r.signal}) in ${rec.cwd}: ${errorTail(r)}`, {
            file: rec.cwd,
            fix: kind === 'host'
                ? 'fix the compile errors shown above (the same command is in the log)'
                : `fix plugin ${name}'s compile errors shown above`
        });
    ctx.reporter.info(`built ${label} in ${(r.durationMs / 1000).toFixed(1)} s`);
    const output = rec.argv[rec.argv.indexOf('-o') + 1];
    return {
        kind,
        name: kind === 'host' ? _bifrost_js__WEBPACK_IMPORTED_MODULE_5__/* .HOST_FILE */ .w : name,
        file: kind === 'host' ? _bifrost_js__WEBPACK_IMPORTED_MODULE_5__/* .HOST_FILE */ .w : pluginFile(name),
        path: output,
        command: rec,
        durationMs: r.durationMs
    };
}


/***/ }),

/***/ 20438:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BIFROST_TRANSPORTS_MODULE: () => (/* reexport */ bifrost/* BIFROST_TRANSPORTS_MODULE */.i),
  HOST_FILE: () => (/* reexport */ go/* HOST_FILE */.ws),
  alignPlugins: () => (/* reexport */ align/* alignPlugins */.yt),
  build: () => (/* binding */ build),
  buildPluginSet: () => (/* binding */ buildPluginSet),
  defaultOrder: () => (/* reexport */ defaultOrder),
  goListFix: () => (/* reexport */ align/* goListFix */.mT),
  pluginCommands: () => (/* binding */ pluginCommands),
  pluginFile: () => (/* reexport */ go/* pluginFile */.Ur),
  pool: () => (/* binding */ pool),
  registerMatcher: () => (/* reexport */ go/* registerMatcher */.qL)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/bifrost.ts
var bifrost = __webpack_require__(83438);
// EXTERNAL MODULE: ./src/build/commands.ts
var commands = __webpack_require__(48468);
;// CONCATENATED MODULE: ./src/build/ctx.ts
function defaultOrder(cores) {
    return cores <= 2 ? 'host-first' : 'concurrent';
}

// EXTERNAL MODULE: ./src/build/align.ts
var align = __webpack_require__(34901);
// EXTERNAL MODULE: ./src/build/go.ts
var go = __webpack_require__(72332);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/proc.ts + 1 modules
var proc = __webpack_require__(97684);
;// CONCATENATED MODULE: ./src/build/ui.ts
/**
 * `transports/bifrost-http` embeds `ui/` (`//go:embed all:ui`). A built or placeholder UI is
 * given to the host's `go build` through `-overlay` (a JSON map of virtual files to real ones in a
 * temp dir): nothing is written into the user's tree, so two builds of one checkout cannot race on
 * it and a killed build leaves nothing that a later one would embed as "existing".
 */






const PLACEHOLDER_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Bifrost</title></head>
<body><p>This Bifrost was built without its web UI (bifrost-build wrote this placeholder).</p></body></html>
`;
async function hasFiles(dir) {
    const entries = await (0,promises_.readdir)(dir, { withFileTypes: true }).catch(() => undefined);
    if (!entries)
        return false;
    for (const e of entries) {
        if (!e.isDirectory())
            return true;
        if (await hasFiles(external_node_path_default().join(dir, e.name)))
            return true;
    }
    return false;
}
async function prepareUi(input) {
    const { mode, uiDir, appDir, reporter } = input;
    const none = async () => { };
    if (mode === 'skip')
        return { kind: 'skipped', cleanup: none };
    const present = await hasFiles(uiDir);
    if (present && mode !== 'build') {
        if (mode === 'placeholder')
            reporter.info(`ui: ${uiDir} already holds files; embedding them as found (nothing overwritten)`);
        return { kind: 'existing', cleanup: none };
    }
    const appHasPackage = appDir !== undefined && (0,external_node_fs_.existsSync)(external_node_path_default().join(appDir, 'package.json'));
    if (mode === 'build' && !appHasPackage)
        throw new errors/* BuildError */.zS(`ui: build needs ${appDir ?? 'a ui/ directory'}/package.json, which does not exist`, {
            input: 'ui',
            fix: 'use ui: auto or placeholder, or build from a full Bifrost checkout'
        });
    if (mode === 'build' && present)
        throw new errors/* BuildError */.zS(`ui: build would replace ${uiDir}, which already holds files`, {
            input: 'ui',
            fix: 'remove the built UI from transports/bifrost-http/ui, or use ui: auto to embed it as is'
        });
    const work = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'bifrost-ui-'));
    const cleanup = () => (0,promises_.rm)(work, { recursive: true, force: true });
    try {
        let site;
        let kind;
        if (appHasPackage && (mode === 'build' || mode === 'auto')) {
            site = await buildUiApp(appDir, work, input);
            kind = 'built';
        }
        else {
            site = external_node_path_default().join(work, 'placeholder');
            await (0,promises_.mkdir)(site);
            await (0,promises_.writeFile)(external_node_path_default().join(site, 'index.html'), PLACEHOLDER_HTML);
            kind = 'placeholder';
            if (mode === 'auto')
                reporter.warning(`ui: ${uiDir} is empty and there is no ui/package.json to build; embedded a placeholder page (set ui: placeholder to silence this, or build the UI first)`);
        }
        const overlay = external_node_path_default().join(work, 'overlay.json');
        await (0,promises_.writeFile)(overlay, JSON.stringify({ Replace: await overlayMap(site, uiDir) }, null, 1));
        return { kind, overlay, cleanup };
    }
    catch (err) {
        await cleanup();
        throw err;
    }
}
/** `go build -overlay` Replace map: every file under `site` as if it were under `uiDir`. */
async function overlayMap(site, uiDir) {
    const out = {};
    const walk = async (rel) => {
        for (const e of await (0,promises_.readdir)(external_node_path_default().join(site, rel), { withFileTypes: true })) {
            const r = external_node_path_default().join(rel, e.name);
            if (e.isDirectory())
                await walk(r);
            else if (e.isFile())
                out[external_node_path_default().join(uiDir, r)] = external_node_path_default().join(site, r);
        }
    };
    await walk('');
    return out;
}
/** Lines of next build's output that mean it could not reach the network (fonts, telemetry). */
const NETWORK_FAILURE = /fonts\.(googleapis|gstatic)\.com|getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|Failed to fetch/;
/**
 * `npm ci && npm run build`, as the Makefile's build-ui, in a temp tree `<work>/ui` beside an
 * empty `<work>/transports/bifrost-http`, the checkout's layout: Bifrost's `build` ends with
 * `copy-build` (`cp -r out ../transports/bifrost-http/ui`), which then lands inside the temp tree,
 * never in the user's. Returns the built site: that copied directory when the script filled it,
 * else `ui/out` (a `build` without copy-build, like the Dockerfile's `build-enterprise`).
 */
async function buildUiApp(appDir, work, input) {
    const copy = external_node_path_default().join(work, 'ui');
    const copied = external_node_path_default().join(work, 'transports', 'bifrost-http', 'ui');
    await (0,promises_.mkdir)(external_node_path_default().dirname(copied), { recursive: true });
    await (0,promises_.cp)(appDir, copy, {
        recursive: true,
        filter: src => !/[/\\](node_modules|out|\.next)$/.test(src)
    });
    const script = 'build';
    const npm = 'npm';
    for (const args of [
        ['ci', '--no-audit', '--no-fund'],
        ['run', script]
    ]) {
        input.commands.push({ cwd: appDir, env: {}, argv: [npm, ...args] });
        let network;
        const r = await (0,proc/* run */.eF)(npm, args, {
            cwd: copy,
            env: input.env,
            signal: input.signal,
            onLine: line => {
                if (!network && NETWORK_FAILURE.test(line))
                    network = line.trim().slice(0, 200);
                input.reporter.processLine(line);
            }
        });
        if (r.code !== 0 && network)
            throw new errors/* BuildError */.zS(`ui: npm ${args.join(' ')} needs the network, which it could not reach (${network})`, {
                input: 'ui',
                fix: 'set ui: placeholder, or put a pre-built UI in transports/bifrost-http/ui (embedded as found); offline, next/font/google can be served NEXT_FONT_GOOGLE_MOCKED_RESPONSES (see docs/real-bifrost.md)'
            });
        if (r.code !== 0)
            throw new errors/* BuildError */.zS(`ui: npm ${args.join(' ')} failed in a copy of ${appDir} (exit ${r.code ?? r.signal})`, {
                input: 'ui',
                fix: 'fix the UI build (see the npm output above), or set ui: placeholder'
            });
    }
    for (const site of [copied, external_node_path_default().join(copy, 'out')])
        if ((await (0,promises_.stat)(site).catch(() => undefined))?.isDirectory() && (await hasFiles(site)))
            return site;
    throw new errors/* BuildError */.zS(`ui: npm run ${script} in ${appDir} produced no out/ directory`, {
        input: 'ui',
        fix: 'make the UI build export to ui/out (next export), or set ui: placeholder'
    });
}

// EXTERNAL MODULE: ./src/util/go-version.ts
var go_version = __webpack_require__(19833);
// EXTERNAL MODULE: ./src/util/inside.ts
var inside = __webpack_require__(12282);
// EXTERNAL MODULE: ./src/build/modules.ts
var modules = __webpack_require__(48169);
// EXTERNAL MODULE: ./src/build/workspace.ts
var workspace = __webpack_require__(31189);
;// CONCATENATED MODULE: ./src/build/source.ts
/**
 * The source tree the build runs in: the checkout's transports, or a released Bifrost
 * downloaded; with go-work: local, our go.work over the checkout's modules and the plugins.
 */










/** The transports directory to build: the checkout's, or a released one downloaded. */
function sourceTree(ctx, work) {
    const { source } = ctx.plan;
    if (source.kind === 'checkout')
        return Promise.resolve(source.transportsDir);
    return downloadBifrost(ctx, source.version, work);
}
/**
 * A checkout's go.work whose `use` leaves the workspace (`use /`, `use ../other`) would build
 * modules from outside the checkout into host and plugins: refused, as a source or plugin
 * path outside the workspace is.
 */
function refuseUsesOutside(parsed, checkout, workspace, goWork) {
    const realWs = (0,external_node_fs_.existsSync)(workspace) ? (0,external_node_fs_.realpathSync)(workspace) : workspace;
    for (const u of parsed.Use ?? []) {
        const dir = external_node_path_default().resolve(checkout, u.DiskPath);
        const real = (0,external_node_fs_.existsSync)(dir) ? (0,external_node_fs_.realpathSync)(dir) : dir;
        if (!(0,inside/* isInside */.F)(workspace, dir) || !(0,inside/* isInside */.F)(realWs, real))
            throw new errors/* BuildError */.zS(`go-work: local: ${goWork} uses ${JSON.stringify(u.DiskPath)} (${real}), outside the workspace ${workspace}`, {
                input: 'go-work',
                file: goWork,
                fix: `remove that use line from ${external_node_path_default().basename(goWork)} (every module of the workspace must be inside the checkout), or set go-work: off`
            });
    }
}
/**
 * Our go.work (see workspace.ts): the checkout's own go.work (read with `go work edit -json`,
 * its replaces kept), else one over every go.mod module of the checkout; the host's module and
 * every plugin's added. Its go.work.sum is copied beside it so go finds the checkout's sums.
 */
async function makeWorkspace(ctx, transportsDir, work) {
    const { plan } = ctx;
    const checkout = plan.source.kind === 'checkout' ? plan.source.dir : external_node_path_default().dirname(transportsDir);
    const existing = (0,workspace/* checkoutGoWork */.ss)(checkout);
    let parsed;
    if (existing) {
        const r = await (0,go/* runGo */.aC)(ctx, {
            cwd: checkout,
            env: { GOTOOLCHAIN: 'local' },
            argv: [ctx.toolchain.goBin, 'work', 'edit', '-json', existing]
        }, { stream: 'stderr', record: false });
        if (r.code !== 0)
            throw new errors/* BuildError */.zS(`go-work: local: cannot read ${existing}: ${(0,go/* errorTail */.BZ)(r)}`, {
                input: 'go-work',
                file: existing,
                fix: 'fix the go.work (go work edit -json must read it), or set go-work: off'
            });
        parsed = JSON.parse(r.stdout);
        refuseUsesOutside(parsed, checkout, plan.workspace, existing);
    }
    else {
        parsed = { Use: (await (0,workspace/* findModules */.th)(checkout)).map(d => ({ DiskPath: d })) };
    }
    const extra = [transportsDir, ...plan.plugins.map(p => p.moduleDir)];
    const all = [...(parsed.Use ?? []).map(u => external_node_path_default().resolve(checkout, u.DiskPath)), ...extra];
    const { text, uses } = (0,workspace/* goWorkText */.Lx)(parsed, checkout, extra, await (0,workspace/* moduleGoLines */.QW)(all));
    const dir = external_node_path_default().join(work, 'gowork');
    await (0,promises_.mkdir)(dir, { recursive: true });
    const file = external_node_path_default().join(dir, 'go.work');
    await (0,promises_.writeFile)(file, text);
    if (existing && (0,external_node_fs_.existsSync)(`${existing}.sum`))
        await (0,promises_.copyFile)(`${existing}.sum`, `${file}.sum`);
    ctx.reporter.info(`go-work: local: one workspace of ${uses.length} module(s) (${existing ? `the checkout's go.work plus the plugins` : 'every go.mod module of the checkout plus the plugins'}), GOWORK=${file}`);
    return { file, text, from: existing ? 'checkout' : 'made' };
}
/**
 * A released Bifrost from the module proxy: `go mod download` checks it against go.sum /
 * GOSUMDB as usual; the read-only module cache copy becomes a writable work dir.
 */
async function downloadBifrost(ctx, version, work) {
    const query = `${bifrost/* BIFROST_TRANSPORTS_MODULE */.i}@v${version}`;
    const rec = {
        cwd: work,
        env: { GOWORK: 'off', GOTOOLCHAIN: 'local' },
        argv: [ctx.toolchain.goBin, 'mod', 'download', '-json', query]
    };
    const r = await (0,go/* runGo */.aC)(ctx, rec, { stream: 'stderr' });
    const info = (0,modules/* parseJsonStream */.W$)(r.stdout)[0];
    if (r.code !== 0 || !info?.Dir)
        throw new errors/* BuildError */.zS(`downloading ${query} failed: ${info?.Error ?? (0,go/* errorTail */.BZ)(r)}`, {
            input: 'bifrost-version',
            module: bifrost/* BIFROST_TRANSPORTS_MODULE */.i,
            fix: 'check that this Bifrost release exists and that GOPROXY can reach it'
        });
    const dir = external_node_path_default().join(work, 'bifrost', 'transports');
    await (0,promises_.cp)(info.Dir, dir, { recursive: true });
    await makeWritable(dir);
    (0,go_version/* checkGoLine */.$0)(external_node_path_default().join(dir, 'go.mod'), ctx.plan.goVersion);
    ctx.reporter.info(`Bifrost ${query} downloaded to ${dir}`);
    return dir;
}
async function makeWritable(dir) {
    await (0,promises_.chmod)(dir, 0o755);
    for (const e of await (0,promises_.readdir)(dir, { withFileTypes: true })) {
        const full = external_node_path_default().join(dir, e.name);
        if (e.isDirectory())
            await makeWritable(full);
        else if (e.isFile())
            await (0,promises_.chmod)(full, (await (0,promises_.stat)(full)).mode | 0o200);
    }
}

;// CONCATENATED MODULE: ./src/build/index.ts
/**
 * Stage 4: the host and its plugins, with one toolchain and one flag set, in the order that
 * measured fastest for this machine's cores (see BuildOrder).
 */














/**
 * The source (a checkout, or a released Bifrost downloaded), the UI, the workspace, module
 * alignment, then the go builds in the chosen order. A plugin-only build: plugins.ts.
 */
async function build(input) {
    if (input.plan.source.kind === 'host')
        throw new Error('build needs a plan with a source; a host plan: buildPlugins');
    const { plan, reporter } = input;
    const baseEnv = input.env ?? process.env;
    const ctx = { ...input, baseEnv, commands: [], outside: new Map() };
    const order = buildOrder(input.order, baseEnv);
    const work = await (0,promises_.mkdtemp)(external_node_path_default().join(external_node_os_default().tmpdir(), 'bifrost-build-'));
    ctx.work = work;
    const stopMatcher = await (0,go/* registerMatcher */.qL)(reporter, baseEnv);
    let ui;
    try {
        const transportsDir = await sourceTree(ctx, work);
        ui = await prepareUi({
            mode: plan.ui,
            uiDir: external_node_path_default().join(transportsDir, 'bifrost-http', 'ui'),
            appDir: plan.source.kind === 'checkout' ? external_node_path_default().join(plan.source.dir, 'ui') : undefined,
            reporter,
            signal: input.signal,
            env: (0,commands.childEnv)(baseEnv, input.toolchain, {}),
            commands: ctx.commands
        });
        const workspace = plan.goWork === 'local' ? await makeWorkspace(ctx, transportsDir, work) : undefined;
        ctx.goWork = workspace?.file;
        const hostModules = await (0,align/* listModules */.su)(ctx, transportsDir, './bifrost-http');
        const aligned = await (0,align/* alignPlugins */.yt)(ctx, hostModules, work);
        await (0,promises_.mkdir)(external_node_path_default().join(input.stagingDir, 'plugins'), { recursive: true });
        const t0 = Date.now();
        const { host, plugins } = await runBuilds(ctx, order, {
            host: (0,commands.hostCommand)(plan, input.toolchain, transportsDir, external_node_path_default().join(input.stagingDir, bifrost/* HOST_FILE */.w), ctx.goWork, ui.overlay),
            plugins: pluginCommands(ctx, aligned.modfiles)
        });
        reporter.info(`built the host${plugins.length ? ` and ${plugins.length} plugin(s)` : ''} in ${((Date.now() - t0) / 1000).toFixed(1)} s (${order})`);
        return {
            stagingDir: input.stagingDir,
            host,
            plugins,
            hostModules,
            sharedModules: aligned.shared,
            skew: aligned.skew,
            ui: ui.kind,
            preparation: ctx.commands,
            // In a workspace, a relative replace may come from go.work or from a module's go.mod: unknown.
            moduleRoots: workspace
                ? undefined
                : {
                    host: transportsDir,
                    plugins: Object.fromEntries(plan.plugins.map(p => [p.name, p.moduleDir]))
                },
            ...(workspace ? { goWork: { from: workspace.from, text: workspace.text } } : {}),
            ...(ctx.outside.size ? { outsideReplaces: [...ctx.outside.values()] } : {})
        };
    }
    finally {
        await ui?.cleanup();
        await (0,promises_.rm)(work, { recursive: true, force: true });
        stopMatcher();
    }
}
function buildOrder(asked, env) {
    if (asked)
        return asked;
    const fromEnv = env.BIFROST_BUILD_ORDER;
    return fromEnv === 'host-first' || fromEnv === 'concurrent'
        ? fromEnv
        : defaultOrder(external_node_os_default().availableParallelism());
}
/** Each plugin's go build into the staging dir, with its pinned go.mod when aligned. */
function pluginCommands(ctx, modfiles) {
    return ctx.plan.plugins.map(p => (0,commands.pluginCommand)(ctx.plan, ctx.toolchain, p, external_node_path_default().join(ctx.stagingDir, (0,go/* pluginFile */.Ur)(p.name)), modfiles[p.name], ctx.goWork));
}
/** Host and plugins in `order`; with `concurrent`, the first failure stops the other side. */
async function runBuilds(ctx, order, recs) {
    const buildHost = (c) => (0,go/* goBuild */.BC)(c, recs.host, 'host', bifrost/* HOST_FILE */.w);
    const buildAll = (c) => buildPluginSet(c, recs.plugins);
    if (order === 'host-first')
        return { host: await buildHost(ctx), plugins: await buildAll(ctx) };
    const [host, plugins] = await allOrNone(ctx, [buildHost, buildAll]);
    return { host, plugins };
}
/**
 * Runs both at once under one inner signal: the first failure aborts the other (no plugin
 * keeps compiling for a failed host) and is thrown once both have stopped.
 */
async function allOrNone(ctx, tasks) {
    const inner = new AbortController();
    const stop = () => inner.abort();
    ctx.signal.addEventListener('abort', stop, { once: true });
    const c = { ...ctx, signal: inner.signal };
    let first;
    const track = (p) => p.catch((err) => {
        first ??= { err };
        inner.abort();
        throw err;
    });
    try {
        const settled = await Promise.allSettled([track(tasks[0](c)), track(tasks[1](c))]);
        if (first)
            throw first.err;
        return [
            settled[0].value,
            settled[1].value
        ];
    }
    finally {
        ctx.signal.removeEventListener('abort', stop);
    }
}
/**
 * The first plugin alone, then the rest in parallel: in a cold GOCACHE two plugins started
 * together both compile the runtime and every dependency in plugin mode (go does not share a
 * compile in progress between processes); after the first, the others only compile their own
 * package and link (docs/performance.md, Plugins and concurrency).
 */
async function buildPluginSet(ctx, recs) {
    const tasks = ctx.plan.plugins.map((p, i) => () => (0,go/* goBuild */.BC)(ctx, recs[i], 'plugin', p.name));
    if (tasks.length === 0)
        return [];
    const first = await tasks[0]();
    return [first, ...(await pool(tasks.slice(1), external_node_os_default().availableParallelism()))];
}
/** Runs the tasks at most `limit` at a time; the first failure is thrown after all settle. */
async function pool(tasks, limit) {
    const results = new Array(tasks.length);
    let next = 0;
    let failure;
    const worker = async () => {
        while (next < tasks.length && !failure) {
            const i = next++;
            try {
                results[i] = await tasks[i]();
            }
            catch (err) {
                failure ??= { err };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
    if (failure)
        throw failure.err;
    return results;
}


/***/ }),

/***/ 48169:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ju: () => (/* binding */ toModuleVersions),
/* harmony export */   LS: () => (/* binding */ alignCommand),
/* harmony export */   QR: () => (/* binding */ replaceEdits),
/* harmony export */   W$: () => (/* binding */ parseJsonStream),
/* harmony export */   rz: () => (/* binding */ compareModules),
/* harmony export */   xd: () => (/* binding */ adaptDirectoryReplacements),
/* harmony export */   zM: () => (/* binding */ hostVersionQueries)
/* harmony export */ });
/* unused harmony exports describeModuleVersion, isLocalReplace */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/** Module graphs of host and plugins: what they share, where they differ, how to align them. */

/** `go list -m -json all` prints one JSON object after another, not an array. */
function parseJsonStream(text) {
    const out = [];
    let depth = 0;
    let start = -1;
    let inString = false;
    let escaped = false;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c === '\\')
                escaped = true;
            else if (c === '"')
                inString = false;
            continue;
        }
        if (c === '"')
            inString = true;
        else if (c === '{') {
            if (depth++ === 0)
                start = i;
        }
        else if (c === '}' && --depth === 0) {
            out.push(JSON.parse(text.slice(start, i + 1)));
        }
    }
    return out;
}
/** Non-main modules as ModuleVersion; a local replacement's path is made absolute from `moduleDir`. */
function toModuleVersions(listed, moduleDir) {
    return listed
        .filter(m => !m.Main)
        .map(m => {
        const mv = { path: m.Path, version: m.Version ?? '' };
        if (m.Sum)
            mv.sum = m.Sum;
        if (m.Replace) {
            const local = !m.Replace.Version;
            mv.replace = {
                path: local ? node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(moduleDir, m.Replace.Path) : m.Replace.Path,
                ...(m.Replace.Version ? { version: m.Replace.Version } : {})
            };
        }
        return mv;
    });
}
/** `v1.2.3`, or `v1.2.3 => other@v1.2.4` / `v1.2.3 => /abs/dir` when replaced. */
function describeModuleVersion(m) {
    if (!m.replace)
        return m.version;
    return `${m.version} => ${m.replace.path}${m.replace.version ? `@${m.replace.version}` : ''}`;
}
/** A replacement by a directory (`=> ../core`), not by another module version. */
function isLocalReplace(m) {
    return !!m.replace && !m.replace.version;
}
function sameModule(a, b) {
    return (a.version === b.version &&
        (a.replace?.path ?? '') === (b.replace?.path ?? '') &&
        (a.replace?.version ?? '') === (b.replace?.version ?? ''));
}
/**
 * Modules the plugin shares with the host (by path), and those whose version label or
 * replacement differ: the go runtime refuses a plugin built against another version of a
 * package the host has, even when the source is identical.
 */
function compareModules(plugin, host, mine) {
    const byPath = new Map(host.map(m => [m.path, m]));
    const shared = [];
    const skew = [];
    for (const m of mine) {
        const h = byPath.get(m.path);
        if (!h)
            continue;
        shared.push(h);
        if (!sameModule(h, m))
            skew.push({
                plugin,
                module: m.path,
                pluginVersion: describeModuleVersion(m),
                hostVersion: describeModuleVersion(h),
                ...(isLocalReplace(h) && isLocalReplace(m) && h.replace.path === m.replace.path
                    ? { sameSource: true }
                    : {})
            });
    }
    return { shared, skew };
}
/** The commands that align a plugin with the host, for the error message. */
function alignCommand(skews, host) {
    const edits = replaceEdits(skews, host);
    const gets = hostVersionQueries(skews, host);
    return [
        edits.length ? `go mod edit ${edits.join(' ')}` : '',
        gets.length ? `go get ${gets.join(' ')}` : ''
    ]
        .filter(Boolean)
        .join(' && ');
}
/** `go mod edit` arguments that pin a temp go.mod to the host's replacements. */
function replaceEdits(skews, host) {
    const byPath = new Map(host.map(m => [m.path, m]));
    const edits = [];
    for (const s of skews) {
        const h = byPath.get(s.module);
        if (!h)
            continue;
        // Same directory, other label: only the label changes (keeping the replace), which also
        // needs no network, unlike go get of a version the proxy may not serve.
        if (s.sameSource)
            edits.push(`-require=${h.path}@${h.version}`);
        else if (h.replace)
            edits.push(`-replace=${h.path}=${h.replace.path}${h.replace.version ? `@${h.replace.version}` : ''}`);
        // The plugin's own directory replace goes, and its require moves to the host's version in
        // the same edit: a replaced module is often required at v0.0.0-00010101000000-000000000000,
        // which go get would then try to fetch (the proxy has no such version).
        else if (s.pluginVersion.includes(' => '))
            edits.push(`-dropreplace=${h.path}`, `-require=${h.path}@${h.version}`);
    }
    return edits;
}
/** `go get` arguments: every skewed module at the host's version. */
function hostVersionQueries(skews, host) {
    const byPath = new Map(host.map(m => [m.path, m]));
    return [
        ...new Set(skews
            .filter(s => !s.sameSource)
            .map(s => byPath.get(s.module))
            .filter(Boolean)
            .map(h => `${h.path}@${h.version}`))
    ];
}
/**
 * A directory replacement in the host (`=> ../core`) names a directory relative to the host's
 * own module, which is not here: the plugin's own directory replacement of that module is taken
 * as the same source (only the version label is compared), and the load test decides.
 */
function adaptDirectoryReplacements(host, plugin) {
    const mine = new Map(plugin.map(m => [m.path, m]));
    return host.map(h => {
        const p = mine.get(h.path);
        if (!h.replace || h.replace.version || !p?.replace || p.replace.version)
            return h;
        return { ...h, replace: { path: p.replace.path } };
    });
}


/***/ }),

/***/ 31189:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lx: () => (/* binding */ goWorkText),
/* harmony export */   QW: () => (/* binding */ moduleGoLines),
/* harmony export */   dK: () => (/* binding */ tidyOnlyInWorkspace),
/* harmony export */   nL: () => (/* binding */ untidyModuleFix),
/* harmony export */   ss: () => (/* binding */ checkoutGoWork),
/* harmony export */   th: () => (/* binding */ findModules)
/* harmony export */ });
/* unused harmony exports goLineOf, compareGoLines */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _util_read_file_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(45201);
/**
 * `go-work: local`: host and plugins in one Go workspace, as Bifrost's own CI builds
 * (`go work init` + `use` of every module, `make build LOCAL=1`). Every module of the checkout
 * is then a workspace module, `(devel)` on both sides, so host and plugins compile each shared
 * package once, from one directory, under one label. The go.work is written to a temp dir
 * (GOWORK=<temp>/go.work): go also writes go.work.sum beside it, and the checkout stays as found.
 */




const SKIP_DIRS = new Set(['node_modules', 'vendor', 'testdata']);
/** Every directory under `root` holding a go.mod, skipping hidden, `_`, vendor, testdata, node_modules. */
async function findModules(root) {
    const out = [];
    const walk = async (dir) => {
        const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir, { withFileTypes: true }).catch(() => []);
        if (entries.some(e => e.isFile() && e.name === 'go.mod'))
            out.push(dir);
        for (const e of entries) {
            if (!e.isDirectory() || SKIP_DIRS.has(e.name) || /^[._]/.test(e.name))
                continue;
            await walk(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(dir, e.name));
        }
    };
    await walk(root);
    return out.sort();
}
/** The `go` line of a go.mod or go.work (undefined when it has none). */
function goLineOf(text) {
    return /^go\s+(\S+)\s*$/m.exec(text)?.[1];
}
/** Numeric order of Go versions `1.26`, `1.26.1`. */
function compareGoLines(a, b) {
    const pa = a.split('.').map(n => parseInt(n, 10) || 0);
    const pb = b.split('.').map(n => parseInt(n, 10) || 0);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d)
            return d;
    }
    return 0;
}
const quote = (s) => (/[\s"`]/.test(s) ? JSON.stringify(s) : s);
const isDirPath = (p) => p.startsWith('./') || p.startsWith('../') || node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(p);
/**
 * The go.work text: every use and local replacement made absolute (relative ones are relative to
 * the go.work they came from, `base`), the given extra modules added, and a `go` line no lower than
 * any module's (go refuses a workspace whose go line is below one of its modules').
 */
function goWorkText(parsed, base, extraUses, moduleGoLines) {
    const uses = [];
    for (const u of [...(parsed.Use ?? []).map(u => node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(base, u.DiskPath)), ...extraUses])
        if (!uses.includes(u))
            uses.push(u);
    const go = [parsed.Go, ...moduleGoLines]
        .filter((v) => !!v)
        .sort(compareGoLines)
        .pop();
    const lines = [];
    if (go)
        lines.push(`go ${go}`, '');
    if (parsed.Toolchain)
        lines.push(`toolchain ${parsed.Toolchain}`, '');
    for (const g of parsed.Godebug ?? [])
        lines.push(`godebug ${g.Key}=${g.Value}`);
    if (parsed.Godebug?.length)
        lines.push('');
    lines.push('use (', ...uses.map(u => `\t${quote(u)}`), ')');
    const replaces = (parsed.Replace ?? []).map(r => {
        const old = `${r.Old.Path}${r.Old.Version ? ` ${r.Old.Version}` : ''}`;
        const target = !r.New.Version && isDirPath(r.New.Path)
            ? quote(node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(base, r.New.Path))
            : `${r.New.Path}${r.New.Version ? ` ${r.New.Version}` : ''}`;
        return `replace ${old} => ${target}`;
    });
    if (replaces.length)
        lines.push('', ...replaces);
    return { text: `${lines.join('\n')}\n`, uses };
}
/** The checkout's go.work path, when it has one. */
function checkoutGoWork(checkoutDir) {
    const f = node_path__WEBPACK_IMPORTED_MODULE_2___default().join(checkoutDir, 'go.work');
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(f) ? f : undefined;
}
/** The go lines of every used module (read from their go.mod files). */
async function moduleGoLines(dirs) {
    const lines = await Promise.all(dirs.map(async (d) => goLineOf((await (0,_util_read_file_js__WEBPACK_IMPORTED_MODULE_3__/* .readRegularFile */ .XF)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(d, 'go.mod'), { maxBytes: _util_read_file_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_TEXT_BYTES */ .$D }).catch(() => Buffer.alloc(0))).toString('utf8'))));
    return lines.filter((v) => !!v);
}
/**
 * Whether a module is only tidy inside its checkout's workspace: the checkout has a go.work, or
 * the module's go.mod replaces a module by a directory of the checkout (upstream's example
 * plugins use `../../../core`), whose own requirements its go.mod does not repeat. With
 * `GOWORK=off` go then stops with `go: updates to go.mod needed`; go-work: local builds it as is.
 */
function tidyOnlyInWorkspace(goModText, moduleDir, checkout) {
    if (checkoutGoWork(checkout))
        return true;
    for (const m of goModText.matchAll(/^\s*(?:replace\s+)?\S+(?:\s+\S+)?\s+=>\s+(\.\.?\/\S*)\s*$/gm)) {
        const target = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(moduleDir, m[1]);
        const rel = node_path__WEBPACK_IMPORTED_MODULE_2___default().relative(checkout, target);
        if (rel && !rel.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(rel))
            return true;
    }
    return false;
}
/** The fix for a module go refuses to list or build as its go.mod stands. */
function untidyModuleFix(inWorkspace) {
    return inWorkspace
        ? "set go-work: local (this module's go.mod is only complete inside the checkout's Go workspace, as upstream builds it), or run go mod tidy there and commit go.mod and go.sum"
        : 'run go mod tidy there and commit go.mod and go.sum';
}


/***/ }),

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


/***/ })

};
