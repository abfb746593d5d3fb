export const id = 536;
export const ids = [536];
export const modules = {

/***/ 23536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkBinaryFile: () => (/* binding */ checkBinaryFile),
/* harmony export */   detectMode: () => (/* binding */ detectMode),
/* harmony export */   parseTarget: () => (/* binding */ parseTarget),
/* harmony export */   splitList: () => (/* binding */ splitList),
/* harmony export */   verifyOnlyInput: () => (/* binding */ verifyOnlyInput)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/** Inputs of `verify-only` / `bifrost-build verify`: files built elsewhere. Owner: verify. */



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
 * A clean error for a path that cannot be an ELF binary, without reading more than 4 bytes:
 * missing, a directory, empty, or no ELF magic. The stage reads the rest.
 */
function checkBinaryFile(input, file) {
    const what = input === 'host-binary' ? 'the Bifrost binary' : 'a plugin .so file';
    let st;
    try {
        st = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(file);
    }
    catch {
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} does not exist`, `give the path of ${what}`);
    }
    if (st.isDirectory())
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} is a directory`, `give the path of ${what}, not its directory`);
    if (!st.isFile())
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} is not a regular file`, `give ${what}`);
    if (st.size === 0)
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} is empty (0 bytes)`, `rebuild it; give the path of ${what}`);
    const magic = Buffer.alloc(4);
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(file, 'r');
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, magic, 0, 4, 0);
    }
    catch (e) {
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} cannot be read: ${e.message}`, 'check its permissions');
    }
    finally {
        if (fd !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
    if (magic.readUInt32BE(0) !== 0x7f454c46)
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} is not an ELF binary (no \\x7fELF header)`, `give ${what} built for Linux`);
    return undefined;
}
/** `mode: auto` for files built elsewhere: dynamic with plugins, else what the host is. */
function detectMode(hostFile, plugins) {
    if (plugins > 0)
        return 'dynamic';
    return hasInterp(hostFile) ? 'dynamic' : 'static';
}
/** Whether an ELF64/32 file has a PT_INTERP program header (a few small positional reads). */
function hasInterp(file) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(file, 'r');
    try {
        const eh = Buffer.alloc(64);
        const n = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, eh, 0, 64, 0);
        if (n < 52)
            return false;
        const is64 = eh[4] === 2;
        const le = eh[5] === 1;
        const u16 = (b, o) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
        const u32 = (b, o) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
        const phoff = is64 ? Number(le ? eh.readBigUInt64LE(32) : eh.readBigUInt64BE(32)) : u32(eh, 28);
        const phentsize = u16(eh, is64 ? 54 : 42);
        const phnum = Math.min(u16(eh, is64 ? 56 : 44), 4096);
        if (phentsize < 4 || !Number.isSafeInteger(phoff))
            return false;
        const ph = Buffer.alloc(phentsize);
        for (let i = 0; i < phnum; i++) {
            if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(fd, ph, 0, phentsize, phoff + i * phentsize) < 4)
                return false;
            if (u32(ph, 0) === 3)
                return true;
        }
        return false;
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
    }
}
function oneOf(raw, name, allowed, dflt) {
    const v = value(raw, name) || dflt;
    if (!allowed.includes(v))
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(name, `"${v}" is not one of ${allowed.join(', ')}`, `set ${name} to ${allowed.join(' or ')}`);
    return v;
}
function parseTarget(s, hostArch) {
    if (!s)
        return { os: 'linux', arch: hostArch };
    const m = /^linux\/(amd64|arm64)$/.exec(s);
    if (!m)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('target', `"${s}" is not a supported target`, 'use linux/amd64 or linux/arm64');
    return { os: 'linux', arch: m[1] };
}
function verifyOnlyInput(raw, opts) {
    const hostRaw = value(raw, 'host-binary');
    if (!hostRaw)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('host-binary', 'verify-only needs the Bifrost binary to check', 'set host-binary (CLI: --host <path>)');
    const host = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(opts.workspace, hostRaw);
    const hostErr = checkBinaryFile('host-binary', host);
    if (hostErr)
        throw hostErr;
    const plugins = [];
    const seen = new Map();
    for (const p of splitList(value(raw, 'plugin-binaries'))) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(opts.workspace, p);
        const err = checkBinaryFile('plugin-binaries', file);
        if (err)
            throw err;
        const name = node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(file).replace(/\.so$/, '');
        const prev = seen.get(name);
        if (prev)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('plugin-binaries', `two plugins are named ${name} (${prev} and ${file}); the host loads plugins by name`, 'rename one of the files');
        seen.set(name, file);
        plugins.push({ name, path: file });
    }
    const modeRaw = oneOf(raw, 'mode', ['auto', 'static', 'dynamic'], 'auto');
    const mode = modeRaw === 'auto' ? detectMode(host, plugins.length) : modeRaw;
    const libc = oneOf(raw, 'libc', ['glibc', 'musl'], 'glibc');
    const target = parseTarget(value(raw, 'target'), opts.hostArch);
    const level = oneOf(raw, 'verify', ['full', 'static', 'off'], 'full');
    const timeoutRaw = value(raw, 'verify-timeout') || '60';
    const timeoutSec = Number(timeoutRaw);
    if (!/^\d+$/.test(timeoutRaw) || timeoutSec < 1 || timeoutSec > 3600)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('verify-timeout', `"${timeoutRaw}" is not a whole number of seconds between 1 and 3600`, 'set verify-timeout: 60');
    const glibcMaxRaw = value(raw, 'glibc-max').replace(/^GLIBC_/i, '');
    if (glibcMaxRaw && !/^\d+\.\d+(\.\d+)?$/.test(glibcMaxRaw))
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('glibc-max', `"${raw['glibc-max']}" is not a glibc version`, 'use a version like 2.31');
    return {
        host,
        plugins,
        mode,
        libc,
        target,
        level,
        timeoutSec,
        glibcMax: glibcMaxRaw || undefined
    };
}


/***/ })

};
