export const id = 419;
export const ids = [419];
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
/* harmony import */ var _plan_host_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83629);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(44547);
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
    const ctx = { ...input, baseEnv, commands: [] };
    const work = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(node_os__WEBPACK_IMPORTED_MODULE_1___default().tmpdir(), 'bifrost-build-'));
    const stopMatcher = await (0,_index_js__WEBPACK_IMPORTED_MODULE_4__.registerMatcher)(reporter, baseEnv);
    try {
        if (host.modules.some(m => m.replace && !m.replace.version))
            reporter.notice(`the host replaces ${host.modules
                .filter(m => m.replace && !m.replace.version)
                .map(m => `${m.path} => ${m.replace.path}`)
                .join(', ')} by a directory, which is not here: a plugin's own directory replacement of such a module counts as the same source (only the version label is compared); the load test decides`);
        const aligned = await (0,_index_js__WEBPACK_IMPORTED_MODULE_4__.alignPlugins)(ctx, host.modules, work, mine => (0,_plan_host_js__WEBPACK_IMPORTED_MODULE_3__/* .adaptDirectoryReplacements */ .xd)(host.modules, mine));
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_2___default().join(input.stagingDir, 'plugins'), { recursive: true });
        const t0 = Date.now();
        const plugins = await (0,_index_js__WEBPACK_IMPORTED_MODULE_4__.buildPluginSet)(ctx, (0,_index_js__WEBPACK_IMPORTED_MODULE_4__.pluginCommands)(ctx, aligned.modfiles));
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
            preparation: ctx.commands
        };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(work, { recursive: true, force: true });
        stopMatcher();
    }
}


/***/ }),

/***/ 83629:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LN: () => (/* binding */ hostBuildFrom),
/* harmony export */   QZ: () => (/* binding */ hostVersionOf),
/* harmony export */   xd: () => (/* binding */ adaptDirectoryReplacements)
/* harmony export */ });
/* unused harmony exports releaseOf, stampedVersion, isDirectoryPath */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _util_arch_level_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(20189);
/* harmony import */ var _verify_rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51370);



const CGO_FLAG_KEYS = ['CGO_CFLAGS', 'CGO_CPPFLAGS', 'CGO_CXXFLAGS', 'CGO_LDFLAGS'];
/** Build settings that change how every package compiles and that this mode does not reproduce. */
const UNSUPPORTED = ['-race', '-msan', '-asan', '-gcflags', '-asmflags', '-cover'];
function hostError(file, what, fix) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BuildError */ .zS(`${file} ${what}`, { input: 'host-binary', file, fix, usage: true });
}
/**
 * `go1.26.8` -> `1.26.8`. Since Go 1.24 a non-default GOEXPERIMENT is appended (`go1.26.8-X:jsonv2`,
 * older: `go1.22.1 X:...`); the experiment itself is read from the GOEXPERIMENT setting.
 */
function releaseOf(goVersion) {
    const m = /^go(\d+\.\d+(?:\.\d+|rc\d+|beta\d+)?)(?:[- ]X:\S+)?$/.exec(goVersion.trim());
    return m?.[1];
}
/**
 * The -X value of main.Version in a recorded -ldflags string (`-X main.Version=v1.4.19`,
 * `-X=main.Version=...`, quoted or not).
 */
function stampedVersion(ldflags) {
    const m = /(?:^|[\s"'])--?X[=\s]+["']?main\.Version=([^\s"']+)/.exec(ldflags);
    return m?.[1];
}
/** `./x`, `../x` or `/abs`: how go.mod writes a directory replacement. */
function isDirectoryPath(p) {
    return /^(\.\.?(\/|$)|\/)/.test(p);
}
function toModuleVersion(m) {
    const out = { path: m.path, version: m.version };
    if (m.sum)
        out.sum = m.sum;
    if (m.replace) {
        // Build info labels a directory replacement `(devel)`; go list gives it no version.
        const dir = isDirectoryPath(m.replace.path) || m.replace.version === '(devel)';
        out.replace = {
            path: m.replace.path,
            ...(m.replace.version && !dir ? { version: m.replace.version } : {})
        };
        // A replacement by another module version: that module's sum is what was compiled.
        if (m.replace.sum)
            out.sum = m.replace.sum;
    }
    return out;
}
/**
 * Reads the plugin's settings out of the host. Throws one BuildError naming what is missing
 * for a host that cannot load plugins at all (static, no cgo, not linux/amd64 or arm64) or
 * whose build info does not say enough.
 */
function hostBuildFrom(file, elf, bi) {
    if (!elf.interp)
        throw hostError(file, 'is statically linked (no PT_INTERP): a static binary cannot load Go plugins, so there is nothing to build plugins for', 'give the dynamically linked bifrost-http (built with mode: dynamic), or build host and plugins together without host-binary');
    const s = bi.settings;
    const goVersion = releaseOf(bi.goVersion);
    if (!goVersion)
        throw hostError(file, `was built by Go "${bi.goVersion}", not a Go release that can be installed`, 'give a host built by a released Go (go1.x.y)');
    const missing = [];
    if (!s.GOOS)
        missing.push('GOOS');
    if (!s.GOARCH)
        missing.push('GOARCH');
    if (!s.CGO_ENABLED)
        missing.push('CGO_ENABLED');
    if (missing.length)
        throw hostError(file, `has Go build info without the build settings ${missing.join(', ')} (built by go build without module support, or by another tool), so the plugin's target cannot be known`, 'give a bifrost-http built by go build (Go 1.18 or newer) in module mode, or build host and plugins together without host-binary');
    if (s.GOOS !== 'linux' || (s.GOARCH !== 'amd64' && s.GOARCH !== 'arm64'))
        throw hostError(file, `was built for ${s.GOOS}/${s.GOARCH}; plugin-only builds support linux/amd64 and linux/arm64`, 'give a bifrost-http built for linux/amd64 or linux/arm64');
    if (s.CGO_ENABLED !== '1')
        throw hostError(file, `was built with CGO_ENABLED=${s.CGO_ENABLED}: such a host cannot load plugins ("plugin: not implemented")`, 'give a bifrost-http built with CGO_ENABLED=1 (mode: dynamic)');
    const buildmode = s['-buildmode'] ?? 'exe';
    if (buildmode !== 'exe' && buildmode !== 'pie')
        throw hostError(file, `was built with -buildmode=${buildmode}, not a program that loads plugins`, 'give the bifrost-http program');
    const unsupported = UNSUPPORTED.filter(k => s[k] !== undefined && s[k] !== '' && s[k] !== 'false');
    if (unsupported.length)
        throw hostError(file, `was built with ${unsupported.map(k => `${k}=${s[k]}`).join(' ')}, which plugin-only builds do not reproduce`, 'build host and plugins together (without host-binary) with the same flags');
    const arch = s.GOARCH;
    const libc = (0,_verify_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .libcFamily */ .jx)(elf);
    if (!libc)
        throw hostError(file, `names no C library (PT_INTERP ${elf.interp}, DT_NEEDED [${elf.needed.join(', ')}]), so the plugin's libc cannot be known`, 'give a bifrost-http linked against glibc or musl');
    const trimpath = s['-trimpath'] === 'true';
    const unknown = [];
    const ldflags = s['-ldflags'];
    let stamp;
    if (ldflags !== undefined) {
        stamp = stampedVersion(ldflags);
        unknown.push(`the host's -ldflags were "${ldflags}"; plugins get their own (-X main.Version=v<plugin-version> plus input ldflags), which the loader does not compare`);
    }
    else {
        unknown.push(trimpath
            ? "the host's -ldflags (its -X main.Version stamp, extra linker flags) are not in its build info (go does not record them with -trimpath); the loader does not compare them"
            : "the host's build info records no -ldflags: it was built without any");
    }
    let cgoFlags;
    if (CGO_FLAG_KEYS.some(k => s[k] !== undefined)) {
        cgoFlags = {};
        for (const k of CGO_FLAG_KEYS)
            cgoFlags[k] = s[k] ?? '';
    }
    else {
        unknown.push("the host's CGO_CFLAGS/CGO_LDFLAGS are not in its build info (not recorded with -trimpath); the plugin uses this machine's (they change only C code, which the loader does not compare)");
    }
    return {
        goVersion,
        arch,
        archLevel: (0,_util_arch_level_js__WEBPACK_IMPORTED_MODULE_1__/* .archLevel */ .xs)(arch, s),
        libc,
        trimpath,
        tags: (s['-tags'] ?? '').split(/[\s,]+/).filter(Boolean),
        goexperiment: s.GOEXPERIMENT ?? '',
        cgoFlags,
        ldflags,
        stampedVersion: stamp,
        mainModule: bi.main ? { path: bi.main.path, version: bi.main.version } : undefined,
        vcsRevision: s['vcs.revision'],
        modules: bi.deps.map(toModuleVersion),
        unknown
    };
}
/** The version the archive names for the host: its -X stamp, else its main module's version. */
function hostVersionOf(h) {
    if (h.stampedVersion)
        return { version: h.stampedVersion, from: '-ldflags -X main.Version' };
    const v = h.mainModule?.version;
    if (v && v !== '(devel)')
        return { version: v, from: `main module ${h.mainModule.path}` };
    return {
        version: h.vcsRevision ? `(devel) ${h.vcsRevision.slice(0, 12)}` : '(devel)',
        from: h.vcsRevision
            ? 'vcs.revision (built from a checkout)'
            : 'unknown (built from a checkout, no stamp recorded)'
    };
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

/***/ 13280:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QH: () => (/* binding */ ElfError),
/* harmony export */   Zy: () => (/* binding */ compareVersions),
/* harmony export */   oU: () => (/* binding */ readElf),
/* harmony export */   uq: () => (/* binding */ glibcFloor),
/* harmony export */   xF: () => (/* binding */ ElfImage)
/* harmony export */ });
/* unused harmony export machineName */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/**
 * A small ELF reader for exactly what verify needs: header, program headers (PT_INTERP,
 * PT_DYNAMIC, PT_LOAD), the dynamic section (DT_NEEDED, DT_SONAME, DT_STRTAB, DT_VERNEED) and
 * the version needs (`GLIBC_x.y`); ElfImage also gives the section headers and reads by
 * virtual address, for the Go build info reader (buildinfo.ts). It reads through a file
 * handle at positions, never the whole file, and treats the file as hostile: every offset and
 * count is checked against the file and against fixed caps, so a truncated or corrupted file
 * gives an ElfError, never a crash or a hang. Why not an npm parser: see docs/elf-reader.md.
 */

class ElfError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ElfError';
    }
}
const PT_LOAD = 1;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const DT_NULL = 0n;
const DT_NEEDED = 1n;
const DT_STRTAB = 5n;
const DT_STRSZ = 10n;
const DT_SONAME = 14n;
const DT_FLAGS_1 = 0x6ffffffbn;
const DT_VERNEED = 0x6ffffffen;
const DT_VERNEEDNUM = 0x6fffffffn;
const DF_1_PIE = 0x08000000n;
const SHT_GNU_VERNEED = 0x6ffffffe;
const SHT_NOBITS = 8;
const SHN_XINDEX = 0xffff;
const PN_XNUM = 0xffff;
// Caps far above anything a real Go binary has; they bound work on hostile input.
const MAX_PHNUM = 4096;
const MAX_SHNUM = 65535;
const MAX_DYN_ENTRIES = 65536;
const MAX_TABLE_BYTES = 16 * 1024 * 1024;
const MAX_STRING = 4096;
const MAX_VERNEED = 1024;
const MAX_VERNAUX = 1024;
const MAX_VERSION_ENTRIES = 8192;
const MACHINES = {
    3: '386',
    8: 'mips',
    20: 'ppc',
    21: 'ppc64',
    22: 's390x',
    40: 'arm',
    62: 'amd64',
    183: 'arm64',
    243: 'riscv64',
    258: 'loong64'
};
function machineName(machine) {
    return MACHINES[machine] ?? `machine ${machine}`;
}
class Reader {
    fh;
    size;
    le;
    is64;
    reads = [];
    constructor(fh, size, le, is64) {
        this.fh = fh;
        this.size = size;
        this.le = le;
        this.is64 = is64;
    }
    async bytes(offset, length, what) {
        if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0)
            throw new ElfError(`${what}: invalid offset ${offset} or size ${length}`);
        if (length > MAX_TABLE_BYTES)
            throw new ElfError(`${what}: ${length} bytes is more than the ${MAX_TABLE_BYTES} allowed`);
        if (offset + length > this.size)
            throw new ElfError(`${what} at offset ${offset} (${length} bytes) lies past the end of the file (${this.size} bytes): truncated or corrupt`);
        this.reads.push([offset, length]);
        const buf = Buffer.alloc(length);
        let done = 0;
        while (done < length) {
            const { bytesRead } = await this.fh.read(buf, done, length - done, offset + done);
            if (bytesRead === 0)
                throw new ElfError(`${what}: file ended early (it changed while read)`);
            done += bytesRead;
        }
        return buf;
    }
    u16(b, o) {
        return this.le ? b.readUInt16LE(o) : b.readUInt16BE(o);
    }
    u32(b, o) {
        return this.le ? b.readUInt32LE(o) : b.readUInt32BE(o);
    }
    /** A word: 4 bytes in ELF32, 8 in ELF64, as a bigint. */
    word(b, o) {
        if (!this.is64)
            return BigInt(this.u32(b, o));
        return this.le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o);
    }
}
function num(v, what) {
    if (v > BigInt(Number.MAX_SAFE_INTEGER))
        throw new ElfError(`${what} ${v} is out of range`);
    return Number(v);
}
/**
 * A string table read lazily: a program that loads plugins exports every Go symbol, so its
 * .dynstr is hundreds of KiB while we need a dozen names from it.
 */
class StringTable {
    r;
    offset;
    size;
    what;
    cache = new Map();
    constructor(r, offset, size, what) {
        this.r = r;
        this.offset = offset;
        this.size = size;
        this.what = what;
        if (offset + size > r.size)
            throw new ElfError(`${what} at offset ${offset} (${size} bytes) lies past the end of the file (${r.size} bytes): truncated or corrupt`);
    }
    async get(at, what) {
        const hit = this.cache.get(at);
        if (hit !== undefined)
            return hit;
        if (!Number.isSafeInteger(at) || at < 0 || at >= this.size)
            throw new ElfError(`${what}: string offset ${at} is outside the ${this.what} (${this.size} bytes)`);
        const len = Math.min(this.size - at, MAX_STRING + 1);
        const b = await this.r.bytes(this.offset + at, len, this.what);
        const end = b.indexOf(0);
        if (end < 0)
            throw new ElfError(`${what}: unterminated or oversized string at offset ${at}`);
        const s = b.toString('latin1', 0, end);
        this.cache.set(at, s);
        return s;
    }
}
/** File offset of a virtual address, through the PT_LOAD segment that holds it in the file. */
function vaddrToOffset(loads, vaddr, length, what) {
    for (const s of loads) {
        if (vaddr >= s.vaddr && vaddr + length <= s.vaddr + s.filesz)
            return s.offset + (vaddr - s.vaddr);
    }
    throw new ElfError(`${what}: address 0x${vaddr.toString(16)} is in no loaded segment of the file`);
}
/**
 * An open ELF file for readers that need more than `readElf`'s facts (the Go build info):
 * its program headers, its section headers on demand, and bounded reads at file offsets or
 * virtual addresses. Close it when done.
 */
class ElfImage {
    fh;
    r;
    header;
    sectionList;
    constructor(fh, r, header) {
        this.fh = fh;
        this.r = r;
        this.header = header;
    }
    static async open(file) {
        const { fh, size } = await openRegular(file);
        try {
            const { r, header } = await readHeader(fh, size);
            return new ElfImage(fh, r, header);
        }
        catch (e) {
            await fh.close();
            throw e;
        }
    }
    get size() {
        return this.r.size;
    }
    get is64() {
        return this.r.is64;
    }
    get littleEndian() {
        return this.r.le;
    }
    get segments() {
        return this.header.segments;
    }
    /** Every [offset, length] read so far. */
    get reads() {
        return this.r.reads;
    }
    /** `length` bytes at file `offset`; an ElfError when that lies outside the file or past the caps. */
    read(offset, length, what) {
        return this.r.bytes(offset, length, what);
    }
    /**
     * The file offset of virtual address `addr` and how many file bytes follow it in the first
     * segment that holds it (as Go's debug/buildinfo maps addresses), or undefined.
     */
    locate(addr) {
        for (const s of this.header.segments) {
            if (s.filesz > 0 && addr >= s.vaddr && addr < s.vaddr + s.filesz)
                return { offset: s.offset + (addr - s.vaddr), available: s.vaddr + s.filesz - addr };
        }
        return undefined;
    }
    /** The section headers with their names; empty when the file has none (stripped). */
    async sections() {
        if (this.sectionList)
            return this.sectionList;
        const { shoff, shnum, shentsize } = this.header;
        const r = this.r;
        const list = [];
        if (shoff !== 0 && shnum > 0 && shnum <= MAX_SHNUM) {
            const sh = await this.header.sectionHeaders(shnum);
            if (sh) {
                const raw = (i) => {
                    const o = i * shentsize;
                    return {
                        nameAt: r.u32(sh, o),
                        type: r.u32(sh, o + 4),
                        addr: num(r.word(sh, o + (r.is64 ? 16 : 12)), 'sh_addr'),
                        offset: num(r.word(sh, o + (r.is64 ? 24 : 16)), 'sh_offset'),
                        size: num(r.word(sh, o + (r.is64 ? 32 : 20)), 'sh_size'),
                        link: r.u32(sh, o + (r.is64 ? 40 : 24))
                    };
                };
                let strndx = this.header.shstrndx;
                if (strndx === SHN_XINDEX)
                    strndx = raw(0).link;
                const names = strndx > 0 && strndx < shnum && raw(strndx).type !== SHT_NOBITS
                    ? new StringTable(r, raw(strndx).offset, raw(strndx).size, 'section name table')
                    : undefined;
                for (let i = 0; i < shnum; i++) {
                    const s = raw(i);
                    const name = names && s.nameAt > 0 ? await names.get(s.nameAt, 'section name') : '';
                    list.push({ name, type: s.type, addr: s.addr, offset: s.offset, size: s.size });
                }
            }
        }
        this.sectionList = list;
        return list;
    }
    close() {
        return this.fh.close();
    }
}
async function openRegular(file) {
    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(file);
    if (st.isDirectory())
        throw new ElfError('is a directory, not an ELF file');
    if (!st.isFile())
        throw new ElfError('is not a regular file');
    if (st.size === 0)
        throw new ElfError('is empty (0 bytes), not an ELF file');
    return { fh: await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(file, 'r'), size: st.size };
}
/** Reads the ELF facts of `file`. Throws ElfError for anything that is not a sound ELF file. */
async function readElf(file) {
    const { fh, size } = await openRegular(file);
    try {
        return await parse(fh, size);
    }
    finally {
        await fh.close();
    }
}
/** ELF header and program headers, checked. */
async function readHeader(fh, size) {
    const identLen = Math.min(size, 64);
    const ident = Buffer.alloc(identLen);
    await fh.read(ident, 0, identLen, 0);
    if (identLen < 4 || ident.readUInt32BE(0) !== 0x7f454c46)
        throw new ElfError('is not an ELF file (no \\x7fELF magic at the start)');
    if (identLen < 16)
        throw new ElfError(`is truncated: ${size} bytes, shorter than an ELF header`);
    const cls = ident[4];
    const data = ident[5];
    if (cls !== 1 && cls !== 2)
        throw new ElfError(`has an invalid ELF class byte ${cls}`);
    if (data !== 1 && data !== 2)
        throw new ElfError(`has an invalid ELF data (endianness) byte ${data}`);
    const is64 = cls === 2;
    const ehsize = is64 ? 64 : 52;
    const r = new Reader(fh, size, data === 1, is64);
    const eh = await r.bytes(0, ehsize, 'ELF header');
    const type = r.u16(eh, 16);
    const machine = r.u16(eh, 18);
    const phoff = num(r.word(eh, is64 ? 32 : 28), 'e_phoff');
    const shoff = num(r.word(eh, is64 ? 40 : 32), 'e_shoff');
    const phentsize = r.u16(eh, is64 ? 54 : 42);
    let phnum = r.u16(eh, is64 ? 56 : 44);
    const shentsize = r.u16(eh, is64 ? 58 : 46);
    const shnum = r.u16(eh, is64 ? 60 : 48);
    const shstrndx = r.u16(eh, is64 ? 62 : 50);
    const sectionHeaders = async (count) => {
        if (shoff === 0 || count === 0)
            return undefined;
        const min = is64 ? 64 : 40;
        if (shentsize < min)
            throw new ElfError(`e_shentsize ${shentsize} is smaller than ${min}`);
        return r.bytes(shoff, count * shentsize, 'section headers');
    };
    if (phnum === PN_XNUM) {
        // More program headers than fit e_phnum: the real count is in section 0's sh_info.
        const sh0 = await sectionHeaders(1);
        if (!sh0)
            throw new ElfError('e_phnum is PN_XNUM but there is no section header 0');
        phnum = r.u32(sh0, is64 ? 44 : 28);
    }
    if (phnum > MAX_PHNUM)
        throw new ElfError(`has ${phnum} program headers (more than ${MAX_PHNUM})`);
    const segments = [];
    if (phnum > 0) {
        const min = is64 ? 56 : 32;
        if (phentsize < min)
            throw new ElfError(`e_phentsize ${phentsize} is smaller than ${min}`);
        const ph = await r.bytes(phoff, phnum * phentsize, 'program headers');
        for (let i = 0; i < phnum; i++) {
            const o = i * phentsize;
            segments.push({
                type: r.u32(ph, o),
                flags: r.u32(ph, is64 ? o + 4 : o + 24),
                offset: num(r.word(ph, o + (is64 ? 8 : 4)), 'p_offset'),
                vaddr: num(r.word(ph, o + (is64 ? 16 : 8)), 'p_vaddr'),
                filesz: num(r.word(ph, o + (is64 ? 32 : 16)), 'p_filesz'),
                memsz: num(r.word(ph, o + (is64 ? 40 : 20)), 'p_memsz')
            });
        }
    }
    return {
        r,
        header: { type, machine, shoff, shentsize, shnum, shstrndx, segments, sectionHeaders }
    };
}
async function parse(fh, size) {
    const { r, header } = await readHeader(fh, size);
    const { type, machine, shoff, shentsize, shnum, segments, sectionHeaders } = header;
    const is64 = r.is64;
    const loads = segments.filter(s => s.type === PT_LOAD);
    let interp;
    const interpSeg = segments.find(s => s.type === PT_INTERP);
    if (interpSeg) {
        if (interpSeg.filesz > MAX_STRING)
            throw new ElfError(`PT_INTERP is ${interpSeg.filesz} bytes`);
        const b = await r.bytes(interpSeg.offset, interpSeg.filesz, 'PT_INTERP');
        const end = b.indexOf(0);
        interp = b.toString('latin1', 0, end < 0 ? b.length : end);
    }
    const info = {
        size,
        elfClass: is64 ? 64 : 32,
        littleEndian: r.le,
        type,
        machine,
        machineName: machineName(machine),
        interp,
        hasDynamic: false,
        needed: [],
        versionNeeds: [],
        pie: false,
        reads: r.reads
    };
    const dynSeg = segments.find(s => s.type === PT_DYNAMIC);
    let verneedSection;
    if (dynSeg) {
        info.hasDynamic = true;
        const entSize = is64 ? 16 : 8;
        const count = Math.min(Math.floor(dynSeg.filesz / entSize), MAX_DYN_ENTRIES);
        const dyn = await r.bytes(dynSeg.offset, count * entSize, 'dynamic section');
        const neededOffsets = [];
        let sonameOffset;
        let strtab;
        let strsz;
        let verneed;
        let verneednum = 0;
        let flags1 = 0n;
        for (let i = 0; i < count; i++) {
            const tag = r.word(dyn, i * entSize);
            const val = r.word(dyn, i * entSize + entSize / 2);
            if (tag === DT_NULL)
                break;
            if (tag === DT_NEEDED)
                neededOffsets.push(num(val, 'DT_NEEDED'));
            else if (tag === DT_SONAME)
                sonameOffset = num(val, 'DT_SONAME');
            else if (tag === DT_STRTAB)
                strtab = num(val, 'DT_STRTAB');
            else if (tag === DT_STRSZ)
                strsz = num(val, 'DT_STRSZ');
            else if (tag === DT_VERNEED)
                verneed = num(val, 'DT_VERNEED');
            else if (tag === DT_VERNEEDNUM)
                verneednum = num(val, 'DT_VERNEEDNUM');
            else if (tag === DT_FLAGS_1)
                flags1 = val;
        }
        info.pie = (flags1 & DF_1_PIE) !== 0n;
        const wantsStrings = neededOffsets.length > 0 || sonameOffset !== undefined || verneed !== undefined;
        if (wantsStrings) {
            if (strtab === undefined || strsz === undefined)
                throw new ElfError('dynamic section names libraries but has no DT_STRTAB/DT_STRSZ');
            const strOff = vaddrToOffset(loads, strtab, strsz, 'DT_STRTAB');
            const strings = new StringTable(r, strOff, strsz, 'dynamic string table');
            for (const o of neededOffsets)
                info.needed.push(await strings.get(o, 'DT_NEEDED'));
            if (sonameOffset !== undefined)
                info.soname = await strings.get(sonameOffset, 'DT_SONAME');
            if (verneed !== undefined && verneednum > 0) {
                verneedSection = {
                    offset: vaddrToOffset(loads, verneed, 16, 'DT_VERNEED'),
                    count: verneednum,
                    strtab: strings
                };
            }
        }
    }
    if (!verneedSection && shoff !== 0 && shnum > 0 && shnum <= MAX_SHNUM) {
        verneedSection = await verneedFromSections(r, await sectionHeaders(shnum), shnum, shentsize);
    }
    if (verneedSection)
        info.versionNeeds = await readVerneed(r, verneedSection);
    return info;
}
/** `.gnu.version_r` through the section headers, for a file whose dynamic section lacks DT_VERNEED. */
async function verneedFromSections(r, sh, shnum, shentsize) {
    if (!sh)
        return undefined;
    const field = (i) => {
        const o = i * shentsize;
        return {
            type: r.u32(sh, o + 4),
            offset: num(r.word(sh, o + (r.is64 ? 24 : 16)), 'sh_offset'),
            size: num(r.word(sh, o + (r.is64 ? 32 : 20)), 'sh_size'),
            link: r.u32(sh, o + (r.is64 ? 40 : 24)),
            info: r.u32(sh, o + (r.is64 ? 44 : 28))
        };
    };
    for (let i = 0; i < shnum; i++) {
        const s = field(i);
        if (s.type !== SHT_GNU_VERNEED)
            continue;
        if (s.link >= shnum)
            throw new ElfError(`.gnu.version_r links to section ${s.link} of ${shnum}`);
        const str = field(s.link);
        const strtab = new StringTable(r, str.offset, str.size, '.gnu.version_r string table');
        return { offset: s.offset, count: s.info, strtab };
    }
    return undefined;
}
async function readVerneed(r, v) {
    if (v.count > MAX_VERNEED)
        throw new ElfError(`DT_VERNEEDNUM ${v.count} is implausibly large`);
    const out = [];
    let pos = v.offset;
    let entries = 0;
    for (let i = 0; i < v.count; i++) {
        const vn = await r.bytes(pos, 16, 'version need entry');
        const cnt = r.u16(vn, 2);
        const file = await v.strtab.get(r.u32(vn, 4), 'version need file');
        const aux = r.u32(vn, 8);
        const next = r.u32(vn, 12);
        if (cnt > MAX_VERNAUX)
            throw new ElfError(`version need of ${file} lists ${cnt} versions`);
        const versions = [];
        let apos = pos + aux;
        for (let j = 0; j < cnt; j++) {
            if (++entries > MAX_VERSION_ENTRIES)
                throw new ElfError('too many version need entries');
            const a = await r.bytes(apos, 16, 'version need aux entry');
            versions.push(await v.strtab.get(r.u32(a, 8), 'version name'));
            const anext = r.u32(a, 12);
            if (anext === 0)
                break;
            apos += anext;
        }
        out.push({ file, versions });
        if (next === 0)
            break;
        pos += next;
    }
    return out;
}
/** Newest `GLIBC_x.y[.z]` among the version needs, or undefined when none. */
function glibcFloor(needs) {
    let best;
    for (const n of needs) {
        for (const v of n.versions) {
            const m = /^GLIBC_(\d+(?:\.\d+)*)$/.exec(v);
            if (m && (best === undefined || compareVersions(m[1], best) > 0))
                best = m[1];
        }
    }
    return best;
}
/** Compares dotted numeric versions (`2.34` > `2.2.5`). */
function compareVersions(a, b) {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0)
            return d < 0 ? -1 : 1;
    }
    return 0;
}


/***/ })

};
