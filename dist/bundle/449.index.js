export const id = 449;
export const ids = [449];
export const modules = {

/***/ 11134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Xg: () => (/* binding */ BuildInfoError),
  ro: () => (/* binding */ readBuildInfo)
});

// UNUSED EXPORTS: readBuildInfoOf, uvarint

// EXTERNAL MODULE: ./src/lib/elf.ts + 1 modules
var lib_elf = __webpack_require__(2354);
;// CONCATENATED MODULE: ./src/lib/modinfo.ts
class ModInfoError extends Error {
    constructor(line, why) {
        super(`line ${line}: ${why}`);
        this.name = 'ModInfoError';
    }
}
/** Bytes held one per char (latin1) as the UTF-8 text they encode, like Go's JSON output. */
function utf8(s) {
    // eslint-disable-next-line no-control-regex -- fast path for plain ASCII
    return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, 'latin1').toString('utf8');
}
/**
 * Parses module info text as runtime/debug.ParseBuildInfo does: `path`, `mod`, `dep`, `=>`
 * and `build` lines, tab-separated; other lines are ignored, as is a last line without a
 * newline; quoted build keys and values follow Go's string literal rules. The Go version is
 * not part of this text (the caller adds it; `goVersion` is ''). Throws ModInfoError naming
 * the line.
 */
function parseModInfo(text) {
    return parseModInfoBytes(Buffer.from(text, 'utf8').toString('latin1'));
}
/** parseModInfo over raw bytes held one per char (latin1), as read from the file. */
function parseModInfoBytes(data) {
    let path = '';
    let main;
    const deps = [];
    const settings = {};
    let last;
    const lines = data.split('\n');
    lines.pop(); // the text after the last newline (Go stops there)
    lines.forEach((line, i) => {
        const n = i + 1;
        const cols = (prefix) => line.slice(prefix.length).split('\t');
        if (line.startsWith('path\t')) {
            path = utf8(line.slice(5));
        }
        else if (line.startsWith('mod\t')) {
            main = moduleLine(cols('mod\t'), n);
            last = main;
        }
        else if (line.startsWith('dep\t')) {
            last = moduleLine(cols('dep\t'), n);
            deps.push(last);
        }
        else if (line.startsWith('=>\t')) {
            const e = cols('=>\t');
            if (e.length !== 3)
                throw new ModInfoError(n, `expected 3 columns for replacement; got ${e.length}`);
            if (!last)
                throw new ModInfoError(n, 'replacement with no module on previous line');
            last.replace = { path: utf8(e[0]) };
            if (e[1])
                last.replace.version = utf8(e[1]);
            if (e[2])
                last.replace.sum = utf8(e[2]);
            last = undefined;
        }
        else if (line.startsWith('build\t')) {
            const [key, value] = buildLine(line.slice(6), n);
            settings[utf8(key)] = utf8(value);
        }
    });
    return {
        goVersion: '',
        path,
        // Like `go version -m -json` read through parseBuildInfo: no main module without a path,
        // no dependency or replacement without one.
        main: main && main.path ? clean(main) : undefined,
        deps: deps.filter(d => d.path).map(clean),
        settings
    };
}
function clean(m) {
    if (!m.replace || m.replace.path)
        return m;
    return { path: m.path, version: m.version, ...(m.sum ? { sum: m.sum } : {}) };
}
function moduleLine(e, n) {
    if (e.length !== 2 && e.length !== 3)
        throw new ModInfoError(n, `expected 2 or 3 columns; got ${e.length}`);
    const m = { path: utf8(e[0]), version: utf8(e[1]) };
    if (e[2])
        m.sum = utf8(e[2]);
    return m;
}
const quoteKey = (k) => k.length === 0 || /[= \t\r\n"`]/.test(k);
const quoteValue = (v) => /[ \t\r\n"`]/.test(v);
/** `key=value` of a build line, with Go's quoting rules for both. */
function buildLine(kv, n) {
    if (kv.length < 1)
        throw new ModInfoError(n, "build line missing '='");
    let key;
    let rawValue;
    if (kv[0] === '=')
        throw new ModInfoError(n, 'build line with missing key');
    if (kv[0] === '`' || kv[0] === '"') {
        const q = unquote(kv);
        if (!q)
            throw new ModInfoError(n, 'invalid quoted key in build line');
        if (q.rest.length === 0)
            throw new ModInfoError(n, "build line missing '=' after quoted key");
        if (q.rest[0] !== '=')
            throw new ModInfoError(n, `unexpected character after quoted key: ${JSON.stringify(q.rest[0])}`);
        key = q.value;
        rawValue = q.rest.slice(1);
    }
    else {
        const eq = kv.indexOf('=');
        if (eq < 0)
            throw new ModInfoError(n, "build line missing '=' after key");
        key = kv.slice(0, eq);
        rawValue = kv.slice(eq + 1);
        if (quoteKey(key))
            throw new ModInfoError(n, `unquoted key ${JSON.stringify(key)} must be quoted`);
    }
    let value = '';
    if (rawValue.length > 0) {
        if (rawValue[0] === '`' || rawValue[0] === '"') {
            const q = unquote(rawValue);
            if (!q || q.rest !== '')
                throw new ModInfoError(n, 'invalid quoted value in build line');
            value = q.value;
        }
        else {
            value = rawValue;
            if (quoteValue(value))
                throw new ModInfoError(n, `unquoted value ${JSON.stringify(value)} must be quoted`);
        }
    }
    return [key, value];
}
/** A UTF-8 byte sequence as one char per byte. */
function encodeRune(cp) {
    return Buffer.from(String.fromCodePoint(cp), 'utf8').toString('latin1');
}
function validUtf8(bytes) {
    try {
        new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(bytes, 'latin1'));
        return true;
    }
    catch {
        return false;
    }
}
const SIMPLE_ESCAPES = {
    a: 7,
    b: 8,
    f: 12,
    n: 10,
    r: 13,
    t: 9,
    v: 11,
    '\\': 92
};
/**
 * A Go string literal (`"..."` with escapes, or a `` `raw` `` string) at the start of `s`
 * (one char per byte), as strconv.QuotedPrefix + Unquote read it: its value and the rest.
 */
function unquote(s) {
    const quote = s[0];
    if (s.length < 2)
        return undefined;
    if (quote === '`') {
        const end = s.indexOf('`', 1);
        if (end < 0)
            return undefined;
        return { value: s.slice(1, end).replace(/\r/g, ''), rest: s.slice(end + 1) };
    }
    if (quote !== '"')
        return undefined;
    let out = '';
    let i = 1;
    for (;;) {
        if (i >= s.length)
            return undefined;
        const c = s[i];
        if (c === '"')
            break;
        if (c === '\n')
            return undefined;
        const code = c.charCodeAt(0);
        if (code >= 0x80) {
            // A multi-byte character is copied as is; an invalid byte stands for U+FFFD, as in Go.
            const len = code >= 0xf0 ? 4 : code >= 0xe0 ? 3 : code >= 0xc0 ? 2 : 1;
            const ch = s.slice(i, i + len);
            if (len > 1 && ch.length === len && validUtf8(ch)) {
                out += ch;
                i += len;
            }
            else {
                out += encodeRune(0xfffd);
                i++;
            }
            continue;
        }
        if (c !== '\\') {
            out += c;
            i++;
            continue;
        }
        const e = s[i + 1];
        if (e === undefined)
            return undefined;
        i += 2;
        if (e in SIMPLE_ESCAPES) {
            out += String.fromCharCode(SIMPLE_ESCAPES[e]);
        }
        else if (e === '"') {
            out += '"';
        }
        else if (e === 'x' || e === 'u' || e === 'U') {
            const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
            const hex = s.slice(i, i + len);
            if (hex.length < len || !/^[0-9a-fA-F]+$/.test(hex))
                return undefined;
            const v = parseInt(hex, 16);
            i += len;
            if (e === 'x')
                out += String.fromCharCode(v);
            else {
                if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000))
                    return undefined;
                out += encodeRune(v);
            }
        }
        else if (e >= '0' && e <= '7') {
            const oct = s.slice(i - 1, i + 2);
            if (!/^[0-7]{3}$/.test(oct))
                return undefined;
            const v = parseInt(oct, 8);
            if (v > 255)
                return undefined;
            out += String.fromCharCode(v);
            i += 2;
        }
        else {
            return undefined;
        }
    }
    return { value: out, rest: s.slice(i + 1) };
}

;// CONCATENATED MODULE: ./src/lib/buildinfo.ts


class BuildInfoError extends Error {
    file;
    reason;
    constructor(file, 
    /** What is wrong, without the file name (for check messages that name the file already). */
    reason) {
        super(`${file}: ${reason}`);
        this.file = file;
        this.reason = reason;
        this.name = 'BuildInfoError';
    }
}
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const ALIGN = 16;
const HEADER_SIZE = 32;
const FLAGS_VERSION_INLINE = 0x2;
const PF_X = 1;
const PF_W = 2;
const PT_LOAD = 1;
/** Scan chunk: a multiple of ALIGN, so an aligned magic never straddles two chunks. */
const SCAN_CHUNK = 64 * 1024;
/** Go puts the header at the start of the data; past this much data it is not a Go binary. */
const MAX_SCAN = 64 * 1024 * 1024;
/** The real Bifrost's module info is ~20 KiB; this bounds a hostile length prefix. */
const MAX_STRING = 4 * 1024 * 1024;
const NOT_GO = 'not a Go binary (no Go build info in it)';
/**
 * Reads the Go build info of `file` (an executable or a `-buildmode=plugin` .so). Throws a
 * BuildInfoError naming the file when it is not a sound ELF file, not built by Go, built by a
 * Go older than 1.18, or its build info is corrupt.
 */
async function readBuildInfo(file) {
    let elf;
    try {
        elf = await lib_elf/* ElfImage */.xF.open(file);
    }
    catch (e) {
        throw new BuildInfoError(file, describe(e));
    }
    try {
        return await readBuildInfoOf(elf, file);
    }
    finally {
        await elf.close();
    }
}
/** The same over an ElfImage the caller opened (and closes); `file` names it in errors. */
async function readBuildInfoOf(elf, file) {
    try {
        const { version, modinfo } = await readRaw(elf, file);
        return { ...parseModInfoBytes(modinfo), goVersion: version };
    }
    catch (e) {
        if (e instanceof BuildInfoError)
            throw e;
        throw new BuildInfoError(file, describe(e));
    }
}
function describe(e) {
    if (e instanceof lib_elf/* ElfError */.QH)
        return e.message;
    if (e instanceof ModInfoError)
        return `corrupt Go build info: ${e.message}`;
    const err = e;
    if (err?.code === 'ENOENT')
        return 'does not exist';
    if (err?.code === 'EACCES')
        return 'cannot be read (permission denied)';
    return `cannot be read: ${err?.message ?? String(e)}`;
}
/** The raw version string and module info text (latin1: one char per byte). */
async function readRaw(elf, file) {
    const region = await dataRegion(elf);
    if (!region)
        throw new BuildInfoError(file, NOT_GO);
    const addr = await searchMagic(elf, region.addr, region.size);
    if (addr === undefined)
        throw new BuildInfoError(file, NOT_GO);
    const header = await readAt(elf, addr, HEADER_SIZE);
    if (!header || header.length < HEADER_SIZE)
        throw new BuildInfoError(file, NOT_GO);
    const flags = header[15];
    if ((flags & FLAGS_VERSION_INLINE) === 0)
        throw new BuildInfoError(file, 'was built by a Go older than 1.18 (its build info uses the old pointer layout, without build settings); rebuild it with the Go of the host');
    const v = await decodeString(elf, addr + HEADER_SIZE);
    if (!v)
        throw new BuildInfoError(file, `${NOT_GO}: the Go version string is cut off`);
    const m = await decodeString(elf, v.next);
    if (!m)
        throw new BuildInfoError(file, 'corrupt Go build info: the module info is cut off');
    if (v.text === '')
        throw new BuildInfoError(file, `${NOT_GO}: the Go version is empty`);
    let mod = m.text;
    // The module info sits between two 16-byte sentinels; without them it is not there at all.
    if (mod.length >= 33 && mod[mod.length - 17] === '\n')
        mod = mod.slice(16, mod.length - 16);
    else
        mod = '';
    return { version: v.text, modinfo: mod };
}
/** Where the header may be: the `.go.buildinfo` section, else the first data segment. */
async function dataRegion(elf) {
    for (const s of await elf.sections()) {
        if (s.name === '.go.buildinfo')
            return { addr: s.addr, size: s.size };
    }
    const seg = elf.segments.find(s => s.type === PT_LOAD && (s.flags & (PF_X | PF_W)) === PF_W);
    return seg ? { addr: seg.vaddr, size: seg.memsz } : undefined;
}
/** Up to `length` bytes at virtual address `addr`, as far as its segment holds file data. */
async function readAt(elf, addr, length) {
    const at = elf.locate(addr);
    if (!at)
        return undefined;
    const n = Math.min(length, at.available, elf.size - at.offset);
    if (n <= 0)
        return undefined;
    return elf.read(at.offset, n, 'Go build info');
}
/** The first 16-byte aligned magic in [start, start+size), read in bounded chunks. */
async function searchMagic(elf, start, size) {
    const end = start + Math.min(size, MAX_SCAN);
    let pos = Math.ceil(start / ALIGN) * ALIGN;
    while (pos < end) {
        const chunk = await readAt(elf, pos, Math.min(SCAN_CHUNK, end - pos));
        if (!chunk)
            return undefined;
        for (let i = chunk.indexOf(MAGIC); i >= 0; i = chunk.indexOf(MAGIC, i + 1)) {
            if (i % ALIGN !== 0)
                continue;
            if (end - (pos + i) < HEADER_SIZE)
                return undefined;
            return pos + i;
        }
        pos += chunk.length;
        // A short read that is not a multiple of ALIGN would break the alignment of later chunks.
        if (chunk.length % ALIGN !== 0)
            return undefined;
    }
    return undefined;
}
/** A uvarint-length-prefixed string at `addr`, or undefined when cut off or implausible. */
async function decodeString(elf, addr) {
    const head = await readAt(elf, addr, 10);
    if (!head)
        return undefined;
    const lv = uvarint(head);
    if (!lv || lv.value > MAX_STRING)
        return undefined;
    if (lv.value === 0)
        return { text: '', next: addr + lv.size };
    const body = await readAt(elf, addr + lv.size, lv.value);
    if (!body || body.length < lv.value)
        return undefined;
    return { text: body.toString('latin1'), next: addr + lv.size + lv.value };
}
/** encoding/binary.Uvarint over at most 10 bytes; undefined on overflow or a cut-off value. */
function uvarint(b) {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < b.length && i < 10; i++) {
        const byte = b[i];
        value += (byte & 0x7f) * scale;
        if (byte < 0x80) {
            if (!Number.isSafeInteger(value))
                return undefined;
            return { value, size: i + 1 };
        }
        scale *= 128;
    }
    return undefined;
}


/***/ }),

/***/ 2354:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  QH: () => (/* reexport */ ElfError),
  xF: () => (/* reexport */ ElfImage),
  Zy: () => (/* binding */ compareVersions),
  uq: () => (/* binding */ glibcFloor),
  jx: () => (/* binding */ libcFamily),
  oU: () => (/* binding */ readElf)
});

// UNUSED EXPORTS: machineName

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/lib/elf-image.ts
/**
 * The ELF file itself, read as hostile input: the header, program headers, section headers
 * on demand and bounded reads at file offsets or virtual addresses (ElfImage), for elf.ts's
 * facts and the Go build info reader. Every offset and count is checked against the file and
 * against fixed caps, so a truncated or corrupted file gives an ElfError, never a crash or a
 * hang.
 */

class ElfError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ElfError';
    }
}
const PT_LOAD = 1;
const SHT_NOBITS = 8;
const SHN_XINDEX = 0xffff;
const PN_XNUM = 0xffff;
// Caps far above anything a real Go binary has; they bound work on hostile input.
const MAX_PHNUM = 4096;
const MAX_SHNUM = 65535;
const MAX_TABLE_BYTES = 16 * 1024 * 1024;
const MAX_STRING = 4096;
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
    const st = await (0,promises_.stat)(file);
    if (st.isDirectory())
        throw new ElfError('is a directory, not an ELF file');
    if (!st.isFile())
        throw new ElfError('is not a regular file');
    if (st.size === 0)
        throw new ElfError('is empty (0 bytes), not an ELF file');
    return { fh: await (0,promises_.open)(file, 'r'), size: st.size };
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

;// CONCATENATED MODULE: ./src/lib/elf.ts

const DF_1_PIE = 0x08000000n;
const DT_FLAGS_1 = 0x6ffffffbn;
const DT_NEEDED = 1n;
const DT_NULL = 0n;
const DT_SONAME = 14n;
const DT_STRSZ = 10n;
const DT_STRTAB = 5n;
const DT_VERNEED = 0x6ffffffen;
const DT_VERNEEDNUM = 0x6fffffffn;
const MAX_DYN_ENTRIES = 65536;
const MAX_VERNAUX = 1024;
const MAX_VERNEED = 1024;
const MAX_VERSION_ENTRIES = 8192;
const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const SHT_GNU_VERNEED = 0x6ffffffe;

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
async function parse(fh, size) {
    const { r, header } = await readHeader(fh, size);
    const { type, machine, shoff, shentsize, shnum, segments, sectionHeaders } = header;
    const info = {
        size,
        elfClass: r.is64 ? 64 : 32,
        littleEndian: r.le,
        type,
        machine,
        machineName: machineName(machine),
        interp: await readInterp(r, segments),
        hasDynamic: false,
        needed: [],
        versionNeeds: [],
        pie: false,
        reads: r.reads
    };
    const dynSeg = segments.find(s => s.type === PT_DYNAMIC);
    let verneedSection = dynSeg ? await readDynamic(r, dynSeg, segments, info) : undefined;
    if (!verneedSection && shoff !== 0 && shnum > 0 && shnum <= MAX_SHNUM) {
        verneedSection = await verneedFromSections(r, await sectionHeaders(shnum), shnum, shentsize);
    }
    if (verneedSection)
        info.versionNeeds = await readVerneed(r, verneedSection);
    return info;
}
/** PT_INTERP: the program interpreter (the dynamic loader's path), if there is one. */
async function readInterp(r, segments) {
    const interpSeg = segments.find(s => s.type === PT_INTERP);
    if (!interpSeg)
        return undefined;
    if (interpSeg.filesz > MAX_STRING)
        throw new ElfError(`PT_INTERP is ${interpSeg.filesz} bytes`);
    const b = await r.bytes(interpSeg.offset, interpSeg.filesz, 'PT_INTERP');
    const end = b.indexOf(0);
    return b.toString('latin1', 0, end < 0 ? b.length : end);
}
/**
 * The dynamic section: fills in `info` (hasDynamic, pie, needed, soname) and returns where
 * DT_VERNEED points, when it does.
 */
async function readDynamic(r, dynSeg, segments, info) {
    info.hasDynamic = true;
    const loads = segments.filter(s => s.type === PT_LOAD);
    const entSize = r.is64 ? 16 : 8;
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
    if (!wantsStrings)
        return undefined;
    if (strtab === undefined || strsz === undefined)
        throw new ElfError('dynamic section names libraries but has no DT_STRTAB/DT_STRSZ');
    const strOff = vaddrToOffset(loads, strtab, strsz, 'DT_STRTAB');
    const strings = new StringTable(r, strOff, strsz, 'dynamic string table');
    for (const o of neededOffsets)
        info.needed.push(await strings.get(o, 'DT_NEEDED'));
    if (sonameOffset !== undefined)
        info.soname = await strings.get(sonameOffset, 'DT_SONAME');
    if (verneed === undefined || verneednum <= 0)
        return undefined;
    return {
        offset: vaddrToOffset(loads, verneed, 16, 'DT_VERNEED'),
        count: verneednum,
        strtab: strings
    };
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


/***/ }),

/***/ 40449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cz: () => (/* binding */ loadHostManifest),
/* harmony export */   _8: () => (/* binding */ referenceHost),
/* harmony export */   ah: () => (/* binding */ readHostFacts),
/* harmony export */   bY: () => (/* binding */ hostFactsOf),
/* harmony export */   oC: () => (/* binding */ referenceArch),
/* harmony export */   qZ: () => (/* binding */ makeHostReference)
/* harmony export */ });
/* unused harmony exports HOST_REFERENCE_VERSION, MANIFEST_SCHEMA_VERSION, MAX_MANIFEST_BYTES, manifestUrlProblem, parseHostManifest */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _targets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39641);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _net_http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(59663);
/* harmony import */ var _buildinfo_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(11134);
/* harmony import */ var _elf_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2354);
/* harmony import */ var _util_read_file_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(45201);
/**
 * The host as a reference without the host binary: the `hostReference` section a build writes
 * into manifest.json (the host's ELF facts and Go build info), and reading it back as the
 * host of verify's static checks. A plugin repository then checks its .so against the Bifrost
 * its team runs from that manifest alone; only the load test needs the real binary.
 *
 * Section version 1 (`hostReference.version`); schema/manifest.schema.json describes it.
 * A new field is added without a bump; a change that breaks readers bumps the version.
 */







const HOST_REFERENCE_VERSION = 1;
/** manifest.json's own version (schema/manifest.schema.json): a reader refuses any other. */
const MANIFEST_SCHEMA_VERSION = 1;
/** A manifest is a few KiB to a few hundred; anything past this is not one. */
const MAX_MANIFEST_BYTES = 8 * 1024 * 1024;
/** The host's facts from its ELF facts and build info, already read. */
function hostFactsOf(elf, buildInfo) {
    const floor = (0,_elf_js__WEBPACK_IMPORTED_MODULE_5__/* .glibcFloor */ .uq)(elf.versionNeeds);
    return {
        size: elf.size,
        elf: {
            class: elf.elfClass,
            machine: elf.machineName,
            type: elf.type === 2 ? 'exec' : elf.type === 3 ? 'dyn' : 'other',
            pie: elf.pie,
            ...(elf.interp ? { interp: elf.interp } : {}),
            needed: [...elf.needed],
            ...(floor ? { glibcFloor: floor } : {})
        },
        buildInfo
    };
}
/** Reads a host file's facts (verify at level off, and tests). */
async function readHostFacts(file) {
    const [elf, buildInfo] = await Promise.all([(0,_elf_js__WEBPACK_IMPORTED_MODULE_5__/* .readElf */ .oU)(file), (0,_buildinfo_js__WEBPACK_IMPORTED_MODULE_4__/* .readBuildInfo */ .ro)(file)]);
    return hostFactsOf(elf, buildInfo);
}
/** The section for a built host (the package stage writes it from verify's facts). */
function makeHostReference(facts, meta) {
    return {
        version: HOST_REFERENCE_VERSION,
        mode: meta.mode,
        libc: meta.libc,
        target: meta.target,
        host: {
            name: meta.name,
            size: facts.size,
            sha256: meta.sha256,
            elf: facts.elf,
            buildInfo: facts.buildInfo
        }
    };
}
/** The recorded host as the VerifiedFile the rules take. */
function referenceHost(ref) {
    const e = ref.host.elf;
    const elf = {
        size: ref.host.size,
        elfClass: e.class,
        littleEndian: true,
        type: e.type === 'exec' ? 2 : e.type === 'dyn' ? 3 : 0,
        machine: (0,_targets_js__WEBPACK_IMPORTED_MODULE_1__/* .targetOfArch */ .fd)(e.machine)?.elfMachine ?? 0,
        machineName: e.machine,
        interp: e.interp,
        hasDynamic: e.needed.length > 0 || e.interp !== undefined,
        needed: [...e.needed],
        // The floor is all the rules read from the version needs.
        versionNeeds: e.glibcFloor ? [{ file: 'libc.so.6', versions: [`GLIBC_${e.glibcFloor}`] }] : [],
        pie: e.pie,
        reads: []
    };
    return { name: ref.host.name, kind: 'host', elf, buildInfo: ref.host.buildInfo };
}
const isUrl = (s) => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
/**
 * Plain http is refused except to this machine's loopback addresses: a manifest decides
 * what passes, so it must not be swappable on the way.
 */
function manifestUrlProblem(spec) {
    let u;
    try {
        u = new URL(spec);
    }
    catch {
        return `${JSON.stringify(spec)} is not a valid URL`;
    }
    if (u.protocol === 'https:')
        return undefined;
    if (u.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname))
        return undefined;
    return `${u.protocol}// is not allowed (only https://, or http:// to 127.0.0.1 / ::1)`;
}
/** Reads (or downloads) a manifest.json and returns its host reference. */
async function loadHostManifest(spec, opts) {
    const input = 'host-manifest';
    let text;
    let source;
    if (isUrl(spec)) {
        source = spec;
        const problem = manifestUrlProblem(spec);
        if (problem)
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, problem, 'give an https URL or a local path');
        if (new URL(spec).protocol === 'http:')
            opts.warn?.(`host-manifest ${spec} is fetched over plain http: allowed only from this machine's loopback address (a local mirror, tests); any other http:// URL is refused, use https`);
        try {
            text = await (0,_net_http_js__WEBPACK_IMPORTED_MODULE_3__/* .getText */ .q4)(spec, {
                token: opts.token,
                signal: opts.signal,
                maxBytes: MAX_MANIFEST_BYTES,
                attempts: 3
            });
        }
        catch (e) {
            const why = e instanceof _net_http_js__WEBPACK_IMPORTED_MODULE_3__/* .HttpStatusError */ .F9
                ? `the server answered HTTP ${e.status}`
                : e instanceof _net_http_js__WEBPACK_IMPORTED_MODULE_3__/* .TooLargeError */ .qB
                    ? `it is larger than ${MAX_MANIFEST_BYTES} bytes, not a manifest.json`
                    : e.message;
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `cannot download ${spec}: ${why}`, 'check the URL (a release asset or artifact of the host build), or download it first and give its path');
        }
    }
    else {
        source = node_path__WEBPACK_IMPORTED_MODULE_0___default().resolve(opts.workspace, spec);
        try {
            const buf = await (0,_util_read_file_js__WEBPACK_IMPORTED_MODULE_6__/* .readRegularFile */ .XF)(source, {
                maxBytes: MAX_MANIFEST_BYTES,
                signal: opts.signal
            });
            text = buf.toString('utf8');
        }
        catch (e) {
            const err = e;
            if (opts.signal?.aborted)
                throw e;
            const why = err.code === 'ENOENT'
                ? 'does not exist'
                : err.code === 'EISDIR'
                    ? 'is a directory'
                    : err.code === 'EFBIG'
                        ? `${err.message}, not a manifest.json`
                        : err.code === 'ENOTREG'
                            ? err.message
                            : `cannot be read: ${err.message}`;
            throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)(input, `${source} ${why}`, "give the path of the host build's manifest.json (from its artifact or release)");
        }
    }
    const { reference, artifactName } = parseHostManifest(text, source);
    return { source, reference, artifactName };
}
/** Validates manifest.json text and returns its host reference; errors name the source. */
function parseHostManifest(text, source) {
    const bad = (what, fix = 'give the manifest.json a bifrost-build host build wrote') => (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .inputError */ .Xu)('host-manifest', `${source}: ${what}`, fix);
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch (e) {
        throw bad(`is not JSON (${e.message})`);
    }
    if (!isObject(raw) || raw.generator !== 'bifrost-build')
        throw bad('is not a bifrost-build manifest.json (no "generator": "bifrost-build")');
    // Absent is read as 1 (the hostReference section carries its own version).
    if (raw.schemaVersion !== undefined && raw.schemaVersion !== MANIFEST_SCHEMA_VERSION)
        throw bad(`has schemaVersion ${JSON.stringify(raw.schemaVersion)}; this bifrost-build reads schemaVersion ${MANIFEST_SCHEMA_VERSION} only`, `give a manifest.json with schemaVersion ${MANIFEST_SCHEMA_VERSION} (rebuild the host with this bifrost-build), or use the bifrost-build release that wrote it`);
    const ref = raw.hostReference;
    if (ref === undefined)
        throw bad('has no hostReference section (written by an older bifrost-build)', 'rebuild the host with this version of bifrost-build, or verify against the host binary (host-binary)');
    if (!isObject(ref) || typeof ref.version !== 'number')
        throw bad('hostReference is malformed');
    if (ref.version !== HOST_REFERENCE_VERSION)
        throw bad(`hostReference version ${ref.version} is not ${HOST_REFERENCE_VERSION}`, 'use the bifrost-build release that wrote the manifest, or rebuild the host with this one');
    const problem = referenceProblem(ref);
    if (problem)
        throw bad(`hostReference is malformed: ${problem}`);
    return {
        reference: ref,
        artifactName: typeof raw.artifactName === 'string' ? raw.artifactName : undefined
    };
}
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const str = (v) => typeof v === 'string';
const optStr = (v) => v === undefined || typeof v === 'string';
function moduleProblem(m, where) {
    if (!isObject(m) || !str(m.path) || !str(m.version) || !optStr(m.sum))
        return `${where} needs path and version strings`;
    if (m.replace !== undefined) {
        const r = m.replace;
        if (!isObject(r) || !str(r.path) || !optStr(r.version) || !optStr(r.sum))
            return `${where}.replace needs a path string`;
    }
    return undefined;
}
/** What is wrong with a hostReference object, or undefined (hand-written: no schema library at run time). */
function referenceProblem(ref) {
    if (!['static', 'dynamic'].includes(ref.mode))
        return 'mode is not static or dynamic';
    if (!['glibc', 'musl'].includes(ref.libc))
        return 'libc is not glibc or musl';
    if (!_targets_js__WEBPACK_IMPORTED_MODULE_1__/* .TARGETS */ .dW.some(t => t.name === ref.target))
        return `target is not ${_targets_js__WEBPACK_IMPORTED_MODULE_1__/* .TARGET_LIST */ .lm}`;
    const h = ref.host;
    if (!isObject(h) || !str(h.name) || typeof h.size !== 'number' || !str(h.sha256))
        return 'host needs name, size and sha256';
    const e = h.elf;
    if (!isObject(e) ||
        (e.class !== 32 && e.class !== 64) ||
        !str(e.machine) ||
        !['exec', 'dyn', 'other'].includes(e.type) ||
        typeof e.pie !== 'boolean' ||
        !optStr(e.interp) ||
        !Array.isArray(e.needed) ||
        !e.needed.every(str) ||
        !optStr(e.glibcFloor))
        return 'host.elf needs class, machine, type, pie and needed';
    const b = h.buildInfo;
    if (!isObject(b) || !str(b.goVersion) || !str(b.path) || !Array.isArray(b.deps))
        return 'host.buildInfo needs goVersion, path and deps';
    if (b.main !== undefined) {
        const p = moduleProblem(b.main, 'host.buildInfo.main');
        if (p)
            return p;
    }
    for (const [i, d] of b.deps.entries()) {
        const p = moduleProblem(d, `host.buildInfo.deps[${i}]`);
        if (p)
            return p;
    }
    if (!isObject(b.settings) || !Object.values(b.settings).every(str))
        return 'host.buildInfo.settings must map names to strings';
    return undefined;
}
/** `linux/arm64` -> `arm64`. */
function referenceArch(ref) {
    return ref.target.split('/')[1];
}


/***/ })

};
