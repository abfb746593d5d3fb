export const id = 243;
export const ids = [243];
export const modules = {

/***/ 8518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   As: () => (/* binding */ sourceDirOf),
/* harmony export */   Cj: () => (/* binding */ archiveEpoch),
/* harmony export */   VQ: () => (/* binding */ sha256sumsText),
/* harmony export */   nT: () => (/* binding */ listTree),
/* harmony export */   tU: () => (/* binding */ createArchive)
/* harmony export */ });
/* unused harmony exports FALLBACK_EPOCH, compareNames */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var tar__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98697);
/* harmony import */ var _proc_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(97684);
/* harmony import */ var _util_source_date_epoch_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(73956);
/**
 * The reproducible tar.gz and SHA256SUMS.
 *
 * We use node-tar (the npm `tar` package, bundled) rather than the system `tar`: with
 * `portable: true` it writes no uid/gid/user/group/atime/ctime, `mtime` pins every entry's
 * time, and we hand it the entries already sorted, so the bytes depend only on the files.
 * GNU tar can do the same (`--sort=name --owner=0 --group=0 --numeric-owner --mtime=@N
 * --format=ustar` piped to `gzip -n`), but needs GNU tar >= 1.28 and gzip on the runner, and
 * two processes and a pipe; node-tar gives the same result on every runner image with no
 * external program. See docs/packaging.md.
 */





/** 1980-01-01T00:00:00Z, the zip epoch: used when there is no SOURCE_DATE_EPOCH and no git. */
const FALLBACK_EPOCH = 315532800;
/** `sha256sum -c` format: `<hex>  <name>` (two spaces: text mode), sorted by name. */
function sha256sumsText(entries) {
    return ([...entries]
        .sort((a, b) => compareNames(a.name, b.name))
        .map(e => `${e.sha256}  ${e.name}`)
        .join('\n') + '\n');
}
/** Byte order, like `LC_ALL=C sort` and GNU tar's --sort=name. */
function compareNames(a, b) {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return Buffer.compare(x, y);
}
/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org) when set and valid, else the last commit time of
 * the source checkout, else a constant.
 */
async function archiveEpoch(env, sourceDir) {
    const set = (0,_util_source_date_epoch_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSourceDateEpoch */ .Q)(env);
    if (set !== undefined)
        return { epoch: set, from: 'SOURCE_DATE_EPOCH' };
    if (sourceDir) {
        try {
            const r = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_3__/* .run */ .eF)('git', ['log', '-1', '--format=%ct'], {
                cwd: sourceDir,
                env: { ...env, GIT_TERMINAL_PROMPT: '0' },
                timeoutMs: 10_000
            });
            const ct = r.stdout.trim();
            if (r.code === 0 && /^\d+$/.test(ct))
                return { epoch: Number(ct), from: 'git commit time' };
        }
        catch {
            /* no git on PATH: fall through to the constant */
        }
    }
    return { epoch: FALLBACK_EPOCH, from: 'fixed default (no SOURCE_DATE_EPOCH, no git commit)' };
}
/** Every file and directory under `dir`, relative, directories before their contents, byte-sorted. */
async function listTree(dir, rel = '') {
    const out = [];
    const entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(dir, rel), { withFileTypes: true });
    entries.sort((a, b) => compareNames(a.name, b.name));
    for (const e of entries) {
        const name = rel ? `${rel}/${e.name}` : e.name;
        out.push(name);
        if (e.isDirectory())
            out.push(...(await listTree(dir, name)));
    }
    return out;
}
/**
 * Writes `file` holding `entries` (relative to `cwd`, in the given order) under the top-level
 * directory `prefix/`. Modes come from the files; owner is 0/0 with no names.
 */
async function createArchive(opts) {
    for (const e of opts.entries)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(node_path__WEBPACK_IMPORTED_MODULE_1___default().join(opts.cwd, e)); // a clear ENOENT before tar
    await tar__WEBPACK_IMPORTED_MODULE_2__/* .create */ .vt({
        file: opts.file,
        cwd: opts.cwd,
        gzip: { level: 6 },
        portable: true,
        mtime: new Date(opts.epoch * 1000),
        noDirRecurse: true,
        // portable mode leaves directories undated (1970); they get the files' time instead.
        onWriteEntry: entry => {
            entry.noMtime = false;
        },
        prefix: opts.prefix,
        strict: true
    }, opts.entries);
}
/** A plugin-only build's plugins come from the workspace: its commit time fixes file times. */
function sourceDirOf(plan) {
    if (plan.source.kind === 'checkout')
        return plan.source.dir;
    return plan.source.kind === 'host' ? plan.workspace : undefined;
}


/***/ }),

/***/ 72243:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  assembleImage: () => (/* binding */ assembleImage)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/lib/oci/image.ts
var oci_image = __webpack_require__(30876);
// EXTERNAL MODULE: ./src/lib/oci/reference.ts
var reference = __webpack_require__(25996);
// EXTERNAL MODULE: ./src/lib/oci/registry.ts
var registry = __webpack_require__(82534);
// EXTERNAL MODULE: ./src/package/archive.ts
var package_archive = __webpack_require__(8518);
// EXTERNAL MODULE: ./src/lib/oci/tar.ts
var tar = __webpack_require__(5326);
;// CONCATENATED MODULE: ./src/package/image-base.ts



/** What a base image must hold for the seed's runtime: its shell, wget, and the libc loader. */
function requiredPaths(mode, libc, arch) {
    const need = [
        { path: 'bin/sh', why: 'the entrypoint script and the healthcheck run in /bin/sh' },
        { path: 'etc/passwd', why: 'the non-root user is added to it' },
        { path: 'etc/group', why: "the user's group is added to it" }
    ];
    if (mode === 'dynamic')
        need.push({ path: loaderOf(libc, arch), why: `the ${libc} host's loader` });
    return need;
}
function loaderOf(libc, arch) {
    if (libc === 'musl')
        return `lib/ld-musl-${arch === 'amd64' ? 'x86_64' : 'aarch64'}.so.1`;
    return arch === 'amd64' ? 'lib64/ld-linux-x86-64.so.2' : 'lib/ld-linux-aarch64.so.1';
}
/** The packages a base lacking something needs, per libc (the seed's install lines). */
function installHint(libc) {
    return libc === 'musl'
        ? "a base with Alpine's `apk add musl libgcc ca-certificates wget` done (alpine:3.23 has them)"
        : "a base with Debian's `apt-get install libc6 ca-certificates wget` done";
}
/** Checks the base has what the runtime needs; one error naming the missing part. */
function checkBase(base, plan, index) {
    const name = (0,reference/* formatImageRef */.kL)(base.ref);
    const input = plan.image.baseFrom === 'image-base' ? 'image-base' : 'libc';
    const fix = `give image-base ${installHint(plan.libc)}`;
    for (const need of requiredPaths(plan.mode, plan.libc, plan.target.arch)) {
        const found = (0,oci_image/* resolvePath */.o1)(index, need.path);
        if (!found || found.type === 'Directory')
            throw new errors/* BuildError */.zS(`the base image ${name} has no /${need.path} (${need.why})`, {
                input,
                fix
            });
    }
    if (!(0,oci_image/* resolvePath */.o1)(index, 'usr/bin/wget') && !(0,oci_image/* resolvePath */.o1)(index, 'bin/wget'))
        throw new errors/* BuildError */.zS(`the base image ${name} has no wget (the image's healthcheck runs wget on /health)`, { input, fix });
}

// EXTERNAL MODULE: ./src/package/runtime.ts
var runtime = __webpack_require__(98536);
;// CONCATENATED MODULE: ./src/package/image-users.ts
/**
 * The image's accounts: `appuser` added to the base's /etc/passwd and /etc/group as
 * `useradd -m` would, and the owner of a host image's files read from its own /etc/passwd.
 * Pure text handling (and one read of the base's layers), kept apart from the layer writing.
 */


/**
 * /etc/passwd and /etc/group with `appuser` added the way `useradd -m` / `adduser -D` would:
 * the first free id from 1000 for both, home /home/appuser, shell /bin/sh. A base that has
 * the user already keeps it.
 */
function addUser(passwd, group, name = runtime/* APP_USER */.wk) {
    const rows = (t) => t
        .split('\n')
        .filter(l => l && !l.startsWith('#'))
        .map(l => l.split(':'));
    const existing = rows(passwd).find(r => r[0] === name);
    if (existing)
        return { passwd, group, user: { name, uid: Number(existing[2]), gid: Number(existing[3]) } };
    const uids = new Set(rows(passwd).map(r => Number(r[2])));
    const gids = new Set(rows(group).map(r => Number(r[2])));
    let id = 1000;
    while (uids.has(id) || gids.has(id))
        id++;
    const nl = (t) => (t === '' || t.endsWith('\n') ? t : `${t}\n`);
    const hasGroup = rows(group).find(r => r[0] === name);
    const gid = hasGroup ? Number(hasGroup[2]) : id;
    return {
        passwd: `${nl(passwd)}${name}:x:${id}:${gid}::/home/${name}:/bin/sh\n`,
        group: hasGroup ? group : `${nl(group)}${name}:x:${gid}:\n`,
        user: { name, uid: id, gid }
    };
}
/** The image's user (`name`, `uid` or `uid:gid`) as numbers, from its /etc/passwd. */
async function ownerOf(user, index, layerFiles) {
    const [u, g] = user.split(':');
    const entry = (0,oci_image/* resolvePath */.o1)(index, 'etc/passwd');
    const passwd = entry
        ? ((await (0,oci_image/* readFiles */.Ul)(layerFiles, [entry])).get(entry.path)?.toString('utf8') ?? '')
        : '';
    const row = passwd
        .split('\n')
        .map(l => l.split(':'))
        .find(r => r[0] === u || r[2] === u);
    const uid = row ? Number(row[2]) : /^\d+$/.test(u) ? Number(u) : 0;
    const gid = g && /^\d+$/.test(g) ? Number(g) : row ? Number(row[3]) : uid;
    return { name: row?.[0] ?? u, uid, gid };
}

;// CONCATENATED MODULE: ./src/package/image-layers.ts
/**
 * The layers this tool adds on top of a base image, and what they set in its config: for a
 * full build the user layer and the app layer with the seed's runtime settings; for
 * host-image one layer adding the plugins to the host's own image. Each layer is written
 * from sorted entries at a fixed time, so the same inputs give the same bytes.
 */







/** The app layer's entries: /app owned by the user, as the seed's `chown -R appuser:appuser /app`. */
async function appEntries(files, dirs, user) {
    const own = { uid: user.uid, gid: user.gid };
    const entries = dirs.map(d => ({ path: d, type: 'dir', mode: 0o755, ...own }));
    for (const f of files) {
        const size = f.data ? f.data.length : (await (0,promises_.stat)(f.from)).size;
        entries.push({
            path: f.path,
            type: 'file',
            mode: f.mode,
            ...own,
            ...(f.data ? { data: f.data } : { from: f.from, size })
        });
    }
    return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
/** The base's /etc/passwd and /etc/group with the user added, and its home directory. */
async function userLayer(on) {
    const layerFiles = on.base.layers.map(l => l.file);
    const passwdEntry = (0,oci_image/* resolvePath */.o1)(on.index, 'etc/passwd');
    const groupEntry = (0,oci_image/* resolvePath */.o1)(on.index, 'etc/group');
    const etc = await (0,oci_image/* readFiles */.Ul)(layerFiles, [passwdEntry, groupEntry]);
    const accounts = addUser(etc.get(passwdEntry.path)?.toString('utf8') ?? '', etc.get(groupEntry.path)?.toString('utf8') ?? '');
    const user = accounts.user;
    const root = { uid: 0, gid: 0 };
    const file = external_node_path_default().join(on.blobDir, 'user-layer');
    const layer = await (0,tar/* writeLayer */.By)(file, [
        {
            path: 'etc/group',
            type: 'file',
            mode: groupEntry.mode || 0o644,
            ...root,
            data: Buffer.from(accounts.group)
        },
        {
            path: 'etc/passwd',
            type: 'file',
            mode: passwdEntry.mode || 0o644,
            ...root,
            data: Buffer.from(accounts.passwd)
        },
        { path: `home/${user.name}`, type: 'dir', mode: 0o755, uid: user.uid, gid: user.gid }
    ], on.mtime);
    return { layer: { ...layer, file, what: `user ${user.name} (${user.uid}:${user.gid})` }, user };
}
/** A full build: the user layer, the app layer, and the seed's runtime settings. */
async function runtimeLayers(plan, build, on) {
    checkBase(on.base, plan, on.index);
    const { layer: users, user } = await userLayer(on);
    const script = await entrypointScript(plan);
    const plugins = [...build.plugins].sort((a, b) => (a.name < b.name ? -1 : 1));
    const files = [
        ...(build.host.prebuilt ? [] : [{ path: 'app/main', from: build.host.path, mode: 0o755 }]),
        ...(script ? [{ path: 'app/docker-entrypoint.sh', data: script, mode: 0o755 }] : []),
        ...plugins.map(p => ({ path: `app/plugins/${p.name}.so`, from: p.path, mode: 0o755 })),
        ...(plugins.length
            ? [
                {
                    path: 'app/data/config.json',
                    data: Buffer.from((0,runtime/* configExample */.dF)(plugins.map(p => p.name))),
                    mode: 0o644
                }
            ]
            : [])
    ];
    const dirs = ['app', 'app/data', 'app/data/logs', ...(plugins.length ? ['app/plugins'] : [])];
    const appFile = external_node_path_default().join(on.blobDir, 'app-layer');
    const appLayer = await (0,tar/* writeLayer */.By)(appFile, await appEntries(files, dirs, user), on.mtime);
    const baseEnv = (on.base.config.config?.Env ?? []).filter(e => !(e.split('=')[0] in runtime/* ENV_DEFAULTS */.F$));
    return {
        layers: [
            users,
            { ...appLayer, file: appFile, what: `/app (${files.map(f => `/${f.path}`).join(', ')})` }
        ],
        config: {
            User: user.name,
            Env: [...baseEnv, ...Object.entries(runtime/* ENV_DEFAULTS */.F$).map(([k, v]) => `${k}=${v}`)],
            ...(0,runtime/* startCommand */.S0)(Boolean(script)),
            WorkingDir: '/app',
            ExposedPorts: { [`${runtime/* APP_PORT */._$}/tcp`]: {} },
            Volumes: { [runtime/* APP_DIR */.wZ]: {} },
            Healthcheck: runtime/* HEALTHCHECK */.Re
        },
        user: `${user.name} (${user.uid}:${user.gid})`
    };
}
/**
 * host-image: the host's own image with one layer that adds the plugins to /app/plugins and
 * lists them in its config.json (the plugins it already listed are kept); user, entrypoint,
 * healthcheck and everything else stay as that image has them.
 */
async function pluginLayer(plugins, on) {
    const layerFiles = on.base.layers.map(l => l.file);
    const userText = on.base.config.config?.User || 'root';
    const owner = await ownerOf(userText, on.index, layerFiles);
    const cfgEntry = (0,oci_image/* resolvePath */.o1)(on.index, 'app/data/config.json');
    const old = cfgEntry ? (await (0,oci_image/* readFiles */.Ul)(layerFiles, [cfgEntry])).get(cfgEntry.path) : undefined;
    const configText = mergeConfig(old?.toString('utf8'), plugins.map(p => p.name));
    const files = [
        ...plugins.map(p => ({ path: `app/plugins/${p.name}.so`, from: p.path, mode: 0o755 })),
        { path: 'app/data/config.json', data: Buffer.from(configText), mode: 0o644 }
    ];
    const file = external_node_path_default().join(on.blobDir, 'plugin-layer');
    const layer = await (0,tar/* writeLayer */.By)(file, await appEntries(files, ['app/plugins'], owner), on.mtime);
    return {
        layers: [{ ...layer, file, what: `plugins (${files.map(f => `/${f.path}`).join(', ')})` }],
        config: {},
        user: `${owner.name} (${owner.uid}:${owner.gid})`
    };
}
/** The image's config.json with these plugins listed at /app/plugins (replacing same names). */
function mergeConfig(old, names) {
    let config = {};
    try {
        config = old ? JSON.parse(old) : {};
    }
    catch {
        config = {};
    }
    const ours = JSON.parse((0,runtime/* configExample */.dF)([...names].sort()));
    const kept = (config.plugins ?? []).filter(p => !names.includes(String(p?.name)));
    return JSON.stringify({ ...config, plugins: [...kept, ...ours.plugins] }, null, 2) + '\n';
}
/** The checkout's transports/docker-entrypoint.sh, as the seed's images copy it. */
async function entrypointScript(plan) {
    if (plan.source.kind !== 'checkout')
        return undefined;
    return (0,promises_.readFile)(external_node_path_default().join(plan.source.transportsDir, 'docker-entrypoint.sh')).catch(() => undefined);
}

;// CONCATENATED MODULE: ./src/package/image.ts
/**
 * The runtime image of the source document's Dockerfiles, assembled without a Docker daemon
 * and without RUN steps (as ko and jib do): the base image's layers as its registry serves
 * them, one layer adding the non-root `appuser` (/etc/passwd and /etc/group as the base has
 * them, plus one line each), one layer with the app (`/app/main`, the checkout's
 * `docker-entrypoint.sh`, the plugins, config.json, the data dir), and a config with the
 * user, environment defaults, exposed port, volume, healthcheck, entrypoint and command.
 * Every byte follows from the inputs and SOURCE_DATE_EPOCH: the same build gives the same
 * digest. Written as an OCI archive (`<artifact-name>.oci.tar`).
 *
 * This file pulls the base and writes the config, manifest and archive; the base's
 * requirements are in image-base.ts, the accounts in image-users.ts, our layers in
 * image-layers.ts.
 */








/** Docker's layer media types have OCI twins with the same bytes; the manifest we write is OCI. */
function ociLayer(d) {
    const mediaType = d.mediaType === registry/* MEDIA */.Rn.dockerLayerGzip
        ? registry/* MEDIA */.Rn.ociLayerGzip
        : d.mediaType === 'application/vnd.docker.image.rootfs.diff.tar'
            ? registry/* MEDIA */.Rn.ociLayer
            : d.mediaType;
    return { mediaType, digest: d.digest, size: d.size };
}
/** The base image's layers and config, pulled into blobDir; one error naming the input on failure. */
async function pullBase(input, blobDir) {
    const image = input.plan.image;
    return (0,oci_image/* pullImage */.ZP)(image.base, input.plan.target.arch, blobDir, {
        credentials: input.credentials,
        signal: input.signal
    }).catch((err) => {
        throw new errors/* BuildError */.zS(`pulling the base image ${(0,reference/* formatImageRef */.kL)(image.base)} failed: ${err.message}`, {
            input: image.baseFrom === 'default' ? 'image' : image.baseFrom,
            fix: 'check the reference and that this runner can reach the registry (image-base can name a mirror)',
            cause: err
        });
    });
}
/** The base's config with our settings, labels, layers and history on top. */
function imageConfig(plan, base, ours, created) {
    const image = plan.image;
    return {
        ...base.config,
        created,
        config: {
            ...base.config.config,
            ...ours.config,
            Labels: {
                ...base.config.config?.Labels,
                'org.opencontainers.image.version': plan.version,
                'org.opencontainers.image.base.name': (0,reference/* formatImageRef */.kL)(image.base),
                'org.opencontainers.image.base.digest': base.digest
            }
        },
        rootfs: {
            type: 'layers',
            diff_ids: [...base.config.rootfs.diff_ids, ...ours.layers.map(l => l.diffId)]
        },
        history: [
            ...(base.config.history ?? []),
            ...ours.layers.map(l => ({ created, created_by: `bifrost-build: ${l.what}` }))
        ]
    };
}
/** The OCI manifest: the config, the base's layers (as OCI types) and ours, and the base named. */
function imageManifest(plan, base, ours, config, created) {
    const image = plan.image;
    return {
        schemaVersion: 2,
        mediaType: registry/* MEDIA */.Rn.ociManifest,
        config,
        layers: [
            ...base.manifest.layers.map(ociLayer),
            ...ours.layers.map(l => ({ mediaType: registry/* MEDIA */.Rn.ociLayerGzip, digest: l.digest, size: l.size }))
        ],
        annotations: {
            'org.opencontainers.image.base.name': (0,reference/* formatImageRef */.kL)(image.base),
            'org.opencontainers.image.base.digest': base.digest,
            'org.opencontainers.image.created': created
        }
    };
}
/** Pulls the base, adds the user and app layers and the config, writes the OCI archive. */
async function assembleImage(input) {
    const { plan, build, reporter } = input;
    const image = plan.image;
    const blobDir = external_node_path_default().join(input.workDir, 'blobs');
    await (0,promises_.mkdir)(blobDir, { recursive: true });
    const base = await pullBase(input, blobDir);
    const baseName = (0,reference/* pinned */.dp)(image.base, base.digest);
    reporter.info(`base image ${(0,reference/* formatImageRef */.kL)(image.base)} is ${baseName}`);
    const index = await (0,oci_image/* indexLayers */.$p)(base.layers.map(l => l.file));
    const mtime = (await (0,package_archive/* archiveEpoch */.Cj)(input.env, (0,package_archive/* sourceDirOf */.As)(plan))).epoch;
    const plugins = [...build.plugins].sort((a, b) => (a.name < b.name ? -1 : 1));
    const on = { base, index, blobDir, mtime };
    const ours = image.baseFrom === 'host-image'
        ? await pluginLayer(plugins, on)
        : await runtimeLayers(plan, build, on);
    const created = new Date(mtime * 1000).toISOString();
    const config = imageConfig(plan, base, ours, created);
    const configBytes = Buffer.from(JSON.stringify(config));
    const configDigest = (0,registry/* sha256Digest */.sI)(configBytes);
    const configDescriptor = {
        mediaType: registry/* MEDIA */.Rn.ociConfig,
        digest: configDigest,
        size: configBytes.length
    };
    const manifestBytes = Buffer.from(JSON.stringify(imageManifest(plan, base, ours, configDescriptor, created)));
    const digest = (0,registry/* sha256Digest */.sI)(manifestBytes);
    const blobs = [
        ...base.layers.map(l => ({
            digest: l.descriptor.digest,
            size: l.descriptor.size,
            file: l.file
        })),
        ...ours.layers.map(l => ({ digest: l.digest, size: l.size, file: l.file })),
        { digest: configDigest, size: configBytes.length, data: configBytes },
        { digest, size: manifestBytes.length, data: manifestBytes }
    ];
    const archive = external_node_path_default().join(input.workDir, `${plan.artifactName}.oci.tar`);
    await (0,oci_image/* writeOciArchive */.py)(archive, {
        manifest: { digest, size: manifestBytes.length, mediaType: registry/* MEDIA */.Rn.ociManifest },
        refName: image.ref.tag ?? 'latest',
        fullName: image.name,
        blobs,
        mtime
    });
    reporter.info(`image ${image.name} assembled: ${digest} (user ${ours.user}, ${plugins.length} plugin(s), base ${baseName})`);
    return {
        name: image.name,
        archive,
        digest,
        id: configDigest,
        healthcheck: config.config?.Healthcheck?.Test,
        base: { name: (0,reference/* formatImageRef */.kL)(image.base), digest: base.digest },
        user: ours.user,
        manifestBytes,
        configBytes,
        blobs
    };
}


/***/ }),

/***/ 98536:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F$: () => (/* binding */ ENV_DEFAULTS),
/* harmony export */   Re: () => (/* binding */ HEALTHCHECK),
/* harmony export */   S0: () => (/* binding */ startCommand),
/* harmony export */   _$: () => (/* binding */ APP_PORT),
/* harmony export */   dF: () => (/* binding */ configExample),
/* harmony export */   wV: () => (/* binding */ IMAGE_PLUGIN_DIR),
/* harmony export */   wZ: () => (/* binding */ APP_DIR),
/* harmony export */   wk: () => (/* binding */ APP_USER)
/* harmony export */ });
/**
 * The runtime layout the source document's images have, shared by the image this action
 * assembles (image.ts) and the Dockerfile it writes (dockerfile.ts): where the host, the
 * plugins and the data live, the user, the environment defaults, the healthcheck and the
 * start line.
 */
const APP_DIR = '/app/data';
/** Outside the volume: a mount on /app/data/plugins (the seed's `-v`) never hides them, and a volume never keeps old ones. */
const IMAGE_PLUGIN_DIR = '/app/plugins';
const APP_USER = 'appuser';
const APP_PORT = 8080;
/** The seed's ENV defaults (ARG_APP_PORT ... ARG_APP_DIR). */
const ENV_DEFAULTS = {
    APP_PORT: String(APP_PORT),
    APP_HOST: '0.0.0.0',
    LOG_LEVEL: 'info',
    LOG_STYLE: 'json',
    APP_DIR
};
const SECOND = 1_000_000_000;
/**
 * The HEALTHCHECK, as Docker stores it in the image config. The source document's checks
 * `/metrics`, which Bifrost serves only with its telemetry (Prometheus) plugin configured: a
 * real 1.5.1 image with just the user's plugins answers 404 there. Bifrost's own Dockerfiles
 * (v1.4.19, 1.5.1, 1.7.x) check `/health`, which every host serves.
 */
const HEALTHCHECK = {
    Test: [
        'CMD-SHELL',
        'wget --no-verbose --tries=1 -O /dev/null http://127.0.0.1:${APP_PORT}/health || exit 1'
    ],
    Interval: 30 * SECOND,
    Timeout: 10 * SECOND,
    StartPeriod: 5 * SECOND,
    Retries: 3
};
/** config.json for the image: each plugin by its path in the image. */
function configExample(plugins, pluginDir = IMAGE_PLUGIN_DIR) {
    const config = {
        plugins: [...plugins].map(name => ({
            enabled: true,
            name,
            path: `${pluginDir}/${name}.so`,
            config: {}
        }))
    };
    return JSON.stringify(config, null, 2) + '\n';
}
/**
 * Entrypoint and command: the checkout's docker-entrypoint.sh (it fixes the volume's owner
 * and starts /app/main with the APP_* variables) when it has one; otherwise the same start
 * line through /bin/sh, so APP_PORT/APP_HOST/APP_DIR still apply.
 */
function startCommand(hasScript) {
    if (hasScript)
        return { Entrypoint: ['/app/docker-entrypoint.sh'], Cmd: ['/app/main'] };
    return {
        Entrypoint: [
            '/bin/sh',
            '-c',
            'exec /app/main -app-dir "$APP_DIR" -host "$APP_HOST" -port "$APP_PORT" "$@"',
            '/app/main'
        ],
        Cmd: []
    };
}


/***/ })

};
