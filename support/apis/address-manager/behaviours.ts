// The behaviours of the BlueCat Address Manager RESTful v2 login that features/address-manager/ is tagged
// with (BAM-nn). Documented ones rest on the v2 API guide's "Basic authentication" page; the rest are read
// from BlueCat's Python client library and public scripts, and say so. docs/behaviours.md is generated from this list.
import type { Behaviour } from '../types';

const GUIDE = 'BlueCat Address Manager RESTful v2 API Guide — "Basic authentication"';
const CREATING = 'Creating a session via the /api/v2/sessions endpoint';
const LIBRARY = 'BlueCat Python client library bluecat-libraries (bluecat_libraries.address_manager.apiv2)';

export const BEHAVIOURS: Behaviour[] = [
  {
    id: 'BAM-01',
    statement: 'POST /api/v2/sessions with JSON {"username", "password"} answers 201 Created with Content-Type application/hal+json.',
    documented: true,
    source: { document: GUIDE, section: CREATING, quote: 'Create an API session by sending a POST request to the /api/v2/sessions endpoint with a request body containing the user\'s credentials.' },
  },
  {
    id: 'BAM-02',
    statement:
      'The answer is a UserSession: id (integer), type "UserSession", apiToken, apiTokenExpirationDateTime (ISO-8601, Z), basicAuthenticationCredentials, state "LOGGED_IN", remoteAddress, readOnly (boolean), ' +
      'loginDateTime, logoutDateTime null, response null, user{id, type "User", name, _links.self.href /api/v2/users/{id}}, authenticator{id, type, name, _links.self.href}, _links{self /api/v2/sessions/{id}, collection /api/v2/sessions}.',
    documented: true,
    source: { document: GUIDE, section: `${CREATING} (Response)`, quote: 'The response will contain an apiToken value that can be combined with the username and encoded for the Authorization header' },
    note: 'Every field is as the guide\'s example response shows it.',
  },
  {
    id: 'BAM-03',
    statement: 'basicAuthenticationCredentials is the base64 of "<name>:<apiToken>": its token half equals apiToken.',
    documented: true,
    source: { document: GUIDE, section: 'Authorization header', quote: 'the /api/v2/sessions endpoint also returns a basicAuthenticationCredentials field containing the encoded username and token' },
    note: 'The guide\'s own example decodes to the user half "api" while its request logs in as user1, so scenarios assert the token half only.',
  },
  {
    id: 'BAM-04',
    statement: '"Authorization: Basic {basicAuthenticationCredentials}" authenticates later v2 requests.',
    documented: true,
    source: { document: GUIDE, section: 'Authorization header', quote: 'Example header: Authorization: Basic {basicAuthenticationCredentials}' },
  },
  {
    id: 'BAM-05',
    statement: '"Authorization: Basic base64(username:apiToken)", built by hand, works the same.',
    documented: true,
    source: { document: GUIDE, section: 'Authorization header', quote: 'the Authorization header must specify the Basic scheme followed by the base64 encoding of the requester\'s username and API token delimited by a colon.' },
  },
  {
    id: 'BAM-06',
    statement: 'The probe GET /api/v2/sessions/current (and GET /api/v2/sessions/{id}) answers 200 with the session; no or a bad Authorization header is refused with 401.',
    documented: false,
    source: { document: LIBRARY, section: 'Client: validating a new authorization', quote: 'Paraphrase: after a login, or when given an authorization value, the client checks it with GET /api/v2/sessions/current.' },
    note: 'GET /api/v2/sessions/{id} is read from the session\'s HAL self link; the 401 from the library\'s error responses.',
  },
  {
    id: 'BAM-07',
    statement: 'Errors are application/json {status, reason, code, message}: bad credentials or missing authorization answer 401 (code InvalidAuthorizationCredentials); a missing field or malformed JSON answers 400.',
    documented: false,
    source: { document: LIBRARY, section: 'Error handling (BAMV2ErrorResponse)', quote: 'Paraphrase: an error body has exactly status, reason, code and message; missing or invalid credentials answer 401 InvalidAuthorizationCredentials.' },
    note: 'The guide documents no error; the 400 for a missing field or malformed JSON is our reading.',
  },
  {
    id: 'BAM-08',
    statement: 'Logout: PATCH /api/v2/sessions/{id} (or /current) with {"state":"LOGGED_OUT"} answers 200 with the session in state LOGGED_OUT and logoutDateTime set; the credentials are then refused with 401.',
    documented: false,
    source: { document: `${LIBRARY}, and the University of Michigan BlueCat_BAM scripts (logout.sh)`, section: 'logout()', quote: 'Paraphrase: logout PATCHes the session with {"state":"LOGGED_OUT"}, and the answer shows the state LOGGED_OUT.' },
    note: 'logoutDateTime being set, and the 401 afterwards, are inferred.',
  },
  {
    id: 'BAM-09',
    statement: 'apiTokenExpirationDateTime is 24 hours after loginDateTime; after it the token is refused with 401.',
    documented: false,
    source: { document: GUIDE, section: `${CREATING} (Response)`, quote: 'Paraphrase: the example response logs in at 2023-01-20T21:40:48Z and its token expires at 2023-01-21T21:40:48Z.' },
    note: 'The 24 hours is read from the one example; the refusal after expiry follows the field\'s name.',
  },
];
