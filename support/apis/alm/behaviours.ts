// The behaviours of the OpenText ALM API-key login that features/alm/ is tagged with (ALM-nn). Documented
// ones rest on the ALM REST API reference page of the "login" resource; the rest are read from ALM's wider
// REST documentation and a Jenkins issue, and say so. docs/behaviours.md is generated from this list.
import type { Behaviour } from '../types';

const LOGIN = 'OpenText ALM (Quality Center) REST API reference — "login" (/qcbin/rest/oauth2/login)';
const REST_DOCS = 'OpenText ALM REST API documentation (Session Management, is-authenticated, logout, site-session, XSRF, Exceptions)';

export const BEHAVIOURS: Behaviour[] = [
  {
    id: 'ALM-01',
    statement:
      'POST /qcbin/rest/oauth2/login with JSON {"clientId", "secret"} answers 200 with Content-Length 0 and five cookies on Path=/qcbin: JSESSIONID, LWSSO_COOKIE_KEY and QCSession HttpOnly, ALM_USER and XSRF-TOKEN not; ' +
      'also X-Content-Type-Options: nosniff, Expires: Thu, 01 Jan 1970 00:00:00 GMT and X-XSS-protection: 1; mode=block. The login also opens a session.',
    documented: true,
    source: { document: LOGIN, section: 'Returns; Example', quote: 'On a successful POST, the login resource returns LWSSO_COOKIE_KEY, ALM_USER, QCSession, and XSRF_TOKEN in Set-Cookie.' },
    note: 'The prose spells the last cookie XSRF_TOKEN and leaves out JSESSIONID; the wire example says XSRF-TOKEN and sets all five, with their attributes: the scenarios follow the example.',
  },
  {
    id: 'ALM-02',
    statement: 'A wrong secret is refused with 401.',
    documented: true,
    source: { document: LOGIN, section: 'Returns — HTTP return codes, 401', quote: 'Incorrect secret' },
  },
  {
    id: 'ALM-03',
    statement: 'A client ID that is not an active API key (a known but inactive key, ALM_INACTIVE_CLIENT_ID) is refused with 403.',
    documented: true,
    source: { document: LOGIN, section: 'Returns — HTTP return codes, 403', quote: 'Client ID not listed as active API Key in ALM' },
    note: 'A client ID that does not exist is also "not listed as active API Key", so the emulator answers it 403 too: that reading is inferred.',
  },
  {
    id: 'ALM-04',
    statement: 'An internal error answers 500 (provoked only through an emulator fault, so its scenario is @emulator).',
    documented: true,
    source: { document: LOGIN, section: 'Returns — HTTP return codes, 500', quote: 'Internal server error' },
  },
  {
    id: 'ALM-05',
    statement: 'Only POST is offered on the login resource (another method answers 405), and only application/json is accepted (an XML body answers 415).',
    documented: false,
    source: { document: LOGIN, section: 'HTTP Methods; Media Type', quote: 'GET: N/A PUT: N/A DELETE: N/A POST: Authenticates the user.' },
    note: 'The methods and the media-type table (application/json only, for POST) are documented; the statuses 405 and 415 the scenarios assert are inferred.',
  },
  {
    id: 'ALM-06',
    statement: 'With a client type header (ALM-CLIENT-TYPE), the returned QCSession carries a base64 suffix, and that session works only on requests that send the client type header.',
    documented: false,
    source: { document: LOGIN, section: 'Returns', quote: 'Such a QCSession cannot be used to call APIs that do not have the client type specified in the request header.' },
    note:
      'The page states the rule but names neither the header nor what is encoded; the header ALM-CLIENT-TYPE comes from Jenkins issue JENKINS-51239, and its example QCSession-d2ViYWRtaW4X can be read as a suffix ' +
      'on the cookie\'s name or its value: the emulator appends "-" and base64 of the client type to the value, so the scenarios are @emulator.',
  },
  {
    id: 'ALM-07',
    statement:
      'The cookies, sent back, prove the session: the probe GET /qcbin/rest/is-authenticated answers 200 XML <AuthenticationInfo><Username>..</Username></AuthenticationInfo> (JSON with Accept: application/json); ' +
      'without the cookies it answers 401 with WWW-Authenticate: LWSSO ....',
    documented: false,
    source: { document: LOGIN, section: 'Returns', quote: 'Provide them in the header of all subsequent API messages.' },
    note: 'That the cookies must be sent is documented on the login page; the probe, its answers and the 401 come from ALM\'s is-authenticated and authentication pages (inferred).',
  },
  {
    id: 'ALM-08',
    statement:
      'A non-GET request must carry X-XSRF-TOKEN equal to the XSRF-TOKEN cookie (else 401); logout at /qcbin/authentication-point/logout expires the cookies and the probe then answers 401; DELETE /qcbin/rest/site-session ends the session. ' +
      'Errors are <QCRestException><Id>..</Id><Title>..</Title></QCRestException>, or JSON with Accept: application/json.',
    documented: false,
    source: { document: REST_DOCS, section: 'Send the XSRF header; logout; site-session; Exceptions', quote: 'Paraphrase: since ALM 16.00 every non-GET request carries X-XSRF-TOKEN with the XSRF-TOKEN cookie\'s value; logout expires LWSSO_COOKIE_KEY and QCSession.' },
    note: 'The status of a missing XSRF header (401) and the JSON error shape are our reading.',
  },
];
