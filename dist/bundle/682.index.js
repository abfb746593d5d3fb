export const id = 682;
export const ids = [682];
export const modules = {

/***/ 77682:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BUILD_SETTINGS: () => (/* binding */ BUILD_SETTINGS),
/* harmony export */   readGoSettings: () => (/* binding */ readGoSettings),
/* harmony export */   runsProgram: () => (/* binding */ runsProgram)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _proc_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(97684);
/* harmony import */ var _net_http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(59663);



/** Settings that change what is built or where its inputs come from. */
const BUILD_SETTINGS = [
    'GOFLAGS',
    'GOEXPERIMENT',
    'GOAMD64',
    'GOARM64',
    'GOFIPS140',
    'CGO_CFLAGS',
    'CGO_CPPFLAGS',
    'CGO_CXXFLAGS',
    'CGO_FFLAGS',
    'CGO_LDFLAGS',
    'CGO_CFLAGS_ALLOW',
    'CGO_CFLAGS_DISALLOW',
    'CGO_CPPFLAGS_ALLOW',
    'CGO_CPPFLAGS_DISALLOW',
    'CGO_CXXFLAGS_ALLOW',
    'CGO_CXXFLAGS_DISALLOW',
    'CGO_FFLAGS_ALLOW',
    'CGO_FFLAGS_DISALLOW',
    'CGO_LDFLAGS_ALLOW',
    'CGO_LDFLAGS_DISALLOW',
    'AR',
    'CXX',
    'FC',
    'PKG_CONFIG',
    'GOPROXY',
    'GONOPROXY',
    'GOSUMDB',
    'GONOSUMDB',
    'GOPRIVATE',
    'GOINSECURE',
    'GOVCS'
];
/** GOFLAGS words that make go run another program. */
const GOFLAGS_RUNS = /^--?(toolexec|exec|vettool|compiler)(=|$)|-extld|-wrapper|-fuse-ld=|(^|[\s,'"=])-B/;
/** C compiler and linker flags that make the compiler run another program. */
const CFLAGS_RUNS = /^(-B|-fuse-ld=.*\/|--ld-path|-wrapper|-fplugin|-specs|-Wl,-plugin|-Wl,--plugin|-iplugindir|-fplugin-arg)|^-Wl,.*(-plugin|--dynamic-linker)/;
const PROGRAM_SETTINGS = new Set(['AR', 'CXX', 'FC', 'PKG_CONFIG']);
const words = (v) => v.split(/\s+/).filter(Boolean);
/** Why a setting runs a program, or undefined. Pure: for the tests and the step. */
function runsProgram(name, value) {
    if (name === 'GOFLAGS') {
        const w = words(value).find(x => GOFLAGS_RUNS.test(x));
        return w ? `${JSON.stringify(w)} makes go run another program` : undefined;
    }
    if (/^CGO_[A-Z]+FLAGS$/.test(name)) {
        const w = words(value).find(x => CFLAGS_RUNS.test(x));
        return w ? `${JSON.stringify(w)} makes the C compiler run another program` : undefined;
    }
    return undefined;
}
/** The effective value of every build setting, from `go env -json` run with `env`. */
async function goEnvJson(goBin, env, signal) {
    const r = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_1__/* .run */ .eF)(goBin, ['env', '-json', ...BUILD_SETTINGS, 'GOENV'], {
        env,
        signal,
        timeoutMs: 60_000
    });
    if (r.code !== 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BuildError */ .zS(`go env -json failed: ${r.stderr.trim().split('\n').slice(-3).join('; ')}`, {
            fix: 'fix the Go settings it names (environment, or the GOENV file written by go env -w)'
        });
    return JSON.parse(r.stdout);
}
/**
 * The settings that differ from Go's defaults (`go env -json` once as the build runs it, once
 * with GOENV=off and none of these variables set), each with where it came from. Throws for
 * a setting that runs a program.
 */
async function readGoSettings(goBin, env, opts = {}) {
    const { signal } = opts;
    const ours = opts.ours ?? {};
    const clean = { ...env, GOENV: 'off' };
    for (const k of BUILD_SETTINGS)
        delete clean[k];
    const [effective, defaults] = await Promise.all([
        goEnvJson(goBin, env, signal),
        goEnvJson(goBin, clean, signal)
    ]);
    const goenvFile = effective.GOENV && effective.GOENV !== 'off' ? effective.GOENV : '';
    const settings = [];
    const warnings = [];
    for (const name of BUILD_SETTINGS) {
        if (name in ours)
            continue;
        const value = effective[name] ?? '';
        if (value === (defaults[name] ?? ''))
            continue;
        const from = env[name] !== undefined ? 'environment' : goenvFile ? `GOENV file ${goenvFile}` : 'go env';
        const runs = runsProgram(name, value);
        if (runs)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BuildError */ .zS(`the Go setting ${name}=${(0,_net_http_js__WEBPACK_IMPORTED_MODULE_2__/* .redactCredentials */ .UY)(value)} (from the ${from}) is refused: ${runs} on every build step`, {
                fix: from === 'environment'
                    ? `unset ${name} (or remove that flag) for this step`
                    : `remove it with go env -u ${name} (it is in ${goenvFile || 'the GOENV file'}), or set GOENV=off for this step`
            });
        if (/_ALLOW$/.test(name))
            warnings.push(`${name}=${value} (from the ${from}) lets #cgo directives in the sources pass compiler or linker flags go refuses by default; a flag that loads a plugin or wrapper would run a program`);
        else if (PROGRAM_SETTINGS.has(name))
            warnings.push(`${name}=${value} (from the ${from}) names the program go runs as ${name} for cgo packages instead of ${defaults[name] || 'the default'}`);
        settings.push({ name, value: (0,_net_http_js__WEBPACK_IMPORTED_MODULE_2__/* .redactCredentials */ .UY)(value), from });
    }
    return { settings, warnings };
}


/***/ })

};
