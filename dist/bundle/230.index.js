export const id = 230;
export const ids = [230];
export const modules = {

/***/ 24230:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkBinaryFile: () => (/* binding */ checkBinaryFile),
/* harmony export */   detectMode: () => (/* binding */ detectMode),
/* harmony export */   splitList: () => (/* binding */ splitList),
/* harmony export */   verifyOnlyInput: () => (/* binding */ verifyOnlyInput)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _lib_oci_image_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(30876);
/* harmony import */ var _image_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(69710);
/* harmony import */ var _lib_oci_reference_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(25996);
/* harmony import */ var _lib_targets_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(39641);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(26347);
/* harmony import */ var _values_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(86057);
/* harmony import */ var _lib_elf_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2354);
/* harmony import */ var _lib_host_reference_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(40449);
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
        return { elf: await (0,_lib_elf_js__WEBPACK_IMPORTED_MODULE_8__/* .readElf */ .oU)(file) };
    }
    catch (e) {
        if (e instanceof _lib_elf_js__WEBPACK_IMPORTED_MODULE_8__/* .ElfError */ .QH && e.message.startsWith('is not an ELF file'))
            return { error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${file} ${e.message}`, `give ${what} built for Linux`) };
        if (e instanceof _lib_elf_js__WEBPACK_IMPORTED_MODULE_8__/* .ElfError */ .QH)
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
/** verify, verify-timeout and glibc-max, with verify-only's defaults for unset inputs. */
function verifySettings(raw) {
    return {
        level: (0,_values_js__WEBPACK_IMPORTED_MODULE_7__/* .parseEnum */ .nL)('verify', value(raw, 'verify') || 'full', _settings_js__WEBPACK_IMPORTED_MODULE_6__/* .VERIFY_LEVELS */ .os),
        timeoutSec: (0,_values_js__WEBPACK_IMPORTED_MODULE_7__/* .parseInteger */ .cG)('verify-timeout', value(raw, 'verify-timeout') || '60', 1, 3600),
        glibcMax: (0,_values_js__WEBPACK_IMPORTED_MODULE_7__/* .parseGlibcMax */ .nZ)(value(raw, 'glibc-max'))
    };
}
async function verifyOnlyInput(raw, opts) {
    const imageRaw = value(raw, 'host-image');
    if (imageRaw) {
        for (const other of ['host-binary', 'host-manifest'])
            if (value(raw, other))
                throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(other, `${other} and host-image are both set`, 'give one host');
        return verifyImageInput(raw, imageRaw, opts);
    }
    const hostRaw = value(raw, 'host-binary');
    const manifestRaw = value(raw, 'host-manifest');
    if (hostRaw && manifestRaw)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('host-manifest', 'both host-binary and host-manifest are set', 'give the host binary (checks and load test) or its manifest.json (static checks only), not both');
    if (!hostRaw && !manifestRaw)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('host-binary', 'verify-only needs the Bifrost binary to check, or the manifest.json of its build', 'set host-binary (CLI: --host <path>) or host-manifest (CLI: --host-manifest <path or https URL>)');
    const plugins = await pluginFiles(raw, opts.workspace);
    const settings = verifySettings(raw);
    if (manifestRaw)
        return verifyManifestInput(manifestRaw, plugins, opts, settings);
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(hostRaw))
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('host-binary', `${hostRaw} is a URL; verify-only reads the host from a path (a URL works with builds only, checked by host-binary-sha256)`, 'download the host first and give its path, or give the URL of its manifest.json as host-manifest');
    return verifyFilesInput(raw, node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(opts.workspace, hostRaw), plugins, opts, settings);
}
/** host-manifest: the plugins are checked against the host as its build's manifest.json records it. */
async function verifyManifestInput(manifestRaw, plugins, opts, settings) {
    if (plugins.length === 0)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('plugin-binaries', 'host-manifest is set but no plugin is given: there is nothing to check against it', 'set plugin-binaries (CLI: --plugin <a.so>)');
    // The host's mode, libc and target are what it was built with: the manifest says so.
    const m = await (0,_lib_host_reference_js__WEBPACK_IMPORTED_MODULE_9__/* .loadHostManifest */ .Cz)(manifestRaw, {
        workspace: opts.workspace,
        token: opts.token,
        signal: opts.signal,
        warn: opts.warn
    });
    return {
        host: m.source,
        hostReference: m.reference,
        plugins,
        mode: m.reference.mode,
        libc: m.reference.libc,
        target: { os: 'linux', arch: (0,_lib_host_reference_js__WEBPACK_IMPORTED_MODULE_9__/* .referenceArch */ .oC)(m.reference) },
        ...settings
    };
}
/** The plugin-binaries input, each file checked; names must be unique. */
async function pluginFiles(raw, workspace) {
    const plugins = [];
    const seen = new Map();
    for (const p of splitList(value(raw, 'plugin-binaries'))) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workspace, p);
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
    return plugins;
}
/**
 * host-image: the image pulled (pinned by digest), its /app/main checked like host-binary
 * (libc from its loader), and the image kept as an OCI archive for the in-image load test.
 */
async function verifyImageInput(raw, text, opts) {
    const ref = (0,_lib_oci_reference_js__WEBPACK_IMPORTED_MODULE_10__/* .parseImageRef */ .Q)(text);
    if (typeof ref === 'string')
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('host-image', `${JSON.stringify(text)} is not an image reference: ${ref}`, 'write it as ghcr.io/org/bifrost:1.5.1');
    const plugins = await pluginFiles(raw, opts.workspace);
    const arch = (0,_values_js__WEBPACK_IMPORTED_MODULE_7__/* .parseTargetArch */ .fz)(value(raw, 'target'), opts.hostArch);
    const dir = opts.workDir ?? opts.workspace;
    const { img, host } = await (0,_image_js__WEBPACK_IMPORTED_MODULE_4__.pullHostImage)(text, ref, arch, dir, {
        credentials: await opts.credentials?.(ref.registry),
        signal: opts.signal
    });
    const name = (0,_lib_oci_reference_js__WEBPACK_IMPORTED_MODULE_10__/* .pinned */ .dp)(ref, img.digest);
    opts.reporter?.info(`host-image ${text} is ${name}`);
    const archive = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, 'host-image.oci.tar');
    await (0,_lib_oci_image_js__WEBPACK_IMPORTED_MODULE_3__/* .writePulledArchive */ .eE)(img, archive, (0,_lib_oci_reference_js__WEBPACK_IMPORTED_MODULE_10__/* .formatImageRef */ .kL)(ref));
    const elf = await (0,_lib_elf_js__WEBPACK_IMPORTED_MODULE_8__/* .readElf */ .oU)(host);
    const input = await verifyFilesInput({ ...raw, libc: elf.interp?.includes('musl') ? 'musl' : 'glibc', target: `linux/${arch}` }, host, plugins, opts, verifySettings(raw));
    return {
        ...input,
        hostImage: {
            name,
            archive,
            id: img.manifest.config.digest,
            healthcheck: img.config.config?.Healthcheck?.Test,
            appDir: img.config.config?.Env?.find(e => e.startsWith('APP_DIR='))?.slice(8) || undefined
        }
    };
}
async function verifyFilesInput(raw, host, plugins, opts, s) {
    const { level, timeoutSec, glibcMax } = s;
    const hostCheck = await checkBinaryFile('host-binary', host);
    if (hostCheck.error)
        throw hostCheck.error;
    const modeIn = (0,_values_js__WEBPACK_IMPORTED_MODULE_7__/* .parseEnum */ .nL)('mode', value(raw, 'mode') || 'auto', _settings_js__WEBPACK_IMPORTED_MODULE_6__/* .MODES */ .FN);
    const mode = modeIn === 'auto' ? detectMode(hostCheck.elf, plugins.length) : modeIn;
    const libc = (0,_values_js__WEBPACK_IMPORTED_MODULE_7__/* .parseEnum */ .nL)('libc', value(raw, 'libc') || 'glibc', _lib_targets_js__WEBPACK_IMPORTED_MODULE_5__/* .LIBCS */ .EO);
    const arch = (0,_values_js__WEBPACK_IMPORTED_MODULE_7__/* .parseTargetArch */ .fz)(value(raw, 'target'), opts.hostArch);
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
