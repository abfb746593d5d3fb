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
/* harmony import */ var _plan_compiler_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(60002);
/* harmony import */ var _util_which_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76669);


const QEMU = { amd64: 'qemu-x86_64', arm64: 'qemu-aarch64' };
/** Pure over `which`: the same PATH gives the same report. */
function doctorReport(hostArch, which) {
    const targets = [];
    const missing = new Set();
    for (const arch of ['amd64', 'arm64']) {
        for (const libc of ['glibc', 'musl']) {
            const c = (0,_plan_compiler_js__WEBPACK_IMPORTED_MODULE_0__/* .compilerCandidates */ .K)(libc, arch, hostArch);
            const found = c.commands.map(which).find(Boolean);
            const qemu = arch === hostArch ? 'native' : which(QEMU[arch]) ? 'qemu' : 'missing qemu-user';
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
        .filter(p => /:(arm64|amd64)\b/.test(p))
        .map(p => /:(arm64|amd64)/.exec(p)[1]);
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
    return doctorReport(machineArch(), (0,_util_which_js__WEBPACK_IMPORTED_MODULE_1__/* .whichOnPath */ .G)(process.env));
}
function doctorText(d) {
    const lines = [
        `This machine: ${d.machine}`,
        '',
        'target         libc   C compiler                 load test'
    ];
    for (const t of d.targets) {
        const cc = t.compiler ?? `missing (apt: ${t.package?.replace(/ \(.*$/, '')})`;
        const load = t.load === 'native'
            ? 'native'
            : t.load === 'qemu'
                ? 'under qemu-user'
                : 'no (qemu-user missing)';
        lines.push(`${t.target.padEnd(15)}${t.libc.padEnd(7)}${cc.padEnd(27)}${load}`);
    }
    lines.push('', `unshare (private network for the load test): ${d.unshare ?? 'missing (apt: util-linux)'}`);
    lines.push('', d.install
        ? `To add the rest (Debian/Ubuntu):\n  ${d.install}`
        : 'Everything is here: every target builds and load-tests on this machine.');
    return lines.join('\n');
}


/***/ })

};
