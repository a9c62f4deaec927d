// What went wrong in a TLS handshake or with a proxy, by OpenSSL's and Node's error codes (never the
// wording, which changes between versions), as the middle and the advice of the "Cannot reach" sentence:
// what happened, and the variable to set. Without the API's transport the advice is generic.
import type { Transport } from './settings';

export type TransportKind = 'untrusted' | 'expired' | 'hostname' | 'client-cert' | 'proxy';

export interface TransportFailure {
  kind: TransportKind;
  what: string;
  advice: string;
}

/** Code that answers a 407 from the proxy: Playwright hands the proxy's answer back as if it were the target's. */
export const PROXY_AUTH_CODE = 'PROXY_AUTHENTICATION_REQUIRED';

export class ProxyAuthenticationError extends Error {
  readonly code = PROXY_AUTH_CODE;
  constructor() {
    super(`${PROXY_AUTH_CODE}: the proxy answered 407`);
  }
}

/** Throws when a request that went through a proxy got the proxy's 407 instead of the target's answer. */
export function rejectProxyAuthentication(transport: Transport | undefined, status: number): void {
  if (status === 407 && transport?.proxy) throw new ProxyAuthenticationError();
}

const UNTRUSTED = /SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|self[- ]signed certificate|unable to verify the first certificate|unable to get local issuer certificate/i;
const EXPIRED = /CERT_HAS_EXPIRED|certificate has expired/i;
const NOT_YET_VALID = /CERT_NOT_YET_VALID|certificate is not yet valid/i;
const HOSTNAME = /ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate's altnames/i;
const CLIENT_REQUIRED = /ALERT_CERTIFICATE_REQUIRED|alert certificate required/i;
const CLIENT_REFUSED = /ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|CERTIFICATE_REVOKED|CERTIFICATE_EXPIRED|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|DECRYPT_ERROR)|alert (bad certificate|unknown ca|certificate unknown|certificate revoked|certificate expired|unsupported certificate|access denied)/i;
const CONNECT_FAILED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/;
const CUT = /ECONNRESET|socket hang up/i;

/** The "what" after "Cannot reach <api>: <request>:" and the advice after it, or undefined when not a TLS/proxy failure. */
export function transportFailure(text: string, transport?: Transport, url?: string): TransportFailure | undefined {
  const p = transport?.prefix ?? '<PREFIX>';
  const insecure = `${p}IGNORE_HTTPS_ERRORS=true skips the check, for a test appliance only`;
  const host = url && URL.canParse(url) ? new URL(url).hostname : 'its host';
  const clientVars = `${p}CLIENT_CERT and ${p}CLIENT_KEY (or ${p}CLIENT_PFX), with ${p}CLIENT_PASSPHRASE if the key is encrypted`;
  const proxy = transport?.proxy;
  if (text.includes(PROXY_AUTH_CODE)) {
    const named = proxy ? `the proxy ${proxy.shown} (from ${proxy.from})` : 'the proxy';
    return {
      kind: 'proxy',
      what: proxy?.username !== undefined ? `${named} refused its user name and password (407 Proxy Authentication Required)` : `${named} requires authentication (407 Proxy Authentication Required)`,
      advice: `give the proxy's user name and password in ${proxy?.from ?? 'HTTPS_PROXY'}, before its host and separated from it by an @ (URL-encoded), or set ${p}PROXY for this API only`,
    };
  }
  if (proxy && CONNECT_FAILED.test(text)) {
    return {
      kind: 'proxy',
      what: `the proxy ${proxy.shown} (from ${proxy.from}) could not be reached (${CONNECT_FAILED.exec(text)![0]})`,
      advice: `check ${proxy.from}, or reach ${host} directly by adding it to NO_PROXY (or ${p}PROXY=none for this API only)`,
    };
  }
  if (HOSTNAME.test(text)) {
    return { kind: 'hostname', what: `its certificate is not for the host name ${host} (ERR_TLS_CERT_ALTNAME_INVALID)`, advice: `set ${p}BASE_URL to a host name the certificate names, or have the certificate reissued for ${host}; ${insecure}` };
  }
  if (EXPIRED.test(text)) {
    return { kind: 'expired', what: 'its certificate has expired (CERT_HAS_EXPIRED)', advice: `have the server's certificate renewed; ${insecure}` };
  }
  if (NOT_YET_VALID.test(text)) {
    return { kind: 'expired', what: 'its certificate is not valid yet (CERT_NOT_YET_VALID)', advice: `check this machine's clock, or have the certificate reissued; ${insecure}` };
  }
  if (UNTRUSTED.test(text)) {
    const code = /[A-Z][A-Z_]{6,}/.exec(text.replace(/apiRequestContext\.\w+/g, ''))?.[0];
    return {
      kind: 'untrusted',
      what: `its certificate is not signed by a CA this run trusts${code ? ` (${code})` : ''}`,
      advice: `set ${p}CA_FILE to the PEM file of the CA that signed it (CA_FILE for every API)${transport?.ca ? `; ${p}CA_FILE=${transport.ca.file} is set but is not that CA` : ''}; ${insecure}`,
    };
  }
  if (CLIENT_REQUIRED.test(text)) {
    return transport?.clientCertificate
      ? { kind: 'client-cert', what: `the server asks for a client certificate and did not take the one from ${transport.clientCertificate.from}`, advice: `check that ${transport.clientCertificate.from} is the certificate the server expects (issued by a CA it trusts, not expired)` }
      : { kind: 'client-cert', what: 'the server requires a client certificate and none was sent', advice: `set ${clientVars}` };
  }
  const refusedByAlert = CLIENT_REFUSED.test(text);
  // A Node or Java server drops a client certificate it does not accept without an alert: over https,
  // with a certificate sent, a cut during the handshake is that refusal.
  if (refusedByAlert || (transport?.clientCertificate && url?.startsWith('https:') && CUT.test(text))) {
    const from = transport?.clientCertificate?.from ?? `${p}CLIENT_CERT`;
    return {
      kind: 'client-cert',
      what: `the server refused the client certificate from ${from}${refusedByAlert ? ` (${CLIENT_REFUSED.exec(text)![0]})` : ' (it closed the connection during the TLS handshake)'}`,
      advice: `check that ${from} is the certificate the server expects: issued by a CA it trusts, for this client, not expired`,
    };
  }
  return undefined;
}
