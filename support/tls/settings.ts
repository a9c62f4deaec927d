// The transport settings every API shares, declared once and applied to every prefix: extra CAs, the
// explicit opt-out of certificate checks, a client certificate, a proxy. Plus the global ones (CA_FILE,
// HTTPS_PROXY, HTTP_PROXY, NO_PROXY; curl's lower-case https_proxy, http_proxy and no_proxy too, which
// win over the upper-case ones as in curl). Files are read once, at start: a missing or unreadable one
// stops the run with one line naming the variable and the path.
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { z } from 'zod';
import { MASK } from '../redact';
import { chooseProxy, proxyChoice, proxyUrlProblem, type ProxyChoice } from './proxy';

/** Per API, the name after the prefix, its .env.example line and its example value ('' for none). */
export const TRANSPORT_VARIABLES = {
  CA_FILE: { doc: 'PEM bundle of the CA(s) that signed this API\'s certificate (an internal CA), trusted for its origin in addition to the default store', example: '' },
  IGNORE_HTTPS_ERRORS: { doc: 'true: do not check this API\'s certificate at all (a self-signed test appliance); printed as a warning and shown in the report', example: 'false' },
  CLIENT_CERT: { doc: 'PEM client certificate sent to this API\'s origin (with CLIENT_KEY), for a server that asks for one', example: '' },
  CLIENT_KEY: { doc: 'PEM private key of that client certificate', example: '' },
  CLIENT_PFX: { doc: 'PKCS#12 (.pfx/.p12) client certificate and key, instead of CLIENT_CERT and CLIENT_KEY', example: '' },
  CLIENT_PASSPHRASE: { doc: 'passphrase of CLIENT_KEY or CLIENT_PFX (a secret: masked like a password)', example: '' },
  PROXY: { doc: 'proxy for this API only, http://[user:password@]host:port, over HTTPS_PROXY/HTTP_PROXY and NO_PROXY; none: connect directly', example: '' },
} as const;

export const GLOBAL_TRANSPORT_SETTINGS = [
  { name: 'CA_FILE', doc: 'PEM bundle of CA(s) trusted for every target, in addition to the default store (each API\'s own: <PREFIX>CA_FILE)', example: '' },
  { name: 'HTTPS_PROXY', doc: 'proxy for https targets, http://[user:password@]host:port (https_proxy wins, as in curl); never used for the embedded emulators', example: '' },
  { name: 'HTTP_PROXY', doc: 'proxy for http targets (http_proxy wins, as in curl)', example: '' },
  { name: 'NO_PROXY', doc: 'hosts reached directly, comma-separated: example.com (and its subdomains), .example.com, host:port, 10.0.0.0/8, 127.0.0.1, * for all (no_proxy wins)', example: 'localhost,127.0.0.1' },
] as const;

/** curl's lower-case spellings, read from the environment beside the schema's upper-case names. */
export const LOWER_CASE_PROXY_NAMES = ['https_proxy', 'http_proxy', 'no_proxy'] as const;

/**
 * Other tools' settings a couple of edits from these names (FTP_PROXY from HTTP_PROXY, ALL_PROXY from
 * ALM_PROXY, GOPROXY from NO_PROXY), common in corporate shells: never taken for a misspelling of ours.
 */
export const OTHER_TOOLS_PROXY_NAMES = ['FTP_PROXY', 'ftp_proxy', 'ALL_PROXY', 'all_proxy', 'GOPROXY', 'SOCKS_PROXY', 'socks_proxy', 'RSYNC_PROXY'] as const;

type Short = keyof typeof TRANSPORT_VARIABLES;

/** The schema entries of every prefix's transport variables and the global ones (all optional). */
export function transportSchema(prefixes: string[]): Record<string, z.ZodOptional<z.ZodType<string>>> {
  const entries: Array<[string, z.ZodOptional<z.ZodType<string>>]> = [];
  for (const prefix of prefixes) {
    for (const short of Object.keys(TRANSPORT_VARIABLES) as Short[]) {
      const schema = short === 'IGNORE_HTTPS_ERRORS' ? z.string().regex(/^(true|false)$/, { error: 'must be true or false' }) : z.string();
      entries.push([`${prefix}${short}`, schema.optional()]);
    }
  }
  for (const { name } of GLOBAL_TRANSPORT_SETTINGS) entries.push([name, z.string().optional()]);
  return Object.fromEntries(entries);
}

export interface ClientCertificate {
  cert?: Buffer;
  key?: Buffer;
  pfx?: Buffer;
  passphrase?: string;
  /** The variables it came from, for sentences ("ALM_CLIENT_CERT and ALM_CLIENT_KEY"). */
  from: string;
}

/** How one API is reached. */
export interface Transport {
  prefix: string;
  /** <PREFIX>CA_FILE's certificates, trusted for this API's origin. */
  ca?: { pem: string; file: string };
  ignoreHttpsErrors: boolean;
  clientCertificate?: ClientCertificate;
  proxy?: ProxyChoice;
}

export interface ResolvedTransport {
  byApi: Record<string, Transport>;
  /** CA_FILE's certificates, trusted for every target. */
  globalCa?: { pem: string; file: string };
  problems: string[];
  /** Passphrases and proxy passwords: redacted like passwords. */
  secrets: string[];
  /** Proxy user names: masked like the other identities. */
  identities: string[];
}

/** A file's bytes, or the line naming the variable and path that cannot be read. */
function readSetting(name: string, path: string, problems: string[]): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    problems.push(`${name}=${path} cannot be read (${why}): give the path of a readable file`);
    return undefined;
  }
}

function readCa(name: string, path: string | undefined, problems: string[]): { pem: string; file: string } | undefined {
  if (!path) return undefined;
  const bytes = readSetting(name, path, problems);
  if (!bytes) return undefined;
  const pem = bytes.toString('utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    problems.push(`${name}=${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----): give the CA's certificate(s) in PEM, e.g. openssl x509 -in ca.der -inform der -out ca.pem`);
    return undefined;
  }
  return { pem, file: path };
}

function readClientCertificate(prefix: string, values: Record<string, string | undefined>, problems: string[]): ClientCertificate | undefined {
  const [certName, keyName, pfxName, passName] = ['CLIENT_CERT', 'CLIENT_KEY', 'CLIENT_PFX', 'CLIENT_PASSPHRASE'].map((short) => `${prefix}${short}`) as [string, string, string, string];
  const [certPath, keyPath, pfxPath, passphrase] = [values[certName], values[keyName], values[pfxName], values[passName]];
  if (pfxPath && (certPath || keyPath)) {
    problems.push(`${pfxName} is set together with ${certPath ? certName : keyName}: give either ${pfxName} or ${certName} with ${keyName}, not both`);
    return undefined;
  }
  if (!pfxPath && Boolean(certPath) !== Boolean(keyPath)) {
    problems.push(certPath ? `${keyName} is required when ${certName} is set (the client certificate's private key)` : `${certName} is required when ${keyName} is set (the client certificate the key belongs to)`);
    return undefined;
  }
  if (!pfxPath && !certPath) {
    if (passphrase) problems.push(`${passName} is set but neither ${pfxName} nor ${certName} with ${keyName} is: set the client certificate it unlocks, or remove it`);
    return undefined;
  }
  const before = problems.length;
  const pfx = pfxPath ? readSetting(pfxName, pfxPath, problems) : undefined;
  const cert = certPath ? readSetting(certName, certPath, problems) : undefined;
  const key = keyPath ? readSetting(keyName, keyPath, problems) : undefined;
  if (problems.length > before) return undefined;
  const from = pfxPath ? pfxName : `${certName} and ${keyName}`;
  try {
    // Read as the TLS handshake will: a wrong passphrase or a key of another certificate stops the run now, not mid-run.
    createSecureContext({ ...(pfx ? { pfx } : { cert, key }), ...(passphrase ? { passphrase } : {}) });
  } catch (error) {
    const message = (error as Error).message;
    const why = /bad decrypt|mac verify|passphrase|PEM_read_bio|bad password/i.test(message)
      ? passphrase ? `cannot be unlocked with ${passName}: check the passphrase` : `is encrypted: set ${passName}`
      : /key values mismatch/i.test(message) ? `is not the key of ${certName}: give the key the certificate was issued for` : `cannot be used (${message.split('\n')[0]})`;
    problems.push(`${pfxPath ? pfxName : keyName}=${pfxPath ?? keyPath} ${why}`);
    return undefined;
  }
  return { ...(pfx ? { pfx } : { cert, key }), ...(passphrase ? { passphrase } : {}), from };
}

/**
 * Every API's transport from the validated values (schema names) and the raw environment (curl's
 * lower-case proxy names). A proxy set in the environment is checked only when a target would use it.
 */
export function resolveTransport(targets: Array<{ id: string; prefix: string; baseUrl: string | undefined }>, values: Record<string, string | undefined>, env: NodeJS.ProcessEnv): ResolvedTransport {
  const problems: string[] = [];
  const secrets: string[] = [];
  const identities: string[] = [];
  const globalCa = readCa('CA_FILE', values.CA_FILE, problems);
  // The schema's names as validated, and curl's lower-case ones as set in the environment.
  const proxyEnv: NodeJS.ProcessEnv = { ...values, ...Object.fromEntries(LOWER_CASE_PROXY_NAMES.map((name) => [name, env[name]])) };
  const byApi: Record<string, Transport> = {};
  for (const { id, prefix, baseUrl } of targets) {
    const transport: Transport = { prefix, ignoreHttpsErrors: values[`${prefix}IGNORE_HTTPS_ERRORS`] === 'true' };
    const ca = readCa(`${prefix}CA_FILE`, values[`${prefix}CA_FILE`], problems);
    if (ca) transport.ca = ca;
    const client = readClientCertificate(prefix, values, problems);
    if (client) transport.clientCertificate = client;
    if (client?.passphrase) secrets.push(client.passphrase);
    const chosen = chooseProxy(baseUrl, `${prefix}PROXY`, proxyEnv);
    const own = values[`${prefix}PROXY`];
    // <PREFIX>PROXY is explicit: checked even for an emulator target, where it goes unused.
    const checked = chosen ?? (own && !/^(none|direct)$/i.test(own) ? { value: own, from: `${prefix}PROXY` } : undefined);
    const problem = checked && proxyUrlProblem(checked.value);
    if (checked && problem) {
      problems.push(`${checked.from}=${JSON.stringify(maskedForError(checked.value))} ${problem}`);
    } else if (chosen) {
      transport.proxy = proxyChoice(chosen.value, chosen.from);
      if (transport.proxy.password) secrets.push(transport.proxy.password);
      if (transport.proxy.username) identities.push(transport.proxy.username);
    }
    byApi[id] = transport;
  }
  return { byApi, ...(globalCa ? { globalCa } : {}), problems, secrets, identities };
}

/** A proxy value as an error line shows it: anything before an "@" is credentials. */
function maskedForError(value: string): string {
  return value.replace(/^([a-z][a-z\d+.-]*:\/\/)?[^/]*@/i, (_, scheme: string | undefined) => `${scheme ?? ''}${MASK}@`);
}

/** The warning printed once at start (cucumber.cjs) for each API whose certificate is not checked. */
export function insecureWarnings(targets: Array<{ id: string; baseUrl: string | undefined; transport?: Transport }>): string[] {
  return targets
    .filter((target) => target.transport?.ignoreHttpsErrors)
    .map(({ id, baseUrl, transport }) => `Warning: ${transport!.prefix}IGNORE_HTTPS_ERRORS=true: the certificate of ${id}${baseUrl ? ` (${baseUrl})` : ''} is not checked, so anyone between here and the server could answer in its place; trust its CA with ${transport!.prefix}CA_FILE instead.`);
}

/** What the report's environment adds after an API's target: the certificate opt-out, the proxy, the client certificate. */
export function describeTransport(transport: Transport | undefined): string {
  if (!transport) return '';
  const notes = [
    ...(transport.ignoreHttpsErrors ? [`${transport.prefix}IGNORE_HTTPS_ERRORS=true: certificate NOT checked`] : []),
    ...(transport.ca ? [`CA from ${transport.prefix}CA_FILE`] : []),
    ...(transport.clientCertificate ? [`client certificate from ${transport.clientCertificate.from}`] : []),
    ...(transport.proxy ? [`via proxy ${transport.proxy.shown} (${transport.proxy.from})`] : []),
  ];
  return notes.length ? ` (${notes.join('; ')})` : '';
}
