export const id = 535;
export const ids = [535];
export const modules = {

/***/ 44535:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  formatCheck: () => (/* binding */ formatCheck),
  splitJsonObjects: () => (/* binding */ splitJsonObjects),
  verify: () => (/* binding */ verify)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
var external_node_os_default = /*#__PURE__*/__webpack_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/proc.ts + 1 modules
var src_proc = __webpack_require__(97684);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/verify/elf.ts
/**
 * A small ELF reader for exactly what verify needs: header, program headers (PT_INTERP,
 * PT_DYNAMIC, PT_LOAD), the dynamic section (DT_NEEDED, DT_SONAME, DT_STRTAB, DT_VERNEED) and
 * the version needs (`GLIBC_x.y`). It reads through a file handle at positions, never the whole
 * file, and treats the file as hostile: every offset and count is checked against the file and
 * against fixed caps, so a truncated or corrupted file gives an ElfError, never a crash or a
 * hang. Why not an npm parser: see docs/elf-reader.md.
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
/** Reads the ELF facts of `file`. Throws ElfError for anything that is not a sound ELF file. */
async function readElf(file) {
    const st = await (0,promises_.stat)(file);
    if (st.isDirectory())
        throw new ElfError('is a directory, not an ELF file');
    if (!st.isFile())
        throw new ElfError('is not a regular file');
    if (st.size === 0)
        throw new ElfError('is empty (0 bytes), not an ELF file');
    const fh = await (0,promises_.open)(file, 'r');
    try {
        return await parse(fh, st.size);
    }
    finally {
        await fh.close();
    }
}
async function parse(fh, size) {
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
                offset: num(r.word(ph, o + (is64 ? 8 : 4)), 'p_offset'),
                vaddr: num(r.word(ph, o + (is64 ? 16 : 8)), 'p_vaddr'),
                filesz: num(r.word(ph, o + (is64 ? 32 : 16)), 'p_filesz')
            });
        }
    }
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

// EXTERNAL MODULE: ./src/platform.ts
var platform = __webpack_require__(23728);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
var external_node_net_default = /*#__PURE__*/__webpack_require__.n(external_node_net_);
;// CONCATENATED MODULE: ./src/verify/load.ts
/**
 * The load test: start the real host with a config.json listing every plugin and watch its
 * log for each plugin's status. Decisions (can it run here, how, what a log line means) are
 * pure functions; `runLoadTest` is the thin layer that owns the process and the temp dir.
 */






const QEMU = { amd64: 'qemu-x86_64', arm64: 'qemu-aarch64' };
const DEFAULT_SYSROOT = {
    amd64: '/usr/x86_64-linux-gnu',
    arm64: '/usr/aarch64-linux-gnu'
};
/** Whether and how the host can run on this machine: natively, under qemu-user, or not. */
function loadTestRunner(f) {
    if (f.hostMachine !== 'amd64' && f.hostMachine !== 'arm64')
        return { run: false, reason: `the host is built for ${f.hostMachine}, which cannot run here` };
    const arch = f.hostMachine;
    if (arch === f.machineArch) {
        if (f.interp && !f.exists(f.interp))
            return {
                run: false,
                reason: `the host's loader ${f.interp} is not on this machine${f.interp.includes('musl') ? ' (apt-get install musl)' : ''}`
            };
        return { run: true, prefix: [], how: `natively on linux/${arch}` };
    }
    const qemu = f.which(QEMU[arch]);
    if (!qemu)
        return {
            run: false,
            reason: `the host is linux/${arch} and this machine is linux/${f.machineArch}, and ${QEMU[arch]} is not installed (apt-get install qemu-user)`
        };
    if (!f.interp)
        return { run: true, prefix: [qemu], how: `under ${QEMU[arch]}` };
    // qemu-user looks the loader up under -L first, then in the real root: Debian's
    // musl:<arch> installs /lib/ld-musl-<arch>.so.1 in the real root, glibc lives in a sysroot.
    const sysroot = f.sysroot ?? DEFAULT_SYSROOT[arch];
    if (f.exists(external_node_path_default().join(sysroot, f.interp)))
        return { run: true, prefix: [qemu, '-L', sysroot], how: `under ${QEMU[arch]} -L ${sysroot}` };
    if (f.exists(f.interp))
        return { run: true, prefix: [qemu], how: `under ${QEMU[arch]}` };
    return {
        run: false,
        reason: `the host's loader ${f.interp} is neither in ${sysroot} nor in / (install the ${arch} C library, e.g. ${f.interp.includes('musl') ? `musl:${arch}` : `libc6-${arch}-cross`})`
    };
}
/**
 * The real Bifrost calls remote services at start-up (pricing data, model catalogues); the load
 * test only reads its log, so it runs in a fresh network namespace where one can be had:
 * `unshare --net` as root, `unshare --user --map-root-user --net` otherwise. Binding 127.0.0.1
 * works there even with `lo` down. Where neither is allowed (some hardened runners), the host
 * runs as it is and the log says so.
 */
const ISOLATIONS = [
    ['--net'],
    ['--user', '--map-root-user', '--net']
];
async function networkIsolation(which = defaultWhich, isRoot = process.getuid?.() === 0) {
    const unshare = which('unshare');
    if (unshare) {
        for (const flags of isRoot ? ISOLATIONS : ISOLATIONS.slice(1)) {
            const probe = await (0,src_proc/* run */.eF)(unshare, [...flags, 'true'], { timeoutMs: 5000 }).catch(() => undefined);
            if (probe?.code === 0)
                return { prefix: [unshare, ...flags], how: 'without network access' };
        }
    }
    return { prefix: [], how: 'with the network of this machine (unshare --net not available)' };
}
/** The host's command line; the one place to adapt for another Bifrost's flags. */
function hostArgs(host, appDir, port) {
    return [host, '-app-dir', appDir, '-host', '127.0.0.1', '-port', String(port)];
}
function configJson(plugins) {
    return JSON.stringify({
        plugins: plugins.map(p => ({
            enabled: true,
            name: p.name,
            path: external_node_path_default().resolve(p.path),
            config: {}
        }))
    }, null, 2);
}
/**
 * What one log line says. Matches message substrings, so it works for the fixture's plain
 * log and for real Bifrost's JSON lines (`{"level":"info","message":"plugin status: ..."}`).
 */
function parseLogLine(raw, names) {
    const line = logMessage(raw);
    let m = /plugin status: (.+?) - ([a-z_]+)/.exec(line);
    if (m)
        return { kind: 'status', name: m[1], status: m[2] };
    m = /failed to load plugin (.+?): (.*)$/.exec(line);
    if (m) {
        const [, who, error] = m;
        return { kind: 'failed', name: names.find(n => who === n) ?? who, error: error.trim() };
    }
    if (/successfully started bifrost/.test(line))
        return { kind: 'started' };
    m = /^(fatal error: .*|panic: .*)$/.exec(line.trim());
    if (m)
        return { kind: 'fatal', text: m[1] };
    return undefined;
}
/** The message of a structured (JSON) log line, with its error field; other lines as they are. */
function logMessage(raw) {
    const t = raw.trim();
    if (!t.startsWith('{'))
        return raw;
    try {
        const o = JSON.parse(t);
        const msg = typeof o.message === 'string' ? o.message : typeof o.msg === 'string' ? o.msg : '';
        if (!msg)
            return raw;
        return typeof o.error === 'string' && !msg.includes(o.error) ? `${msg}: ${o.error}` : msg;
    }
    catch {
        return raw;
    }
}
const MAX_LOG_LINES = 200;
const MAX_LINE = 2000;
async function freePort() {
    return new Promise((resolve, reject) => {
        const srv = external_node_net_default().createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const addr = srv.address();
            const port = typeof addr === 'object' && addr ? addr.port : 0;
            srv.close(() => resolve(port));
        });
    });
}
/** Runs the host until every plugin reports, it exits, or the timeout; always cleans up. */
async function runLoadTest(input) {
    if (input.signal?.aborted) {
        const message = 'load test cancelled before it started';
        return {
            status: 'fail',
            message,
            checks: [{ id: 'load', subject: input.hostName, status: 'fail', message }],
            log: []
        };
    }
    const appDir = await (0,promises_.mkdtemp)(external_node_path_default().join(input.tmpRoot ?? external_node_os_default().tmpdir(), 'bifrost-verify-'));
    const log = [];
    const names = input.plugins.map(p => p.name);
    const status = new Map();
    let started = false;
    let fatal;
    let finish = () => { };
    const finished = new Promise(resolve => (finish = resolve));
    const allReported = () => names.every(n => status.has(n));
    const onLine = (line) => {
        log.push(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
        if (log.length > MAX_LOG_LINES)
            log.shift();
        const ev = parseLogLine(line, names);
        if (!ev)
            return;
        if (ev.kind === 'status' && names.includes(ev.name) && !status.has(ev.name)) {
            status.set(ev.name, {
                ok: ev.status === 'active',
                text: `plugin status: ${ev.name} - ${ev.status}`
            });
        }
        else if (ev.kind === 'failed' && !status.get(ev.name)?.ok) {
            status.set(ev.name, { ok: false, text: `failed to load plugin ${ev.name}: ${ev.error}` });
        }
        else if (ev.kind === 'started')
            started = true;
        else if (ev.kind === 'fatal' && !fatal)
            fatal = ev.text;
        if (names.length > 0 ? allReported() : started)
            finish();
    };
    let proc;
    let exit;
    let spawnError;
    try {
        await (0,promises_.writeFile)(external_node_path_default().join(appDir, 'config.json'), configJson(input.plugins));
        const port = await freePort();
        const argv = [...input.prefix, ...hostArgs(input.host, appDir, port)];
        proc = (0,src_proc/* start */.ni)(argv[0], argv.slice(1), {
            cwd: appDir,
            env: {
                PATH: process.env.PATH ?? '/usr/bin:/bin',
                HOME: appDir,
                LANG: 'C.UTF-8'
            },
            onLine,
            maxBuffer: 64 * 1024,
            signal: input.signal
        });
        proc.done.then(r => {
            exit = { code: r.code, signal: r.signal };
            finish();
        }, (e) => {
            spawnError = e.message;
            finish();
        });
        const timeoutMs = input.timeoutSec * 1000;
        let timer;
        let settle;
        const timedOut = new Promise(resolve => {
            timer = setTimeout(() => resolve(true), timeoutMs);
            if (names.length === 0)
                settle = setTimeout(() => {
                    if (!exit) {
                        started = true;
                        finish();
                    }
                }, input.settleMs ?? Math.min(2000, timeoutMs));
        });
        const isTimeout = await Promise.race([finished.then(() => false), timedOut]);
        clearTimeout(timer);
        clearTimeout(settle);
        // A plugin that crashes the host right after reporting still fails: give it a moment.
        if (!isTimeout && !exit && names.length > 0)
            await sleep(300);
        const cancelled = Boolean(input.signal?.aborted);
        return outcome({
            ...input,
            names,
            status,
            started,
            fatal,
            exit,
            spawnError,
            isTimeout,
            log,
            cancelled
        });
    }
    finally {
        if (proc) {
            proc.stop('SIGTERM');
            const killer = setTimeout(() => proc?.stop('SIGKILL'), 2000);
            await proc.done.catch(() => undefined);
            clearTimeout(killer);
        }
        await (0,promises_.rm)(appDir, { recursive: true, force: true });
    }
}
function sleep(ms) {
    return new Promise(resolve => setTimeout(resolve, ms));
}
function outcome(o) {
    const checks = [];
    const lastLines = () => o.log
        .slice(-3)
        .map(l => l.trim())
        .filter(Boolean)
        .join(' | ');
    const exitText = o.cancelled
        ? 'was stopped: the run was cancelled'
        : o.spawnError
            ? `could not be started: ${o.spawnError}`
            : o.exit
                ? `exited (${o.exit.signal ? `signal ${o.exit.signal}` : `code ${o.exit.code}`})${o.fatal ? `: "${o.fatal}"` : lastLines() ? `; last log: ${lastLines()}` : ''}`
                : undefined;
    if (o.names.length === 0) {
        const ok = o.started && !o.exit && !o.spawnError;
        const message = ok
            ? 'host started with no plugins and stayed up'
            : exitText
                ? `host ${exitText}`
                : `host did not start within ${o.timeoutSec} s`;
        checks.push({ id: 'load', subject: o.hostName, status: ok ? 'pass' : 'fail', message });
        return { status: ok ? 'pass' : 'fail', message, checks, log: o.log };
    }
    for (const name of o.names) {
        const s = o.status.get(name);
        const subject = `${name}.so`;
        if (s?.ok && !(o.exit && o.fatal)) {
            checks.push({ id: 'load', subject, status: 'pass', message: `${s.text}` });
        }
        else if (s && !s.ok) {
            checks.push({ id: 'load', subject, status: 'fail', message: `the host logged "${s.text}"` });
        }
        else if (exitText) {
            checks.push({
                id: 'load',
                subject,
                status: 'fail',
                message: `host ${exitText} before ${name} reported its status`
            });
        }
        else {
            checks.push({
                id: 'load',
                subject,
                status: 'fail',
                message: `no "plugin status: ${name} - active" within ${o.timeoutSec} s (verify-timeout)${lastLines() ? `; last log: ${lastLines()}` : ''}`
            });
        }
    }
    const failed = checks.filter(c => c.status === 'fail');
    const message = failed.length
        ? `${failed.length} of ${o.names.length} plugin(s) did not load: ${failed.map(c => `${c.subject}: ${c.message}`).join('; ')}`
        : `all ${o.names.length} plugin(s) active`;
    return { status: failed.length ? 'fail' : 'pass', message, checks, log: o.log };
}
function defaultWhich(name) {
    for (const dir of (process.env.PATH ?? '').split((external_node_path_default()).delimiter)) {
        if (!dir)
            continue;
        const p = external_node_path_default().join(dir, name);
        if ((0,external_node_fs_.existsSync)(p))
            return p;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/verify/rules.ts

const ET_EXEC = 2;
const ET_DYN = 3;
const LOADERS = {
    glibc: { amd64: '/lib64/ld-linux-x86-64.so.2', arm64: '/lib/ld-linux-aarch64.so.1' },
    musl: { amd64: '/lib/ld-musl-x86_64.so.1', arm64: '/lib/ld-musl-aarch64.so.1' }
};
const MUSL_ARCH = { amd64: 'x86_64', arm64: 'aarch64' };
function expectedLoader(libc, arch) {
    return LOADERS[libc][arch];
}
/**
 * DT_NEEDED names that mean "this libc". Alpine's toolchain writes `libc.musl-<arch>.so.1`;
 * Debian's musl-gcc writes plain `libc.so` (measured): both are musl.
 */
function libcSonames(libc, arch) {
    return libc === 'glibc' ? ['libc.so.6'] : [`libc.musl-${MUSL_ARCH[arch]}.so.1`, 'libc.so'];
}
/** The libc family a file is linked against, from DT_NEEDED, then PT_INTERP, then GLIBC_ needs. */
function libcFamily(elf) {
    if (elf.needed.includes('libc.so.6'))
        return 'glibc';
    if (elf.needed.some(n => /^libc\.musl-[a-z0-9_]+\.so\.1$/.test(n) || n === 'libc.so'))
        return 'musl';
    if (elf.interp?.includes('ld-musl-'))
        return 'musl';
    if (elf.interp?.includes('ld-linux'))
        return 'glibc';
    if (glibcFloor(elf.versionNeeds))
        return 'glibc';
    return undefined;
}
const pass = (id, subject, message) => ({
    id,
    subject,
    status: 'pass',
    message
});
const fail = (id, subject, message) => ({
    id,
    subject,
    status: 'fail',
    message
});
function fileName(f) {
    return f.kind === 'plugin' && !f.name.endsWith('.so') ? `${f.name}.so` : f.name;
}
/** Class, machine and type of one file against the target. */
function elfChecks(f, exp) {
    const s = fileName(f);
    const out = [];
    out.push(f.elf.elfClass === 64
        ? pass('elf.class', s, 'ELF64')
        : fail('elf.class', s, `ELF${f.elf.elfClass}, but linux/${exp.target.arch} needs ELF64: dlopen fails with "wrong ELF class: ELFCLASS32". Fix: build for GOARCH=${exp.target.arch}`));
    const arch = exp.target.arch;
    out.push(f.elf.machineName === arch
        ? pass('elf.machine', s, `machine ${arch} = target`)
        : fail('elf.machine', s, `machine is ${f.elf.machineName}, target is ${arch}: ` +
            (f.kind === 'host'
                ? `the binary does not run on linux/${arch} ("exec format error"). `
                : `dlopen fails with "cannot open shared object file: No such file or directory" (glibc's misleading text for a foreign machine; the seed's "plugin was built with a different version of package internal/cpu"). `) +
            `Fix: build with GOARCH=${arch} and a ${arch} C compiler`));
    if (f.kind === 'plugin') {
        out.push(f.elf.type === ET_DYN && !f.elf.interp
            ? pass('elf.type', s, 'shared object (ET_DYN)')
            : fail('elf.type', s, `${f.elf.type === ET_EXEC ? 'an executable (ET_EXEC)' : f.elf.interp ? 'a position-independent executable' : `ELF type ${f.elf.type}`}, not a shared object: plugin.Open fails with "cannot dynamically load executable". Fix: build the plugin with -buildmode=plugin`));
    }
    else {
        out.push(f.elf.type === ET_EXEC || (f.elf.type === ET_DYN && (f.elf.pie || !!f.elf.interp))
            ? pass('elf.type', s, f.elf.type === ET_EXEC ? 'executable (ET_EXEC)' : 'PIE executable')
            : fail('elf.type', s, `ELF type ${f.elf.type} is not an executable: the host must be the bifrost-http program. Fix: pass the bifrost-http binary as the host`));
    }
    return out;
}
/** Static/dynamic linkage of the host, and the libc its loader and DT_NEEDED name. */
function hostLinkageChecks(host, exp, pluginCount) {
    const s = fileName(host);
    const out = [];
    const { arch } = exp.target;
    if (exp.mode === 'static') {
        const problems = [];
        if (host.elf.interp)
            problems.push(`PT_INTERP ${host.elf.interp}`);
        if (host.elf.needed.length)
            problems.push(`DT_NEEDED ${host.elf.needed.join(', ')}`);
        out.push(problems.length === 0
            ? pass('linkage.static', s, 'statically linked (no PT_INTERP, no DT_NEEDED)')
            : fail('linkage.static', s, `mode static, but the host is dynamically linked (${problems.join('; ')}): it needs those libraries at run time ("error while loading shared libraries"). Fix: link with -extldflags '-static', or use mode: dynamic`));
        if (pluginCount > 0)
            out.push(fail('linkage.plugins', s, `a statically linked host cannot load plugins: loading crashes it with "fatal error: runtime: no plugin module data". Fix: build with mode: dynamic`));
        return out;
    }
    const loader = expectedLoader(exp.libc, arch);
    if (!host.elf.interp) {
        out.push(fail('linkage.interp', s, `mode dynamic, but the host is statically linked (no PT_INTERP)${pluginCount ? ': loading a plugin crashes it with "fatal error: runtime: no plugin module data"' : ' and cannot load plugins'}. Fix: build without -extldflags '-static' (mode: dynamic)`));
    }
    else if (host.elf.interp !== loader) {
        const other = libcFamilyOfLoader(host.elf.interp);
        out.push(fail('linkage.interp', s, `loader is ${host.elf.interp}, expected ${loader} for ${exp.libc} on ${arch}${other && other !== exp.libc ? ` (the host was built against ${other})` : ''}: on a ${exp.libc} system it fails with "no such file or directory" before main. Fix: build with the ${exp.libc} C compiler, or set libc: ${other ?? exp.libc}`));
    }
    else {
        out.push(pass('linkage.interp', s, `PT_INTERP ${loader}`));
    }
    if (host.elf.interp) {
        const wanted = libcSonames(exp.libc, arch);
        const found = host.elf.needed.find(n => wanted.includes(n));
        out.push(found
            ? pass('linkage.libc', s, `DT_NEEDED ${host.elf.needed.join(', ')}`)
            : fail('linkage.libc', s, `DT_NEEDED is [${host.elf.needed.join(', ') || 'none'}], expected ${wanted.join(' or ')} for ${exp.libc}: "error while loading shared libraries: ${host.elf.needed[0] ?? wanted[0]}: cannot open shared object file" on a ${exp.libc} system. Fix: build with the ${exp.libc} C compiler`));
    }
    return out;
}
function libcFamilyOfLoader(interp) {
    if (interp.includes('ld-musl-'))
        return 'musl';
    if (interp.includes('ld-linux'))
        return 'glibc';
    return undefined;
}
/** A plugin against its host: same machine, same libc family. */
function pluginLinkChecks(host, plugin, exp) {
    const s = fileName(plugin);
    const out = [];
    if (plugin.elf.machine !== host.elf.machine)
        out.push(fail('plugin.machine', s, `plugin is ${plugin.elf.machineName}, host is ${host.elf.machineName}: plugin.Open fails with "cannot open shared object file: No such file or directory". Fix: build the plugin with GOARCH=${host.elf.machineName}`));
    else
        out.push(pass('plugin.machine', s, `same machine as the host (${host.elf.machineName})`));
    const hostLibc = exp.mode === 'static' ? undefined : (libcFamily(host.elf) ?? exp.libc);
    const pluginLibc = libcFamily(plugin.elf);
    const want = hostLibc ?? exp.libc;
    if (pluginLibc === want)
        out.push(pass('plugin.libc', s, `${pluginLibc}, like the host`));
    else if (pluginLibc === undefined)
        out.push(fail('plugin.libc', s, `plugin links no libc (DT_NEEDED [${plugin.elf.needed.join(', ')}]); a Go plugin needs the host's ${want}. Fix: build it with CGO_ENABLED=1 and the ${want} C compiler`));
    else
        out.push(fail('plugin.libc', s, `plugin is linked against ${pluginLibc} (DT_NEEDED ${plugin.elf.needed.join(', ')}), the host against ${want}: ` +
            (want === 'glibc'
                ? plugin.elf.needed.includes('libc.so')
                    ? `plugin.Open fails with "/lib/${MUSL_ARCH[exp.target.arch]}-linux-gnu/libc.so: invalid ELF header" (its DT_NEEDED libc.so finds glibc's linker script)`
                    : `plugin.Open fails with "${plugin.elf.needed.find(n => n.startsWith('libc.musl')) ?? 'libc.musl-x86_64.so.1'}: cannot open shared object file"`
                : `it may even load (measured: it does), but two C libraries in one process corrupt memory and threads at run time`) +
            `. Fix: build the plugin with the ${want} C compiler (${want === 'musl' ? 'musl-gcc' : 'gcc'}), like the host`));
    return out;
}
/** The newest GLIBC_x.y over every file; an error past glibc-max. */
function glibcFloorCheck(files, glibcMax) {
    const perFile = {};
    let floor;
    let worst = '';
    for (const f of files) {
        const v = glibcFloor(f.elf.versionNeeds);
        perFile[f.name] = v;
        if (v && (floor === undefined || compareVersions(v, floor) > 0)) {
            floor = v;
            worst = fileName(f);
        }
    }
    if (!floor)
        return {
            perFile,
            check: pass('glibc.floor', 'all', 'no GLIBC_ version needs (musl or static)')
        };
    if (glibcMax && compareVersions(floor, glibcMax) > 0)
        return {
            floor,
            perFile,
            check: fail('glibc.floor', 'all', `${worst} needs GLIBC_${floor}, newer than glibc-max ${glibcMax}: on such a system it fails with "version \`GLIBC_${floor}' not found". Fix: build on (or with a sysroot of) glibc ${glibcMax}, or raise glibc-max`)
        };
    return {
        floor,
        perFile,
        check: pass('glibc.floor', 'all', `needs glibc >= ${floor} (newest GLIBC_${floor}, from ${worst})${glibcMax ? `, within glibc-max ${glibcMax}` : ''}`)
    };
}
/** Parses `go version -m -json` output. */
function parseBuildInfo(json) {
    const raw = JSON.parse(json);
    if (!raw || typeof raw.GoVersion !== 'string')
        throw new Error('no GoVersion in build info');
    const settings = {};
    for (const s of raw.Settings ?? [])
        settings[s.Key] = s.Value ?? '';
    return {
        goVersion: raw.GoVersion,
        path: raw.Path ?? '',
        main: raw.Main?.Path ? toModule(raw.Main) : undefined,
        deps: (raw.Deps ?? []).filter(d => d?.Path).map(toModule),
        settings
    };
}
function toModule(m) {
    const out = { path: m.Path ?? '', version: m.Version ?? '' };
    if (m.Sum)
        out.sum = m.Sum;
    if (m.Replace?.Path)
        out.replace = { path: m.Replace.Path, version: m.Replace.Version, sum: m.Replace.Sum };
    return out;
}
function tagsOf(settings) {
    return (settings['-tags'] ?? '')
        .split(/[,\s]+/)
        .filter(Boolean)
        .sort();
}
const trimpathOf = (s) => s['-trimpath'] === 'true';
function describeModule(m) {
    const base = `${m.version || '(no version)'}${m.sum ? ` ${m.sum}` : ''}`;
    if (!m.replace)
        return base;
    const r = m.replace;
    return `${base} => ${r.path}${r.version ? ` ${r.version}` : ''}${r.sum ? ` ${r.sum}` : ''}`;
}
function sameModule(a, b) {
    return describeModule(a) === describeModule(b);
}
/** Build settings the host itself must have to load plugins at all. */
function hostBuildInfoChecks(host, exp) {
    const s = fileName(host);
    if (!host.buildInfo)
        return [
            fail('buildinfo.read', s, `no Go build info (${host.buildInfoError ?? 'unknown reason'}): not a Go binary, or built without module support. Fix: pass the bifrost-http built by go build`)
        ];
    const bi = host.buildInfo.settings;
    const out = [
        pass('buildinfo.read', s, `${host.buildInfo.goVersion}, ${host.buildInfo.path}`)
    ];
    const goos = bi.GOOS ?? '';
    const goarch = bi.GOARCH ?? '';
    out.push(goos === 'linux' && goarch === exp.target.arch
        ? pass('buildinfo.target', s, `GOOS/GOARCH ${goos}/${goarch}`)
        : fail('buildinfo.target', s, `built for ${goos}/${goarch}, target is linux/${exp.target.arch}. Fix: build with GOOS=linux GOARCH=${exp.target.arch}`));
    if (exp.mode === 'dynamic') {
        out.push(bi.CGO_ENABLED === '1'
            ? pass('buildinfo.cgo', s, 'CGO_ENABLED=1')
            : fail('buildinfo.cgo', s, `host built with CGO_ENABLED=${bi.CGO_ENABLED ?? '(unset)'}: plugin.Open fails with "plugin: not implemented". Fix: build with CGO_ENABLED=1 and a C compiler`));
        const mode = bi['-buildmode'] ?? 'exe';
        out.push(mode === 'exe' || mode === 'pie'
            ? pass('buildinfo.buildmode', s, `-buildmode=${mode}`)
            : fail('buildinfo.buildmode', s, `host built with -buildmode=${mode}: it is not a program that can load plugins. Fix: build bifrost-http with the default -buildmode`));
    }
    return out;
}
/**
 * Host against one plugin: the same Go, target, flags, and every shared module at the same
 * version, sum and replacement. One failing check per difference.
 */
function pluginBuildInfoChecks(host, plugin) {
    const s = fileName(plugin);
    if (!plugin.buildInfo)
        return [
            fail('buildinfo.read', s, `no Go build info (${plugin.buildInfoError ?? 'unknown reason'}): not a Go plugin. Fix: build it with go build -buildmode=plugin`)
        ];
    if (!host.buildInfo)
        return []; // the host's own check already failed
    const h = host.buildInfo;
    const p = plugin.buildInfo;
    const hs = h.settings;
    const ps = p.settings;
    const out = [];
    const shared = sharedModules(h, p);
    const firstPkg = shared.length ? shared[0].host.path : 'runtime/internal/sys';
    const differ = (id, what, hv, pv, effect, fix) => fail(id, s, `${what} differs: host ${hv}, plugin ${pv}: ${effect}. Fix: ${fix}`);
    out.push(h.goVersion === p.goVersion
        ? pass('buildinfo.go-version', s, `same Go ${h.goVersion}`)
        : differ('buildinfo.go-version', 'Go version', h.goVersion, p.goVersion, `loading crashes the host with "fatal error: runtime: no plugin module data" or fails with "plugin was built with a different version of package runtime/internal/sys"`, `build the plugin with ${h.goVersion} (go-version: ${h.goVersion.replace(/^go/, '')})`));
    for (const key of ['GOOS', 'GOARCH']) {
        const id = `buildinfo.${key.toLowerCase()}`;
        out.push(hs[key] === ps[key]
            ? pass(id, s, `${key} ${hs[key]}`)
            : differ(id, key, hs[key] ?? '(unset)', ps[key] ?? '(unset)', `the loader cannot open it ("cannot open shared object file", or "plugin was built with a different version of package internal/cpu")`, `build the plugin with ${key}=${hs[key]}`));
    }
    const levelKey = hs.GOARCH === 'arm64' ? 'GOARM64' : 'GOAMD64';
    if (hs.GOARCH === 'amd64' || hs.GOARCH === 'arm64') {
        const id = `buildinfo.${levelKey.toLowerCase()}`;
        const hv = hs[levelKey] ?? (levelKey === 'GOAMD64' ? 'v1' : 'v8.0');
        const pv = ps[levelKey] ?? (levelKey === 'GOAMD64' ? 'v1' : 'v8.0');
        out.push(hv === pv
            ? pass(id, s, `${levelKey} ${hv}`)
            : differ(id, levelKey, hv, pv, `the loader does not check this, but code compiled for ${pv} may die with SIGILL on CPUs the host supports, and any package whose code differs fails with "plugin was built with a different version of package ..."`, `build both with the same ${levelKey} (${hv})`));
    }
    const ht = trimpathOf(hs);
    const pt = trimpathOf(ps);
    out.push(ht === pt
        ? pass('buildinfo.trimpath', s, `-trimpath ${ht}`)
        : differ('buildinfo.trimpath', '-trimpath', String(ht), String(pt), `every package compiles with other file paths, so loading fails with "plugin was built with a different version of package ${firstPkg}"`, `build both ${ht ? 'with' : 'without'} -trimpath (trimpath: ${ht})`));
    out.push(ps.CGO_ENABLED === '1'
        ? pass('buildinfo.cgo', s, 'CGO_ENABLED=1')
        : fail('buildinfo.cgo', s, `plugin built with CGO_ENABLED=${ps.CGO_ENABLED ?? '(unset)'}: -buildmode=plugin needs cgo. Fix: build with CGO_ENABLED=1 and the host's C compiler`));
    out.push(ps['-buildmode'] === 'plugin'
        ? pass('buildinfo.buildmode', s, '-buildmode=plugin')
        : fail('buildinfo.buildmode', s, `built with -buildmode=${ps['-buildmode'] ?? 'exe'}, not plugin: plugin.Open fails ("cannot dynamically load executable" or "plugin was built with a different version of package ..."). Fix: go build -buildmode=plugin`));
    const htags = tagsOf(hs);
    const ptags = tagsOf(ps);
    out.push(htags.join(',') === ptags.join(',')
        ? pass('buildinfo.tags', s, `tags [${htags.join(',')}]`)
        : differ('buildinfo.tags', 'build tags', `[${htags.join(',')}]`, `[${ptags.join(',')}]`, `any shared package whose files depend on these tags is compiled differently, and loading then fails with "plugin was built with a different version of package ${firstPkg}" (or another such package)`, `build both with the same tags`));
    const flagKeys = ['GOEXPERIMENT', '-race', '-msan', '-asan', '-gcflags', '-asmflags'];
    const flagDiffs = flagKeys.filter(k => (hs[k] ?? '') !== (ps[k] ?? ''));
    out.push(flagDiffs.length === 0
        ? pass('buildinfo.flags', s, 'same GOEXPERIMENT, -race/-msan/-asan, -gcflags')
        : differ('buildinfo.flags', flagDiffs.join(', '), flagDiffs.map(k => `${k}=${hs[k] ?? ''}`).join(' '), flagDiffs.map(k => `${k}=${ps[k] ?? ''}`).join(' '), `the runtime and shared packages compile differently: "plugin was built with a different version of package runtime/..."`, `build both with the same flags`));
    out.push(...moduleChecks(h, p, s));
    return out;
}
function sharedModules(h, p) {
    const hostMods = new Map();
    for (const m of h.deps)
        hostMods.set(m.path, m);
    // The host's own main module (e.g. bifrost's transports) counts too when a plugin depends on it.
    if (h.main)
        hostMods.set(h.main.path, h.main);
    const out = [];
    for (const m of p.deps) {
        const hm = hostMods.get(m.path);
        if (hm)
            out.push({ host: hm, plugin: m });
    }
    return out;
}
function moduleChecks(h, p, subject) {
    const shared = sharedModules(h, p);
    const out = [];
    for (const { host, plugin } of shared) {
        if (sameModule(host, plugin))
            continue;
        const hostIsMain = h.main?.path === host.path;
        if (hostIsMain && (host.version === '(devel)' || host.version === '')) {
            out.push({
                id: 'buildinfo.module',
                subject,
                status: 'warn',
                message: `module ${host.path}: the host is built from its checkout (${host.version || 'no version'}), the plugin requires ${describeModule(plugin)}: the versions cannot be compared; if the source differs, loading fails with "plugin was built with a different version of package ${host.path}/...". Fix: build the plugin against the same checkout (replace directive)`
            });
            continue;
        }
        const fix = host.replace && !plugin.replace
            ? `add the host's replace (${host.path} => ${host.replace.path}${host.replace.version ? ` ${host.replace.version}` : ''}) to the plugin's go.mod`
            : `require ${host.path} ${host.version} in the plugin's go.mod${plugin.replace ? ` and drop its replace` : ''} (go get ${host.path}@${host.version}), or use align-modules: fix`;
        out.push(fail('buildinfo.module', subject, `module ${host.path} differs: host ${describeModule(host)}, plugin ${describeModule(plugin)}: loading fails with "plugin was built with a different version of package ${host.path}" (or another package of that module). Fix: ${fix}`));
    }
    if (!out.some(c => c.status === 'fail'))
        out.unshift(pass('buildinfo.modules', subject, shared.length
            ? `${shared.length} shared module(s) at the host's version, sum and replacement: ${shared.map(x => `${x.host.path}@${x.host.version}`).join(', ')}`
            : 'shares no module with the host'));
    return out;
}
/** All static checks over already-read facts, in report order. */
function staticChecks(host, plugins, exp) {
    const checks = [];
    checks.push(...elfChecks(host, exp));
    checks.push(...hostLinkageChecks(host, exp, plugins.length));
    checks.push(...hostBuildInfoChecks(host, exp));
    for (const p of plugins) {
        const elf = elfChecks(p, exp);
        const machineFailed = elf.some(c => c.id === 'elf.machine' && c.status === 'fail');
        checks.push(...elf);
        // A plugin for the wrong machine is one problem, not two lines.
        checks.push(...pluginLinkChecks(host, p, exp).filter(c => !(machineFailed && c.id === 'plugin.machine')));
        checks.push(...pluginBuildInfoChecks(host, p));
    }
    const floor = glibcFloorCheck([host, ...plugins], exp.glibcMax);
    checks.push(floor.check);
    return { checks, glibcFloor: floor.floor, perFileFloor: floor.perFile };
}

;// CONCATENATED MODULE: ./src/verify/index.ts
/** Stage 4: static checks (ELF, libc, glibc floor, Go build info) and the load test. Owner: verify. */








const ICON = {
    pass: 'pass',
    fail: 'FAIL',
    warn: 'warn',
    skip: 'skip'
};
function formatCheck(c) {
    return `${ICON[c.status]}  ${c.id}  ${c.subject}: ${c.message}`;
}
async function verify(input) {
    const { reporter } = input;
    if (input.level === 'off') {
        const check = {
            id: 'verify',
            subject: 'all',
            status: 'skip',
            message: 'verify: off, nothing was checked'
        };
        reporter.notice('verify is off: the host and plugins were not checked');
        return { ok: true, checks: [check], files: [] };
    }
    const entries = [
        { name: external_node_path_default().basename(input.host), path: input.host, kind: 'host' },
        ...input.plugins.map(p => ({ name: p.name, path: p.path, kind: 'plugin' }))
    ];
    const read = await Promise.all(entries.map(async (e) => {
        try {
            return { ...e, elf: await readElf(e.path) };
        }
        catch (err) {
            const why = err instanceof ElfError ? err.message : describeFsError(err);
            return { ...e, error: why };
        }
    }));
    const unreadable = read.filter(r => 'error' in r);
    if (unreadable.length) {
        const checks = unreadable.map((r) => ({
            id: 'elf.read',
            subject: r.kind === 'plugin' ? `${r.name}.so` : r.name,
            status: 'fail',
            message: `${r.path} ${'error' in r ? r.error : ''}. Fix: pass the ${r.kind === 'host' ? 'bifrost-http binary' : 'plugin .so file'} built for linux/${input.target.arch}`
        }));
        for (const c of checks)
            reporter.info(formatCheck(c));
        return { ok: false, checks, files: [] };
    }
    const infos = await readBuildInfos(read.map(r => r.path), input);
    const files = read.map((r, i) => ({
        name: r.name,
        kind: r.kind,
        elf: r.elf,
        ...infos[i]
    }));
    const [host, ...plugins] = files;
    const exp = {
        mode: input.mode,
        libc: input.libc,
        target: input.target,
        glibcMax: input.glibcMax
    };
    const result = staticChecks(host, plugins, exp);
    const checks = [...result.checks];
    let loadTest;
    if (input.level === 'static') {
        const message = 'load test not run (verify: static; use verify: full or --load)';
        checks.push({ id: 'load', subject: host.name, status: 'skip', message });
        loadTest = { status: 'skip', message };
    }
    else {
        const runner = loadTestRunner({
            hostMachine: host.elf.machineName,
            interp: host.elf.interp,
            machineArch: (0,platform/* machineArch */.u)(),
            sysroot: input.sysroot,
            exists: external_node_fs_.existsSync,
            which: defaultWhich
        });
        if (!runner.run) {
            const message = `load test skipped: ${runner.reason}; only the static checks ran`;
            reporter.notice(message);
            checks.push({ id: 'load', subject: host.name, status: 'skip', message });
            loadTest = { status: 'skip', message };
        }
        else {
            const isolation = await networkIsolation();
            reporter.info(`load test: starting ${host.name} ${runner.how}, ${isolation.how}`);
            const out = await runLoadTest({
                host: input.host,
                hostName: host.name,
                plugins: input.plugins,
                prefix: [...isolation.prefix, ...runner.prefix],
                timeoutSec: input.timeoutSec,
                signal: input.signal
            });
            checks.push(...out.checks);
            loadTest = { status: out.status, message: out.message, log: out.log };
        }
    }
    // One line per check; a failure becomes one ::error line through failIfNotOk.
    for (const c of checks)
        reporter.info(formatCheck(c));
    if (result.glibcFloor)
        reporter.info(`glibc floor: ${result.glibcFloor}`);
    return {
        ok: !checks.some(c => c.status === 'fail'),
        checks,
        files: files.map((f, i) => fileFacts(f, entries[i].path)),
        glibcFloor: result.glibcFloor,
        loadTest
    };
}
function fileFacts(f, filePath) {
    return {
        name: f.kind === 'plugin' ? `${f.name}.so` : f.name,
        path: external_node_path_default().resolve(filePath),
        kind: f.kind,
        size: f.elf.size,
        elfClass: f.elf.elfClass,
        machine: f.elf.machineName,
        elfType: f.elf.type === 2 ? 'exec' : f.elf.type === 3 ? 'dyn' : 'other',
        interp: f.elf.interp,
        needed: f.elf.needed,
        soname: f.elf.soname,
        linkage: f.elf.interp || f.elf.needed.length ? 'dynamic' : 'static',
        libc: libcFamily(f.elf),
        glibcFloor: glibcFloor(f.elf.versionNeeds),
        goVersion: f.buildInfo?.goVersion,
        buildSettings: f.buildInfo?.settings
    };
}
/**
 * Build info of every file with one `go version -m -json` (one Go start-up instead of one per
 * plugin). Its objects carry no file name, so when their count does not match (a file without
 * build info is skipped silently) each file is read on its own for its own error.
 */
async function readBuildInfos(files, input) {
    if (files.length > 1) {
        try {
            const r = await (0,src_proc/* run */.eF)(input.goBin, ['version', '-m', '-json', ...files.map(f => external_node_path_default().resolve(f))], goOpts(input));
            if (r.code === 0) {
                const objects = splitJsonObjects(r.stdout);
                if (objects.length === files.length)
                    return objects.map(o => ({ buildInfo: parseBuildInfo(o) }));
            }
        }
        catch {
            /* fall through to one call per file */
        }
    }
    return Promise.all(files.map(f => readBuildInfo(f, input)));
}
/** `go version -m -json a b` prints indented objects one after another; split at top level. */
function splitJsonObjects(text) {
    return text
        .split(/^\}$/m)
        .map(part => part.trim())
        .filter(part => part.startsWith('{'))
        .map(part => `${part}\n}`);
}
function goOpts(input) {
    return {
        cwd: external_node_os_default().tmpdir(),
        env: { ...process.env, GOTOOLCHAIN: 'local', ...input.goEnv },
        timeoutMs: 60_000,
        maxBuffer: 16 * 1024 * 1024,
        signal: input.signal
    };
}
async function readBuildInfo(file, input) {
    try {
        const r = await (0,src_proc/* run */.eF)(input.goBin, ['version', '-m', '-json', external_node_path_default().resolve(file)], goOpts(input));
        if (r.code !== 0) {
            const why = (r.stderr || r.stdout).trim().split('\n').pop() ?? `exit code ${r.code}`;
            return { buildInfoError: why.replace(`${external_node_path_default().resolve(file)}: `, '') };
        }
        return { buildInfo: parseBuildInfo(r.stdout) };
    }
    catch (e) {
        return { buildInfoError: `cannot run ${input.goBin}: ${e.message}` };
    }
}
function describeFsError(err) {
    const e = err;
    if (e?.code === 'ENOENT')
        return 'does not exist';
    if (e?.code === 'EACCES')
        return 'cannot be read (permission denied)';
    if (e?.code === 'EISDIR')
        return 'is a directory, not an ELF file';
    return `cannot be read: ${e?.message ?? String(err)}`;
}


/***/ })

};
