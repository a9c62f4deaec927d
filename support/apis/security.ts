// The security baseline every login API's features are tagged with (SEC-nn): OWASP ASVS session,
// authentication and access-control rules, our reading of them for these APIs (none is stated by a
// vendor), each with the APIs it applies to. docs/behaviours.md is generated from this list and the APIs' behaviours.ts.
import type { Behaviour } from './types';

const ASVS4 = 'OWASP Application Security Verification Standard (ASVS) 4.0.3 — V3 Session Management';
const ALL = ['o2g', 'address-manager', 'alm', 'token-login', 'sdm'];

export const SECURITY_BEHAVIOURS: Array<Behaviour & { appliesTo: string[] }> = [
  {
    id: 'SEC-01',
    statement: 'A failed login sets no session cookie and returns no token.',
    documented: false,
    source: { document: ASVS4, section: 'V3.2 Session Binding, 3.2.1', quote: 'Verify the application generates a new session token on user authentication.' },
    note: 'Read the other way round: a login that fails authenticates no one, so it hands out no session token or cookie.',
    appliesTo: ALL,
  },
  {
    id: 'SEC-02',
    statement: 'A wrong password and an unknown user get the same answer.',
    documented: false,
    source: { document: 'OWASP Application Security Verification Standard (ASVS) 5.0.0 — V6 Authentication', section: 'V6.3 General Authentication Security, 6.3.8', quote: 'Verify that valid users cannot be deduced from failed authentication challenges, such as by basing on error messages, HTTP response codes, or different response times.' },
    note: 'Not alm: its login page answers a wrong secret 401 and a client ID that is not an active API key 403, so it tells the two apart by design. (ASVS 4.0.3 has no numbered requirement for this.)',
    appliesTo: ['o2g', 'address-manager', 'token-login', 'sdm'],
  },
  {
    id: 'SEC-03',
    statement: 'Session cookies are HttpOnly where the vendor documents it; after logout (or expiry) the old cookie or token is refused.',
    documented: false,
    source: { document: ASVS4, section: 'V3.4 Cookie-based Session Management, 3.4.2; V3.3 Session Logout and Timeout, 3.3.1', quote: 'Verify that cookie-based session tokens have the \'HttpOnly\' attribute set. / Verify that logout and expiration invalidate the session token' },
    appliesTo: ALL,
  },
  {
    id: 'SEC-04',
    statement: 'Each scenario starts with an empty cookie jar; nothing leaks between scenarios.',
    documented: false,
    source: { document: ASVS4, section: 'Control Objective', quote: 'Sessions are unique to each individual and cannot be guessed or shared.' },
    note: 'A property of the tests as much as of the API: one Playwright request context per scenario, so no session is shared between them.',
    appliesTo: ALL,
  },
  {
    id: 'SEC-05',
    statement: 'Two logins by the same user get two different sessions, and logging one out leaves the other working (two named sessions in one scenario).',
    documented: false,
    source: { document: ASVS4, section: 'V3.2 Session Binding, 3.2.1; V3.3 Session Logout and Timeout, 3.3.1', quote: 'Verify the application generates a new session token on user authentication. / Verify that logout and expiration invalidate the session token' },
    note: 'For the APIs with server-side sessions and a logout. Not token-login: its JWT is a pure function of the user and the expiry second, and it has no logout.',
    appliesTo: ['o2g', 'address-manager', 'alm', 'sdm'],
  },
  {
    id: 'SEC-06',
    statement:
      'Every route that needs a session refuses a call without credentials, with an expired or logged-out session, and with a forged credential, as the API documents its refusal; the same call with the live session is served.',
    documented: false,
    source: {
      document: 'OWASP Application Security Verification Standard (ASVS) 4.0.3 — V4 Access Control; V3 Session Management',
      section: 'V4.1 General Access Control Design, 4.1.3; V3.3 Session Logout and Timeout, 3.3.1; V3.5 Token-based Session Management, 3.5.3',
      quote: 'users should only be able to access functions, data files, URLs, controllers, services, and other resources, for which they possess specific authorization.',
    },
    note:
      'Route by route, as Schemathesis\'s ignored_auth check does: the routes and how each API refuses are listed in support/apis/<api>/protected-routes.ts, which `npm run auth-features` turns into features/<api>/unauthenticated.feature; ' +
      'an expired session only on an emulator (its clock moves), a logged-out one wherever the API has a logout.',
    appliesTo: ALL,
  },
];
