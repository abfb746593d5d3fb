export const id = 343;
export const ids = [343];
export const modules = {

/***/ 95343:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   doctor: () => (/* binding */ doctor),
/* harmony export */   doctorText: () => (/* binding */ doctorText)
/* harmony export */ });
/* unused harmony export doctorReport */
/* harmony import */ var _lib_targets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39641);
/* harmony import */ var _plan_compiler_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(60002);
/* harmony import */ var _util_which_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76669);



/** Pure over `which`: the same PATH gives the same report. */
function doctorReport(hostArch, which) {
    const targets = [];
    const missing = new Set();
    for (const { arch, qemu: qemuName } of _lib_targets_js__WEBPACK_IMPORTED_MODULE_0__/* .TARGETS */ .dW) {
        for (const libc of _lib_targets_js__WEBPACK_IMPORTED_MODULE_0__/* .LIBCS */ .EO) {
            const c = (0,_plan_compiler_js__WEBPACK_IMPORTED_MODULE_1__/* .compilerCandidates */ .K)(libc, arch, hostArch);
            const found = c.commands.map(which).find(Boolean);
            const qemu = arch === hostArch ? 'native' : which(qemuName) ? 'qemu' : 'missing qemu-user';
            if (!found)
                missing.add(c.package);
            if (qemu === 'missing qemu-user')
                missing.add('qemu-user');
            targets.push({
                target: `linux/${arch}`,
                libc,
                ...(found ? { compiler: found } : { package: c.package }),
                load: qemu
            });
        }
    }
    const unshare = which('unshare');
    if (!unshare)
        missing.add('util-linux');
    const list = [...missing];
    // Packages of a foreign architecture need that architecture added first.
    const foreign = list
        .map(p => _lib_targets_js__WEBPACK_IMPORTED_MODULE_0__/* .TARGETS */ .dW.find(t => p.includes(`:${t.arch}`))?.arch)
        .filter(a => a !== undefined);
    const plain = list.map(p => p.replace(/ \(.*$/, '').replace(/ and /g, ' '));
    const install = list.length
        ? [
            ...[...new Set(foreign)].map(a => `sudo dpkg --add-architecture ${a}`),
            'sudo apt-get update',
            `sudo apt-get install -y ${[...new Set(plain.join(' ').split(' '))].join(' ')}`
        ].join(' && ')
        : undefined;
    return {
        machine: `linux/${hostArch}`,
        targets,
        ...(unshare ? { unshare } : {}),
        missing: list,
        ...(install ? { install } : {})
    };
}
async function doctor() {
    const { machineArch } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 23728));
    return doctorReport(machineArch(), (0,_util_which_js__WEBPACK_IMPORTED_MODULE_2__/* .whichOnPath */ .G)(process.env));
}
function doctorText(d) {
    const rows = [
        ['target', 'libc', 'C compiler', 'load test'],
        ...d.targets.map(t => [
            t.target,
            t.libc,
            t.compiler ?? `missing (apt: ${t.package?.replace(/ \(.*$/, '')})`,
            t.load === 'native'
                ? 'native'
                : t.load === 'qemu'
                    ? 'under qemu-user'
                    : 'no (qemu-user missing)'
        ])
    ];
    // Each column as wide as its longest cell plus two spaces: a long package name never runs
    // into the next column.
    const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)) + 2);
    const lines = [`This machine: ${d.machine}`, ''];
    for (const r of rows)
        lines.push(r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join(''));
    lines.push('', `unshare (private network for the load test): ${d.unshare ?? 'missing (apt: util-linux)'}`);
    lines.push('', d.install
        ? `To add the rest (Debian/Ubuntu):\n  ${d.install}`
        : 'Everything is here: every target builds and load-tests on this machine.');
    return lines.join('\n');
}


/***/ })

};
