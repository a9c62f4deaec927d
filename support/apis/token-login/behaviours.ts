// The behaviours of the Pégase 3 API login that features/token-login/ is tagged with (TOK-nn). Documented
// ones rest on the service's user documentation page "Login"; the rest are read from the service's code
// (TranKovak/PEGASE3_API) and its other pages, and say so. docs/behaviours.md is generated from this list.
import type { Behaviour } from '../types';

const LOGIN = 'Pégase 3 API (PEGASE3_API) user documentation — "Login"';
const CODE = 'Pégase 3 API service code (TranKovak/PEGASE3_API, main.py and routes_tools)';

export const BEHAVIOURS: Behaviour[] = [
  {
    id: 'TOK-01',
    statement: 'GET /login with the headers User-Name and Password answers JSON {"code": 200, "status": "ok", "token": "<jwt>"}.',
    documented: true,
    source: { document: LOGIN, section: 'Example', quote: 'Request on : https://............../login with those headers : - Password : password_test - User-Name : user_test' },
    note:
      'Inferred: the method. The page gives only the URL; GET is the service\'s code (a Flask route with no methods). ' +
      'The Response table types token as "associative array" but the example shows a string: the example is followed.',
  },
  {
    id: 'TOK-02',
    statement: 'The token is a JWT with header {"typ":"JWT","alg":"HS256"} and payload {user, exp}, and it works for the next 30 minutes: exp is at least issue + 30 min − 5 s.',
    documented: true,
    source: { document: LOGIN, section: 'Response', quote: 'Your authentification token, works for the next 30 minutes.' },
    note:
      'The header and claims are those the page\'s example token decodes to. The exact 30-minute lifetime, pinned by an @emulator scenario (± 5 s), is inferred: the service\'s code has used 24 hours.',
  },
  {
    id: 'TOK-03',
    statement: 'A missing header answers code 402, status "error" and the message "Required field < HEADER > is not specified." naming the header.',
    documented: true,
    source: { document: LOGIN, section: 'Error (code 402)', quote: 'Required field < HEADER > is not specified.' },
    note:
      'Scenarios accept optional spaces (Required field < ?User-Name ?> is not specified.). Inferred from the service\'s code: its exact spelling <User-Name>, without spaces, ' +
      'and its order (User-Name, then Password).',
  },
  {
    id: 'TOK-04',
    statement: 'An empty header answers code 402 and the message "Required field < HEADER > is empty." naming the header (with the same tolerance of spaces).',
    documented: true,
    source: { document: LOGIN, section: 'Error (code 402)', quote: 'Required field < HEADER > is empty.' },
  },
  {
    id: 'TOK-05',
    statement: 'A wrong password or an unknown user is refused: status "error", an error code and message, and no token.',
    documented: true,
    source: { document: LOGIN, section: 'Error (code 404)', quote: 'Data not found.' },
    note:
      'The page\'s table offers 404 "Data not found."; the service\'s code answers 401 "Password or User-Name not correct.". The emulator follows the page by default and the code with a switch; ' +
      'the scenarios assert "refused, no token, status error" and accept either code.',
  },
  {
    id: 'TOK-06',
    statement: 'An error answer has no token; a successful one has no message.',
    documented: true,
    source: { document: LOGIN, section: 'Response (the token and message rows)', quote: 'If status = "error". Describes the encoutered error.' },
    note: 'The token row says the same of success: "If status = "ok". Your authentification token".',
  },
  {
    id: 'TOK-07',
    statement: 'At the documented version every answer is HTTP 200 with the code in the body; a later version mirrors the code in the HTTP status. Scenarios pass in both (TOKEN_LOGIN_STATUS_MODE=body|mirror).',
    documented: false,
    source: { document: CODE, section: 'main.py at the documented commit b45bb2b, and on the Develop branch', quote: 'Paraphrase: at the documented commit the answers carry no status, so HTTP 200; two days later the code is also sent as the HTTP status.' },
  },
  {
    id: 'TOK-08',
    statement: 'The token opens the data API: GET /company/info with the header "Token: <jwt>" answers code 200; a bad signature answers 401 "Token is not valid."; an expired token answers 498 "Token has expired."; POST /login answers 405.',
    documented: false,
    source: { document: `${CODE}, and its user documentation "Company/Info"`, section: 'Token checks', quote: 'Paraphrase: data endpoints take the header Token (no "Bearer"); a bad signature is 401 "Token is not valid.", an expired token 498 "Token has expired.".' },
    note: 'The 405 for POST /login is the web framework\'s answer to a route declared for GET only.',
  },
];
