export const id = 468;
export const ids = [468];
export const modules = {

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
