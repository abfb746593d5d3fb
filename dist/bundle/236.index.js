export const id = 236;
export const ids = [236];
export const modules = {

/***/ 78236:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   buildPlugins: () => (/* binding */ buildPlugins)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _modules_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(48169);
/* harmony import */ var _align_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(34901);
/* harmony import */ var _go_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(72332);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(20438);
/**
 * A plugin-only build (host-binary / host-manifest): the host exists, so only the plugins are
 * built, with the settings the plan took from the host and its modules as the reference for
 * align-modules. Nothing else differs from a full build's plugin step.
 */







async function buildPlugins(input) {
    const { plan, reporter } = input;
    if (plan.source.kind !== 'host')
        throw new Error('buildPlugins needs a plan with a host');
    const host = plan.source.host;
    const baseEnv = input.env ?? process.env;
    const ctx = { ...input, baseEnv, commands: [], outside: new Map() };
    const work = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir(), 'bifrost-build-'));
    ctx.work = work;
    const stopMatcher = await (0,_go_js__WEBPACK_IMPORTED_MODULE_5__/* .registerMatcher */ .qL)(reporter, baseEnv);
    try {
        if (host.modules.some(m => m.replace && !m.replace.version))
            reporter.notice(`the host replaces ${host.modules
                .filter(m => m.replace && !m.replace.version)
                .map(m => `${m.path} => ${m.replace.path}`)
                .join(', ')} by a directory, which is not here: a plugin's own directory replacement of such a module counts as the same source (only the version label is compared); the load test decides`);
        const aligned = await (0,_align_js__WEBPACK_IMPORTED_MODULE_4__/* .alignPlugins */ .yt)(ctx, host.modules, work, mine => (0,_modules_js__WEBPACK_IMPORTED_MODULE_3__/* .adaptDirectoryReplacements */ .xd)(host.modules, mine));
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(input.stagingDir, 'plugins'), { recursive: true });
        const t0 = Date.now();
        const plugins = await (0,_index_js__WEBPACK_IMPORTED_MODULE_6__.buildPluginSet)(ctx, (0,_index_js__WEBPACK_IMPORTED_MODULE_6__.pluginCommands)(ctx, aligned.modfiles));
        reporter.info(`built ${plugins.length} plugin(s) for the host ${host.name} (sha256 ${host.sha256.slice(0, 16)}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        const hostFile = {
            kind: 'host',
            name: host.name,
            file: host.name,
            path: host.file,
            command: { cwd: plan.workspace, env: {}, argv: [] },
            durationMs: 0,
            prebuilt: true
        };
        return {
            stagingDir: input.stagingDir,
            host: hostFile,
            plugins,
            hostModules: host.modules,
            sharedModules: aligned.shared,
            skew: aligned.skew,
            ui: 'skipped',
            // The host's root is not here: its directory replacements are left to the load test.
            moduleRoots: { plugins: Object.fromEntries(plan.plugins.map(p => [p.name, p.moduleDir])) },
            preparation: ctx.commands,
            ...(ctx.outside.size ? { outsideReplaces: [...ctx.outside.values()] } : {})
        };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(work, { recursive: true, force: true });
        stopMatcher();
    }
}


/***/ })

};
