export const id = 800;
export const ids = [800];
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

/***/ 42800:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  clearPublishedOutputs: () => (/* binding */ clearPublishedOutputs),
  packageOutputs: () => (/* binding */ packageOutputs),
  removeLeftoverAssemblies: () => (/* binding */ removeLeftoverAssemblies)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/util/disk-error.ts
var disk_error = __webpack_require__(64640);
// EXTERNAL MODULE: ./src/util/sha256.ts
var util_sha256 = __webpack_require__(36701);
// EXTERNAL MODULE: ./src/package/archive.ts
var package_archive = __webpack_require__(8518);
// EXTERNAL MODULE: ./src/util/markdown.ts
var markdown = __webpack_require__(17183);
// EXTERNAL MODULE: ./src/package/runtime.ts
var package_runtime = __webpack_require__(98536);
;// CONCATENATED MODULE: ./src/package/dockerfile.ts


/** glibc each Debian release ships: a floor past bookworm's needs a newer base. */
const DEBIAN_GLIBC = [
    { image: 'debian:bookworm-slim', glibc: '2.36' },
    { image: 'debian:trixie-slim', glibc: '2.41' }
];
function versionLE(a, b) {
    const x = a.split('.').map(Number);
    const y = b.split('.').map(Number);
    for (let i = 0; i < Math.max(x.length, y.length); i++) {
        if ((x[i] ?? 0) !== (y[i] ?? 0))
            return (x[i] ?? 0) < (y[i] ?? 0);
    }
    return true;
}
function runtimeBase(input) {
    // A static host needs no libc; the shell and wget are for the entrypoint and healthcheck.
    if (input.mode === 'static' || input.libc === 'musl') {
        return {
            image: 'alpine:3.23',
            install: 'apk add --no-cache musl libgcc ca-certificates wget',
            packages: input.mode === 'static'
                ? 'nothing (static binary)'
                : 'Alpine: `apk add musl libgcc ca-certificates`'
        };
    }
    const floor = input.glibcFloor;
    const base = DEBIAN_GLIBC.find(d => !floor || versionLE(floor, d.glibc)) ??
        DEBIAN_GLIBC[DEBIAN_GLIBC.length - 1];
    return {
        image: base.image,
        install: 'apt-get update && apt-get install -y --no-install-recommends libc6 ca-certificates wget && rm -rf /var/lib/apt/lists/*',
        packages: `Debian/Ubuntu: \`apt-get install libc6 ca-certificates\` (glibc ${floor ? `>= ${floor}` : 'any'})`
    };
}
/**
 * The same image as the `image` input assembles (src/package/image.ts), for `docker build`
 * in output-dir: the seed's user, environment, volume, healthcheck and start line. The
 * plugins live in /app/plugins, outside the volume, so `-v ./plugins:/app/data/plugins`
 * hides none of them; config.json is the volume's initial content.
 */
function renderDockerfile(input) {
    const base = runtimeBase(input);
    const platform = `${input.target.os}/${input.target.arch}`;
    const alpine = base.image.startsWith('alpine');
    const start = (0,package_runtime/* startCommand */.S0)(false);
    const hc = package_runtime/* HEALTHCHECK */.Re;
    const s = (ns) => `${ns / 1e9}s`;
    const lines = [
        `# Runtime image for Bifrost ${input.version} built by bifrost-build: ${input.mode}, ${input.libc}, ${platform}.`,
        `# Build it from this directory: docker build --platform ${platform} -t bifrost:${input.version} .`,
        `# The base image's libc must match the build (${input.mode === 'static' ? 'static: none needed' : input.libc}), or the plugins will not load.`,
        `FROM ${base.image}`
    ];
    if (base.install)
        lines.push(`RUN ${base.install}`);
    lines.push('WORKDIR /app', 'COPY bifrost-http /app/main');
    if (input.plugins.length > 0)
        lines.push(`COPY plugins/ ${package_runtime/* IMAGE_PLUGIN_DIR */.wV}/`);
    lines.push(`COPY config.json ${package_runtime/* APP_DIR */.wZ}/config.json`, `ENV ${Object.entries(package_runtime/* ENV_DEFAULTS */.F$)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`, `RUN mkdir -p $APP_DIR/logs && ${alpine ? 'adduser -D -s /bin/sh' : 'useradd -m -s /bin/sh'} ${package_runtime/* APP_USER */.wk} && chown -R ${package_runtime/* APP_USER */.wk}:${package_runtime/* APP_USER */.wk} /app`, `USER ${package_runtime/* APP_USER */.wk}`, `VOLUME ["${package_runtime/* APP_DIR */.wZ}"]`, `EXPOSE ${package_runtime/* APP_PORT */._$}`, `HEALTHCHECK --interval=${s(hc.Interval)} --timeout=${s(hc.Timeout)} --start-period=${s(hc.StartPeriod)} --retries=${hc.Retries} CMD ${hc.Test[1]}`, `ENTRYPOINT ${JSON.stringify(start.Entrypoint)}`);
    return lines.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/package/shell.ts
/**
 * Command lines for BUILD.md that a person can paste into a POSIX shell and get the same
 * build: every argument quoted only when it needs it, machine-local paths made relative.
 */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** How BUILD.md and manifest.json write the output directory. */
const OUTPUT_DIR = '<output-dir>';
/** Quotes one word for a POSIX shell (single quotes; a `'` inside becomes `'\''`). */
function shellQuote(word) {
    if (word === '')
        return "''";
    if (SAFE.test(word))
        return word;
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
/**
 * Variables that only say where this machine keeps things; printing them would make the
 * command unusable elsewhere and the page different on every runner.
 */
const MACHINE_LOCAL = new Set([
    'PATH',
    'HOME',
    'GOCACHE',
    'GOMODCACHE',
    'GOPATH',
    'GOROOT',
    'TMPDIR'
]);
function isUnder(p, dir) {
    const rel = external_node_path_default().relative(dir, p);
    return rel === '' || (!rel.startsWith('..') && !external_node_path_default().isAbsolute(rel));
}
/** Rewrites every absolute path inside an argument (`-o /x/y`, `-modfile=/x/y`) for display. */
function displayArg(arg, cwd, paths) {
    return arg.replace(/(?<=^|[\s=,'"])\/[^\s'"=,]*/g, p => {
        let abs = p;
        if (isUnder(abs, paths.stagingDir))
            abs = external_node_path_default().join(paths.outputDir, external_node_path_default().relative(paths.stagingDir, abs));
        // Wherever output-dir is, the page reads the same: the archive's bytes do not depend on it.
        if (isUnder(abs, paths.outputDir))
            return external_node_path_default().posix.join(OUTPUT_DIR, external_node_path_default().relative(paths.outputDir, abs));
        if (!isUnder(abs, paths.workspace))
            return p === abs ? tempName(p) : abs;
        const rel = external_node_path_default().relative(cwd, abs) || '.';
        return rel.startsWith('.') ? rel : `./${rel}`;
    });
}
/** How BUILD.md and manifest.json write a temp directory of ours (random name, gone after the run). */
const TEMP_DIR = '<temp>';
/**
 * A path inside one of our `mkdtemp` directories (`<tmp>/bifrost-ui-AbC123/overlay.json`) as
 * `<temp>/overlay.json`: the random name would make every page, and so every archive, differ.
 */
function tempName(p) {
    return p.replace(/^(?:\/[^/]+)*\/\.?bifrost-[a-z]+(?:-[a-z]+)*-[A-Za-z0-9]{6}(?=\/|$)/, TEMP_DIR);
}
/**
 * One command as a line to run from the checkout root:
 * `(cd transports && CGO_ENABLED=1 ... go build ...)`.
 */
function commandLine(cmd, paths) {
    const cwd = external_node_path_default().resolve(paths.workspace, cmd.cwd);
    const env = Object.keys(cmd.env)
        .filter(k => !MACHINE_LOCAL.has(k))
        .sort()
        .map(k => `${k}=${shellQuote(displayArg(cmd.env[k], cwd, paths))}`);
    const argv = cmd.argv.map((a, i) => i === 0 && (a === paths.goBin || external_node_path_default().basename(a) === 'go')
        ? 'go'
        : shellQuote(displayArg(a, cwd, paths)));
    const line = [...env, ...argv].join(' ');
    const relCwd = external_node_path_default().relative(paths.workspace, cwd);
    if (relCwd === '')
        return line;
    const where = isUnder(cwd, paths.workspace) ? relCwd : tempName(cwd);
    return `(cd ${shellQuote(where)} && ${line})`;
}
/** `export NAME='value'` lines that set the Go settings for the commands in BUILD.md. */
function exportLines(settings) {
    return settings.map(s => `export ${s.name}=${shellQuote(s.value)}`);
}

;// CONCATENATED MODULE: ./src/package/buildmd.ts





function goOrigin(t) {
    switch (t.source) {
        case 'dl':
            return `official archive${t.url ? ` ${t.url}` : ''}${t.sha256 ? ` (SHA-256 ${t.sha256}, checked against the download index)` : ''}`;
        case 'goproxy':
            return `module \`golang.org/toolchain\` from GOPROXY${t.url ? ` (${t.url})` : ''}, checked against GOSUMDB`;
        case 'tool-cache':
            return 'runner tool cache (installed and checked by an earlier run)';
        case 'local':
            return 'the Go already installed on the build machine (go-download-source: local)';
    }
}
function moduleCell(m) {
    const rep = m.replace
        ? ` => ${m.replace.path}${m.replace.version ? ` ${m.replace.version}` : ''}`
        : '';
    return (0,markdown/* cell */.H)(`${m.version}${rep}`);
}
function title({ plan }, { target }) {
    return [
        plan.source.kind === 'host'
            ? `# Plugins for the Bifrost host ${plan.source.host.version} (sha256 ${plan.source.host.sha256.slice(0, 12)}): ${plan.mode} ${plan.libc} ${target}`
            : `# Bifrost ${plan.version}: ${plan.mode} ${plan.libc} ${target}`,
        '',
        `Built by bifrost-build as \`${plan.artifactName}\`. Host and plugins were built with one Go ` +
            'toolchain and one set of flags, then checked to load together. A plugin built any other ' +
            'way (another Go version, libc, flag or module version) will fail to load into this host.',
        ''
    ];
}
/** The build's settings at a glance: Go, mode, libc, target, flags, file times. */
function settingsTable(input, { target }) {
    const { plan, toolchain, build, verify } = input;
    const glibcFloor = verify.glibcFloor ?? (plan.libc === 'glibc' && plan.mode === 'dynamic' ? 'unknown' : 'n/a');
    return [
        '| | |',
        '|---|---|',
        `| Go | ${toolchain.version} |`,
        `| Go from | ${(0,markdown/* cell */.H)(goOrigin(toolchain))} |`,
        `| Mode | ${plan.mode} |`,
        `| libc | ${plan.libc} |`,
        `| Target | ${target} |`,
        `| glibc floor | ${glibcFloor} |`,
        `| C compiler | \`${(0,markdown/* cell */.H)(plan.cc.command)}\` |`,
        `| Source | ${(0,markdown/* cell */.H)(input.sourceLabel)} |`,
        `| Bifrost version | ${(0,markdown/* cell */.H)(plan.version)} |`,
        `| Plugin version | ${(0,markdown/* cell */.H)(plan.pluginVersion)} |`,
        `| UI | ${build.ui} |`,
        `| trimpath | ${plan.trimpath} |`,
        ...(plan.tags.length ? [`| Extra tags | \`${(0,markdown/* cell */.H)(plan.tags.join(','))}\` |`] : []),
        ...(plan.ldflags.length ? [`| Extra ldflags | \`${(0,markdown/* cell */.H)(plan.ldflags.join(' '))}\` |`] : []),
        `| File times | ${new Date(input.epoch.epoch * 1000).toISOString()} (${(0,markdown/* cell */.H)(input.epoch.from)}) |`,
        ''
    ];
}
/** A plugin-only build: the existing host every setting was taken from. */
function builtForHost({ plan }) {
    if (plan.source.kind !== 'host')
        return [];
    const h = plan.source.host;
    return [
        '## Built for this host',
        '',
        'Only the plugins were built here, with every setting taken from this existing host ' +
            `(${h.kind === 'binary' ? 'its Go build info and ELF headers' : 'the manifest.json of its build'}); ` +
            'they load into this exact file and are checked against it:',
        '',
        '| | |',
        '|---|---|',
        `| Host | \`${(0,markdown/* cell */.H)(h.name)}\` from ${(0,markdown/* cell */.H)(h.from)} |`,
        `| Host sha256 | \`${h.sha256}\` |`,
        `| Host version | ${(0,markdown/* cell */.H)(h.version)} (${(0,markdown/* cell */.H)(h.versionFrom)}) |`,
        `| Host Go | ${h.goVersion} |`,
        ...(h.mainModule ? [`| Host main module | \`${(0,markdown/* cell */.H)(h.mainModule)}\` |`] : []),
        ...(h.vcsRevision ? [`| Host revision | \`${(0,markdown/* cell */.H)(h.vcsRevision)}\` |`] : []),
        '',
        ...(h.unknown.length
            ? [
                'Not recorded in the host, so not reproduced (reported, not guessed):',
                '',
                ...h.unknown.map(u => `- ${u}`),
                ''
            ]
            : [])
    ];
}
function filesSection(input) {
    const rows = input.files
        .filter(f => f.kind !== 'doc')
        .map(f => {
        const link = f.linkage ? `${f.linkage}${f.libc ? ` (${f.libc})` : ''}` : '';
        return `| \`${f.name}\` | ${f.size} | \`${f.sha256}\` | ${link} |`;
    });
    return [
        '## Files',
        '',
        '| file | size | sha256 | linkage |',
        '|---|---:|---|---|',
        ...rows,
        '',
        'Check them with `sha256sum -c SHA256SUMS` in the extracted archive (or in output-dir); ' +
            'the downloaded artifact verifies with `sha256sum -c <artifact-name>.SHA256SUMS`.',
        ''
    ];
}
/** The Go settings that mattered and the commands, to repeat from the workspace root. */
function howBuilt(input) {
    const { plan, toolchain } = input;
    const settings = plan.goSettings ?? [];
    return [
        '## How it was built',
        '',
        ...(settings.length
            ? [
                'Go settings that changed the build (as `go env -json` read them: the environment, or the GOENV file that `go env -w` writes); the commands below need them too:',
                '',
                '| setting | value | from |',
                '|---|---|---|',
                ...settings.map(s => `| ${s.name} | \`${(0,markdown/* cell */.H)(s.value)}\` | ${(0,markdown/* cell */.H)(s.from)} |`),
                ''
            ]
            : []),
        `Run these from the workspace root (paths are relative to it; \`<output-dir>\` is the output-dir input, e.g. \`bifrost-dist\`), with Go ${toolchain.version} first on PATH ` +
            `(\`go version\` prints \`go${toolchain.version}\`) and \`GOTOOLCHAIN=local\` so Go is never switched:`,
        '',
        '```sh',
        ...exportLines(settings),
        ...input.commands.map(c => c.shell),
        '```',
        ''
    ];
}
/** What the commands alone do not show: the go.work used, and how the UI reached the build. */
function buildNotes({ build }) {
    const out = [];
    if (build.goWork)
        out.push(`go-work: local: every go command ran in one Go workspace, GOWORK pointing at this go.work (${build.goWork.from === 'checkout' ? "the checkout's go.work with the plugins added" : 'made over every go.mod module of the checkout plus the plugins'}; written outside the checkout, save it as go.work to repeat the commands):`, '', '```', build.goWork.text.trimEnd(), '```', '');
    if (build.ui === 'placeholder')
        out.push('The UI was a placeholder page (no built `ui/` was present); the API is unaffected.', '');
    if (build.ui === 'built' || build.ui === 'placeholder')
        out.push('The UI reached `go build` through `-overlay` (a temp map onto `transports/bifrost-http/ui`, so the checkout was not written to): to repeat the host command, put the site in that directory and drop `-overlay`.', '');
    return out;
}
/** Per plugin, the modules it shares with the host and their exact versions. */
function sharedModules({ build }) {
    const shared = Object.keys(build.sharedModules).sort();
    const out = [
        '## Module versions shared with plugins',
        '',
        'Every module a plugin shares with the host must be at exactly these versions ' +
            "(pin them in the plugin's go.mod), or the loader refuses the plugin with " +
            '"plugin was built with a different version of package".',
        ''
    ];
    if (shared.length === 0)
        return [...out, 'No plugins were built.', ''];
    for (const name of shared) {
        const mods = build.sharedModules[name];
        out.push(`### ${name}`, '');
        if (mods.length === 0) {
            out.push('Shares no modules with the host (only the standard library).', '');
            continue;
        }
        out.push('| module | version |', '|---|---|');
        for (const m of mods)
            out.push(`| \`${(0,markdown/* cell */.H)(m.path)}\` | ${moduleCell(m)} |`);
        out.push('');
    }
    return out;
}
function outsideModules({ build }) {
    if (!build.outsideReplaces?.length)
        return [];
    return [
        '## Modules from outside the workspace',
        '',
        'These modules were replaced (`replace` in a go.mod or go.work) by directories outside the workspace: their files were built in but are not part of the checkout, so repeating the commands above needs the same directories at the same paths:',
        '',
        '| module | directory | used by |',
        '|---|---|---|',
        ...build.outsideReplaces.map(o => `| \`${(0,markdown/* cell */.H)(o.module)}\` | \`${(0,markdown/* cell */.H)(o.dir)}\` | ${(0,markdown/* cell */.H)(o.usedBy.join(', '))} |`),
        ''
    ];
}
function alignedModules({ build }) {
    if (!build.skew.length)
        return [];
    return [
        'Aligned to the host (align-modules):',
        '',
        ...build.skew.map(s => `- ${s.plugin}: \`${s.module}\` ${s.pluginVersion} -> ${s.hostVersion}`),
        ''
    ];
}
function verification({ verify }) {
    return [
        '## Verification',
        '',
        '| check | file | result | detail |',
        '|---|---|---|---|',
        ...verify.checks.map(c => `| ${(0,markdown/* cell */.H)(c.id)} | ${(0,markdown/* cell */.H)(c.subject)} | ${c.status} | ${(0,markdown/* cell */.H)((0,errors/* withFix */.Yt)(c))} |`),
        ...(verify.checks.length === 0 ? ['| (none: verify off) | | skip | |'] : []),
        ''
    ];
}
/** What the machine needs, and the commands that run the host with the plugins. */
function howToRun({ plan }, { runtime, pluginNames }) {
    const out = ['## How to run it', ''];
    if (plan.mode === 'static') {
        out.push('A static binary: it runs on any Linux of the same architecture and cannot load plugins.', '');
    }
    else {
        out.push(`This is a dynamic ${plan.libc} build: the machine or image that runs it needs ${runtime.packages}` +
            (plan.libc === 'musl'
                ? ' (Alpine, or another musl distribution; it will not run on Debian/Ubuntu).'
                : ' (it will not run on Alpine).'), '');
    }
    out.push('```sh', 'mkdir -p data/plugins');
    if (pluginNames.length)
        out.push('cp plugins/*.so data/plugins/');
    out.push('cp config.json data/  # then edit each plugin path to where it is on this machine');
    out.push('./bifrost-http -app-dir ./data -host 0.0.0.0 -port 8080', '```', '');
    if (pluginNames.length)
        out.push('Bifrost reads `<app-dir>/config.json`; each plugin is listed by absolute path ' +
            '(this is the `config.json` beside this file, for the container image):', '', '```json', (0,package_runtime/* configExample */.dF)(pluginNames).trimEnd(), '```', '', 'The log then says `plugin status: <name> - active` for each plugin. ' +
            '`failed to load plugin` means the plugin was not built like these files.', '');
    return out;
}
/** The image this build made, or how to build one from the Dockerfile; the mount note. */
function container(input, { target, runtime, pluginNames }) {
    const { plan } = input;
    const image = input.image
        ? imageSection(input, pluginNames)
        : [
            `In a container: the \`Dockerfile\` beside this file starts from \`${runtime.image}\`, copies the ` +
                'host to `/app/main`' +
                (pluginNames.length ? ` and the plugins to \`${package_runtime/* IMAGE_PLUGIN_DIR */.wV}/\`` : '') +
                `, and runs as \`${package_runtime/* APP_USER */.wk}\` with \`${package_runtime/* APP_DIR */.wZ}\` as its volume:`,
            '',
            '```sh',
            `docker build --platform ${target} -t bifrost:${plan.version} .`,
            `docker run -p 8080:8080 -v ./plugins:${package_runtime/* APP_DIR */.wZ}/plugins bifrost:${plan.version}`,
            '```',
            ''
        ];
    return [...image, ...(pluginNames.length ? mountNote() : [])];
}
/** The page, section by section, in this order. */
const SECTIONS = [
    title,
    settingsTable,
    builtForHost,
    filesSection,
    howBuilt,
    buildNotes,
    sharedModules,
    outsideModules,
    alignedModules,
    verification,
    howToRun,
    container
];
function renderBuildMd(input) {
    const { plan, build, verify } = input;
    const page = {
        target: `${plan.target.os}/${plan.target.arch}`,
        runtime: runtimeBase({ mode: plan.mode, libc: plan.libc, glibcFloor: verify.glibcFloor }),
        pluginNames: build.plugins.map(f => f.name).sort()
    };
    return SECTIONS.flatMap(section => section(input, page)).join('\n') + '\n';
}
/** The image this build made (input `image`): its reference pinned by digest, and how to run it. */
function imageSection(input, plugins) {
    const img = input.image;
    const ref = `${img.name.replace(/:[^:/]+$/, '')}@${img.digest}`;
    return [
        '## Container image',
        '',
        '| | |',
        '|---|---|',
        `| Image | \`${(0,markdown/* cell */.H)(img.name)}\` |`,
        `| Digest | \`${img.digest}\` |`,
        `| Base | \`${(0,markdown/* cell */.H)(img.base.name)}@${img.base.digest}\` |`,
        `| User | ${(0,markdown/* cell */.H)(img.user)} |`,
        `| Host | \`/app/main\` |`,
        `| Plugins | ${plugins.length ? plugins.map(n => `\`${package_runtime/* IMAGE_PLUGIN_DIR */.wV}/${n}.so\``).join(', ') : '(none)'} |`,
        `| config.json | \`${package_runtime/* APP_DIR */.wZ}/config.json\` (in the volume \`${package_runtime/* APP_DIR */.wZ}\`) |`,
        `| Load test in a container | ${img.loadTest ? `${img.loadTest.status}: ${(0,markdown/* cell */.H)(img.loadTest.message)}` : 'not run (verify is not full)'} |`,
        '',
        'Pull it by digest (the tag can move, the digest cannot) and run it as the source document does:',
        '',
        '```sh',
        `docker run -p 8080:8080 -v ./plugins:${package_runtime/* APP_DIR */.wZ}/plugins ${ref}`,
        '```',
        ''
    ];
}
/** What the source document's plugin mount hides, and what the volume keeps. */
function mountNote() {
    return [
        `The plugins built here are in \`${package_runtime/* IMAGE_PLUGIN_DIR */.wV}/\`, outside the volume, so ` +
            `\`-v ./plugins:${package_runtime/* APP_DIR */.wZ}/plugins\` hides none of them: it hides only what the volume ` +
            `itself holds in \`${package_runtime/* APP_DIR */.wZ}/plugins\` (empty in the image). Put further plugins there and ` +
            `list them in config.json as \`${package_runtime/* APP_DIR */.wZ}/plugins/<name>.so\`. The image's ` +
            `\`config.json\` is the initial content of the volume \`${package_runtime/* APP_DIR */.wZ}\`: a new volume ` +
            '(the anonymous one of the command above, or a new named one) gets it; a volume that ' +
            `already exists keeps its own, and a bind mount on \`${package_runtime/* APP_DIR */.wZ}\` hides it. Then write ` +
            `your own \`config.json\` there, listing \`${package_runtime/* IMAGE_PLUGIN_DIR */.wV}/<name>.so\`.`,
        ''
    ];
}

// EXTERNAL MODULE: ./src/lib/host-reference.ts
var host_reference = __webpack_require__(40449);
;// CONCATENATED MODULE: ./src/package/describe.ts
/**
 * How BUILD.md and manifest.json name the run: the commands as a user repeats them, paths
 * relative to the workspace, the source in words, and the host's reference facts. Kept apart
 * from the steps that write files, so the wording has one home.
 */



function workspaceRel(plan, p) {
    const rel = external_node_path_default().relative(plan.workspace, p);
    // One of our temp dirs is written as `<temp>`, so the page does not change from run to run.
    return rel.startsWith('..') && tempName(p) !== p ? tempName(p) : rel || '.';
}
/**
 * Preparation (module download, alignment, UI) as recorded, then the builds in plan order:
 * concurrent builds finish in any order, and BUILD.md must not change with it.
 */
function describeCommands(input, outputDir) {
    const { plan, build, toolchain } = input;
    const display = {
        workspace: plan.workspace,
        stagingDir: build.stagingDir,
        outputDir,
        goBin: toolchain.goBin
    };
    const describe = (c, file) => {
        const cwd = external_node_path_default().resolve(plan.workspace, c.cwd);
        return {
            ...(file ? { file } : {}),
            cwd: workspaceRel(plan, cwd),
            env: Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, displayArg(v, cwd, display)])),
            argv: c.argv.map((a, i) => i === 0 && a === toolchain.goBin ? 'go' : displayArg(a, cwd, display)),
            shell: commandLine(c, display)
        };
    };
    const built = build.host.prebuilt ? build.plugins : [build.host, ...build.plugins];
    return [
        ...build.preparation.map(c => describe(c)),
        ...built.map(f => describe(f.command, f.file))
    ];
}
function sourceLabel(plan) {
    if (plan.source.kind === 'checkout')
        return `checkout \`${workspaceRel(plan, plan.source.dir)}\``;
    if (plan.source.kind === 'module')
        return `released transports module ${plan.source.version}`;
    const h = plan.source.host;
    return `plugins only, for the existing host \`${h.name}\` (sha256 \`${h.sha256}\`)${h.image ? ` from the image \`${h.image.pinned}\`` : ''}`;
}
/** The host's facts for checking plugins without it; none in a plugin-only build. */
function hostReferenceOf(input, files) {
    const { plan, verify } = input;
    const hostFile = files.find(f => f.kind === 'host');
    if (!hostFile)
        return undefined;
    if (!verify.hostFacts) {
        input.reporter.warning(`manifest.json has no hostReference (plugins cannot be verified against it): ${verify.hostFactsError ?? 'the host was not read'}`);
        return undefined;
    }
    return (0,host_reference/* makeHostReference */.qZ)(verify.hostFacts, {
        name: hostFile.name,
        sha256: hostFile.sha256,
        mode: plan.mode,
        libc: plan.libc,
        target: `${plan.target.os}/${plan.target.arch}`
    });
}

;// CONCATENATED MODULE: ./src/package/manifest.ts
/**
 * manifest.json: everything BUILD.md says, machine-readable. Its shape is
 * schema/manifest.schema.json (checked by a test); bump `schemaVersion` on any breaking change.
 */

function builtFor(plan) {
    if (plan.source.kind !== 'host')
        return undefined;
    const h = plan.source.host;
    return {
        kind: h.kind,
        from: h.from,
        name: h.name,
        sha256: h.sha256,
        size: h.size,
        version: h.version,
        versionFrom: h.versionFrom,
        goVersion: h.goVersion,
        ...(h.mainModule ? { mainModule: h.mainModule } : {}),
        ...(h.vcsRevision ? { vcsRevision: h.vcsRevision } : {}),
        notRecorded: [...h.unknown],
        ...(h.image ? { image: h.image.pinned } : {})
    };
}
function octalMode(mode) {
    return '0' + (mode & 0o777).toString(8).padStart(3, '0');
}
function fileFactsFields(f) {
    if (!f)
        return {};
    const out = { linkage: f.linkage, needed: [...f.needed] };
    if (f.libc)
        out.libc = f.libc;
    if (f.glibcFloor)
        out.glibcFloor = f.glibcFloor;
    if (f.interp)
        out.interp = f.interp;
    return out;
}
/** Key/value pairs with a stable order, so the same inputs give the same text. */
function sortedRecord(r) {
    return Object.fromEntries(Object.keys(r)
        .sort()
        .map(k => [k, r[k]]));
}
/** What the manifest says of the plan: the inputs that decided the build. */
function planEntry(plan, build, workspaceRel) {
    return {
        mode: plan.mode,
        libc: plan.libc,
        target: `${plan.target.os}/${plan.target.arch}`,
        source: plan.source.kind === 'checkout'
            ? { kind: 'checkout', dir: workspaceRel(plan.source.dir) }
            : plan.source.kind === 'module'
                ? { kind: 'module', version: plan.source.version }
                : { kind: 'host', sha256: plan.source.host.sha256, version: plan.source.host.version },
        plugins: plan.plugins.map(p => ({ name: p.name, dir: p.relDir })),
        tags: [...plan.tags],
        ldflags: [...plan.ldflags],
        trimpath: plan.trimpath,
        alignModules: plan.alignModules,
        ui: plan.ui,
        uiUsed: build.ui,
        verify: plan.verify,
        cc: plan.cc.command,
        ...(plan.goSettings?.length ? { goSettings: plan.goSettings.map(g => ({ ...g })) } : {})
    };
}
/** The host's modules, those each plugin shares with it, the aligned ones, those outside. */
function modulesEntry(build) {
    return {
        host: build.hostModules,
        shared: sortedRecord(build.sharedModules),
        skew: build.skew,
        ...(build.outsideReplaces?.length
            ? {
                outsideWorkspace: build.outsideReplaces.map(o => ({
                    module: o.module,
                    dir: o.dir,
                    usedBy: [...o.usedBy]
                }))
            }
            : {})
    };
}
function makeManifest(input) {
    const { plan, toolchain, build, verify } = input;
    const m = {
        schemaVersion: 1,
        generator: 'bifrost-build',
        artifactName: plan.artifactName,
        version: plan.version,
        pluginVersion: plan.pluginVersion,
        sourceDateEpoch: input.epoch.epoch,
        sourceDateEpochFrom: input.epoch.from,
        plan: planEntry(plan, build, input.workspaceRel),
        toolchain: { goVersion: toolchain.version, source: toolchain.source },
        files: input.files,
        archive: input.archive,
        commands: input.commands.map(c => ({ ...c, env: sortedRecord(c.env) })),
        modules: modulesEntry(build),
        verify: {
            ok: verify.ok,
            checks: verify.checks.map(c => ({
                id: c.id,
                subject: c.subject,
                status: c.status,
                message: (0,errors/* withFix */.Yt)(c)
            }))
        },
        timings: input.timings.map(t => ({ stage: t.stage, ms: t.ms, status: t.status ?? 'ok' }))
    };
    const forHost = builtFor(plan);
    if (forHost)
        m.builtFor = forHost;
    if (toolchain.url)
        m.toolchain.url = toolchain.url;
    if (toolchain.sha256)
        m.toolchain.sha256 = toolchain.sha256;
    if (verify.glibcFloor)
        m.glibcFloor = verify.glibcFloor;
    if (verify.loadTest)
        m.verify.loadTest = { status: verify.loadTest.status, message: verify.loadTest.message };
    if (input.hostReference)
        m.hostReference = input.hostReference;
    if (input.imageEntry)
        m.image = input.imageEntry;
    return m;
}

// EXTERNAL MODULE: ./src/bifrost.ts
var bifrost = __webpack_require__(83438);
;// CONCATENATED MODULE: ./src/package/output-files.ts


const CHECKSUMS = 'SHA256SUMS';
const MANIFEST = 'manifest.json';
/** The documents beside the binaries, in the order they are written. */
const DOC_FILES = [
    { name: 'BUILD.md', resultKey: 'buildMd', pluginOnly: true, render: d => d.buildMd },
    {
        name: 'Dockerfile',
        resultKey: 'dockerfile',
        pluginOnly: false,
        render: d => renderDockerfile({
            mode: d.plan.mode,
            libc: d.plan.libc,
            target: d.plan.target,
            plugins: d.pluginNames,
            glibcFloor: d.verify.glibcFloor,
            version: d.plan.version
        })
    },
    { name: 'config.json', pluginOnly: true, render: d => (0,package_runtime/* configExample */.dF)(d.pluginNames) }
];
/** The documents a build writes: a plugin-only build (prebuilt host) leaves some out. */
function docFilesFor(build) {
    return DOC_FILES.filter(f => f.pluginOnly || !build.host.prebuilt);
}
/**
 * The files uploaded beside the archive, named after the artifact so that downloading every
 * matrix cell into one folder (`merge-multiple: true`) overwrites nothing, and listed in a
 * checksum file that verifies in that folder: `sha256sum -c <artifact>.SHA256SUMS`.
 */
function cellFiles(artifactName) {
    return {
        archive: `${artifactName}.tar.gz`,
        manifest: `${artifactName}.manifest.json`,
        checksums: `${artifactName}.SHA256SUMS`,
        image: `${artifactName}.oci.tar`
    };
}
const output_files_escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The names this tool writes into output-dir (besides the archive, the manifest and SHA256SUMS). */
const OWN_FILE = new RegExp(`^(?:${[bifrost/* HOST_FILE */.w, ...DOC_FILES.map(f => f.name)].map(output_files_escape).join('|')}|plugins/[A-Za-z0-9._-]+\\.so)$`);

;// CONCATENATED MODULE: ./src/package/assemble.ts
/**
 * The steps that write the outputs into the assembly directory (inside output-dir, not yet in
 * place): the binaries moved from staging, the documents, SHA256SUMS and the archive, the
 * image archive, and the manifests. Each returns what the manifest and the result say of it;
 * nothing here touches output-dir itself (place.ts moves everything there at the end).
 */








/** Moves a file (rename; a copy when the staging dir is on another filesystem). */
async function moveFile(from, to) {
    try {
        await (0,promises_.rename)(from, to);
    }
    catch (err) {
        if (err.code !== 'EXDEV')
            throw err;
        await (0,promises_.copyFile)(from, to);
        await (0,promises_.rm)(from, { force: true });
    }
}
/**
 * Moves the built binaries into the content tree, each under the name build gave it. A
 * plugin-only build packages the plugins alone; the manifest names the host (builtFor).
 */
async function stageBinaries(at, build, verify) {
    await (0,promises_.mkdir)(external_node_path_default().join(at.content, 'plugins'), { recursive: true });
    await (0,promises_.chmod)(at.content, 0o755);
    await (0,promises_.chmod)(external_node_path_default().join(at.content, 'plugins'), 0o755);
    const built = [
        ...(build.host.prebuilt ? [] : [build.host]),
        ...[...build.plugins].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    ];
    const binaries = [];
    for (const f of built) {
        binaries.push({
            file: f.file,
            kind: f.kind,
            facts: verify.files.find(v => v.path === external_node_path_default().resolve(f.path))
        });
        await moveFile(f.path, external_node_path_default().join(at.content, f.file));
    }
    if (build.plugins.length === 0)
        await (0,promises_.rm)(external_node_path_default().join(at.content, 'plugins'), { recursive: true });
    for (const b of binaries)
        await (0,promises_.chmod)(external_node_path_default().join(at.content, b.file), 0o755);
    return binaries;
}
/** Size, SHA-256, mode and verify's facts of each binary, as the manifest lists them. */
async function describeFiles(at, binaries) {
    const files = [];
    for (const b of binaries) {
        const full = external_node_path_default().join(at.content, b.file);
        const st = await (0,promises_.stat)(full);
        files.push({
            name: b.file,
            kind: b.kind,
            size: st.size,
            sha256: await (0,util_sha256/* sha256File */.Q)(full),
            mode: octalMode(st.mode),
            ...fileFactsFields(b.facts)
        });
    }
    return files;
}
/** BUILD.md, the Dockerfile (not for a plugin-only build) and config.json, beside the binaries. */
async function writeDocs(at, input, binaries, commands, epoch) {
    const { plan, build, verify } = input;
    const buildMd = renderBuildMd({
        plan,
        toolchain: input.toolchain,
        build,
        verify,
        files: binaries,
        commands,
        epoch,
        sourceLabel: sourceLabel(plan),
        image: plan.image?.testOnly ? undefined : input.image
    });
    const doc = { plan, build, verify, pluginNames: build.plugins.map(p => p.name).sort(), buildMd };
    const files = [];
    for (const { name, render } of docFilesFor(build)) {
        const text = render(doc);
        const full = external_node_path_default().join(at.content, name);
        await (0,promises_.writeFile)(full, text, { mode: 0o644 });
        await (0,promises_.chmod)(full, 0o644);
        files.push({
            name,
            kind: 'doc',
            size: Buffer.byteLength(text),
            sha256: await (0,util_sha256/* sha256File */.Q)(full),
            mode: '0644'
        });
    }
    return files;
}
/**
 * SHA256SUMS of the tree, inside the archive too (`sha256sum -c SHA256SUMS` passes in
 * output-dir and in the extracted archive alike), then the archive of the whole tree.
 */
async function writeArchive(at, plan, files, epoch) {
    await (0,promises_.writeFile)(external_node_path_default().join(at.content, CHECKSUMS), (0,package_archive/* sha256sumsText */.VQ)(files), { mode: 0o644 });
    await (0,promises_.chmod)(external_node_path_default().join(at.content, CHECKSUMS), 0o644);
    const name = cellFiles(plan.artifactName).archive;
    const file = external_node_path_default().join(at.tmp, name);
    await (0,package_archive/* createArchive */.tU)({
        file,
        cwd: at.content,
        entries: await (0,package_archive/* listTree */.nT)(at.content),
        prefix: plan.artifactName,
        epoch
    });
    return { name, size: (await (0,promises_.stat)(file)).size, sha256: await (0,util_sha256/* sha256File */.Q)(file) };
}
/** The image's OCI archive, moved from staging beside the other outputs; what the manifest says of it. */
async function stageImage(at, input) {
    const { image, plan } = input;
    if (!image || plan.image?.testOnly)
        return undefined;
    const name = cellFiles(plan.artifactName).image;
    const file = external_node_path_default().join(at.tmp, name);
    await moveFile(image.archive, file);
    await (0,promises_.chmod)(file, 0o644);
    return {
        name: image.name,
        digest: image.digest,
        base: image.base,
        user: image.user,
        archive: { name, size: (await (0,promises_.stat)(file)).size, sha256: await (0,util_sha256/* sha256File */.Q)(file) },
        push: Boolean(plan.image?.push),
        ...(image.loadTest ? { loadTest: image.loadTest } : {})
    };
}
/**
 * manifest.json, its per-cell copy, and the per-cell checksums, which list only what is
 * uploaded so they verify in the downloaded artifact.
 */
async function writeManifests(at, input, o) {
    const { plan } = input;
    const hostReference = hostReferenceOf(input, o.files);
    const manifest = makeManifest({
        plan,
        toolchain: input.toolchain,
        build: input.build,
        verify: input.verify,
        timings: input.timings,
        files: o.files,
        archive: o.archive,
        commands: o.commands,
        epoch: o.epoch,
        workspaceRel: p => workspaceRel(plan, p),
        hostReference,
        imageEntry: o.image
    });
    const text = JSON.stringify(manifest, null, 2) + '\n';
    const cell = cellFiles(plan.artifactName);
    await (0,promises_.writeFile)(external_node_path_default().join(at.tmp, MANIFEST), text, { mode: 0o644 });
    const sha256 = await (0,util_sha256/* sha256File */.Q)(external_node_path_default().join(at.tmp, MANIFEST));
    await (0,promises_.writeFile)(external_node_path_default().join(at.tmp, cell.manifest), text, { mode: 0o644 });
    const cellSums = (0,package_archive/* sha256sumsText */.VQ)([o.archive, { name: cell.manifest, sha256 }]);
    await (0,promises_.writeFile)(external_node_path_default().join(at.tmp, cell.checksums), cellSums, { mode: 0o644 });
    return { text, sha256 };
}

// EXTERNAL MODULE: ./src/util/human-size.ts
var human_size = __webpack_require__(78887);
;// CONCATENATED MODULE: ./src/package/place.ts
/**
 * The end of packaging: the assembled files renamed into output-dir in an order that never
 * leaves an archive or checksums for something incomplete, and the PackageResult that says
 * where each file went.
 */




/** Into place: the files, then the manifests, then the archive, and the checksums last. */
async function placeOutputs(at, plan, build, files, image) {
    const cell = cellFiles(plan.artifactName);
    const out = (name) => external_node_path_default().join(at.outputDir, name);
    if (build.plugins.length)
        await (0,promises_.mkdir)(out('plugins'), { recursive: true });
    for (const f of files)
        await (0,promises_.rename)(external_node_path_default().join(at.content, f.name), out(f.name));
    await (0,promises_.rename)(external_node_path_default().join(at.tmp, MANIFEST), out(MANIFEST));
    await (0,promises_.rename)(external_node_path_default().join(at.tmp, cell.manifest), out(cell.manifest));
    await (0,promises_.rename)(external_node_path_default().join(at.tmp, cell.archive), out(cell.archive));
    if (image)
        await (0,promises_.rename)(external_node_path_default().join(at.tmp, cell.image), out(cell.image));
    await (0,promises_.rename)(external_node_path_default().join(at.content, CHECKSUMS), out(CHECKSUMS));
    await (0,promises_.rename)(external_node_path_default().join(at.tmp, cell.checksums), out(cell.checksums));
}
/** Where each document with a result field went ('' when this build did not write it). */
function docPaths(outputDir, build) {
    const written = docFilesFor(build);
    const out = { buildMd: '', dockerfile: '' };
    for (const f of DOC_FILES)
        if (f.resultKey)
            out[f.resultKey] = written.includes(f) ? external_node_path_default().join(outputDir, f.name) : '';
    return out;
}
/** Every packaged file with its path in output-dir: the binaries and documents, manifest, archive. */
function packagedFiles(outputDir, o) {
    return [
        ...o.files.map(f => {
            const facts = o.binaries.find(b => b.file === f.name)?.facts;
            return {
                name: f.name,
                kind: f.kind,
                path: external_node_path_default().join(outputDir, f.name),
                size: f.size,
                sha256: f.sha256,
                mode: parseInt(f.mode, 8),
                ...(facts ? { facts } : {})
            };
        }),
        {
            name: MANIFEST,
            kind: 'manifest',
            path: external_node_path_default().join(outputDir, MANIFEST),
            size: Buffer.byteLength(o.manifest.text),
            sha256: o.manifest.sha256,
            mode: 0o644
        },
        {
            name: o.archive.name,
            kind: 'archive',
            path: external_node_path_default().join(outputDir, o.archive.name),
            size: o.archive.size,
            sha256: o.archive.sha256,
            mode: 0o644
        }
    ];
}
/** The stage's result, and the two log lines that say what was packaged. */
function packageResult(at, input, o) {
    const { outputDir } = at;
    const { plan, build } = input;
    const cell = cellFiles(plan.artifactName);
    const packaged = packagedFiles(outputDir, o);
    input.reporter.info(`packaged ${o.files.length} files into ${outputDir}; ${o.archive.name} ${(0,human_size/* humanSize */.X)(o.archive.size)} sha256 ${o.archive.sha256}`);
    input.reporter.info(`file times fixed at ${new Date(o.epoch.epoch * 1000).toISOString()} (${o.epoch.from})`);
    return {
        outputDir,
        files: packaged,
        archive: external_node_path_default().join(outputDir, o.archive.name),
        // The uploaded pair (per matrix cell); output-dir also keeps SHA256SUMS and manifest.json.
        checksums: external_node_path_default().join(outputDir, cell.checksums),
        manifest: external_node_path_default().join(outputDir, cell.manifest),
        ...docPaths(outputDir, build),
        ...(o.image ? { imageArchive: external_node_path_default().join(outputDir, o.image.archive.name) } : {})
    };
}

;// CONCATENATED MODULE: ./src/package/index.ts
/**
 * Stage 6, the entries the pipeline calls: clearing what an earlier run published and what a
 * killed run left (both under output-dir's lock), then packageOutputs, which moves the verified
 * files into output-dir with BUILD.md, manifest.json, Dockerfile, config.json, the reproducible
 * `<artifact-name>.tar.gz` and SHA256SUMS.
 *
 * Everything is assembled in a temporary directory inside output-dir (same filesystem, so
 * the final renames are atomic) and moved into place at the end, archive and SHA256SUMS
 * last: output-dir never holds an archive or checksums for something that did not pass.
 * The steps are in assemble.ts (writing), describe.ts (wording) and place.ts (moving).
 */










const OWN_ARCHIVE = /^[^/\\.][^/\\]*\.tar\.gz$/;
const OWN_IMAGE = /^[^/\\.][^/\\]*\.oci\.tar$/;
/** A regular file reached without any symlink below `dir`, or undefined. */
async function ownRegularFile(dir, name) {
    let at = dir;
    for (const part of name.split('/')) {
        at = external_node_path_default().join(at, part);
        const st = await (0,promises_.lstat)(at).catch(() => undefined);
        if (!st || st.isSymbolicLink())
            return undefined;
        if (at !== external_node_path_default().join(dir, name) && !st.isDirectory())
            return undefined;
        if (at === external_node_path_default().join(dir, name) && !st.isFile())
            return undefined;
    }
    return at;
}
/**
 * Removes what an earlier run of this tool published into output-dir, so a stale archive
 * never sits beside new binaries. Only files it recognises as its own are removed: named as
 * it names its outputs, listed in its manifest.json with the SHA-256 the file still has,
 * reached without following a symlink. SHA256SUMS goes only when it vouches for that
 * manifest. Everything else (a user's file, an edited output, a hostile manifest's entries,
 * anything behind a symlink) is left alone; a file that is in the way is replaced later by
 * the package step's rename, never deleted here.
 */
async function clearPublishedOutputs(outputDir) {
    const manifestFile = await ownRegularFile(outputDir, MANIFEST);
    if (!manifestFile)
        return;
    let old;
    try {
        old = JSON.parse(await (0,promises_.readFile)(manifestFile, 'utf8'));
    }
    catch {
        return;
    }
    if (old?.generator !== 'bifrost-build')
        return;
    const entries = [
        ...(Array.isArray(old.files) ? old.files : []).map(f => ({ entry: f, shape: OWN_FILE })),
        { entry: old.archive, shape: OWN_ARCHIVE },
        { entry: old.image?.archive, shape: OWN_IMAGE }
    ];
    for (const { entry, shape } of entries) {
        const { name, sha256 } = (entry ?? {});
        if (typeof name !== 'string' || typeof sha256 !== 'string' || !shape.test(name))
            continue;
        const file = await ownRegularFile(outputDir, name);
        if (file && (await (0,util_sha256/* sha256File */.Q)(file)) === sha256)
            await (0,promises_.rm)(file, { force: true });
    }
    const plugins = await (0,promises_.lstat)(external_node_path_default().join(outputDir, 'plugins')).catch(() => undefined);
    if (plugins?.isDirectory())
        await (0,promises_.rmdir)(external_node_path_default().join(outputDir, 'plugins')).catch(() => undefined);
    const manifestSha = await (0,util_sha256/* sha256File */.Q)(manifestFile);
    const vouches = async (name, line) => {
        const file = await ownRegularFile(outputDir, name);
        const text = file ? await (0,promises_.readFile)(file, 'utf8').catch(() => '') : '';
        if (file && text.split('\n').includes(line))
            await (0,promises_.rm)(file, { force: true });
    };
    // SHA256SUMS of the tree goes when it is exactly the list of the manifest's files.
    const listed = (Array.isArray(old.files) ? old.files : []).filter((f) => typeof f?.name === 'string' && typeof f?.sha256 === 'string');
    // ...or when it vouches for this manifest (the layout of earlier versions).
    const sums = await ownRegularFile(outputDir, CHECKSUMS);
    if (sums) {
        const text = await (0,promises_.readFile)(sums, 'utf8').catch(() => '');
        const tree = listed.length > 0 && text === (0,package_archive/* sha256sumsText */.VQ)(listed);
        if (tree || text.split('\n').includes(`${manifestSha}  ${MANIFEST}`))
            await (0,promises_.rm)(sums, { force: true });
    }
    // The per-cell pair: a copy of this manifest, and the checksums that vouch for it.
    if (typeof old.artifactName === 'string' && /^[^/\\.][^/\\]*$/.test(old.artifactName)) {
        const cell = cellFiles(old.artifactName);
        const copy = await ownRegularFile(outputDir, cell.manifest);
        if (copy && (await (0,util_sha256/* sha256File */.Q)(copy)) === manifestSha) {
            await vouches(cell.checksums, `${manifestSha}  ${cell.manifest}`);
            await (0,promises_.rm)(copy, { force: true });
        }
    }
    await (0,promises_.rm)(manifestFile, { force: true });
}
/** The assembly directory's name: mkdtemp's `.bifrost-build-` plus six characters. */
const ASSEMBLY_DIR = /^\.bifrost-build-[A-Za-z0-9]{6}$/;
/**
 * Removes assembly directories a killed run left in output-dir (SIGKILL during packaging
 * leaves a partial archive there). Called while holding output-dir's lock, so no live run
 * is assembling; only directories named as this tool names them go, never through a symlink.
 */
async function removeLeftoverAssemblies(outputDir) {
    const entries = await (0,promises_.readdir)(outputDir, { withFileTypes: true }).catch(() => []);
    const removed = [];
    for (const e of entries) {
        if (!e.isDirectory() || !ASSEMBLY_DIR.test(e.name))
            continue;
        await (0,promises_.rm)(external_node_path_default().join(outputDir, e.name), { recursive: true, force: true });
        removed.push(e.name);
    }
    return removed;
}
/** Packages a verified build into output-dir: assembled first, moved into place last (see above). */
async function packageOutputs(input) {
    const { plan, build, verify } = input;
    if (!verify.ok) {
        // The pipeline never calls us then; this guards the promise in the contract.
        throw new errors/* BuildError */.zS('verification did not pass; nothing is packaged', {
            fix: 'see the failed checks above'
        });
    }
    const outputDir = external_node_path_default().resolve(plan.workspace, plan.outputDir);
    let tmp;
    try {
        await (0,promises_.mkdir)(outputDir, { recursive: true });
        tmp = await (0,promises_.mkdtemp)(external_node_path_default().join(outputDir, '.bifrost-build-'));
        const at = { outputDir, tmp, content: external_node_path_default().join(tmp, 'content') };
        const binaries = await stageBinaries(at, build, verify);
        const epoch = await (0,package_archive/* archiveEpoch */.Cj)(input.env ?? process.env, (0,package_archive/* sourceDirOf */.As)(plan));
        const commands = describeCommands(input, outputDir);
        const binaryFiles = await describeFiles(at, binaries);
        const docFiles = await writeDocs(at, input, binaryFiles, commands, epoch);
        const files = [...binaryFiles, ...docFiles];
        const archive = await writeArchive(at, plan, files, epoch.epoch);
        const image = await stageImage(at, input);
        const manifest = await writeManifests(at, input, { files, archive, commands, epoch, image });
        input.signal?.throwIfAborted();
        await placeOutputs(at, plan, build, files, image);
        return packageResult(at, input, { binaries, files, archive, manifest, epoch, image });
    }
    catch (err) {
        throw (0,disk_error/* diskError */.w)(err, outputDir, build.stagingDir) ?? err;
    }
    finally {
        if (tmp)
            await (0,promises_.rm)(tmp, { recursive: true, force: true }).catch(() => undefined);
    }
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
