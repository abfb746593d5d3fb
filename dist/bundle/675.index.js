export const id = 675;
export const ids = [675];
export const modules = {

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

/***/ 29675:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pushImage: () => (/* binding */ pushImage)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _lib_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(25996);
/* harmony import */ var _lib_oci_registry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(82534);



async function pushImage(input) {
    const { image, ref, reporter } = input;
    if (!image.blobs || !image.manifestBytes)
        throw new Error('pushImage needs the assembled image');
    const name = (0,_lib_oci_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatImageRef */ .kL)(ref);
    const reg = new _lib_oci_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .Registry */ .OR(ref.registry, ref.repository, {
        credentials: input.credentials,
        signal: input.signal
    });
    try {
        let pushed = 0;
        let present = 0;
        // Every blob but the manifest itself, which goes last under the tag.
        for (const b of image.blobs.filter(b => b.digest !== image.digest)) {
            const how = await reg.pushBlob(b.digest, b.file ? { file: b.file } : { data: b.data });
            if (how === 'pushed')
                pushed++;
            else
                present++;
        }
        const digest = await reg.pushManifest(ref.tag ?? 'latest', image.manifestBytes, _lib_oci_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .MEDIA */ .Rn.ociManifest);
        if (digest !== image.digest)
            throw new Error(`the registry stored manifest ${digest}, not ${image.digest}`);
        image.pushed = true;
        reporter.info(`pushed ${name}@${image.digest} (${pushed} blob(s) uploaded, ${present} already there)`);
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BuildError */ .zS(`pushing ${name} failed: ${err.message}`, {
            input: 'image',
            fix: input.credentials
                ? 'check that registry-username/registry-password may push to this repository (ghcr.io: a token with packages: write)'
                : 'give registry-username and registry-password (ghcr.io: the job needs permissions: packages: write, and the token input is used)',
            cause: err
        });
    }
}


/***/ })

};
