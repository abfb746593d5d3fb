export const id = 2;
export const ids = [2];
export const modules = {

/***/ 65035:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T9: () => (/* binding */ requestText),
/* harmony export */   V8: () => (/* binding */ eventLine),
/* harmony export */   _T: () => (/* binding */ parseEventLine),
/* harmony export */   fH: () => (/* binding */ portAnswers),
/* harmony export */   ov: () => (/* binding */ freePort)
/* harmony export */ });
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/**
 * What the load test and its sandbox supervisor (`sandbox.ts`, run as `dist/sandbox.js` inside
 * the namespace) say to each other: the spec file the load test writes, and the event lines the
 * supervisor prints on its stdout among the host's own log lines. Each event line starts with a
 * per-run token, so a host cannot forge one by accident. The loopback port helpers both sides
 * use live here too.
 */

function eventLine(token, e) {
    return `${token} ${JSON.stringify(e)}\n`;
}
/** The event on a line of the supervisor's output, or undefined for a line of the host's. */
function parseEventLine(token, line) {
    if (!line.startsWith(`${token} `))
        return undefined;
    try {
        const e = JSON.parse(line.slice(token.length + 1));
        return typeof e?.event === 'string' ? e : undefined;
    }
    catch {
        return undefined;
    }
}
/** `GET getbifrost.ai/datasheet`: one request as the log and the checks quote it. */
function requestText(e) {
    return `${e.method} ${e.host}${e.path}`;
}
/** Whether something accepts a TCP connection on 127.0.0.1:`port` (within `timeoutMs`). */
function portAnswers(port, timeoutMs = 1000) {
    return new Promise(resolve => {
        const sock = node_net__WEBPACK_IMPORTED_MODULE_0___default().connect({ host: '127.0.0.1', port });
        const done = (ok) => {
            sock.destroy();
            resolve(ok);
        };
        sock.setTimeout(timeoutMs, () => done(false));
        sock.once('connect', () => done(true));
        sock.once('error', () => done(false));
    });
}
/** A port on 127.0.0.1 that was free a moment ago, for the host to listen on. */
async function freePort() {
    return new Promise((resolve, reject) => {
        const srv = node_net__WEBPACK_IMPORTED_MODULE_0___default().createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, '127.0.0.1', () => {
            const addr = srv.address();
            const port = typeof addr === 'object' && addr ? addr.port : 0;
            srv.close(() => resolve(port));
        });
    });
}


/***/ }),

/***/ 94002:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SETUP_FAILED: () => (/* binding */ SETUP_FAILED),
/* harmony export */   dnsAnswer: () => (/* binding */ dnsAnswer),
/* harmony export */   runSandbox: () => (/* binding */ runSandbox)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_dgram__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(41314);
/* harmony import */ var node_dgram__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_dgram__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(41692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_7___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_7__);
/* harmony import */ var dns_packet__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(14894);
/* harmony import */ var node_forge__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8542);
/* harmony import */ var node_forge__WEBPACK_IMPORTED_MODULE_9___default = /*#__PURE__*/__webpack_require__.n(node_forge__WEBPACK_IMPORTED_MODULE_9__);
/* harmony import */ var _proc_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(97684);
/* harmony import */ var _util_which_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(76669);
/* harmony import */ var _sandbox_protocol_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(65035);
/**
 * The load test's sandbox supervisor (`dist/sandbox.js`), run as PID 1 of fresh network, mount
 * and PID namespaces (`unshare --net --mount --pid --fork`). Bifrost fetches remote data at
 * start-up (from 1.5 its pricing datasheet, and exits without it), so the namespace answers
 * every name with 127.0.0.1 (a DNS stub, and resolv.conf and hosts bind-mounted over /etc)
 * and serves HTTP and HTTPS there, with a certificate for each name from a per-run CA the
 * host trusts through SSL_CERT_FILE, answering `{}` to everything. Nothing leaves the machine
 * and the verdict never depends on a third-party site. Every request is reported to the load
 * test, the host's port is probed, and when the supervisor exits the kernel ends every process
 * left in the namespace, also one that left the host's process group.
 */













/** Exit code of a supervisor that could not set the namespace up (nothing was started). */
const SETUP_FAILED = 125;
async function runSandbox(specFile) {
    if (!specFile) {
        process.stderr.write('usage: sandbox.js <spec.json>\n');
        return 2;
    }
    const spec = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.readFile)(specFile, 'utf8'));
    const emit = (e) => process.stdout.write((0,_sandbox_protocol_js__WEBPACK_IMPORTED_MODULE_12__/* .eventLine */ .V8)(spec.token, e));
    let caPem;
    try {
        caPem = await setUp(spec, emit);
    }
    catch (e) {
        emit({ event: 'setup-failed', error: e.message });
        return SETUP_FAILED;
    }
    emit({ event: 'ready' });
    const caFile = node_path__WEBPACK_IMPORTED_MODULE_6___default().join(spec.dir, 'ca.pem');
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.writeFile)(caFile, caPem);
    // Run through sudo, the files are root's: give them to the caller, who removes the dir.
    if (spec.uid !== undefined && spec.gid !== undefined)
        for (const f of [spec.dir, ...(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.readdir)(spec.dir)).map(n => node_path__WEBPACK_IMPORTED_MODULE_6___default().join(spec.dir, n))])
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.chown)(f, spec.uid, spec.gid);
    const host = (0,_proc_js__WEBPACK_IMPORTED_MODULE_10__/* .start */ .ni)(spec.argv[0], spec.argv.slice(1), {
        cwd: spec.cwd,
        env: { ...spec.env, SSL_CERT_FILE: caFile, SSL_CERT_DIR: spec.dir },
        inheritOutput: true,
        uid: spec.uid,
        gid: spec.gid
    });
    const stop = () => {
        host.stop('SIGKILL', true);
        process.exit(143);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    if (spec.lifeline) {
        process.stdin.on('end', stop);
        process.stdin.on('close', stop);
        process.stdin.on('error', stop);
        process.stdin.resume();
    }
    let open = false;
    let exited = false;
    const probe = async () => {
        while (!exited) {
            const now = await (0,_sandbox_protocol_js__WEBPACK_IMPORTED_MODULE_12__/* .portAnswers */ .fH)(spec.port, 500);
            if (now !== open && !exited) {
                open = now;
                emit({ event: 'port', open });
            }
            await new Promise(r => setTimeout(r, 200));
        }
    };
    void probe();
    const r = await host.done.catch((e) => {
        emit({ event: 'error', error: e.message });
        return undefined;
    });
    exited = true;
    if (r)
        emit({ event: 'exit', code: r.code, signal: r.signal });
    // Leaving ends the namespace, and with it whatever the host left running, also outside its
    // process group; the group is signalled too, for a supervisor run without a PID namespace.
    host.stop('SIGKILL', true);
    process.exit(r?.code ?? 1);
}
/** lo up, the stub servers listening, /etc/resolv.conf and /etc/hosts replaced; returns the CA. */
async function setUp(spec, emit) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.mkdir)(spec.dir, { recursive: true });
    // The RSA key (the slow part) is made on the thread pool while lo comes up and /etc is replaced.
    const keys = rsaKeys();
    keys.catch(() => undefined); // awaited below; not unhandled if a step before it fails
    await loopbackUp();
    await replaceEtc(spec.dir);
    const ca = newCa(await keys);
    await listenDns();
    const answer = (tlsOn) => (req, res) => {
        const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '');
        emit({
            event: 'request',
            method: req.method ?? 'GET',
            host: hostHeader || '127.0.0.1',
            path: req.url ?? '/',
            tls: tlsOn
        });
        req.resume();
        const body = '{}';
        res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body)
        });
        res.end(body);
    };
    const contexts = new Map();
    const contextFor = (name) => {
        let c = contexts.get(name);
        if (!c) {
            c = node_tls__WEBPACK_IMPORTED_MODULE_7___default().createSecureContext({ key: ca.leafKeyPem, cert: ca.issue(name) });
            contexts.set(name, c);
        }
        return c;
    };
    const httpsServer = node_https__WEBPACK_IMPORTED_MODULE_5___default().createServer({
        key: ca.leafKeyPem,
        cert: ca.issue('localhost'),
        SNICallback: (name, cb) => {
            try {
                cb(null, contextFor(name));
            }
            catch (e) {
                cb(e);
            }
        }
    }, answer(true));
    await listen(httpsServer, 443);
    await listen(node_http__WEBPACK_IMPORTED_MODULE_4___default().createServer(answer(false)), 80);
    return ca.pem;
}
async function loopbackUp() {
    const ip = (0,_util_which_js__WEBPACK_IMPORTED_MODULE_11__/* .which */ .K)('ip');
    const ifconfig = (0,_util_which_js__WEBPACK_IMPORTED_MODULE_11__/* .which */ .K)('ifconfig');
    const r = ip
        ? await (0,_proc_js__WEBPACK_IMPORTED_MODULE_10__/* .run */ .eF)(ip, ['link', 'set', 'lo', 'up'], { timeoutMs: 5000 })
        : ifconfig
            ? await (0,_proc_js__WEBPACK_IMPORTED_MODULE_10__/* .run */ .eF)(ifconfig, ['lo', 'up'], { timeoutMs: 5000 })
            : undefined;
    if (!r)
        throw new Error('neither ip nor ifconfig is installed to bring lo up');
    if (r.code !== 0)
        throw new Error(`bringing lo up failed: ${(r.stderr || r.stdout).trim()}`);
}
function listen(server, port) {
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
    });
}
/** Every A question answered with 127.0.0.1, every other type with no record. */
function dnsAnswer(query) {
    let q;
    try {
        q = dns_packet__WEBPACK_IMPORTED_MODULE_8__.decode(query);
    }
    catch {
        return undefined;
    }
    const questions = q.questions ?? [];
    return dns_packet__WEBPACK_IMPORTED_MODULE_8__.encode({
        type: 'response',
        id: q.id,
        flags: dns_packet__WEBPACK_IMPORTED_MODULE_8__.AUTHORITATIVE_ANSWER | dns_packet__WEBPACK_IMPORTED_MODULE_8__.RECURSION_DESIRED | dns_packet__WEBPACK_IMPORTED_MODULE_8__.RECURSION_AVAILABLE,
        questions,
        answers: questions
            .filter(x => x.type === 'A')
            .map(x => ({ type: 'A', name: x.name, ttl: 60, data: '127.0.0.1' }))
    });
}
function listenDns() {
    const sock = node_dgram__WEBPACK_IMPORTED_MODULE_1___default().createSocket('udp4');
    sock.on('message', (msg, rinfo) => {
        const reply = dnsAnswer(msg);
        if (reply)
            sock.send(reply, rinfo.port, rinfo.address);
    });
    return new Promise((resolve, reject) => {
        sock.once('error', reject);
        sock.bind(53, '127.0.0.1', () => resolve());
    });
}
/**
 * resolv.conf and hosts bind-mounted over /etc's (in our own mount namespace only). A symlinked
 * /etc/resolv.conf (systemd-resolved) is followed to the file it names; a missing one needs
 * nothing, as resolvers then ask 127.0.0.1 already.
 */
async function replaceEtc(dir) {
    const mount = (0,_util_which_js__WEBPACK_IMPORTED_MODULE_11__/* .which */ .K)('mount');
    if (!mount)
        throw new Error('mount is not installed');
    const files = [
        ['/etc/resolv.conf', 'nameserver 127.0.0.1\noptions ndots:1 attempts:1 timeout:1\n'],
        ['/etc/hosts', '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n']
    ];
    for (const [target, text] of files) {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(target))
            continue;
        const ours = node_path__WEBPACK_IMPORTED_MODULE_6___default().join(dir, node_path__WEBPACK_IMPORTED_MODULE_6___default().basename(target));
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_3__.writeFile)(ours, text);
        const r = await (0,_proc_js__WEBPACK_IMPORTED_MODULE_10__/* .run */ .eF)(mount, ['--bind', ours, (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.realpathSync)(target)], { timeoutMs: 5000 });
        if (r.code !== 0)
            throw new Error(`mount --bind over ${target} failed: ${r.stderr.trim()}`);
    }
}
/**
 * A CA made for this run only (its key never leaves the process, and dies with it); the leaf
 * certificates share its key, one key being all a throw-away stub needs. The key comes from
 * node's crypto (native); node-forge writes the certificates, which node's crypto cannot.
 */
function newCa(keys) {
    const caKeys = keys;
    const leafKeys = keys;
    const now = Date.now();
    const validity = (c) => {
        c.validity.notBefore = new Date(now - 24 * 3600_000);
        c.validity.notAfter = new Date(now + 7 * 24 * 3600_000);
    };
    const serial = () => `01${node_crypto__WEBPACK_IMPORTED_MODULE_0___default().randomBytes(15).toString('hex')}`;
    const caCert = node_forge__WEBPACK_IMPORTED_MODULE_9___default().pki.createCertificate();
    caCert.publicKey = caKeys.pub;
    caCert.serialNumber = serial();
    validity(caCert);
    const caName = [{ name: 'commonName', value: 'bifrost-build load test offline stub CA' }];
    caCert.setSubject(caName);
    caCert.setIssuer(caName);
    caCert.setExtensions([
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' }
    ]);
    caCert.sign(caKeys.priv, node_forge__WEBPACK_IMPORTED_MODULE_9___default().md.sha256.create());
    const caPem = node_forge__WEBPACK_IMPORTED_MODULE_9___default().pki.certificateToPem(caCert);
    return {
        pem: caPem,
        leafKeyPem: leafKeys.pem,
        issue(name) {
            const c = node_forge__WEBPACK_IMPORTED_MODULE_9___default().pki.createCertificate();
            c.publicKey = leafKeys.pub;
            c.serialNumber = serial();
            validity(c);
            c.setSubject([{ name: 'commonName', value: name.slice(0, 64) }]);
            c.setIssuer(caName);
            const isIp = /^[\d.]+$|:/.test(name);
            c.setExtensions([
                { name: 'basicConstraints', cA: false },
                { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
                { name: 'extKeyUsage', serverAuth: true },
                {
                    name: 'subjectAltName',
                    altNames: isIp
                        ? [{ type: 7, ip: name }]
                        : [
                            { type: 2, value: name },
                            ...(name === 'localhost' ? [{ type: 7, ip: '127.0.0.1' }] : [])
                        ]
                },
                {
                    name: 'authorityKeyIdentifier',
                    keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes()
                }
            ]);
            c.sign(caKeys.priv, node_forge__WEBPACK_IMPORTED_MODULE_9___default().md.sha256.create());
            return node_forge__WEBPACK_IMPORTED_MODULE_9___default().pki.certificateToPem(c) + caPem;
        }
    };
}
async function rsaKeys() {
    const { publicKey, privateKey } = await new Promise((resolve, reject) => node_crypto__WEBPACK_IMPORTED_MODULE_0___default().generateKeyPair('rsa', { modulusLength: 2048 }, (err, publicKey, privateKey) => err ? reject(err) : resolve({ publicKey, privateKey })));
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    return {
        pub: node_forge__WEBPACK_IMPORTED_MODULE_9___default().pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
        priv: node_forge__WEBPACK_IMPORTED_MODULE_9___default().pki.privateKeyFromPem(pem),
        pem
    };
}


/***/ })

};
