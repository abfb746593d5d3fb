export const id = 579;
export const ids = [579,675];
export const modules = {

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
/** The verdict in one line, then the failure with its fix and file. */
function heading({ ctx, failure, what }) {
    const ok = !failure && (ctx.verify ? ctx.verify.ok : Boolean(ctx.package));
    const go = ctx.toolchain ? `, Go ${ctx.toolchain.version}` : '';
    const out = [`## bifrost-build: ${ok ? '✅' : '❌'} ${what}${go}`, ''];
    if (failure) {
        const stage = ctx.timings.find(t => t.status === 'failed')?.stage;
        out.push(`**Failed${stage ? ` in ${stage}` : ''}:** ${(0,markdown/* cell */.H)(failure.message)}`, '');
        if (failure.fix)
            out.push(`**Fix:** ${(0,markdown/* cell */.H)(failure.fix)}`, '');
        if (failure.file)
            out.push(`File: \`${(0,markdown/* cell */.H)(relToWorkspace(ctx, failure.file))}\``, '');
    }
    return out;
}
function files({ ctx, hashes }) {
    const list = rows(ctx, hashes);
    if (!list.length)
        return [];
    return [
        '### Files',
        '',
        '| file | size | sha256 | linkage | libc | glibc floor |',
        '|---|---:|---|---|---|---|',
        ...list.map(r => {
            const f = r.facts;
            return `| \`${(0,markdown/* cell */.H)(r.name)}\` | ${r.size === undefined ? '' : (0,human_size/* humanSize */.X)(r.size)} | ${r.sha256 ? `\`${r.sha256}\`` : ''} | ${f?.linkage ?? ''} | ${f?.libc ?? ''} | ${f?.glibcFloor ?? ''} |`;
        }),
        ...(ctx.verify?.glibcFloor ? ['', `glibc floor of the set: **${ctx.verify.glibcFloor}**`] : []),
        ''
    ];
}
function checkRows(list) {
    return list.map(c => {
        const { message: text, fix } = c;
        const detail = fix ? `${(0,markdown/* cell */.H)(text)}<br>**Fix:** ${(0,markdown/* cell */.H)(fix)}` : (0,markdown/* cell */.H)(text);
        return `| ${(0,markdown/* cell */.H)(c.id)} | ${(0,markdown/* cell */.H)(c.subject)} | ${MARK[c.status]} | ${detail} |`;
    });
}
/**
 * The checks table: failed checks first (each with its fix), then warnings, then the rest;
 * past LONG rows the passing and skipped ones fold into a <details> block.
 */
function checks({ ctx }) {
    if (!ctx.verify)
        return [];
    const checks = ctx.verify.checks;
    const count = (st) => checks.filter(c => c.status === st).length;
    const extra = ['warn', 'skip']
        .filter(st => count(st) > 0)
        .map(st => `, ${count(st)} ${st}`);
    const out = [`### Checks: ${count('pass')} pass, ${count('fail')} fail${extra.join('')}`, ''];
    const order = { fail: 0, warn: 1, pass: 2, skip: 3 };
    const sorted = [...checks].sort((a, b) => order[a.status] - order[b.status]);
    const head = ['| check | file | result | detail |', '|---|---|---|---|'];
    const shown = sorted.filter(c => c.status === 'fail' || c.status === 'warn');
    const rest = sorted.filter(c => c.status !== 'fail' && c.status !== 'warn');
    const load = ctx.verify.loadTest;
    const loadRow = load ? [`| load test | all | ${MARK[load.status]} | ${(0,markdown/* cell */.H)(load.message)} |`] : [];
    const loadFirst = load?.status === 'fail' || load?.status === 'warn';
    const [before, after] = loadFirst ? [loadRow, []] : [[], loadRow];
    if (checks.length + loadRow.length <= LONG) {
        out.push(...head, ...before, ...checkRows(sorted), ...after);
    }
    else {
        if (shown.length || loadFirst)
            out.push(...head, ...before, ...checkRows(shown), '');
        out.push(`<details><summary>${shown.length || loadFirst ? `${rest.length + after.length} more checks` : `all ${rest.length + loadRow.length} checks`}</summary>`, '');
        out.push(...head, ...checkRows(rest), ...after, '', '</details>');
    }
    return [...out, ''];
}
function sourceCell(plan) {
    if (plan.source.kind === 'checkout')
        return `\`${(0,markdown/* cell */.H)(external_node_path_default().relative(plan.workspace, plan.source.dir) || '.')}\``;
    if (plan.source.kind === 'module')
        return `transports module ${(0,markdown/* cell */.H)(plan.source.version)}`;
    const h = plan.source.host;
    return `plugins only, for the host ${(0,markdown/* cell */.H)(h.from)} (sha256 \`${h.sha256}\`, version ${(0,markdown/* cell */.H)(h.version)})`;
}
/** The image row: the image built (and whether pushed), or the host image plugins were tested in. */
function imageRows(ctx, plan) {
    if (!ctx.image)
        return [];
    if (!plan.image?.testOnly)
        return [
            `| Image | \`${(0,markdown/* cell */.H)(ctx.image.name)}\` \`${ctx.image.digest}\` (${ctx.image.pushed ? 'pushed' : plan.image?.push ? 'not pushed' : 'not pushed: image-push false'}) |`
        ];
    return [
        `| Host image | \`${(0,markdown/* cell */.H)(plan.image.base.registry)}/${(0,markdown/* cell */.H)(plan.image.base.repository)}@${ctx.image.base.digest}\` (plugins load-tested in it) |`
    ];
}
function cacheRow(c) {
    if (!c)
        return [];
    const state = !c.enabled
        ? 'off'
        : c.exact
            ? 'exact hit'
            : c.hit
                ? `partial hit (\`${(0,markdown/* cell */.H)(c.restoredKey ?? '')}\`)`
                : `miss${c.reason ? `: ${(0,markdown/* cell */.H)(c.reason)}` : ''}`;
    return [`| Cache | ${state} |`];
}
function planTable({ ctx, what }) {
    const plan = ctx.plan;
    if (!plan)
        return [];
    return [
        '### Plan',
        '',
        '| | |',
        '|---|---|',
        ...(ctx.toolchain ? [`| Go | ${ctx.toolchain.version} (${ctx.toolchain.source}) |`] : []),
        `| Source | ${sourceCell(plan)} |`,
        `| Mode / libc / target | ${what} |`,
        `| Version / plugin version | ${(0,markdown/* cell */.H)(plan.version)} / ${(0,markdown/* cell */.H)(plan.pluginVersion)} |`,
        `| Plugins | ${plan.plugins.length ? plan.plugins.map(x => `${(0,markdown/* cell */.H)(x.name)} (\`${(0,markdown/* cell */.H)(x.relDir)}\`)`).join(', ') : 'none'} |`,
        `| C compiler | \`${(0,markdown/* cell */.H)(plan.cc.command)}\` |`,
        ...(plan.tags.length ? [`| Tags | \`${(0,markdown/* cell */.H)(plan.tags.join(','))}\` |`] : []),
        ...(plan.ldflags.length ? [`| Extra ldflags | \`${(0,markdown/* cell */.H)(plan.ldflags.join(' '))}\` |`] : []),
        `| trimpath / align-modules / ui / verify | ${plan.trimpath} / ${plan.alignModules} / ${plan.ui} / ${plan.verify} |`,
        `| Output dir | \`${(0,markdown/* cell */.H)(relToWorkspace(ctx, plan.outputDir))}\` |`,
        `| Artifact name | \`${(0,markdown/* cell */.H)(plan.artifactName)}\` |`,
        ...imageRows(ctx, plan),
        ...cacheRow(ctx.cache),
        ''
    ];
}
function artifact({ ctx }) {
    const published = ctx.publish;
    if (!published)
        return [];
    if (!published.uploaded)
        return [
            '### Artifact',
            '',
            `Not uploaded: ${published.reason ?? 'unknown reason'}. The files are in the output dir.`,
            ''
        ];
    const name = ctx.plan?.artifactName ?? 'artifact';
    const link = published.artifactUrl ? `[${name}](${published.artifactUrl})` : name;
    return [
        '### Artifact',
        '',
        `${link} (id ${published.artifactId ?? '?'}, digest \`${published.artifactDigest ?? '?'}\`)`,
        ''
    ];
}
function stageTimes({ ctx }) {
    if (!ctx.timings.length)
        return [];
    const total = ctx.timings.reduce((a, t) => a + t.ms, 0);
    return [
        '### Stage times',
        '',
        '| stage | time | status |',
        '|---|---:|---|',
        ...ctx.timings.map(t => `| ${(0,markdown/* cell */.H)(t.stage)} | ${(0,report/* fmtMs */.mq)(t.ms)} | ${t.status} |`),
        `| **total** | **${(0,report/* fmtMs */.mq)(total)}** | |`,
        ''
    ];
}
/** The summary, section by section, in this order. */
const SECTIONS = [heading, files, checks, planTable, artifact, stageTimes];
function summaryMarkdown(ctx, hashes = {}, failure) {
    const plan = ctx.plan;
    const what = plan
        ? `${plan.mode} ${plan.libc} ${plan.target.os}/${plan.target.arch}`
        : ctx.verify
            ? 'verify-only'
            : 'run';
    const summary = { ctx, hashes, failure, what };
    return SECTIONS.flatMap(section => section(summary)).join('\n');
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
