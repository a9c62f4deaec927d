// The TLS and proxy failure sentences, from the errors Playwright really raises: servers on loopback
// with an untrusted, an expired and a wrong-host certificate, one requiring a client certificate, a
// proxy that refuses connections and one that answers 407. Plus the config lines for unreadable files.
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { request } from '@playwright/test';
import { configuredSecrets } from '../../scripts/leak-scan';
import { classifyTransportError } from '../errors';
import { scanText } from '../leak-scan';
import { ConfigError, loadConfig, unknownVariables } from '../config';
import { createAuthority, encryptedKey, type Authority } from './certs';
import { proxyChoice } from './proxy';
import { trustForOrigin } from './trust';
import type { Transport } from './settings';

const servers: Array<http.Server> = [];
function listen(server: http.Server): Promise<string> {
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(String((server.address() as AddressInfo).port))));
}

/** What Playwright throws for GET `url` with these context options (or undefined when it answered). */
async function failure(url: string, options: Parameters<typeof request.newContext>[0] = {}): Promise<unknown> {
  const context = await request.newContext({ timeout: 5000, ...options });
  try {
    const response = await context.get(url);
    return response.status() === 407 ? Object.assign(new Error('PROXY_AUTHENTICATION_REQUIRED: the proxy answered 407'), { code: 'PROXY_AUTHENTICATION_REQUIRED' }) : undefined;
  } catch (error) {
    return error;
  } finally {
    await context.dispose();
  }
}

const transport = (extra: Partial<Transport> = {}): Transport => ({ prefix: 'ALM_', ignoreHttpsErrors: false, ...extra });

describe('TLS and proxy failures', () => {
  let ca: Authority;
  const at: Record<string, string> = {};

  before(async () => {
    ca = createAuthority();
    const serve = (issued: { cert: string; key: string }, extra: https.ServerOptions = {}) => https.createServer({ cert: issued.cert, key: issued.key, ...extra }, (_, res) => res.end('ok'));
    at.good = await listen(serve(ca.issue('good')));
    at.expired = await listen(serve(ca.issue('expired', { expired: true })));
    at.wrongHost = await listen(serve(ca.issue('other', { hosts: ['other.example'] })));
    at.mtls = await listen(serve(ca.issue('mtls'), { ca: ca.caPem, requestCert: true, rejectUnauthorized: true }));
    const proxy407 = http.createServer((_, res) => res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="corp"' }).end());
    proxy407.on('connect', (_req, socket) => socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n'));
    at.proxy407 = await listen(proxy407);
  });

  after(() => servers.forEach((server) => server.close()));

  it('names <PREFIX>CA_FILE for a certificate no trusted CA signed', async () => {
    const got = classifyTransportError(await failure(`https://127.0.0.1:${at.good}/`), transport(), `https://127.0.0.1:${at.good}/`);
    assert.equal(got.kind, 'untrusted');
    assert.match(got.what, /not signed by a CA this run trusts \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN)\)/);
    assert.match(got.advice!, /set ALM_CA_FILE to the PEM file of the CA that signed it/);
  });

  it('says an expired certificate has expired', async () => {
    const got = classifyTransportError(await failure(`https://127.0.0.1:${at.expired}/`, { ignoreHTTPSErrors: false }), transport(), 'https://127.0.0.1/');
    // Not trusted either: the expiry is what OpenSSL reports first only once the CA is trusted.
    assert.ok(['expired', 'untrusted'].includes(got.kind), got.what);
    assert.equal(classifyTransportError(new Error('apiRequestContext.get: certificate has expired'), transport()).kind, 'expired');
  });

  it('says which host name the certificate is not for', async () => {
    // With the CA trusted for this origin only (support/tls/trust.ts), the name check is what fails.
    trustForOrigin(`https://127.0.0.1:${at.wrongHost}`, ca.caPem);
    trustForOrigin(`https://127.0.0.1:${at.expired}`, ca.caPem);
    const url = `https://127.0.0.1:${at.wrongHost}/`;
    const got = classifyTransportError(await failure(url), transport(), url);
    assert.equal(got.kind, 'hostname');
    assert.match(got.what, /not for the host name 127\.0\.0\.1/);
    assert.match(got.advice!, /ALM_BASE_URL/);
    const expired = classifyTransportError(await failure(`https://127.0.0.1:${at.expired}/`), transport());
    assert.equal(expired.kind, 'expired');
    assert.match(expired.what, /has expired/);
  });

  it('asks for a client certificate when the server requires one, and names it when the server refuses it', async () => {
    const origin = `https://127.0.0.1:${at.mtls}`;
    trustForOrigin(origin, ca.caPem);
    const none = classifyTransportError(await failure(`${origin}/`), transport(), `${origin}/`);
    assert.equal(none.kind, 'client-cert');
    assert.match(none.what, /requires a client certificate and none was sent/);
    assert.match(none.advice!, /set ALM_CLIENT_CERT and ALM_CLIENT_KEY/);
    const stranger = createAuthority('stranger').issue('client', { client: true });
    const refusedError = await failure(`${origin}/`, { clientCertificates: [{ origin, cert: Buffer.from(stranger.cert), key: Buffer.from(stranger.key) }] });
    const refused = classifyTransportError(refusedError, transport({ clientCertificate: { from: 'ALM_CLIENT_CERT and ALM_CLIENT_KEY' } }), `${origin}/`);
    assert.equal(refused.kind, 'client-cert', String(refusedError));
    assert.match(refused.what, /refused the client certificate from ALM_CLIENT_CERT and ALM_CLIENT_KEY/);
    const accepted = ca.issue('accepted', { client: true });
    assert.equal(await failure(`${origin}/`, { clientCertificates: [{ origin, cert: Buffer.from(accepted.cert), key: Buffer.from(accepted.key) }] }), undefined);
  });

  it('names the proxy and its variable when it refuses the connection or asks for credentials, never the password', async () => {
    const closed = proxyChoice('http://127.0.0.1:9', 'HTTPS_PROXY');
    const refused = classifyTransportError(await failure(`https://alm.example.com/`, { proxy: { server: closed.server } }), transport({ proxy: closed }), 'https://alm.example.com/');
    assert.equal(refused.kind, 'proxy');
    assert.match(refused.what, /the proxy http:\/\/127\.0\.0\.1:9 \(from HTTPS_PROXY\) could not be reached \(ECONNREFUSED\)/);
    assert.match(refused.advice!, /NO_PROXY \(or ALM_PROXY=none/);
    const withAuth = proxyChoice(`http://corp-user:Pr0xy-Secret@127.0.0.1:${at.proxy407}`, 'HTTPS_PROXY');
    const error = await failure(`https://127.0.0.1:${at.good}/`, { proxy: { server: withAuth.server, username: withAuth.username!, password: withAuth.password! } });
    const auth = classifyTransportError(error, transport({ proxy: withAuth }));
    assert.equal(auth.kind, 'proxy');
    assert.match(auth.what, /the proxy http:\/\/\[REDACTED\]@127\.0\.0\.1:\d+ \(from HTTPS_PROXY\) refused its user name and password \(407/);
    assert.doesNotMatch(`${auth.what} ${auth.advice}`, /Pr0xy-Secret|corp-user/);
  });
});

describe('TLS settings at start', () => {
  const base = { DOTENV_PATH: '/dev/null' };
  const problems = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      assert.ok(error instanceof ConfigError, String(error));
      return error.problems;
    }
  };

  it('stops on a missing or unreadable file with one line naming the variable and the path', () => {
    assert.deepEqual(problems({ ...base, ALM_CA_FILE: '/nowhere/ca.pem', CA_FILE: '/tmp' }), [
      'CA_FILE=/tmp cannot be read (it is a folder): give the path of a readable file',
      'ALM_CA_FILE=/nowhere/ca.pem cannot be read (no such file): give the path of a readable file',
    ]);
  });

  it('stops on half a client certificate, a wrong passphrase and a bad proxy URL, never showing a secret', () => {
    const ca = createAuthority();
    const client = ca.issue('client', { client: true });
    const locked = encryptedKey(ca, client, 'right-Passphrase-1');
    assert.deepEqual(problems({ ...base, SDM_CLIENT_CERT: client.certPath }), ['SDM_CLIENT_KEY is required when SDM_CLIENT_CERT is set (the client certificate\'s private key)']);
    const wrong = problems({ ...base, SDM_CLIENT_CERT: client.certPath, SDM_CLIENT_KEY: locked, SDM_CLIENT_PASSPHRASE: 'wrong-Passphrase-2' });
    assert.deepEqual(wrong, [`SDM_CLIENT_KEY=${locked} cannot be unlocked with SDM_CLIENT_PASSPHRASE: check the passphrase`]);
    const config = loadConfig({ ...base, SDM_CLIENT_CERT: client.certPath, SDM_CLIENT_KEY: locked, SDM_CLIENT_PASSPHRASE: 'right-Passphrase-1' });
    assert.ok(config.secrets.includes('right-Passphrase-1'), 'the passphrase is a secret the redactor and the leak scan know');
    const proxy = problems({ ...base, ALM_BASE_URL: 'https://alm.example.com', ALM_CLIENT_ID: 'oauth2-x@example.com', ALM_SECRET: 's', HTTPS_PROXY: 'ftp://me:Pr0xy-Secret@proxy.example.com' });
    assert.equal(proxy.length, 1);
    assert.match(proxy[0]!, /^HTTPS_PROXY="ftp:\/\/\[REDACTED\]@proxy\.example\.com" must use http:\/\//);
  });

  it('takes no other tool\'s proxy setting for a misspelling of ours, but catches a misspelt one', () => {
    assert.deepEqual(unknownVariables({ FTP_PROXY: 'x', ftp_proxy: 'x', ALL_PROXY: 'x', all_proxy: 'x', GOPROXY: 'x', https_proxy: 'x', http_proxy: 'x', no_proxy: 'x', NODE_EXTRA_CA_CERTS: 'x' }), []);
    assert.match(unknownVariables({ HTTPS_PROXI: 'x' })[0]!, /did you mean HTTPS_PROXY\?/);
    assert.match(unknownVariables({ ALM_CA_FIEL: 'x' })[0]!, /did you mean ALM_CA_FILE\?/);
  });

  it('ignores a proxy of the environment when every API runs on its emulator', () => {
    const config = loadConfig({ ...base, HTTPS_PROXY: 'not a url at all', https_proxy: 'http://corp:3128' });
    assert.equal(config.targets.alm.transport?.proxy, undefined);
  });

  it('has the leak scan look for the client key passphrase and the proxy password', () => {
    const ca = createAuthority();
    const client = ca.issue('client', { client: true });
    const locked = encryptedKey(ca, client, 'Key-Passphrase-Zq81x');
    const config = loadConfig({ ...base, ALM_BASE_URL: 'https://alm.example.com', ALM_CLIENT_ID: 'oauth2-x@example.com', ALM_SECRET: 's', ALM_CLIENT_CERT: client.certPath, ALM_CLIENT_KEY: locked, ALM_CLIENT_PASSPHRASE: 'Key-Passphrase-Zq81x', HTTPS_PROXY: 'http://corp:Proxy-Pw-Zq81x@proxy.example.com:3128' });
    const sought = configuredSecrets(config);
    const leaks = scanText('report.json', JSON.stringify({ note: `unlock with ${Buffer.from('Key-Passphrase-Zq81x').toString('base64')}`, proxy: 'auth Proxy-Pw-Zq81x' }), { secrets: sought });
    assert.deepEqual(leaks.map((leak) => leak.what).sort(), ['ALM_CLIENT_PASSPHRASE (base64)', 'the password of HTTPS_PROXY (raw)'].sort());
  });

  it('keeps the proxy password and user name as secrets', () => {
    const config = loadConfig({ ...base, ALM_BASE_URL: 'https://alm.example.com', ALM_CLIENT_ID: 'oauth2-x@example.com', ALM_SECRET: 's', https_proxy: 'http://corp-user:Pr0xy%40Secret@proxy.example.com:3128', NO_PROXY: 'sdm.example.com' });
    assert.deepEqual(config.targets.alm.transport?.proxy, { server: 'http://proxy.example.com:3128', username: 'corp-user', password: 'Pr0xy@Secret', shown: 'http://[REDACTED]@proxy.example.com:3128', from: 'https_proxy' });
    assert.ok(config.secrets.includes('Pr0xy@Secret') && config.identities.includes('corp-user'));
  });
});
