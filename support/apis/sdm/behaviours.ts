// The behaviours of the Oracle Communications Session Delivery Manager REST login that features/sdm/ is
// tagged with (SDM-nn). Documented ones rest on the SDM REST API reference page "Login"; the rest are read
// from the wider SDM REST documentation, and say so. docs/behaviours.md is generated from this list.
import type { Behaviour } from '../types';

const LOGIN = 'Oracle Communications Session Delivery Manager REST API (9.0.1) — "Login", POST /{versionId}/admin/login';
const REST_GUIDE = 'Oracle Communications Session Delivery Manager REST API guide (8.1, 8.2, 9.0: authenticate, quick start, logout, deviceGroups)';

export const BEHAVIOURS: Behaviour[] = [
  {
    id: 'SDM-01',
    statement:
      'POST /rest/{versionId}/admin/login (v1.3) with the XML body <session><userName/><password/></session>, Content-Type and Accept application/xml, answers 200 with an XML <session>: ' +
      'idleTimeout, serverInfo, sessionId, userGroup, userName, validUntil.',
    documented: true,
    source: { document: LOGIN, section: 'Login; Examples (the curl example, the XML request and response bodies)', quote: 'Authenticate and establish a user session on the SDM server.' },
  },
  {
    id: 'SDM-02',
    statement: 'The same login with the JSON body {"userName", "password"} (no root element) answers the same fields as JSON.',
    documented: true,
    source: { document: LOGIN, section: 'Examples (the JSON request and response bodies)', quote: 'The following example shows the contents of the request body in JSON.' },
    note: 'The page shows the JSON bodies but not their headers: application/json as Content-Type and Accept is inferred, and so is an answer in the request\'s format with no Accept or Accept: */*.',
  },
  {
    id: 'SDM-03',
    statement: 'The login sets a time-limited session cookie that later requests must carry.',
    documented: true,
    source: { document: LOGIN, section: 'Login', quote: 'returns a valid time-limited session cookie that needs to be returned with all subsequent REST requests' },
  },
  {
    id: 'SDM-04',
    statement: 'The bare sessionId sent as the whole Cookie header, as the page\'s Python example does, also works (emulator only).',
    documented: false,
    source: { document: LOGIN, section: 'Examples (login using Python)', quote: 'headers[\'Cookie\'] = cookie' },
    note: 'Shown by the page, but checking it needs the probe (inferred), and a real Tomcat would ignore a nameless cookie: the emulator accepts it, and its scenario is @emulator.',
  },
  {
    id: 'SDM-05',
    statement: 'Invalid input (a malformed body) is refused with 400.',
    documented: true,
    source: { document: LOGIN, section: 'Response — 400 Response', quote: 'The user input is invalid.' },
    note: 'A missing field answered 400 is our reading (inferred): a real server might answer 401.',
  },
  {
    id: 'SDM-06',
    statement: 'A wrong user ID or password is refused with 401.',
    documented: true,
    source: { document: LOGIN, section: 'Response — 401 Response', quote: 'The user ID or password is invalid.' },
  },
  {
    id: 'SDM-07',
    statement: 'An unknown REST API version (v9.9) answers 404.',
    documented: true,
    source: { document: LOGIN, section: 'Response — 404 Response', quote: 'The REST API version of your input request cannot be found.' },
    note: 'Which versions exist besides v1.3 is inferred: the emulator knows v1.0 to v1.3.',
  },
  {
    id: 'SDM-08',
    statement:
      'The cookie is JSESSIONID=<sessionId>; Path=/rest; HttpOnly; the probe GET /rest/{v}/inventory/deviceMgmt/deviceGroups answers 200 with it and 401 without; ' +
      'logout POST /rest/{v}/admin/logout answers 204, and the cookie no longer works.',
    documented: false,
    source: { document: REST_GUIDE, section: 'Login and logout examples; deviceGroups', quote: 'Paraphrase: the login sets JSESSIONID on Path=/rest, HttpOnly; an invalid session ID is refused with 401; logout answers 204 and removes the session cookie.' },
  },
];
