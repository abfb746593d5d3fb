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
import crypto from 'node:crypto'
import dgram from 'node:dgram'
import { existsSync, realpathSync } from 'node:fs'
import { chown, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import path from 'node:path'
import tls from 'node:tls'
import dnsPacket from 'dns-packet'
import forge from 'node-forge'
import { run, start } from '../proc.js'
import { which } from '../util/which.js'
import { eventLine, portAnswers, type SandboxEvent, type SandboxSpec } from './sandbox-protocol.js'

/** Exit code of a supervisor that could not set the namespace up (nothing was started). */
export const SETUP_FAILED = 125

export async function runSandbox(specFile: string | undefined): Promise<number> {
  if (!specFile) {
    process.stderr.write('usage: sandbox.js <spec.json>\n')
    return 2
  }
  const spec = JSON.parse(await readFile(specFile, 'utf8')) as SandboxSpec
  const emit = (e: SandboxEvent) => process.stdout.write(eventLine(spec.token, e))
  let caPem: string
  try {
    caPem = await setUp(spec, emit)
  } catch (e) {
    emit({ event: 'setup-failed', error: (e as Error).message })
    return SETUP_FAILED
  }
  emit({ event: 'ready' })
  const caFile = path.join(spec.dir, 'ca.pem')
  await writeFile(caFile, caPem)
  // Run through sudo, the files are root's: give them to the caller, who removes the dir.
  if (spec.uid !== undefined && spec.gid !== undefined)
    for (const f of [spec.dir, ...(await readdir(spec.dir)).map(n => path.join(spec.dir, n))])
      await chown(f, spec.uid, spec.gid)

  const host = start(spec.argv[0], spec.argv.slice(1), {
    cwd: spec.cwd,
    env: { ...spec.env, SSL_CERT_FILE: caFile, SSL_CERT_DIR: spec.dir },
    inheritOutput: true,
    uid: spec.uid,
    gid: spec.gid
  })
  const stop = () => {
    host.stop('SIGKILL', true)
    process.exit(143)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  if (spec.lifeline) {
    process.stdin.on('end', stop)
    process.stdin.on('close', stop)
    process.stdin.on('error', stop)
    process.stdin.resume()
  }

  let open = false
  let exited = false
  const probe = async () => {
    while (!exited) {
      const now = await portAnswers(spec.port, 500)
      if (now !== open && !exited) {
        open = now
        emit({ event: 'port', open })
      }
      await new Promise(r => setTimeout(r, 200))
    }
  }
  void probe()
  const r = await host.done.catch((e: Error) => {
    emit({ event: 'error', error: e.message })
    return undefined
  })
  exited = true
  if (r) emit({ event: 'exit', code: r.code, signal: r.signal })
  // Leaving ends the namespace, and with it whatever the host left running, also outside its
  // process group; the group is signalled too, for a supervisor run without a PID namespace.
  host.stop('SIGKILL', true)
  process.exit(r?.code ?? 1)
}

/** lo up, the stub servers listening, /etc/resolv.conf and /etc/hosts replaced; returns the CA. */
async function setUp(spec: SandboxSpec, emit: (e: SandboxEvent) => void): Promise<string> {
  await mkdir(spec.dir, { recursive: true })
  // The RSA key (the slow part) is made on the thread pool while lo comes up and /etc is replaced.
  const keys = rsaKeys()
  keys.catch(() => undefined) // awaited below; not unhandled if a step before it fails
  await loopbackUp()
  await replaceEtc(spec.dir)
  const ca = newCa(await keys)
  await listenDns()
  const answer = (tlsOn: boolean) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '')
    emit({
      event: 'request',
      method: req.method ?? 'GET',
      host: hostHeader || '127.0.0.1',
      path: req.url ?? '/',
      tls: tlsOn
    })
    req.resume()
    const body = '{}'
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body)
    })
    res.end(body)
  }
  const contexts = new Map<string, tls.SecureContext>()
  const contextFor = (name: string) => {
    let c = contexts.get(name)
    if (!c) {
      c = tls.createSecureContext({ key: ca.leafKeyPem, cert: ca.issue(name) })
      contexts.set(name, c)
    }
    return c
  }
  const httpsServer = https.createServer(
    {
      key: ca.leafKeyPem,
      cert: ca.issue('localhost'),
      SNICallback: (name, cb) => {
        try {
          cb(null, contextFor(name))
        } catch (e) {
          cb(e as Error)
        }
      }
    },
    answer(true)
  )
  await listen(httpsServer, 443)
  await listen(http.createServer(answer(false)), 80)
  return ca.pem
}

async function loopbackUp(): Promise<void> {
  const ip = which('ip')
  const ifconfig = which('ifconfig')
  const r = ip
    ? await run(ip, ['link', 'set', 'lo', 'up'], { timeoutMs: 5000 })
    : ifconfig
      ? await run(ifconfig, ['lo', 'up'], { timeoutMs: 5000 })
      : undefined
  if (!r) throw new Error('neither ip nor ifconfig is installed to bring lo up')
  if (r.code !== 0) throw new Error(`bringing lo up failed: ${(r.stderr || r.stdout).trim()}`)
}

function listen(server: http.Server | https.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
}

/** Every A question answered with 127.0.0.1, every other type with no record. */
export function dnsAnswer(query: Buffer): Buffer | undefined {
  let q: dnsPacket.Packet
  try {
    q = dnsPacket.decode(query)
  } catch {
    return undefined
  }
  const questions = q.questions ?? []
  return dnsPacket.encode({
    type: 'response',
    id: q.id,
    flags:
      dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE,
    questions,
    answers: questions
      .filter(x => x.type === 'A')
      .map(x => ({ type: 'A' as const, name: x.name, ttl: 60, data: '127.0.0.1' }))
  })
}

function listenDns(): Promise<void> {
  const sock = dgram.createSocket('udp4')
  sock.on('message', (msg, rinfo) => {
    const reply = dnsAnswer(msg)
    if (reply) sock.send(reply, rinfo.port, rinfo.address)
  })
  return new Promise((resolve, reject) => {
    sock.once('error', reject)
    sock.bind(53, '127.0.0.1', () => resolve())
  })
}

/**
 * resolv.conf and hosts bind-mounted over /etc's (in our own mount namespace only). A symlinked
 * /etc/resolv.conf (systemd-resolved) is followed to the file it names; a missing one needs
 * nothing, as resolvers then ask 127.0.0.1 already.
 */
async function replaceEtc(dir: string): Promise<void> {
  const mount = which('mount')
  if (!mount) throw new Error('mount is not installed')
  const files: [string, string][] = [
    ['/etc/resolv.conf', 'nameserver 127.0.0.1\noptions ndots:1 attempts:1 timeout:1\n'],
    ['/etc/hosts', '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n']
  ]
  for (const [target, text] of files) {
    if (!existsSync(target)) continue
    const ours = path.join(dir, path.basename(target))
    await writeFile(ours, text)
    const r = await run(mount, ['--bind', ours, realpathSync(target)], { timeoutMs: 5000 })
    if (r.code !== 0) throw new Error(`mount --bind over ${target} failed: ${r.stderr.trim()}`)
  }
}

interface Ca {
  pem: string
  leafKeyPem: string
  issue(name: string): string
}

/**
 * A CA made for this run only (its key never leaves the process, and dies with it); the leaf
 * certificates share its key, one key being all a throw-away stub needs. The key comes from
 * node's crypto (native); node-forge writes the certificates, which node's crypto cannot.
 */
function newCa(keys: RsaKeys): Ca {
  const caKeys = keys
  const leafKeys = keys
  const now = Date.now()
  const validity = (c: forge.pki.Certificate) => {
    c.validity.notBefore = new Date(now - 24 * 3600_000)
    c.validity.notAfter = new Date(now + 7 * 24 * 3600_000)
  }
  const serial = () => `01${crypto.randomBytes(15).toString('hex')}`
  const caCert = forge.pki.createCertificate()
  caCert.publicKey = caKeys.pub
  caCert.serialNumber = serial()
  validity(caCert)
  const caName = [{ name: 'commonName', value: 'bifrost-build load test offline stub CA' }]
  caCert.setSubject(caName)
  caCert.setIssuer(caName)
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' }
  ])
  caCert.sign(caKeys.priv, forge.md.sha256.create())
  const caPem = forge.pki.certificateToPem(caCert)
  return {
    pem: caPem,
    leafKeyPem: leafKeys.pem,
    issue(name: string): string {
      const c = forge.pki.createCertificate()
      c.publicKey = leafKeys.pub
      c.serialNumber = serial()
      validity(c)
      c.setSubject([{ name: 'commonName', value: name.slice(0, 64) }])
      c.setIssuer(caName)
      const isIp = /^[\d.]+$|:/.test(name)
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
      ])
      c.sign(caKeys.priv, forge.md.sha256.create())
      return forge.pki.certificateToPem(c) + caPem
    }
  }
}

interface RsaKeys {
  pub: forge.pki.PublicKey
  priv: forge.pki.rsa.PrivateKey
  pem: string
}

async function rsaKeys(): Promise<RsaKeys> {
  const { publicKey, privateKey } = await new Promise<crypto.KeyPairKeyObjectResult>(
    (resolve, reject) =>
      crypto.generateKeyPair('rsa', { modulusLength: 2048 }, (err, publicKey, privateKey) =>
        err ? reject(err) : resolve({ publicKey, privateKey })
      )
  )
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()
  return {
    pub: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    priv: forge.pki.privateKeyFromPem(pem),
    pem
  }
}
