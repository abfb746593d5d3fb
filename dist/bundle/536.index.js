export const id = 536;
export const ids = [536];
export const modules = {

/***/ 23536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SC: () => (/* binding */ checkBinaryFile),
/* harmony export */   verifyOnlyInput: () => (/* binding */ verifyOnlyInput)
/* harmony export */ });
/* unused harmony exports splitList, detectMode */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _plan_index_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5887);
/* harmony import */ var _plan_values_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(86057);
/* harmony import */ var _elf_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(13280);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(62104);
/**
 * Inputs of `verify-only` / `bifrost-build verify`: files built elsewhere.
 * Values go through the plan's parsers (the same enums, case-insensitive, and the same
 * glibc-max pattern as a build); files are looked at through the one ELF reader.
 */







function value(raw, name) {
    return (raw[name] ?? '').trim();
}
function splitList(s) {
    return s
        .split(/[\n,]/)
        .map(x => x.trim())
        .filter(Boolean);
}
/**
 * A clean input error for a path that cannot be an ELF binary: missing, a directory, empty,
 * or not ELF. A file that is ELF but damaged passes here: the verify stage reports it as a
 * failed check. Returns the ELF facts when they could be read.
 */
async function checkBinaryFile(input, file) {
    const what = input === 'host-binary' ? 'the Bifrost binary' : 'a plugin .so file';
    let st;
    try {
        st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(file);
    }
    catch (err) {
        const code = err.code;
        if (code === 'ELOOP')
            return {
                error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} is a symlink loop (it leads back to itself)`, `point the link at ${what}, or give that file's path`)
            };
        if (code === 'EACCES')
            return {
                error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} cannot be read (EACCES)`, `make ${what} readable`)
            };
        return { error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} does not exist`, `give the path of ${what}`) };
    }
    if (st.isDirectory())
        return {
            error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} is a directory`, `give the path of ${what}, not its directory`)
        };
    if (!st.isFile())
        return { error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} is not a regular file`, `give ${what}`) };
    if (st.size === 0)
        return {
            error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} is empty (0 bytes)`, `rebuild it; give the path of ${what}`)
        };
    try {
        return { elf: await (0,_elf_js__WEBPACK_IMPORTED_MODULE_5__/* .readElf */ .oU)(file) };
    }
    catch (e) {
        if (e instanceof _elf_js__WEBPACK_IMPORTED_MODULE_5__/* .ElfError */ .QH && e.message.startsWith('is not an ELF file'))
            return { error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} ${e.message}`, `give ${what} built for Linux`) };
        if (e instanceof _elf_js__WEBPACK_IMPORTED_MODULE_5__/* .ElfError */ .QH)
            return {};
        return {
            error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} cannot be read: ${e.message}`, 'check its permissions')
        };
    }
}
/** `mode: auto` for files built elsewhere: dynamic with plugins, else what the host is. */
function detectMode(host, plugins) {
    if (plugins > 0 || !host)
        return 'dynamic';
    return host.interp ? 'dynamic' : 'static';
}
async function verifyOnlyInput(raw, opts) {
    const hostRaw = value(raw, 'host-binary');
    const manifestRaw = value(raw, 'host-manifest');
    if (hostRaw && manifestRaw)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('host-manifest', 'both host-binary and host-manifest are set', 'give the host binary (checks and load test) or its manifest.json (static checks only), not both');
    if (!hostRaw && !manifestRaw)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('host-binary', 'verify-only needs the Bifrost binary to check, or the manifest.json of its build', 'set host-binary (CLI: --host <path>) or host-manifest (CLI: --host-manifest <path or https URL>)');
    const plugins = [];
    const seen = new Map();
    for (const p of splitList(value(raw, 'plugin-binaries'))) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(opts.workspace, p);
        const name = node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(file).replace(/\.so$/, '');
        const prev = seen.get(name);
        if (prev)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('plugin-binaries', `two plugins are named ${name} (${prev} and ${file}); the host loads plugins by name`, 'rename one of the files');
        seen.set(name, file);
        plugins.push({ name, path: file });
    }
    for (const p of plugins) {
        const { error } = await checkBinaryFile('plugin-binaries', p.path);
        if (error)
            throw error;
    }
    const level = (0,_plan_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseEnum */ .nL)('verify', value(raw, 'verify') || 'full', _plan_index_js__WEBPACK_IMPORTED_MODULE_3__/* .VERIFY_LEVELS */ .os);
    const timeoutSec = (0,_plan_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseInteger */ .cG)('verify-timeout', value(raw, 'verify-timeout') || '60', 1, 3600);
    const glibcMax = (0,_plan_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseGlibcMax */ .nZ)(value(raw, 'glibc-max'));
    if (manifestRaw) {
        if (plugins.length === 0)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('plugin-binaries', 'host-manifest is set but no plugin is given: there is nothing to check against it', 'set plugin-binaries (CLI: --plugin <a.so>)');
        // The host's mode, libc and target are what it was built with: the manifest says so.
        const m = await (0,_reference_js__WEBPACK_IMPORTED_MODULE_6__/* .loadHostManifest */ .Cz)(manifestRaw, {
            workspace: opts.workspace,
            token: opts.token,
            signal: opts.signal
        });
        return {
            host: m.source,
            hostReference: m.reference,
            plugins,
            mode: m.reference.mode,
            libc: m.reference.libc,
            target: { os: 'linux', arch: (0,_reference_js__WEBPACK_IMPORTED_MODULE_6__/* .referenceArch */ .oC)(m.reference) },
            level,
            timeoutSec,
            glibcMax
        };
    }
    const host = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(opts.workspace, hostRaw);
    const hostCheck = await checkBinaryFile('host-binary', host);
    if (hostCheck.error)
        throw hostCheck.error;
    const modeIn = (0,_plan_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseEnum */ .nL)('mode', value(raw, 'mode') || 'auto', _plan_index_js__WEBPACK_IMPORTED_MODULE_3__/* .MODES */ .FN);
    const mode = modeIn === 'auto' ? detectMode(hostCheck.elf, plugins.length) : modeIn;
    const libc = (0,_plan_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseEnum */ .nL)('libc', value(raw, 'libc') || 'glibc', _plan_index_js__WEBPACK_IMPORTED_MODULE_3__/* .LIBCS */ .EO);
    const arch = (0,_plan_values_js__WEBPACK_IMPORTED_MODULE_4__/* .parseEnum */ .nL)('target', value(raw, 'target') || `linux/${opts.hostArch}`, _plan_index_js__WEBPACK_IMPORTED_MODULE_3__/* .TARGETS */ .dW).split('/')[1];
    return {
        host,
        plugins,
        mode,
        libc,
        target: { os: 'linux', arch },
        level,
        timeoutSec,
        glibcMax
    };
}


/***/ })

};
