// The token-login emulator's faults: each a small, realistic regression of documented behaviours, written
// as an override of one named part of emulator.ts. `npm run mutation` switches each on in turn and
// expects a scenario tagged with one of its behaviours to fail.
import { signHs256 } from '../../jwt';
import { faultCatalogue } from '../../emulators/kit';
import { withHeaders } from '../../emulators/types';
import type { TokenLoginParts } from './emulator';

export const TOKEN_LOGIN_FAULTS = faultCatalogue<TokenLoginParts>([
  { name: 'sixty-minute-token', behaviours: ['TOK-02'], says: 'issues a token that lives 60 minutes instead of 30', override: (o) => ({ tokenLifetimeS: 2 * o.tokenLifetimeS }) },
  { name: 'missing-reported-as-empty', behaviours: ['TOK-03'], says: 'answers a missing header with "is empty" instead of "is not specified"', override: () => ({ missingProblem: 'is empty' }) },
  { name: 'empty-reported-as-missing', behaviours: ['TOK-04'], says: 'answers an empty header with "is not specified" instead of "is empty"', override: () => ({ emptyProblem: 'is not specified' }) },
  { name: 'missing-header-accepted', behaviours: ['TOK-03'], says: 'logs in without the Password header', override: (o) => ({ loginHeaders: o.loginHeaders.filter((name) => name !== 'Password') }) },
  {
    name: 'token-on-error',
    behaviours: ['TOK-06', 'SEC-01'],
    says: 'adds a token to error answers',
    override: (o) => ({ errorBody: (code, message) => ({ ...o.errorBody(code, message), token: signHs256({ user: 'x', exp: 0 }, o.signingKey) }) }),
  },
  { name: 'message-on-success', behaviours: ['TOK-06'], says: 'adds a message to the success answer', override: (o) => ({ successBody: (token) => ({ ...o.successBody(token), message: 'Logged in.' }) }) },
  { name: 'alg-hs512', behaviours: ['TOK-02'], says: 'signs the token with HS512 and says so in its header', override: (o) => ({ sign: (user, exp) => signHs256({ user, exp }, o.signingKey, { typ: 'JWT', alg: 'HS512' }) }) },
  { name: 'user-claim-renamed', behaviours: ['TOK-02'], says: 'names the user claim "username" instead of "user"', override: (o) => ({ sign: (username, exp) => signHs256({ username, exp }, o.signingKey) }) },
  { name: 'code-as-string', behaviours: ['TOK-01'], says: 'sends the code as the string "200"', override: () => ({ bodyCode: (code) => String(code) }) },
  { name: 'status-success', behaviours: ['TOK-01'], says: 'says "success" instead of "ok" (the later branch)', override: (o) => ({ successBody: (token) => ({ ...o.successBody(token), status: 'success' }) }) },
  { name: 'status-ignores-mode', behaviours: ['TOK-07'], says: 'sends the code as HTTP status in body mode and HTTP 200 in mirror mode', override: (o) => ({ mirrorsStatus: () => !o.mirrorsStatus() }) },
  { name: 'any-password', behaviours: ['TOK-05'], says: 'accepts any password for a known user', override: () => ({ passwordOk: () => true }) },
  { name: 'expired-token-accepted', behaviours: ['TOK-08'], says: 'lets an expired token open the data API', override: () => ({ tokenLive: () => true }) },
  { name: 'unsigned-token-accepted', behaviours: ['TOK-08'], says: 'lets a token with a bad signature open the data API', override: () => ({ signatureOk: () => true }) },
  { name: 'html-content-type', behaviours: ['TOK-01'], says: 'labels its JSON answers text/html', override: () => ({ contentType: 'text/html; charset=utf-8' }) },
  {
    name: 'post-login-allowed',
    behaviours: ['TOK-08'],
    says: 'answers POST /login like GET',
    override: (o, p) => ({ routes: () => [...o.routes(), { method: 'POST', path: '/login', handler: p.login }] }),
  },
  {
    name: 'sets-session-cookie',
    behaviours: ['TOK-01', 'SEC-04'],
    says: 'also sets a Flask session cookie on login',
    override: (o) => ({ success: (token) => withHeaders(o.success(token), { 'Set-Cookie': `session=${token.slice(-16)}; HttpOnly; Path=/` }) }),
  },
  {
    name: 'failed-login-sets-cookie',
    behaviours: ['SEC-01'],
    says: 'sets a Flask session cookie on a login refused for wrong credentials',
    override: (o) => ({ wrongCredentials: () => withHeaders(o.wrongCredentials(), { 'Set-Cookie': 'session=eyJyZWZ1c2VkIjp0cnVlfQ; HttpOnly; Path=/' }) }),
  },
  {
    // The Python slip `if token and not valid(token): refuse`: no Token at all passes the check.
    name: 'company-info-without-token',
    behaviours: ['SEC-06', 'TOK-08'],
    says: 'answers GET /company/info without a Token header with the company data, checking only a Token that is sent',
    override: (o, p) => ({
      companyInfo: (request, params) => (request.headers.token === undefined ? p.answer(200, { status: 'ok', data: { name: 'Pégase Demo SA', siret: '00000000000000' } }) : o.companyInfo(request, params)),
    }),
  },
]);
