export const id = 757;
export const ids = [757,230];
export const modules = {

/***/ 66757:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  describeHost: () => (/* binding */ describeHost),
  hostToolchainRequest: () => (/* binding */ hostToolchainRequest),
  makeHostPlan: () => (/* binding */ makeHostPlan),
  planFromHost: () => (/* binding */ planFromHost)
});

// EXTERNAL MODULE: ./src/lib/oci/reference.ts
var reference = __webpack_require__(25996);
// EXTERNAL MODULE: ./src/plan/image.ts
var plan_image = __webpack_require__(69710);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __webpack_require__(38422);
// EXTERNAL MODULE: ./src/plan/go-request.ts
var go_request = __webpack_require__(87545);
// EXTERNAL MODULE: ./src/plan/compiler.ts
var compiler = __webpack_require__(60002);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/lib/host-reference.ts
var host_reference = __webpack_require__(40449);
// EXTERNAL MODULE: ./src/util/sha256.ts
var util_sha256 = __webpack_require__(36701);
// EXTERNAL MODULE: ./src/util/temp-root.ts
var temp_root = __webpack_require__(63017);
// EXTERNAL MODULE: ./src/net/http.ts
var net_http = __webpack_require__(59663);
// EXTERNAL MODULE: ./src/lib/buildinfo.ts + 1 modules
var buildinfo = __webpack_require__(11134);
// EXTERNAL MODULE: ./src/lib/elf.ts + 1 modules
var lib_elf = __webpack_require__(2354);
// EXTERNAL MODULE: ./src/plan/verify-inputs.ts
var verify_inputs = __webpack_require__(24230);
// EXTERNAL MODULE: ./src/util/arch-level.ts
var arch_level = __webpack_require__(20189);
// EXTERNAL MODULE: ./src/lib/targets.ts
var targets = __webpack_require__(39641);
;// CONCATENATED MODULE: ./src/plan/host.ts




const CGO_FLAG_KEYS = ['CGO_CFLAGS', 'CGO_CPPFLAGS', 'CGO_CXXFLAGS', 'CGO_LDFLAGS'];
/** Build settings that change how every package compiles and that this mode does not reproduce. */
const UNSUPPORTED = ['-race', '-msan', '-asan', '-gcflags', '-asmflags', '-cover'];
function hostError(file, what, fix) {
    return new errors/* BuildError */.zS(`${file} ${what}`, { input: 'host-binary', file, fix, usage: true });
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
 * The facts a host must have to load plugins at all: dynamically linked, a released Go, a
 * supported target, cgo, a program (not a library), no build flags this mode cannot repeat,
 * and a C library a plugin can be linked against. Throws one BuildError naming what is wrong.
 */
function loadableHost(file, elf, bi) {
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
    const target = targets/* TARGETS */.dW.find(t => t.os === s.GOOS && t.arch === s.GOARCH);
    if (!target)
        throw hostError(file, `was built for ${s.GOOS}/${s.GOARCH}; plugin-only builds support ${targets/* TARGET_NAMES */.HQ.join(' and ')}`, `give a bifrost-http built for ${targets/* TARGET_LIST */.lm}`);
    if (s.CGO_ENABLED !== '1')
        throw hostError(file, `was built with CGO_ENABLED=${s.CGO_ENABLED}: such a host cannot load plugins ("plugin: not implemented")`, 'give a bifrost-http built with CGO_ENABLED=1 (mode: dynamic)');
    const buildmode = s['-buildmode'] ?? 'exe';
    if (buildmode !== 'exe' && buildmode !== 'pie')
        throw hostError(file, `was built with -buildmode=${buildmode}, not a program that loads plugins`, 'give the bifrost-http program');
    const unsupported = UNSUPPORTED.filter(k => s[k] !== undefined && s[k] !== '' && s[k] !== 'false');
    if (unsupported.length)
        throw hostError(file, `was built with ${unsupported.map(k => `${k}=${s[k]}`).join(' ')}, which plugin-only builds do not reproduce`, 'build host and plugins together (without host-binary) with the same flags');
    const libc = (0,lib_elf/* libcFamily */.jx)(elf);
    if (!libc)
        throw hostError(file, `names no C library (PT_INTERP ${elf.interp}, DT_NEEDED [${elf.needed.join(', ')}]), so the plugin's libc cannot be known`, 'give a bifrost-http linked against glibc or musl');
    return { goVersion, arch: s.GOARCH, libc };
}
/**
 * The host's -ldflags and cgo flags: recorded only without -trimpath. What is missing goes to
 * `unknown`, one line each, for the report.
 */
function linkerSettings(s, trimpath) {
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
    return { cgoFlags, ldflags, stampedVersion: stamp, unknown };
}
/**
 * Reads the plugin's settings out of the host. Throws one BuildError naming what is missing
 * for a host that cannot load plugins at all (static, no cgo, not linux/amd64 or arm64) or
 * whose build info does not say enough.
 */
function hostBuildFrom(file, elf, bi) {
    const { goVersion, arch, libc } = loadableHost(file, elf, bi);
    const s = bi.settings;
    const trimpath = s['-trimpath'] === 'true';
    const { cgoFlags, ldflags, stampedVersion: stamp, unknown } = linkerSettings(s, trimpath);
    return {
        goVersion,
        arch,
        archLevel: (0,arch_level/* archLevel */.xs)(arch, s),
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

;// CONCATENATED MODULE: ./src/plan/host-fetch.ts
/**
 * host-binary for a plugin-only build: the host as a local file (the path itself, or an https
 * download checked against host-binary-sha256), and the facts its ELF headers and Go build
 * info give. Kept apart from host-plan.ts, which turns those facts into the plan, because this
 * is the part that touches files and the network.
 */










/** The real bifrost-http is ~90 MB; a download past this is not a Bifrost host. */
const MAX_HOST_BYTES = 512 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;
/** https anywhere; plain http only to this machine (a local mirror, the tests). */
function hostUrlProblem(raw) {
    let u;
    try {
        u = new URL(raw);
    }
    catch {
        return 'is not a URL';
    }
    if (u.protocol === 'https:')
        return undefined;
    const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname);
    if (u.protocol === 'http:' && loopback)
        return undefined;
    return `uses ${u.protocol.replace(/:$/, '')}; only https URLs are fetched (plain http only from 127.0.0.1)`;
}
/** The host as a local file: the path itself, or a download checked against host-binary-sha256. */
async function fetchHost(raw, opts) {
    const from = (raw['host-binary'] ?? '').trim();
    const want = (raw['host-binary-sha256'] ?? '').trim().toLowerCase();
    if (want && !SHA256.test(want))
        throw (0,errors/* inputError */.Xu)('host-binary-sha256', `${JSON.stringify(raw['host-binary-sha256'])} is not a SHA-256 (64 hex digits)`, "give the host binary's sha256sum, e.g. from the SHA256SUMS of its release");
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(from))
        return localHost(from, want, opts.workspace);
    const bad = hostUrlProblem(from);
    if (bad)
        throw (0,errors/* inputError */.Xu)('host-binary', `${from} ${bad}`, 'give an https URL or a path');
    if (!want)
        throw (0,errors/* inputError */.Xu)('host-binary-sha256', `host-binary is a URL (${from}) but no host-binary-sha256 is set: a downloaded host must be checked before anything is built for it`, 'set host-binary-sha256 to the sha256 of that file (its release lists it in SHA256SUMS)');
    return downloadHost(from, want, opts);
}
/** host-binary as a path in the workspace, checked against host-binary-sha256 when it is set. */
async function localHost(from, want, workspace) {
    const file = external_node_path_default().resolve(workspace, from);
    const { error } = await (0,verify_inputs.checkBinaryFile)('host-binary', file);
    if (error)
        throw error;
    const sha256 = await (0,util_sha256/* sha256File */.Q)(file);
    if (want && sha256 !== want)
        throw (0,errors/* inputError */.Xu)('host-binary-sha256', `${file} has sha256 ${sha256}, not ${want}`, 'give the file whose checksum you set, or correct host-binary-sha256');
    return { file, from, sha256, size: (await (0,promises_.stat)(file)).size };
}
/** host-binary as a URL: downloaded into a temp dir the run removes, kept only if its sha256 is `want`. */
async function downloadHost(from, want, opts) {
    const root = await (0,temp_root/* ensureTempRoot */.x)(opts.env);
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(root, 'bifrost-host-'));
    const removeDir = () => (0,promises_.rm)(dir, { recursive: true, force: true });
    // The host is used until the load test; the run removes the download when it ends.
    opts.cleanup?.('host download', removeDir);
    const name = external_node_path_default().basename(new URL(from).pathname) || 'bifrost-http';
    const file = external_node_path_default().join(dir, name);
    const http = {
        signal: opts.signal,
        idleTimeoutMs: (0,net_http/* idleTimeoutMs */.Sf)(opts.env),
        maxBytes: MAX_HOST_BYTES,
        onRetry: m => opts.reporter.warning(m)
    };
    let got;
    try {
        got = await (0,net_http/* downloadFile */.PE)(from, file, http);
    }
    catch (err) {
        await removeDir();
        throw new errors/* BuildError */.zS(`downloading host-binary ${from} failed: ${err.message}`, {
            input: 'host-binary',
            fix: 'check the URL (a release asset or artifact download URL) and that this runner can reach it',
            cause: err
        });
    }
    if (got.sha256 !== want) {
        await removeDir();
        throw (0,errors/* inputError */.Xu)('host-binary-sha256', `${from} downloaded with sha256 ${got.sha256}, not ${want}; nothing was built`, 'set host-binary-sha256 to the checksum its release publishes, or fix the URL');
    }
    opts.reporter.info(`host-binary ${from} downloaded (${got.bytes} bytes, sha256 ${got.sha256})`);
    await (0,promises_.chmod)(file, 0o755);
    return { file, from, sha256: got.sha256, size: got.bytes };
}
/** Reads the host's ELF and build info: one clear error when either says it cannot load plugins. */
async function readHost(file) {
    let elf;
    try {
        elf = await (0,lib_elf/* readElf */.oU)(file);
    }
    catch (err) {
        throw new errors/* BuildError */.zS(`${file} is not a readable ELF binary: ${err instanceof lib_elf/* ElfError */.QH ? err.message : err.message}`, {
            input: 'host-binary',
            file,
            fix: 'give the bifrost-http binary built for Linux',
            usage: true
        });
    }
    let bi;
    try {
        bi = await (0,buildinfo/* readBuildInfo */.ro)(file);
    }
    catch (err) {
        const why = err instanceof buildinfo/* BuildInfoError */.Xg ? err.reason : err.message;
        throw new errors/* BuildError */.zS(`${file} carries no readable Go build info (${why}), so the Go release, target and module versions its plugins need cannot be known`, {
            input: 'host-binary',
            file,
            fix: 'give an unmodified bifrost-http built by Go 1.18 or newer (not post-processed by a tool that drops .go.buildinfo), or build host and plugins together without host-binary',
            usage: true
        });
    }
    return hostBuildFrom(file, elf, bi);
}
function prebuiltHost(h, fetched) {
    const v = hostVersionOf(h);
    return {
        kind: 'binary',
        from: fetched.from,
        file: fetched.file,
        name: external_node_path_default().basename(fetched.file),
        sha256: fetched.sha256,
        size: fetched.size,
        goVersion: h.goVersion,
        version: v.version,
        versionFrom: v.from,
        ...(h.mainModule ? { mainModule: h.mainModule.path } : {}),
        ...(h.vcsRevision ? { vcsRevision: h.vcsRevision } : {}),
        unknown: h.unknown,
        modules: h.modules
    };
}

;// CONCATENATED MODULE: ./src/plan/host-sources.ts
/**
 * The three ways a plugin-only build is given its host: host-binary (host-fetch.ts),
 * host-manifest (the manifest.json of the host's build) and host-image (a registry image).
 * Each ends as the same pair, the facts a plugin must match and the PrebuiltHost the outputs
 * record, so host-plan.ts plans alike for all three.
 */










/**
 * host-manifest: the host as the manifest.json of its build recorded it (its hostReference
 * section: ELF facts and Go build info), read through the same derivation as a binary.
 */
async function hostFromManifest(raw, opts) {
    const spec = (raw['host-manifest'] ?? '').trim();
    const m = await (0,host_reference/* loadHostManifest */.Cz)(spec, {
        workspace: opts.workspace,
        token: raw.token?.trim() || undefined,
        signal: opts.signal,
        warn: m => opts.reporter.warning(m)
    });
    const vf = (0,host_reference/* referenceHost */._8)(m.reference);
    const h = hostBuildFrom(m.source, vf.elf, vf.buildInfo);
    const ref = m.reference.host;
    const host = prebuiltHost(h, { file: m.source, from: spec, sha256: ref.sha256, size: ref.size });
    return {
        h,
        host: {
            ...host,
            kind: 'manifest',
            name: ref.name,
            unknown: [
                ...h.unknown,
                'the host binary itself is not here (host-manifest): the load test needs it and is skipped; give host-binary to run it'
            ],
            reference: m.reference
        }
    };
}
/**
 * host-image: the host is `/app/main` of a registry image (linux/<target>), pinned by the
 * digest of that platform's manifest; it is taken out of the layers into a temp file and read
 * like host-binary. The image itself becomes the base the plugins are load-tested in.
 */
async function hostFromImage(raw, opts) {
    const text = (raw['host-image'] ?? '').trim();
    const ref = (0,plan_image.parseRef)('host-image', text, 'ghcr.io/org/bifrost:1.5.1');
    const target = (raw['target'] ?? '').trim();
    const arch = (target.startsWith('linux/') ? target.slice(6) : opts.hostArch);
    const root = await (0,temp_root/* ensureTempRoot */.x)(opts.env);
    const dir = await (0,promises_.mkdtemp)(external_node_path_default().join(root, 'bifrost-host-image-'));
    // Removed when the run ends: the pulled layers and the host taken out of them.
    opts.cleanup?.('host-image', () => (0,promises_.rm)(dir, { recursive: true, force: true }));
    const { img: pulled, host: file, size } = await (0,plan_image.pullHostImage)(text, ref, arch, dir, {
        credentials: (0,plan_image.credentialsFor)(ref.registry, raw, opts.env),
        signal: opts.signal
    });
    const pinnedName = (0,reference/* pinned */.dp)(ref, pulled.digest);
    opts.reporter.info(`host-image ${text} is ${pinnedName}; host /app/main (${size} bytes)`);
    const h = await readHost(file);
    const host = prebuiltHost(h, { file, from: pinnedName, sha256: await (0,util_sha256/* sha256File */.Q)(file), size });
    return {
        h,
        host: {
            ...host,
            kind: 'image',
            name: 'bifrost-http',
            image: {
                name: (0,reference/* formatImageRef */.kL)(ref),
                ref: { ...ref, digest: pulled.digest },
                digest: pulled.digest,
                pinned: pinnedName
            }
        }
    };
}
/** The one host the inputs give (host-binary, host-manifest or host-image), read. */
async function readGivenHost(raw, opts) {
    const fromManifest = (raw['host-manifest'] ?? '').trim() !== '';
    const fromImage = (raw['host-image'] ?? '').trim() !== '';
    const given = ['host-binary', 'host-manifest', 'host-image'].filter(n => (raw[n] ?? '').trim());
    if (given.length > 1)
        throw (0,errors/* inputError */.Xu)(given[1], `${given.join(' and ')} are set`, 'give one host: host-binary (a file), host-manifest (static checks only) or host-image (a registry image)');
    if (fromManifest)
        return hostFromManifest(raw, opts);
    if (fromImage)
        return hostFromImage(raw, opts);
    const fetched = await fetchHost(raw, opts);
    const h = await readHost(fetched.file);
    return { h, host: prebuiltHost(h, fetched) };
}

// EXTERNAL MODULE: ./src/plan/paths.ts
var paths = __webpack_require__(43935);
// EXTERNAL MODULE: ./src/plan/settings.ts + 1 modules
var settings = __webpack_require__(26347);
// EXTERNAL MODULE: ./src/plan/values.ts
var values = __webpack_require__(86057);
;// CONCATENATED MODULE: ./src/plan/host-plan.ts










/**
 * An input that the host decides: ignored at its default or at the host's own value, an error
 * when set to something else (a plugin built that way would not load).
 */
function mustMatch(raw, input, hostValue, same = v => v.trim().toLowerCase() === hostValue.toLowerCase()) {
    const v = (raw[input] ?? '').trim();
    const dflt = (0,inputs/* defaults */.NT)()[input] ?? '';
    if (v === '' || v === dflt.trim() || same(v))
        return;
    throw (0,errors/* inputError */.Xu)(input, `${input} is ${JSON.stringify(v)}, but the host (host-binary) was built with ${hostValue}: a plugin built with ${JSON.stringify(v)} would not load into it`, `remove ${input}: a plugin-only build takes it from the host`);
}
/** The toolchain request for the host's exact Go release. */
function hostToolchainRequest(raw, h, opts) {
    const all = { ...(0,inputs/* defaults */.NT)(), ...raw };
    mustMatch(all, 'go-version', h.goVersion, v => v.replace(/^go/, '') === h.goVersion);
    if (all['go-version-file'].trim())
        throw (0,errors/* inputError */.Xu)('go-version-file', `go-version-file is set, but a plugin-only build uses the host's Go (${h.goVersion})`, 'remove go-version-file');
    return (0,go_request/* toolchainRequest */.RM)({ ...all, 'go-version': h.goVersion, 'go-version-file': '' }, opts);
}
/**
 * The inputs a plugin-only build takes from the user, checked against the host: it builds no
 * host, needs plugins, and every setting the host decides is left alone or set to the host's.
 */
function pluginOnlyInputs(raw, h, workspace) {
    for (const input of ['source', 'bifrost-version'])
        if (raw[input].trim())
            throw (0,errors/* inputError */.Xu)(input, `${input} is set together with host-binary: a plugin-only build builds no host`, `remove ${input} to build plugins for the given host, or remove host-binary to build both`);
    const plugins = (0,paths/* resolvePlugins */.jN)(raw['plugins'], workspace);
    if (plugins.length === 0)
        throw (0,errors/* inputError */.Xu)('plugins', 'host-binary is set but no plugins are listed: a plugin-only build needs plugins to build', 'list the plugin directories in plugins, or use verify-only to check binaries');
    const mode = (0,values/* parseEnum */.nL)('mode', raw['mode'], settings/* MODES */.FN);
    if (mode === 'static')
        throw (0,errors/* inputError */.Xu)('mode', 'mode static with host-binary: plugins load only into a dynamic host', 'remove mode (the host is dynamic)');
    mustMatch(raw, 'libc', h.libc);
    mustMatch(raw, 'target', `linux/${h.arch}`);
    mustMatch(raw, 'trimpath', String(h.trimpath));
    const tagsIn = (0,values/* parseTags */.rL)(raw['tags']);
    if (tagsIn.length && [...tagsIn].sort().join(',') !== [...h.tags].sort().join(','))
        throw (0,errors/* inputError */.Xu)('tags', `tags are ${tagsIn.join(',')}, but the host was built with [${h.tags.join(',')}]: shared packages would compile differently and the plugin would not load`, 'remove tags: a plugin-only build takes them from the host');
    return plugins;
}
/** The build's environment with the host's CPU level (GOAMD64/GOARM64), which a plugin must share. */
function hostEnv(procEnv, h) {
    const env = (0,settings/* planEnv */.V4)(procEnv, false);
    const levelIn = env[h.archLevel.name];
    if (levelIn !== undefined && levelIn !== h.archLevel.value)
        throw new errors/* BuildError */.zS(`environment variable ${h.archLevel.name}=${levelIn}, but the host was built with ${h.archLevel.name}=${h.archLevel.value}`, { fix: `unset ${h.archLevel.name}: a plugin-only build takes it from the host`, usage: true });
    env[h.archLevel.name] = h.archLevel.value;
    return env;
}
/** The plan of a plugin-only build: the plugins from the inputs, every setting from the host. */
function makeHostPlan(rawIn, h, host, opts) {
    const { raw, workspace, which } = (0,settings/* planBase */.zU)(rawIn, opts);
    const plugins = pluginOnlyInputs(raw, h, workspace);
    const env = hostEnv(opts.env, h);
    const cc = (0,compiler/* chooseCompiler */.b)(h.libc, h.arch, opts.hostArch, raw['cc'], workspace, which);
    const { version, pluginVersion } = (0,settings/* parseVersions */.JK)(raw);
    // Parsed as a full build parses it: a misspelt value is an error here too, not off.
    if ((0,values/* parseEnum */.nL)('go-work', raw['go-work'] ?? 'off', settings/* GO_WORK */.HN) === 'local')
        throw (0,errors/* inputError */.Xu)('go-work', 'go-work: local with host-binary: a plugin-only build has no host checkout to make a workspace of', 'remove go-work (the plugin is built on its own go.mod, aligned with the host), or remove host-binary');
    const source = { kind: 'host', host };
    const goEnv = { GOEXPERIMENT: h.goexperiment, ...(h.cgoFlags ?? {}) };
    return {
        workspace,
        source,
        goVersion: h.goVersion,
        mode: 'dynamic',
        libc: h.libc,
        target: { os: 'linux', arch: h.arch },
        cc,
        version,
        pluginVersion,
        tags: [...h.tags],
        trimpath: h.trimpath,
        goWork: 'off',
        ui: 'skip',
        ...(0,settings/* sharedSettings */.VA)(raw, workspace, source, plugins),
        artifactName: (0,values/* parseArtifactName */.TZ)(raw['artifact-name'], `bifrost-plugins-${pluginVersion}-linux-${h.arch}-${h.libc}-for-${host.sha256.slice(0, 12)}`),
        plugins,
        reportedEnv: env,
        goEnv,
        ...imageFor(raw, host, h)
    };
}
/**
 * host-image: the plugins are load-tested in a copy of that very image with them added,
 * tagged as `image` when it is set (a plugin image for that host), else kept for the test
 * only. Otherwise `image` builds on the default base as for a full build.
 */
function imageFor(raw, host, h) {
    const own = (0,plan_image.parseImageInputs)(raw, 'dynamic', h.libc);
    if (!host.image)
        return own ? { image: own } : {};
    if ((raw['image-base'] ?? '').trim())
        throw (0,errors/* inputError */.Xu)('image-base', 'image-base is set together with host-image: the plugins go into the host image itself', 'remove image-base');
    const base = host.image.ref;
    if (own)
        return { image: { ...own, base, baseFrom: 'host-image' } };
    const ref = {
        registry: 'localhost',
        repository: 'bifrost-build/plugin-test',
        tag: host.image.digest.slice(7, 19)
    };
    return {
        image: {
            ref,
            name: (0,reference/* formatImageRef */.kL)(ref),
            push: false,
            base,
            baseFrom: 'host-image',
            testOnly: true
        }
    };
}
/** The plan's extra lines for a plugin-only build (after describePlan's). */
function describeHost(plan) {
    if (plan.source.kind !== 'host')
        return [];
    const h = plan.source.host;
    return [
        `Host:           ${h.from} (${h.name}, sha256 ${h.sha256})`,
        `Host version:   ${h.version} (from ${h.versionFrom}), Go ${h.goVersion}`,
        `From the host:  Go ${h.goVersion}, linux/${plan.target.arch} ${Object.entries(plan.reportedEnv)
            .filter(([k]) => k === 'GOAMD64' || k === 'GOARM64')
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}, ${plan.libc} (${plan.cc.command}), trimpath ${plan.trimpath}, tags [${plan.tags.join(',')}], GOEXPERIMENT=${plan.goEnv?.GOEXPERIMENT || '(default)'}, ${h.modules.length} module(s)`,
        ...h.unknown.map(u => `Not recorded:   ${u}`)
    ];
}
/** Everything before the toolchain stage: fetch and read the host, the request for its Go, the plan. */
async function planFromHost(raw, opts) {
    const { h, host } = await readGivenHost(raw, opts);
    const request = hostToolchainRequest(raw, h, opts);
    const plan = makeHostPlan(raw, h, host, opts);
    return { plan, request };
}


/***/ }),

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


/***/ }),

/***/ 20189:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G7: () => (/* binding */ ARCH_LEVEL_DEFAULT),
/* harmony export */   SD: () => (/* binding */ ARCH_LEVEL_NAME),
/* harmony export */   xs: () => (/* binding */ archLevel)
/* harmony export */ });
/* harmony import */ var _lib_targets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39641);
/**
 * The CPU level variable of each target (GOAMD64, GOARM64) and the value go uses when it is
 * not set (rows of src/lib/targets.ts). The build pins it for host and plugins; the plan and
 * verify read a binary's build info, which omits it when it was the default.
 */

const ARCH_LEVEL_NAME = Object.fromEntries(_lib_targets_js__WEBPACK_IMPORTED_MODULE_0__/* .TARGETS */ .dW.map(t => [t.arch, t.cpuLevel.name]));
const ARCH_LEVEL_DEFAULT = Object.fromEntries(_lib_targets_js__WEBPACK_IMPORTED_MODULE_0__/* .TARGETS */ .dW.map(t => [t.cpuLevel.name, t.cpuLevel.default]));
/** The level as go builds with it: the value set (or recorded), else go's default. */
function archLevel(arch, vars) {
    const { name, default: value } = (0,_lib_targets_js__WEBPACK_IMPORTED_MODULE_0__/* .targetSpec */ .nA)(arch).cpuLevel;
    return { name, value: vars[name] ?? value };
}


/***/ })

};
