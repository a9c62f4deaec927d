// What a scenario's Playwright request context is created with for its API: the explicit certificate
// opt-out, the client certificate for that API's origin, the proxy the curl rules chose (already
// decided per API, so Playwright's own bypass matching, a plain suffix match, is never used), and the
// API's extra CAs registered for its origin (support/tls/trust.ts; Playwright has no CA option).
import type { APIRequest } from '@playwright/test';
import type { ApiTarget, Config } from '../config';
import { emulatorTls } from './emulator-tls';
import { trustEverywhere, trustForOrigin } from './trust';

export type TransportOptions = Pick<NonNullable<Parameters<APIRequest['newContext']>[0]>, 'ignoreHTTPSErrors' | 'clientCertificates' | 'proxy'>;

/** The options for `target`, reached at `url` (its BASE_URL, or its embedded emulator's URL). */
export function transportOptions(target: ApiTarget, url: string, config: Pick<Config, 'globalCa'>): TransportOptions {
  const transport = target.transport;
  const origin = new URL(url).origin;
  // Registering twice is a no-op (support/tls/trust.ts keeps each PEM once).
  if (config.globalCa) trustEverywhere(config.globalCa.pem);
  if (transport?.ca) trustForOrigin(origin, transport.ca.pem);
  const options: TransportOptions = {};
  if (transport?.ignoreHttpsErrors) options.ignoreHTTPSErrors = true;
  const client = transport?.clientCertificate;
  if (client && target.baseUrl !== undefined) {
    options.clientCertificates = [{ origin, ...(client.pfx ? { pfx: client.pfx } : { cert: client.cert!, key: client.key! }), ...(client.passphrase ? { passphrase: client.passphrase } : {}) }];
  } else if (target.baseUrl === undefined) {
    // An embedded emulator asking for a client certificate (EMULATOR_TLS=mtls) gets the one made with it.
    const emulator = emulatorTls();
    if (emulator?.client) options.clientCertificates = [{ origin, cert: Buffer.from(emulator.client.cert), key: Buffer.from(emulator.client.key) }];
  }
  const proxy = transport?.proxy;
  if (proxy && target.baseUrl !== undefined) {
    options.proxy = { server: proxy.server, ...(proxy.username !== undefined ? { username: proxy.username } : {}), ...(proxy.password !== undefined ? { password: proxy.password } : {}) };
  }
  return options;
}
