export const id = 876;
export const ids = [876];
export const modules = {

/***/ 30876:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ indexLayers),
/* harmony export */   Ul: () => (/* binding */ readFiles),
/* harmony export */   ZP: () => (/* binding */ pullImage),
/* harmony export */   eE: () => (/* binding */ writePulledArchive),
/* harmony export */   o1: () => (/* binding */ resolvePath),
/* harmony export */   ox: () => (/* binding */ extractHost),
/* harmony export */   py: () => (/* binding */ writeOciArchive)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(82534);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(25996);
/* harmony import */ var _tar_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5326);
/**
 * Images as files: pull one platform's image from a registry into a directory of blobs, read
 * paths out of its layers (whiteouts applied, as the container would see them), and write an
 * OCI image layout as one tar (`oci-archive:` for podman and skopeo).
 */





const INDEX_TYPES = new Set([_registry_js__WEBPACK_IMPORTED_MODULE_2__/* .MEDIA */ .Rn.ociIndex, _registry_js__WEBPACK_IMPORTED_MODULE_2__/* .MEDIA */ .Rn.dockerList]);
/**
 * Pulls the linux/<arch> image of `ref` into `dir` (blobs named by digest). An index is
 * resolved to that platform's manifest; its digest is the one the image is pinned by.
 */
async function pullImage(ref, arch, dir, opts = {}) {
    const reg = new _registry_js__WEBPACK_IMPORTED_MODULE_2__/* .Registry */ .OR(ref.registry, ref.repository, opts);
    let m = await reg.manifest(ref.digest ?? ref.tag ?? 'latest');
    if (INDEX_TYPES.has(m.mediaType)) {
        const index = JSON.parse(m.bytes.toString('utf8'));
        const pick = index.manifests.find(d => d.platform?.os === 'linux' && d.platform?.architecture === arch);
        if (!pick)
            throw new _registry_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl(`${(0,_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatImageRef */ .kL)(ref)} has no linux/${arch} image (it has ${index.manifests.map(d => `${d.platform?.os}/${d.platform?.architecture}`).join(', ')})`);
        m = await reg.manifest(pick.digest);
    }
    const manifest = JSON.parse(m.bytes.toString('utf8'));
    if (!manifest.config || !Array.isArray(manifest.layers))
        throw new _registry_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl(`${(0,_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatImageRef */ .kL)(ref)} is not an image manifest (${m.mediaType})`);
    const configBytes = await reg.blob(manifest.config.digest);
    const config = JSON.parse(configBytes.toString('utf8'));
    if (config.os !== 'linux' || config.architecture !== arch)
        throw new _registry_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl(`${(0,_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatImageRef */ .kL)(ref)} is ${config.os}/${config.architecture}, not linux/${arch}`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    const layers = [];
    for (const d of manifest.layers) {
        const file = node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, d.digest.replace(':', '-'));
        const have = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(file).catch(() => undefined);
        if (!have || have.size !== d.size)
            await reg.blobToFile(d.digest, file);
        layers.push({ descriptor: d, file });
    }
    return {
        ref,
        digest: m.digest,
        manifest,
        manifestBytes: m.bytes,
        config,
        configBytes,
        layers
    };
}
/**
 * The file system the container sees, without contents: the last layer that writes a path
 * wins, a `.wh.<name>` whiteout removes it (and what is below it), `.wh..wh..opq` empties a
 * directory of what lower layers put there.
 */
async function indexLayers(layerFiles) {
    const seen = new Map();
    for (const [layer, file] of layerFiles.entries()) {
        const here = [];
        const removed = [];
        const opaque = [];
        await (0,_tar_js__WEBPACK_IMPORTED_MODULE_3__/* .readLayer */ .w6)(file, e => {
            const base = node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.basename(e.path);
            const dir = node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.dirname(e.path);
            if (base === '.wh..wh..opq')
                opaque.push(dir === '.' ? '' : dir);
            else if (base.startsWith('.wh.'))
                removed.push(node_path__WEBPACK_IMPORTED_MODULE_1___default().posix.join(dir, base.slice(4)).replace(/^\.\//, ''));
            else if (e.path)
                here.push({ ...e, layer });
        });
        const drop = (pred) => {
            for (const p of [...seen.keys()])
                if (pred(p))
                    seen.delete(p);
        };
        for (const dir of opaque)
            drop(p => p.startsWith(dir ? `${dir}/` : ''));
        for (const r of removed)
            drop(p => p === r || p.startsWith(`${r}/`));
        for (const e of here)
            seen.set(e.path, e);
    }
    return seen;
}
/**
 * A path resolved the way the kernel would inside the image: symlinks in any component
 * (absolute ones from the image's root), `..`, up to 40 links. Undefined when it does not exist.
 */
function resolvePath(index, p) {
    let todo = p.split('/').filter(Boolean);
    let at = [];
    for (let links = 0; todo.length;) {
        const part = todo.shift();
        if (part === '.')
            continue;
        if (part === '..') {
            at.pop();
            continue;
        }
        const here = [...at, part].join('/');
        const e = index.get(here);
        if (!e) {
            // A layer may hold `a/b` without an entry for `a`: the directory is implied.
            if (!todo.length)
                return undefined;
            at.push(part);
            continue;
        }
        if (e.type === 'SymbolicLink' && e.linkpath) {
            if (++links > 40)
                return undefined;
            const target = e.linkpath.split('/').filter(Boolean);
            todo = [...target, ...todo];
            if (e.linkpath.startsWith('/'))
                at = [];
            continue;
        }
        at.push(part);
        if (!todo.length)
            return e;
    }
    return index.get(at.join('/'));
}
/** The contents of the given files, each read from the layer that wrote it last. */
async function readFiles(layerFiles, entries) {
    const out = new Map();
    for (const [layer, file] of layerFiles.entries()) {
        const want = new Set(entries.filter(e => e.layer === layer).map(e => e.path));
        if (!want.size)
            continue;
        await (0,_tar_js__WEBPACK_IMPORTED_MODULE_3__/* .readLayer */ .w6)(file, e => {
            if (e.data && want.has(e.path))
                out.set(e.path, e.data);
        }, p => want.has(p));
    }
    return out;
}
/**
 * The OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/...`) as one tar, entries in
 * a fixed order and time: the same blobs give the same archive bytes.
 */
async function writeOciArchive(file, o) {
    const index = {
        schemaVersion: 2,
        mediaType: _registry_js__WEBPACK_IMPORTED_MODULE_2__/* .MEDIA */ .Rn.ociIndex,
        manifests: [
            {
                mediaType: o.manifest.mediaType,
                digest: o.manifest.digest,
                size: o.manifest.size,
                annotations: {
                    'org.opencontainers.image.ref.name': o.refName,
                    ...(o.fullName ? { 'io.containerd.image.name': o.fullName } : {})
                }
            }
        ]
    };
    const entry = (p, data) => ({
        path: p,
        type: 'file',
        mode: 0o644,
        uid: 0,
        gid: 0,
        data
    });
    const dir = (p) => ({ path: p, type: 'dir', mode: 0o755, uid: 0, gid: 0 });
    const unique = [...new Map(o.blobs.map(b => [b.digest, b])).values()].sort((a, b) => a.digest < b.digest ? -1 : a.digest > b.digest ? 1 : 0);
    const entries = [
        dir('blobs'),
        dir('blobs/sha256'),
        ...unique.map(b => ({
            path: `blobs/sha256/${b.digest.slice('sha256:'.length)}`,
            type: 'file',
            mode: 0o644,
            uid: 0,
            gid: 0,
            size: b.size,
            ...(b.data ? { data: b.data } : { from: b.file })
        })),
        entry('index.json', Buffer.from(JSON.stringify(index))),
        entry('oci-layout', Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })))
    ];
    await (0,_tar_js__WEBPACK_IMPORTED_MODULE_3__/* .writeTar */ .FJ)(file, entries, o.mtime);
}
/** A pulled image written as it is (its own manifest) into an OCI archive, e.g. to run it. */
async function writePulledArchive(img, file, fullName, mtime = 0) {
    await writeOciArchive(file, {
        manifest: {
            digest: img.digest,
            size: img.manifestBytes.length,
            mediaType: img.manifest.mediaType ?? _registry_js__WEBPACK_IMPORTED_MODULE_2__/* .MEDIA */ .Rn.ociManifest
        },
        refName: img.ref.tag ?? 'latest',
        fullName,
        blobs: [
            ...img.layers.map(l => ({
                digest: l.descriptor.digest,
                size: l.descriptor.size,
                file: l.file
            })),
            { digest: img.manifest.config.digest, size: img.configBytes.length, data: img.configBytes },
            { digest: img.digest, size: img.manifestBytes.length, data: img.manifestBytes }
        ],
        mtime
    });
}
/**
 * The Bifrost host inside an image laid out as the source document's (`/app/main`), written
 * to `file`; undefined when the image has none.
 */
async function extractHost(img, file) {
    const layers = img.layers.map(l => l.file);
    const index = await indexLayers(layers);
    const main = resolvePath(index, 'app/main');
    if (!main || main.type !== 'File')
        return undefined;
    const data = (await readFiles(layers, [main])).get(main.path);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(file, data, { mode: 0o755 });
    return data.length;
}


/***/ }),

/***/ 82534:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OR: () => (/* binding */ Registry),
/* harmony export */   Rn: () => (/* binding */ MEDIA),
/* harmony export */   gl: () => (/* binding */ RegistryError),
/* harmony export */   sI: () => (/* binding */ sha256Digest)
/* harmony export */ });
/* unused harmony export parseChallenge */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(44942);
/* harmony import */ var _reference_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(25996);
/**
 * A client for the registry HTTP API v2 (the OCI distribution spec): manifests and blobs, read
 * and written, with the token flow ghcr.io and Docker Hub use (a 401 names a realm; a token for
 * the repository's scope is fetched there, anonymously or with the user's credentials) and
 * Basic auth where a registry asks for it. Requests go through @actions/http-client, so a
 * runner's proxy settings apply. Credentials travel only in headers, to the registry and its
 * token realm; they are never logged or written to a file.
 */







const MEDIA = {
    ociManifest: 'application/vnd.oci.image.manifest.v1+json',
    ociIndex: 'application/vnd.oci.image.index.v1+json',
    ociConfig: 'application/vnd.oci.image.config.v1+json',
    ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    ociLayer: 'application/vnd.oci.image.layer.v1.tar',
    dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
    dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
    dockerConfig: 'application/vnd.docker.container.image.v1+json',
    dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip'
};
const MANIFEST_ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest];
class RegistryError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'RegistryError';
    }
}
function sha256Digest(data) {
    return `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex')}`;
}
/** Parses `Bearer realm="...",service="...",scope="..."` (or `Basic realm=...`). */
function parseChallenge(header) {
    const m = /^\s*(\w+)\s*(.*)$/.exec(header) ?? ['', '', ''];
    const params = {};
    for (const p of m[2].matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g))
        params[p[1].toLowerCase()] = p[2] ?? p[3];
    return { scheme: m[1].toLowerCase(), params };
}
/** One registry, one repository; tokens are kept per scope for the client's life. */
class Registry {
    registry;
    repository;
    opts;
    base;
    http;
    auth;
    authScope;
    constructor(registry, repository, opts = {}) {
        this.registry = registry;
        this.repository = repository;
        this.opts = opts;
        this.base = (0,_reference_js__WEBPACK_IMPORTED_MODULE_6__/* .registryBase */ .bu)(registry);
        this.http = new _actions_http_client__WEBPACK_IMPORTED_MODULE_5__/* .HttpClient */ .Qq(opts.userAgent ?? 'bifrost-build', undefined, {
            allowRedirects: true,
            maxRedirects: 5,
            socketTimeout: 120_000
        });
    }
    url(p) {
        return `${this.base}/v2/${this.repository}/${p}`;
    }
    /** Sends a request, authenticating once on a 401; `body` is made again for the retry. */
    async send(verb, url, headers, push, body) {
        for (let attempt = 0;; attempt++) {
            if (this.opts.signal?.aborted)
                throw new RegistryError('cancelled');
            const h = { ...headers, ...(this.auth ? { authorization: this.auth } : {}) };
            const data = body?.();
            const res = typeof data === 'string' || data === undefined
                ? await this.http.request(verb, url, data ?? null, h)
                : await this.http.sendStream(verb, url, data, h);
            const status = res.message.statusCode ?? 0;
            const scope = `repository:${this.repository}:${push ? 'pull,push' : 'pull'}`;
            if (status === 401 && attempt === 0 && this.authScope !== scope) {
                const challenge = res.message.headers['www-authenticate'];
                await res.readBody();
                await this.authenticate(String(challenge ?? ''), scope);
                continue;
            }
            return res.message;
        }
    }
    async authenticate(challenge, scope) {
        const { scheme, params } = parseChallenge(challenge);
        const creds = this.opts.credentials;
        const basic = creds
            ? `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`
            : undefined;
        this.authScope = scope;
        if (scheme === 'basic') {
            if (!basic)
                throw new RegistryError(`${this.registry} asks for a user name and password`, 401);
            this.auth = basic;
            return;
        }
        if (scheme !== 'bearer' || !params.realm)
            throw new RegistryError(`${this.registry} answered 401 with no usable challenge ("${challenge}")`, 401);
        const realm = new URL(params.realm);
        if (params.service)
            realm.searchParams.set('service', params.service);
        realm.searchParams.set('scope', scope);
        const res = await this.http.get(realm.toString(), basic ? { authorization: basic } : {});
        const text = await res.readBody();
        if (res.message.statusCode !== 200)
            throw new RegistryError(`the token service of ${this.registry} refused ${creds ? 'the credentials' : 'an anonymous token'} for ${scope} (HTTP ${res.message.statusCode})`, res.message.statusCode);
        const token = JSON.parse(text) ?? {};
        const value = token.token ?? token.access_token;
        if (!value)
            throw new RegistryError(`the token service of ${this.registry} sent no token`);
        this.auth = `Bearer ${value}`;
    }
    async fail(res, what) {
        const body = await readAll(res).catch(() => Buffer.alloc(0));
        let detail = '';
        try {
            const errs = JSON.parse(body.toString('utf8')).errors;
            if (errs?.length)
                detail = `: ${errs.map(e => [e.code, e.message].filter(Boolean).join(' ')).join('; ')}`;
        }
        catch {
            /* not a registry error body */
        }
        const status = res.statusCode ?? 0;
        const hint = status === 401 || status === 403
            ? ' (not allowed: give credentials that may read/write this repository)'
            : status === 404
                ? ' (not found)'
                : '';
        throw new RegistryError(`${what} on ${this.registry}/${this.repository}: HTTP ${status}${hint}${detail}`, status);
    }
    /** A manifest or index by tag or digest, checked against the digest when one was asked for. */
    async manifest(reference) {
        const res = await this.send('GET', this.url(`manifests/${reference}`), { accept: MANIFEST_ACCEPT.join(', ') }, false);
        if (res.statusCode !== 200)
            return this.fail(res, `reading manifest ${reference}`);
        const bytes = await readAll(res);
        const digest = sha256Digest(bytes);
        if (reference.startsWith('sha256:') && digest !== reference)
            throw new RegistryError(`manifest ${reference} from ${this.registry} has digest ${digest}`);
        const parsed = JSON.parse(bytes.toString('utf8'));
        const mediaType = parsed.mediaType ?? String(res.headers['content-type'] ?? '').split(';')[0];
        return { bytes, mediaType, digest };
    }
    /** A blob into memory (configs), checked against its digest. */
    async blob(digest) {
        const res = await this.send('GET', this.url(`blobs/${digest}`), {}, false);
        if (res.statusCode !== 200)
            return this.fail(res, `reading blob ${digest}`);
        const bytes = await readAll(res);
        if (sha256Digest(bytes) !== digest)
            throw new RegistryError(`blob ${digest} arrived with other content`);
        return bytes;
    }
    /** A blob streamed to a file, hashed on the way; a wrong digest leaves no file. */
    async blobToFile(digest, file) {
        const res = await this.send('GET', this.url(`blobs/${digest}`), {}, false);
        if (res.statusCode !== 200)
            return this.fail(res, `reading blob ${digest}`);
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
        const tap = new node_stream__WEBPACK_IMPORTED_MODULE_3__.Transform({
            transform(chunk, _enc, cb) {
                hash.update(chunk);
                cb(null, chunk);
            }
        });
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(res, tap, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(file));
        if (`sha256:${hash.digest('hex')}` !== digest) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(file, { force: true });
            throw new RegistryError(`blob ${digest} arrived with other content`);
        }
    }
    async hasBlob(digest) {
        const res = await this.send('HEAD', this.url(`blobs/${digest}`), {}, true);
        res.resume();
        return res.statusCode === 200;
    }
    /** Uploads a blob in one PUT (POST for a session, then PUT with the digest), unless it is there. */
    async pushBlob(digest, from) {
        if (await this.hasBlob(digest))
            return 'exists';
        const start = await this.send('POST', this.url('blobs/uploads/'), { 'content-length': '0' }, true, () => '');
        if (start.statusCode !== 202)
            return this.fail(start, `starting the upload of ${digest}`);
        start.resume();
        const location = start.headers.location;
        if (!location)
            throw new RegistryError(`${this.registry} gave no upload location`);
        const url = new URL(location, this.base);
        url.searchParams.set('digest', digest);
        const size = 'file' in from ? (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(from.file)).size : from.data.length;
        const res = await this.send('PUT', url.toString(), { 'content-type': 'application/octet-stream', 'content-length': String(size) }, true, () => ('file' in from ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(from.file) : bufferStream(from.data)));
        if (res.statusCode !== 201)
            return this.fail(res, `uploading ${digest}`);
        res.resume();
        return 'pushed';
    }
    async pushManifest(reference, bytes, mediaType) {
        const res = await this.send('PUT', this.url(`manifests/${reference}`), { 'content-type': mediaType, 'content-length': String(bytes.length) }, true, () => bufferStream(bytes));
        if (res.statusCode !== 201)
            return this.fail(res, `writing manifest ${reference}`);
        res.resume();
        return sha256Digest(bytes);
    }
}
function bufferStream(data) {
    return node_stream__WEBPACK_IMPORTED_MODULE_3__.Readable.from([data]);
}
async function readAll(res) {
    const chunks = [];
    for await (const c of res)
        chunks.push(c);
    return Buffer.concat(chunks);
}


/***/ }),

/***/ 5326:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   By: () => (/* binding */ writeLayer),
/* harmony export */   FJ: () => (/* binding */ writeTar),
/* harmony export */   w6: () => (/* binding */ readLayer)
/* harmony export */ });
/* unused harmony export normalisePath */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(46466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(38522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var tar__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(98697);
/**
 * Image layers: a tar writer whose bytes depend only on the entries given (names, modes,
 * owners, one fixed time, in the order given), and a reader that walks the entries of a
 * (gzipped) layer. The writer is ours because a layer needs what an archive of a directory
 * does not: entries that exist nowhere on disk (/etc/passwd with a line added), owners that
 * are not the builder's (the image's user), and no dependence on the builder's file system.
 */






function octal(n, width) {
    return n.toString(8).padStart(width - 1, '0') + '\0';
}
function header(e, size, mtime) {
    const h = Buffer.alloc(512);
    let name = e.path + (e.type === 'dir' && !e.path.endsWith('/') ? '/' : '');
    let prefix = '';
    if (Buffer.byteLength(name) > 100) {
        const cut = name.lastIndexOf('/', name.length - 2);
        prefix = name.slice(0, cut);
        name = name.slice(cut + 1);
        if (Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155)
            throw new Error(`path too long for a layer entry: ${e.path}`);
    }
    h.write(name, 0, 100, 'utf8');
    h.write(octal(e.mode & 0o7777, 8), 100, 8, 'ascii');
    h.write(octal(e.uid, 8), 108, 8, 'ascii');
    h.write(octal(e.gid, 8), 116, 8, 'ascii');
    h.write(octal(size, 12), 124, 12, 'ascii');
    h.write(octal(mtime, 12), 136, 12, 'ascii');
    h.write('        ', 148, 8, 'ascii');
    h.write(e.type === 'file' ? '0' : e.type === 'dir' ? '5' : '2', 156, 1, 'ascii');
    if (e.linkname)
        h.write(e.linkname, 157, 100, 'utf8');
    h.write('ustar\0', 257, 6, 'ascii');
    h.write('00', 263, 2, 'ascii');
    h.write(prefix, 345, 155, 'utf8');
    let sum = 0;
    for (const b of h)
        sum += b;
    h.write(octal(sum, 7) + ' ', 148, 8, 'ascii');
    return h;
}
async function* tarStream(entries, mtime) {
    for (const e of entries) {
        if (e.type !== 'file') {
            yield header(e, 0, mtime);
            continue;
        }
        const size = e.data ? e.data.length : (e.size ?? 0);
        yield header(e, size, mtime);
        if (e.data)
            yield e.data;
        else if (e.from) {
            let n = 0;
            for await (const c of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(e.from)) {
                n += c.length;
                yield c;
            }
            if (n !== size)
                throw new Error(`${e.from} changed while it was written into a layer`);
        }
        if (size % 512)
            yield Buffer.alloc(512 - (size % 512));
    }
    yield Buffer.alloc(1024);
}
/**
 * Writes the entries as a gzipped tar to `file`. gzip from node's zlib writes no name and no
 * time in its header, so the same entries give the same blob.
 */
async function writeLayer(file, entries, mtime) {
    const raw = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    const gz = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let size = 0;
    const tapRaw = new node_stream__WEBPACK_IMPORTED_MODULE_2__.Transform({
        transform(c, _e, cb) {
            raw.update(c);
            cb(null, c);
        }
    });
    const tapGz = new node_stream__WEBPACK_IMPORTED_MODULE_2__.Transform({
        transform(c, _e, cb) {
            gz.update(c);
            size += c.length;
            cb(null, c);
        }
    });
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)(node_stream__WEBPACK_IMPORTED_MODULE_2__.Readable.from(tarStream(entries, mtime)), tapRaw, (0,node_zlib__WEBPACK_IMPORTED_MODULE_4__.createGzip)({ level: 6 }), tapGz, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(file));
    return { digest: `sha256:${gz.digest('hex')}`, diffId: `sha256:${raw.digest('hex')}`, size };
}
/** An uncompressed tar (the OCI archive around the blobs). */
async function writeTar(file, entries, mtime) {
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)(node_stream__WEBPACK_IMPORTED_MODULE_2__.Readable.from(tarStream(entries, mtime)), (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(file));
}
function normalisePath(p) {
    return p
        .replace(/^\.?\/+/, '')
        .replace(/^\.$/, '')
        .replace(/\/+$/, '');
}
/**
 * Walks a layer (gzipped or not: node-tar detects it), calling `onEntry` for each; the content
 * of the entries `want` returns true for is read into memory.
 */
async function readLayer(file, onEntry, want = () => false) {
    const parser = new tar__WEBPACK_IMPORTED_MODULE_5__/* .Parser */ .iX({
        strict: false,
        onReadEntry: entry => {
            const p = normalisePath(entry.path);
            const base = {
                path: p,
                type: entry.type,
                mode: entry.mode ?? 0,
                uid: entry.uid ?? 0,
                gid: entry.gid ?? 0,
                size: entry.size ?? 0,
                ...(entry.linkpath ? { linkpath: entry.linkpath } : {})
            };
            if (entry.type === 'File' && want(p)) {
                const chunks = [];
                entry.on('data', (c) => chunks.push(c));
                entry.on('end', () => onEntry({ ...base, data: Buffer.concat(chunks) }));
            }
            else {
                onEntry(base);
                entry.resume();
            }
        }
    });
    await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_3__.pipeline)((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createReadStream)(file), parser);
}


/***/ })

};
