// Certificates made at run time with Debian's `openssl` CLI, into a temporary folder, never committed:
// a CA and the certificates it issues (a server certificate for 127.0.0.1 and localhost, an expired one,
// one for another host name, a client certificate). EC keys (prime256v1) keep each under ~20 ms; one CA
// per process and purpose is made once and cached.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Issued {
  certPath: string;
  keyPath: string;
  cert: string;
  key: string;
}

export interface IssueOptions {
  /** Subject alternative names: IP addresses and DNS names (default 127.0.0.1, ::1 and localhost). */
  hosts?: string[];
  /** Valid until yesterday. */
  expired?: boolean;
  /** A client certificate (clientAuth) rather than a server one. */
  client?: boolean;
}

export interface Authority {
  dir: string;
  /** The CA certificate's PEM file: what curl --cacert, Postman and CA_FILE take. */
  caPath: string;
  caPem: string;
  issue(name: string, options?: IssueOptions): Issued;
}

export const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error('The openssl command is not installed, and the HTTPS emulators need it to make their certificates: install it (Debian: apt-get install openssl)');
    throw new Error(`openssl ${args[0]} failed: ${err.stderr?.toString().trim().split('\n')[0] ?? err.message}`);
  }
}

/** A new CA in a new temporary folder. */
export function createAuthority(label = 'login-api-bdd test CA'): Authority {
  const dir = mkdtempSync(join(tmpdir(), 'login-api-bdd-tls-'));
  openssl(['req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-subj', `/CN=${label}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  const caPath = join(dir, 'ca.pem');
  return {
    dir,
    caPath,
    caPem: readFileSync(caPath, 'utf8'),
    issue(name, options = {}) {
      const hosts = options.hosts ?? LOOPBACK_HOSTS;
      const san = hosts.map((host) => (/^[\d.]+$|:/.test(host) ? `IP:${host}` : `DNS:${host}`)).join(',');
      const ext = [options.client ? 'extendedKeyUsage=clientAuth' : `subjectAltName=${san}\nextendedKeyUsage=serverAuth`, 'basicConstraints=CA:FALSE'].join('\n');
      writeFileSync(join(dir, `${name}.ext`), `${ext}\n`);
      openssl(['req', '-new', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${options.client ? name : (hosts[0] ?? name)}`], dir);
      const serial = `0x${Date.now().toString(16)}${Math.floor(Math.random() * 0xffff).toString(16)}`;
      openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', serial, '-out', `${name}.pem`, '-days', options.expired ? '-1' : '30', '-extfile', `${name}.ext`], dir);
      const certPath = join(dir, `${name}.pem`);
      const keyPath = join(dir, `${name}.key`);
      return { certPath, keyPath, cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
    },
  };
}

/** `issued`'s key encrypted with `passphrase` (PKCS#8, AES-256), as `<name>.enc.key`. */
export function encryptedKey(authority: Authority, issued: Issued, passphrase: string): string {
  const out = issued.keyPath.replace(/\.key$/, '.enc.key');
  openssl(['pkcs8', '-topk8', '-in', issued.keyPath, '-out', out, '-v2', 'aes-256-cbc', '-passout', `pass:${passphrase}`], authority.dir);
  return out;
}

/** `issued` as a PKCS#12 file protected by `passphrase`. */
export function pfxOf(authority: Authority, issued: Issued, passphrase: string): string {
  const out = issued.certPath.replace(/\.pem$/, '.p12');
  openssl(['pkcs12', '-export', '-in', issued.certPath, '-inkey', issued.keyPath, '-out', out, '-passout', `pass:${passphrase}`], authority.dir);
  return out;
}
