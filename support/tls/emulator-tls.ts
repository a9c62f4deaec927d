// The emulators over HTTPS: EMULATOR_TLS=1 (or `npm run sandbox -- --https`) makes a CA and a server
// certificate for 127.0.0.1, ::1 and localhost at start, into a temporary folder, and serves HTTPS with
// it; `mtls` (`--mtls`) also requires a client certificate issued by that CA, and issues one. Made once
// per process. The embedded run trusts the CA for its emulators' origins itself (it made it).
import { createAuthority, type Authority, type Issued } from './certs';

export type EmulatorTlsMode = 'off' | 'https' | 'mtls';

export interface EmulatorTls {
  mode: Exclude<EmulatorTlsMode, 'off'>;
  authority: Authority;
  server: Issued;
  /** With mtls: a client certificate the emulators accept. */
  client?: Issued;
  /** What node:https's createServer takes. */
  serverOptions: { key: string; cert: string; ca?: string; requestCert?: boolean; rejectUnauthorized?: boolean };
}

/** EMULATOR_TLS: unset, 0 or false for plain HTTP; 1 or true for HTTPS; mtls for HTTPS with client certificates. */
export function emulatorTlsMode(value = process.env.EMULATOR_TLS): EmulatorTlsMode {
  if (value === undefined || /^(|0|false|off)$/i.test(value)) return 'off';
  if (/^(1|true|on|https)$/i.test(value)) return 'https';
  if (/^mtls$/i.test(value)) return 'mtls';
  throw new Error(`EMULATOR_TLS=${JSON.stringify(value)} must be 1 (HTTPS), mtls (HTTPS asking for a client certificate) or 0`);
}

const made = new Map<EmulatorTlsMode, EmulatorTls>();

/** The emulators' certificates for this mode, made at the first call; undefined when off. */
export function emulatorTls(mode: EmulatorTlsMode = emulatorTlsMode()): EmulatorTls | undefined {
  if (mode === 'off') return undefined;
  const known = made.get(mode);
  if (known) return known;
  const authority = createAuthority('login-api-bdd emulator CA');
  const server = authority.issue('server');
  const client = mode === 'mtls' ? authority.issue('client', { client: true }) : undefined;
  const tls: EmulatorTls = {
    mode,
    authority,
    server,
    ...(client ? { client } : {}),
    serverOptions: { key: server.key, cert: server.cert, ...(mode === 'mtls' ? { ca: authority.caPem, requestCert: true, rejectUnauthorized: true } : {}) },
  };
  made.set(mode, tls);
  return tls;
}
