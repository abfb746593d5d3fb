export const id = 579;
export const ids = [579,675];
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

/***/ 77579:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  finishRun: () => (/* reexport */ finishRun),
  outputValues: () => (/* reexport */ outputValues),
  outputsWritten: () => (/* reexport */ outputsWritten),
  publish: () => (/* binding */ publish),
  pushImage: () => (/* reexport */ push.pushImage),
  setOutputs: () => (/* reexport */ setOutputs),
  summaryMarkdown: () => (/* reexport */ summaryMarkdown)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/publish/upload.ts
/**
 * The artifact service boundary. @actions/artifact is loaded only when an upload happens
 * (it is large and most local runs never need it); tests pass their own `ArtifactUploader`.
 */

async function defaultUploader() {
    const { DefaultArtifactClient } = await Promise.all(/* import() */[__webpack_require__.e(110), __webpack_require__.e(458)]).then(__webpack_require__.bind(__webpack_require__, 67458));
    return new DefaultArtifactClient();
}
/** Why the artifact service cannot be used here, or undefined when it can. */
function serviceUnavailable(env) {
    const missing = ['ACTIONS_RUNTIME_TOKEN', 'ACTIONS_RESULTS_URL'].filter(k => !env[k]);
    if (missing.length === 0)
        return undefined;
    return `no artifact service here (${missing.join(' and ')} not set: a local run, @github/local-action or another CI)`;
}
function artifactUrl(env, id) {
    const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID } = env;
    if (id === undefined || !GITHUB_SERVER_URL || !GITHUB_REPOSITORY || !GITHUB_RUN_ID)
        return undefined;
    return `${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}/artifacts/${id}`;
}
/**
 * overwrite: true, as upload-artifact v4 does it: delete the artifact of that name in this
 * run (an earlier attempt of the job), if there is one, then upload.
 */
async function deleteEarlier(uploader, name) {
    try {
        return (await uploader.deleteArtifact(name)).id;
    }
    catch (err) {
        if (err?.name === 'ArtifactNotFoundError')
            return undefined;
        // No artifact service on this server: publish says so for the upload as well.
        if (err?.name === 'GHESNotSupportedError')
            throw err;
        const reason = (err instanceof Error ? err.message : String(err)).trim();
        throw new errors/* BuildError */.zS(`deleting the earlier artifact "${name}" failed: ${reason}`, {
            input: 'overwrite',
            fix: 'give this run its own artifact-name, or set overwrite: false (the files are still in output-dir)',
            cause: err
        });
    }
}
/** The service's own words, with what the user can do about the usual causes. */
function uploadError(name, err) {
    const reason = (err instanceof Error ? err.message : String(err)).trim();
    if (/\b409\b|conflict|already exists/i.test(reason)) {
        return new errors/* BuildError */.zS(`uploading artifact "${name}" failed: ${reason}`, {
            input: 'artifact-name',
            fix: 'give each matrix job its own artifact-name (the default includes version, target, libc and mode), or set overwrite: true to replace the artifact of an earlier attempt of this job',
            cause: err
        });
    }
    if (/quota|storage|\b403\b/i.test(reason)) {
        return new errors/* BuildError */.zS(`uploading artifact "${name}" failed: ${reason}`, {
            input: 'retention-days',
            fix: 'delete old artifacts or lower retention-days; the files are still in output-dir',
            cause: err
        });
    }
    return new errors/* BuildError */.zS(`uploading artifact "${name}" failed: ${reason}`, {
        fix: 're-run the job; the files are still in output-dir (set upload: false to skip uploading)',
        cause: err
    });
}

// EXTERNAL MODULE: ./src/report.ts + 1 modules
var report = __webpack_require__(244);
// EXTERNAL MODULE: ./src/util/human-size.ts
var human_size = __webpack_require__(78887);
// EXTERNAL MODULE: ./src/util/markdown.ts
var markdown = __webpack_require__(17183);
;// CONCATENATED MODULE: ./src/publish/summary.ts
/**
 * The job summary: what was built, from which plan, whether every check passed, where the
 * files went and how long each stage took. Pure: the same context gives the same markdown.
 */




/** More check rows than this and the passing ones fold into a <details> block. */
const LONG = 8;
const MARK = {
    pass: '✅ pass',
    fail: '❌ fail',
    warn: '⚠️ warn',
    skip: '⏭️ skip'
};
function rows(ctx, hashes) {
    if (ctx.package) {
        return ctx.package.files.map(f => ({
            name: f.name,
            size: f.size,
            sha256: f.sha256,
            facts: f.facts
        }));
    }
    return (ctx.verify?.files ?? []).map(f => ({
        name: f.name,
        size: f.size,
        sha256: hashes[f.path],
        facts: f
    }));
}
function summaryMarkdown(ctx, hashes = {}, failure) {
    const out = [];
    const p = (...l) => out.push(...l);
    const plan = ctx.plan;
    const ok = !failure && (ctx.verify ? ctx.verify.ok : Boolean(ctx.package));
    const what = plan
        ? `${plan.mode} ${plan.libc} ${plan.target.os}/${plan.target.arch}`
        : ctx.verify
            ? 'verify-only'
            : 'run';
    const go = ctx.toolchain ? `, Go ${ctx.toolchain.version}` : '';
    p(`## bifrost-build: ${ok ? '✅' : '❌'} ${what}${go}`, '');
    if (failure) {
        const stage = ctx.timings.find(t => t.status === 'failed')?.stage;
        p(`**Failed${stage ? ` in ${stage}` : ''}:** ${(0,markdown/* cell */.H)(failure.message)}`, '');
        if (failure.fix)
            p(`**Fix:** ${(0,markdown/* cell */.H)(failure.fix)}`, '');
        if (failure.file)
            p(`File: \`${(0,markdown/* cell */.H)(relToWorkspace(ctx, failure.file))}\``, '');
    }
    const list = rows(ctx, hashes);
    if (list.length) {
        p('### Files', '');
        p('| file | size | sha256 | linkage | libc | glibc floor |', '|---|---:|---|---|---|---|');
        for (const r of list) {
            const f = r.facts;
            p(`| \`${(0,markdown/* cell */.H)(r.name)}\` | ${r.size === undefined ? '' : (0,human_size/* humanSize */.X)(r.size)} | ${r.sha256 ? `\`${r.sha256}\`` : ''} | ${f?.linkage ?? ''} | ${f?.libc ?? ''} | ${f?.glibcFloor ?? ''} |`);
        }
        if (ctx.verify?.glibcFloor)
            p('', `glibc floor of the set: **${ctx.verify.glibcFloor}**`);
        p('');
    }
    if (ctx.verify) {
        const checks = ctx.verify.checks;
        const count = (st) => checks.filter(c => c.status === st).length;
        const extra = ['warn', 'skip']
            .filter(st => count(st) > 0)
            .map(st => `, ${count(st)} ${st}`);
        p(`### Checks: ${count('pass')} pass, ${count('fail')} fail${extra.join('')}`, '');
        // Failed checks first (each with its fix), then warnings, then the rest.
        const order = { fail: 0, warn: 1, pass: 2, skip: 3 };
        const sorted = [...checks].sort((a, b) => order[a.status] - order[b.status]);
        const rowsOf = (list) => list.map(c => {
            const { message: text, fix } = c;
            const detail = fix ? `${(0,markdown/* cell */.H)(text)}<br>**Fix:** ${(0,markdown/* cell */.H)(fix)}` : (0,markdown/* cell */.H)(text);
            return `| ${(0,markdown/* cell */.H)(c.id)} | ${(0,markdown/* cell */.H)(c.subject)} | ${MARK[c.status]} | ${detail} |`;
        });
        const head = ['| check | file | result | detail |', '|---|---|---|---|'];
        const shown = sorted.filter(c => c.status === 'fail' || c.status === 'warn');
        const rest = sorted.filter(c => c.status !== 'fail' && c.status !== 'warn');
        const load = ctx.verify.loadTest;
        const loadRow = load
            ? [`| load test | all | ${MARK[load.status]} | ${(0,markdown/* cell */.H)(load.message)} |`]
            : [];
        const loadFirst = load?.status === 'fail' || load?.status === 'warn';
        if (checks.length + loadRow.length <= LONG) {
            p(...head, ...(loadFirst ? loadRow : []), ...rowsOf(sorted), ...(loadFirst ? [] : loadRow));
        }
        else {
            if (shown.length || loadFirst)
                p(...head, ...(loadFirst ? loadRow : []), ...rowsOf(shown), '');
            p(`<details><summary>${shown.length || loadFirst ? `${rest.length + (loadFirst ? 0 : loadRow.length)} more checks` : `all ${rest.length + loadRow.length} checks`}</summary>`, '');
            p(...head, ...rowsOf(rest), ...(loadFirst ? [] : loadRow), '', '</details>');
        }
        p('');
    }
    if (plan) {
        p('### Plan', '', '| | |', '|---|---|');
        if (ctx.toolchain)
            p(`| Go | ${ctx.toolchain.version} (${ctx.toolchain.source}) |`);
        p(`| Source | ${plan.source.kind === 'checkout' ? `\`${(0,markdown/* cell */.H)(external_node_path_default().relative(plan.workspace, plan.source.dir) || '.')}\`` : plan.source.kind === 'module' ? `transports module ${(0,markdown/* cell */.H)(plan.source.version)}` : `plugins only, for the host ${(0,markdown/* cell */.H)(plan.source.host.from)} (sha256 \`${plan.source.host.sha256}\`, version ${(0,markdown/* cell */.H)(plan.source.host.version)})`} |`);
        p(`| Mode / libc / target | ${what} |`);
        p(`| Version / plugin version | ${(0,markdown/* cell */.H)(plan.version)} / ${(0,markdown/* cell */.H)(plan.pluginVersion)} |`);
        p(`| Plugins | ${plan.plugins.length ? plan.plugins.map(x => `${(0,markdown/* cell */.H)(x.name)} (\`${(0,markdown/* cell */.H)(x.relDir)}\`)`).join(', ') : 'none'} |`);
        p(`| C compiler | \`${(0,markdown/* cell */.H)(plan.cc.command)}\` |`);
        if (plan.tags.length)
            p(`| Tags | \`${(0,markdown/* cell */.H)(plan.tags.join(','))}\` |`);
        if (plan.ldflags.length)
            p(`| Extra ldflags | \`${(0,markdown/* cell */.H)(plan.ldflags.join(' '))}\` |`);
        p(`| trimpath / align-modules / ui / verify | ${plan.trimpath} / ${plan.alignModules} / ${plan.ui} / ${plan.verify} |`);
        p(`| Output dir | \`${(0,markdown/* cell */.H)(relToWorkspace(ctx, plan.outputDir))}\` |`);
        p(`| Artifact name | \`${(0,markdown/* cell */.H)(plan.artifactName)}\` |`);
        if (ctx.image && !plan.image?.testOnly)
            p(`| Image | \`${(0,markdown/* cell */.H)(ctx.image.name)}\` \`${ctx.image.digest}\` (${ctx.image.pushed ? 'pushed' : plan.image?.push ? 'not pushed' : 'not pushed: image-push false'}) |`);
        if (ctx.image && plan.image?.testOnly)
            p(`| Host image | \`${(0,markdown/* cell */.H)(plan.image.base.registry)}/${(0,markdown/* cell */.H)(plan.image.base.repository)}@${ctx.image.base.digest}\` (plugins load-tested in it) |`);
        if (ctx.cache) {
            const c = ctx.cache;
            const state = !c.enabled
                ? 'off'
                : c.exact
                    ? 'exact hit'
                    : c.hit
                        ? `partial hit (\`${(0,markdown/* cell */.H)(c.restoredKey ?? '')}\`)`
                        : `miss${c.reason ? `: ${(0,markdown/* cell */.H)(c.reason)}` : ''}`;
            p(`| Cache | ${state} |`);
        }
        p('');
    }
    if (ctx.publish) {
        p('### Artifact', '');
        if (ctx.publish.uploaded) {
            const name = plan?.artifactName ?? 'artifact';
            p(`${ctx.publish.artifactUrl ? `[${name}](${ctx.publish.artifactUrl})` : name} (id ${ctx.publish.artifactId ?? '?'}, digest \`${ctx.publish.artifactDigest ?? '?'}\`)`);
        }
        else {
            p(`Not uploaded: ${ctx.publish.reason ?? 'unknown reason'}. The files are in the output dir.`);
        }
        p('');
    }
    if (ctx.timings.length) {
        p('### Stage times', '', '| stage | time | status |', '|---|---:|---|');
        for (const t of ctx.timings)
            p(`| ${(0,markdown/* cell */.H)(t.stage)} | ${(0,report/* fmtMs */.mq)(t.ms)} | ${t.status} |`);
        const total = ctx.timings.reduce((a, t) => a + t.ms, 0);
        p(`| **total** | **${(0,report/* fmtMs */.mq)(total)}** | |`, '');
    }
    return out.join('\n');
}
/** A path as the user knows it: relative when inside the workspace. */
function relToWorkspace(ctx, p) {
    const ws = ctx.plan?.workspace;
    if (!ws)
        return p;
    const rel = external_node_path_default().relative(ws, p);
    return rel === '' ? '.' : rel.startsWith('..') || external_node_path_default().isAbsolute(rel) ? p : rel;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/lib/targets.ts
var targets = __webpack_require__(39641);
// EXTERNAL MODULE: ./src/util/sha256.ts
var sha256 = __webpack_require__(36701);
;// CONCATENATED MODULE: ./src/publish/outputs.ts
/**
 * Every output of the contract, and the job summary, from what the run's context holds: set
 * once per run, passed or failed (by the pipeline's last step, or by finishRun).
 */





function targetOf(ctx) {
    if (ctx.plan)
        return `${ctx.plan.target.os}/${ctx.plan.target.arch}`;
    const host = ctx.verify?.files.find(f => f.kind === 'host');
    return (0,targets/* targetOfArch */.fd)(host?.machine)?.name ?? '';
}
/**
 * Every output of the contract from what the context holds (empty when a stage did not run,
 * e.g. archive in verify-only mode or after a failed build). `hashes` receives the sha256 of
 * files hashed here (verify-only), for the summary.
 */
function outputValues(ctx, hashes = {}) {
    const out = {};
    const set = (name, value) => (out[name] = value ?? '');
    const pkg = ctx.package;
    const hostFacts = ctx.verify?.files.find(f => f.kind === 'host');
    set('go-version', ctx.toolchain?.version);
    set('go-root', ctx.toolchain?.goroot);
    set('mode', ctx.plan?.mode ?? hostFacts?.linkage);
    set('libc', ctx.plan?.libc ?? hostFacts?.libc);
    set('target', targetOf(ctx));
    let plugins;
    if (pkg) {
        set('binary', pkg.files.find(f => f.kind === 'host')?.path);
        plugins = pkg.files
            .filter(f => f.kind === 'plugin')
            .map(f => ({ name: external_node_path_default().basename(f.name, '.so'), path: f.path, sha256: f.sha256 }));
    }
    else {
        set('binary', hostFacts?.path);
        for (const f of ctx.verify?.files ?? []) {
            try {
                hashes[f.path] = (0,sha256/* sha256FileSync */.h)(f.path);
            }
            catch {
                /* file gone: no hash */
            }
        }
        plugins = (ctx.verify?.files ?? [])
            .filter(f => f.kind === 'plugin')
            .map(f => ({
            name: f.name.replace(/\.so$/, ''),
            path: f.path,
            sha256: hashes[f.path] ?? ''
        }));
    }
    set('plugins', JSON.stringify(plugins));
    set('archive', pkg?.archive);
    set('checksums', pkg?.checksums);
    set('manifest', pkg?.manifest);
    set('glibc-floor', ctx.verify?.glibcFloor);
    set('cache-hit', String(Boolean(ctx.cache?.exact)));
    set('artifact-id', ctx.publish?.artifactId);
    set('artifact-url', ctx.publish?.artifactUrl);
    set('artifact-digest', ctx.publish?.artifactDigest);
    set('artifact-name', ctx.plan?.artifactName);
    set('output-dir', ctx.package?.outputDir ?? ctx.plan?.outputDir);
    set('image-digest', ctx.package?.imageArchive ? ctx.image?.digest : undefined);
    set('image-archive', ctx.package?.imageArchive);
    return out;
}
/** Runs whose outputs and summary were written (once per run, success or failure). */
const finished = new WeakSet();
function outputsWritten(ctx) {
    return finished.has(ctx);
}
/**
 * Sets every output of the contract and writes the job summary when the runner gave a
 * summary file; `failure` is the error that stopped the run. Synchronous, so the pipeline's
 * last call cannot leave work behind.
 */
function setOutputs(ctx, env = process.env, failure) {
    finished.add(ctx);
    const hashes = {};
    for (const [name, value] of Object.entries(outputValues(ctx, hashes)))
        ctx.reporter.setOutput(name, value);
    const summaryFile = env.GITHUB_STEP_SUMMARY;
    if (summaryFile) {
        try {
            // What core.summary.write() does, without its promise: appended, never replaced.
            (0,external_node_fs_.appendFileSync)(summaryFile, summaryMarkdown(ctx, hashes, failure) + '\n');
        }
        catch (err) {
            ctx.reporter.warning(`could not write the job summary: ${err.message}`);
        }
    }
}

;// CONCATENATED MODULE: ./src/publish/outcome.ts
/**
 * The end of every run, passed or failed: outputs known by then, the job summary, a JSON
 * report (output `report`) and one annotation per failed check. The entry points (action and
 * CLI) call `finishRun` once, after the pipeline returned or threw.
 */




const REPORT_FILE = 'bifrost-build-report.json';
/** Pure: the report a run leaves, from its context and the error that stopped it. */
function runReport(ctx, failure) {
    const checks = (ctx.verify?.checks ?? []).map(c => {
        const { message: text, fix } = c;
        return {
            id: c.id,
            subject: c.subject,
            status: c.status,
            message: text,
            ...(fix ? { fix } : {})
        };
    });
    const report = {
        schemaVersion: 1,
        generator: 'bifrost-build',
        ok: !failure,
        outputs: outputValues(ctx),
        checks,
        files: (ctx.package?.files ?? []).map(f => ({ name: f.name, size: f.size, sha256: f.sha256 })),
        timings: ctx.timings.map(t => ({ stage: t.stage, ms: t.ms, status: t.status }))
    };
    if (failure) {
        const { title: _title, ...rest } = failure;
        void _title;
        report.error = rest;
    }
    if (ctx.verify?.loadTest)
        report.loadTest = { status: ctx.verify.loadTest.status, message: ctx.verify.loadTest.message };
    return report;
}
/**
 * Where the report goes: the runner's temp dir (kept for the job's later steps, and never
 * inside output-dir or the workspace, which a failed run must leave as found), else
 * output-dir (a local run). A CLI run with neither (`verify`, or a build that failed before
 * its plan) writes none: the text summary and `--json` say it all, and a file in the system
 * temp dir would be left behind by every such run.
 */
function reportPath(ctx, env) {
    if (env.RUNNER_TEMP)
        return [external_node_path_default().join(env.RUNNER_TEMP, REPORT_FILE)];
    return ctx.plan ? [external_node_path_default().join(ctx.plan.outputDir, REPORT_FILE)] : [];
}
/** The plugin's go.mod for a check about a plugin (module skew, Go version), when the plan knows it. */
function checkFile(ctx, subject) {
    const plugin = ctx.plan?.plugins.find(p => `${p.name}.so` === subject || p.name === subject);
    if (plugin)
        return external_node_path_default().join(plugin.moduleDir, 'go.mod');
    if (subject === 'bifrost-http' && ctx.plan?.source.kind === 'checkout')
        return external_node_path_default().join(ctx.plan.source.transportsDir, 'go.mod');
    return undefined;
}
/** Annotation paths are relative to the repository root (the workspace). */
function annotationFile(ctx, file) {
    if (!file)
        return undefined;
    const ws = ctx.plan?.workspace ?? process.env.GITHUB_WORKSPACE;
    if (!ws)
        return file;
    const rel = external_node_path_default().relative(ws, file);
    return rel && !rel.startsWith('..') && !external_node_path_default().isAbsolute(rel) ? rel : file;
}
/**
 * Writes outputs (when the pipeline did not get to), the summary, the JSON report, and the
 * annotations of a failure. Returns the report and the failure, for the entry point to print.
 */
function finishRun(ctx, err, env = process.env, 
/**
 * Report the failure through the reporter (annotations in the action). The CLI says it
 * itself: its log already has each FAIL line and its summary lists them again.
 */
annotate = true) {
    const failure = err === undefined ? undefined : (0,errors/* failureOf */.g5)(err);
    if (failure && annotate) {
        for (const c of ctx.verify?.checks ?? []) {
            if (c.status !== 'fail')
                continue;
            const { message: text, fix } = c;
            const file = annotationFile(ctx, checkFile(ctx, c.subject));
            ctx.reporter.error((0,errors/* failureText */.kY)({ message: `${c.subject}: ${text}`, fix }), {
                title: c.id,
                ...(file ? { file } : {})
            });
        }
    }
    if (!outputsWritten(ctx))
        setOutputs(ctx, env, failure);
    const report = runReport(ctx, failure);
    let reportFile;
    for (const candidate of reportPath(ctx, env)) {
        try {
            (0,external_node_fs_.mkdirSync)(external_node_path_default().dirname(candidate), { recursive: true });
            (0,external_node_fs_.writeFileSync)(candidate, JSON.stringify(report, null, 2) + '\n');
            reportFile = candidate;
            break;
        }
        catch {
            /* not writable: try the next place */
        }
    }
    ctx.reporter.setOutput('report', reportFile ?? '');
    if (reportFile)
        report.outputs.report = reportFile;
    if (failure && annotate) {
        const file = annotationFile(ctx, failure.file);
        ctx.reporter.error((0,errors/* failureText */.kY)(failure), {
            title: failure.title,
            ...(file ? { file } : {})
        });
    }
    return { report, failure, reportFile };
}

// EXTERNAL MODULE: ./src/publish/push.ts
var push = __webpack_require__(29675);
;// CONCATENATED MODULE: ./src/publish/index.ts
/**
 * Stage 7: upload the archive, SHA256SUMS and manifest as one workflow artifact, set every
 * output of the contract and write the job summary.
 */




// The entries load finishRun from here, as the pipeline loads publish: one lazy chunk for both,
// where two import sites would each get their own copy of this module.



/**
 * The upload, or the cancel when it comes first: the artifact client takes no signal, and an
 * upload that is not finalized never becomes an artifact, so the run stops waiting (and the
 * entry exits) instead of finishing it after the user cancelled.
 */
function untilAborted(work, signal) {
    if (!signal)
        return work;
    return new Promise((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        work.then(v => {
            signal.removeEventListener('abort', onAbort);
            resolve(v);
        }, e => {
            signal.removeEventListener('abort', onAbort);
            reject(e);
        });
    });
}
async function publish(ctx, deps = {}) {
    const env = deps.env ?? process.env;
    const { plan, reporter } = ctx;
    const pkg = ctx.package;
    if (!plan || !pkg)
        throw new Error('publish runs only after package');
    if (!plan.upload) {
        reporter.info(`upload: false; the files are in ${pkg.outputDir}`);
        return { uploaded: false, reason: 'upload: false' };
    }
    const unavailable = serviceUnavailable(env);
    if (unavailable) {
        reporter.notice(`not uploading: ${unavailable}; the files are in ${pkg.outputDir}`);
        return { uploaded: false, reason: unavailable };
    }
    const files = [pkg.archive, pkg.checksums, pkg.manifest];
    // The user cancelled: nothing goes up after that.
    ctx.signal?.throwIfAborted();
    const uploader = await (deps.uploader ?? defaultUploader)();
    let res;
    try {
        if (plan.overwrite) {
            const deleted = await deleteEarlier(uploader, plan.artifactName);
            if (deleted !== undefined)
                reporter.info(`overwrite: deleted the earlier artifact ${plan.artifactName} (id ${deleted})`);
        }
        res = await untilAborted(uploader.uploadArtifact(plan.artifactName, files, pkg.outputDir, {
            retentionDays: plan.retentionDays,
            compressionLevel: 0
        }), ctx.signal);
    }
    catch (err) {
        if (ctx.signal?.aborted)
            throw err;
        if (err instanceof errors/* BuildError */.zS)
            throw err;
        if (err?.name === 'GHESNotSupportedError') {
            const reason = `the artifact service is not available on this server (${err.message})`;
            reporter.notice(`not uploading: ${reason}; the files are in ${pkg.outputDir}`);
            return { uploaded: false, reason };
        }
        throw uploadError(plan.artifactName, err);
    }
    const result = {
        uploaded: true,
        artifactId: res.id === undefined ? undefined : String(res.id),
        artifactUrl: artifactUrl(env, res.id),
        artifactDigest: res.digest
    };
    reporter.info(`uploaded artifact ${plan.artifactName} (${files.map(f => external_node_path_default().basename(f)).join(', ')})` +
        (result.artifactUrl ? `: ${result.artifactUrl}` : ''));
    return result;
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


/***/ }),

/***/ 17183:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H: () => (/* binding */ cell)
/* harmony export */ });
/** Makes a value safe inside a markdown table cell (BUILD.md, the job summary). */
function cell(s) {
    return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}


/***/ })

};
