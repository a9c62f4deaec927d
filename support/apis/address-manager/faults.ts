// The address-manager emulator's faults: each a small, realistic regression of documented behaviours,
// written as an override of one named part of emulator.ts. `npm run mutation` switches each on in turn and
// expects a scenario tagged with one of its behaviours to fail.
import { randomBytes } from 'node:crypto';
import { faultCatalogue } from '../../emulators/kit';
import { withHeaders, type EmuResponse } from '../../emulators/types';
import type { AddressManagerParts, Presented } from './emulator';

const withCookie = (response: EmuResponse): EmuResponse => withHeaders(response, { 'Set-Cookie': `JSESSIONID=${randomBytes(16).toString('hex')}; Path=/; HttpOnly` });

/** `Basic <apiToken>`-style credentials: the base64 decoded as the secret, with no user half. */
const tokenAlone = (header: string): Presented | undefined => {
  const encoded = /^Basic (\S+)$/i.exec(header.trim())?.[1];
  return encoded ? { user: undefined, password: Buffer.from(encoded, 'base64').toString('utf8') } : undefined;
};

export const ADDRESS_MANAGER_FAULTS = faultCatalogue<AddressManagerParts>([
  { name: 'created-as-ok', behaviours: ['BAM-01'], says: 'answers a successful login 200 OK instead of 201 Created', override: (o) => ({ created: (session) => ({ ...o.created(session), status: 200 }) }) },
  { name: 'plain-json-content-type', behaviours: ['BAM-01', 'BAM-06'], says: 'labels sessions application/json instead of application/hal+json', override: () => ({ halType: 'application/json' }) },
  {
    name: 'no-location-header',
    behaviours: ['BAM-01'],
    says: 'omits the Location header of the created session',
    override: (o) => ({
      created: (session) => {
        const created = o.created(session);
        const { Location: _omitted, ...headers } = created.headers ?? {};
        return { ...created, headers };
      },
    }),
  },
  {
    name: 'stale-token-in-credentials',
    behaviours: ['BAM-03', 'BAM-04'],
    says: 'encodes a stale token, not the apiToken, in basicAuthenticationCredentials',
    override: (o) => ({ credentials: (username) => o.credentials(username, randomBytes(30).toString('base64')) }),
  },
  { name: 'credentials-for-user-api', behaviours: ['BAM-04'], says: 'encodes the user "api" (as the seed example decodes) instead of the real username', override: (o) => ({ credentials: (_username, apiToken) => o.credentials('api', apiToken) }) },
  { name: 'password-instead-of-token', behaviours: ['BAM-04', 'BAM-05', 'BAM-06'], says: 'authorises later requests with username:password and no longer with the apiToken', override: (o) => ({ tokenOk: (given) => o.passwordOk(given) }) },
  { name: 'user-half-unchecked', behaviours: ['BAM-06', 'BAM-07'], says: 'accepts a valid apiToken under any username', override: () => ({ userOk: () => true }) },
  { name: 'token-without-name-accepted', behaviours: ['BAM-06', 'BAM-07'], says: 'accepts Basic credentials that carry the apiToken alone, without "username:"', override: (o) => ({ presented: (header) => o.presented(header) ?? tokenAlone(header) }) },
  { name: 'anonymous-probe', behaviours: ['BAM-06', 'BAM-07'], says: 'answers a request without Authorization with the latest session', override: (_o, p) => ({ anonymous: () => [...p.sessions.values()].filter((s) => p.loggedIn(s)).at(-1) }) },
  { name: 'current-not-supported', behaviours: ['BAM-06'], says: 'treats "current" as a session id and answers 404', override: () => ({ current: () => undefined }) },
  {
    name: 'logout-keeps-session',
    behaviours: ['BAM-08', 'SEC-03'],
    says: 'answers the logout LOGGED_OUT but the token keeps working',
    override: (o) => ({
      loggedOut: (session) => {
        const answer = o.loggedOut(session);
        session.logoutMs = null;
        return answer;
      },
    }),
  },
  { name: 'logout-ends-all-sessions', behaviours: ['SEC-05'], says: 'logging out one session logs out every session of that user', override: (_o, p) => ({ ended: (session) => [...p.sessions.values()].filter((s) => s.username === session.username) }) },
  { name: 'logout-date-missing', behaviours: ['BAM-08'], says: 'leaves logoutDateTime null after logout', override: (o) => ({ view: (session) => ({ ...o.view(session), logoutDateTime: null }) }) },
  { name: 'merge-patch-refused', behaviours: ['BAM-08'], says: 'refuses the logout sent as application/merge-patch+json with 415', override: (o) => ({ logoutTypes: o.logoutTypes.filter((type) => type !== 'application/merge-patch+json') }) },
  { name: 'token-never-expires', behaviours: ['BAM-09'], says: 'keeps the apiToken valid after apiTokenExpirationDateTime', override: () => ({ tokenLive: () => true }) },
  { name: 'token-lives-one-hour', behaviours: ['BAM-09'], says: 'issues apiTokens that expire 1 hour after login instead of 24 hours', override: () => ({ tokenLifetimeMs: 3_600_000 }) },
  { name: 'milliseconds-in-dates', behaviours: ['BAM-02'], says: 'writes date-times with milliseconds (2023-01-20T21:40:48.123Z)', override: () => ({ dateTime: (ms) => new Date(ms).toISOString() }) },
  { name: 'read-only-as-string', behaviours: ['BAM-02'], says: 'sends readOnly as the string "false"', override: (o) => ({ view: (session) => ({ ...o.view(session), readOnly: 'false' }) }) },
  { name: 'collection-link-missing', behaviours: ['BAM-02'], says: 'leaves _links.collection out of the session', override: (o) => ({ view: (session) => ({ ...o.view(session), _links: { self: { href: o.selfHref(session.id) } } }) }) },
  { name: 'self-link-singular', behaviours: ['BAM-02', 'BAM-04'], says: 'links the session as /api/v2/session/{id} (singular), which answers 404', override: () => ({ selfHref: (id) => `/api/v2/session/${id}` }) },
  {
    name: 'shared-session',
    behaviours: ['SEC-05'],
    says: 'a second login of the same user returns the live session instead of a new one',
    override: (o, p) => ({ sessionFor: (username, remoteAddress) => [...p.sessions.values()].find((s) => s.username === username && p.loggedIn(s)) ?? o.sessionFor(username, remoteAddress) }),
  },
  { name: 'any-password', behaviours: ['BAM-07', 'SEC-01'], says: 'accepts any password for a known user', override: () => ({ passwordOk: () => true }) },
  {
    name: 'unknown-user-distinguished',
    behaviours: ['BAM-07', 'SEC-02'],
    says: 'answers an unknown user 404 "User not found" instead of the generic 401',
    override: (o, p) => ({ refuseLogin: (knownUser) => (knownUser ? o.refuseLogin(knownUser) : p.problem(404, 'ObjectNotFound', 'User not found')) }),
  },
  { name: 'body-errors-as-401', behaviours: ['BAM-07'], says: 'answers a missing field or malformed JSON 401 instead of 400', override: (_o, p) => ({ badLoginBody: () => p.unauthorized() }) },
  {
    name: 'error-code-generic',
    behaviours: ['BAM-07'],
    says: 'names the 401 code "Unauthorized" instead of InvalidAuthorizationCredentials',
    override: (o) => ({ problem: (status, code, message, headers) => o.problem(status, status === 401 ? 'Unauthorized' : code, message, headers) }),
  },
  { name: 'failed-login-cookie', behaviours: ['SEC-01'], says: 'sets a JSESSIONID cookie on a failed login', override: (o) => ({ refuseLogin: (knownUser) => withCookie(o.refuseLogin(knownUser)) }) },
  { name: 'session-cookie-on-login', behaviours: ['SEC-04'], says: 'also sets a JSESSIONID cookie on a successful login', override: (o) => ({ created: (session) => withCookie(o.created(session)) }) },
  {
    name: 'collection-without-auth',
    behaviours: ['SEC-06', 'BAM-07'],
    says: 'lists every session, API tokens included, at GET /api/v2/sessions without checking the Authorization header',
    override: (_o, p) => ({
      collection: () => {
        const data = [...p.sessions.values()].map((s) => p.view(s));
        return p.hal(200, { count: data.length, data, _links: { self: { href: '/api/v2/sessions' } } });
      },
    }),
  },
]);
