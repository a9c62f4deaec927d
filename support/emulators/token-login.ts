// Emulates the Pégase 3 API login (seed 003, a Flask service): GET /login with User-Name and Password
// headers answers a JSON code/status/token body and an HS256 JWT valid 30 minutes; GET /company/info is
// the token's probe. Status mode "body" (the documented version) answers HTTP 200 with the code in the
// body; "mirror" (the later code) also sends the code as the HTTP status.
import { signHs256, verifyHs256, decodeJwt } from '../jwt';
import { Clock } from './clock';
import { json, sameSecret, type EmuRequest, type EmuResponse, type Emulator } from './types';

export const TOKEN_LOGIN_FAULTS = {
  'sixty-minute-token': 'issues a token that lives 60 minutes instead of 30',
  'missing-reported-as-empty': 'answers a missing header with "is empty" instead of "is not specified"',
  'missing-header-accepted': 'logs in without the Password header',
  'token-on-error': 'adds a token to error answers',
  'message-on-success': 'adds a message to the success answer',
  'alg-hs512': 'signs the token with HS512 and says so in its header',
  'user-claim-renamed': 'names the user claim "username" instead of "user"',
  'code-as-string': 'sends the code as the string "200"',
  'status-success': 'says "success" instead of "ok" (the later branch)',
  'status-ignores-mode': 'sends the code as HTTP status in body mode and HTTP 200 in mirror mode',
  'any-password': 'accepts any password for a known user',
  'expired-token-accepted': 'lets an expired token open the data API',
  'unsigned-token-accepted': 'lets a token with a bad signature open the data API',
  'html-content-type': 'labels its JSON answers text/html',
  'post-login-allowed': 'answers POST /login like GET',
  'sets-session-cookie': 'also sets a Flask session cookie on login',
  'failed-login-sets-cookie': 'sets a Flask session cookie on a login refused for wrong credentials',
} as const;
export type TokenLoginFault = keyof typeof TOKEN_LOGIN_FAULTS;

export const TOKEN_LIFETIME_S = 30 * 60;

export interface TokenLoginOptions {
  username: string;
  password: string;
  statusMode: 'body' | 'mirror';
  /** seed: 404 "Data not found." (the seed's table); code: 401 "Password or User-Name not correct." (the service's code). */
  wrongCredentials?: 'seed' | 'code';
  fault?: TokenLoginFault;
  clock?: Clock;
  signingKey?: string;
}

export function createTokenLoginEmulator(options: TokenLoginOptions): Emulator {
  const clock = options.clock ?? new Clock();
  const key = options.signingKey ?? 'login-api-bdd token-login emulator key';
  const fault = options.fault;
  const contentType = fault === 'html-content-type' ? 'text/html; charset=utf-8' : 'application/json';

  /** Every documented answer: a code in the body, and in the HTTP status only in mirror mode. */
  const answer = (code: number, fields: Record<string, unknown>): EmuResponse => {
    const mirror = (options.statusMode === 'mirror') !== (fault === 'status-ignores-mode');
    const body = { code: fault === 'code-as-string' ? String(code) : code, ...fields };
    return json(mirror ? code : 200, body, { 'Content-Type': contentType });
  };
  const error = (code: number, message: string) =>
    answer(code, { message, status: 'error', ...(fault === 'token-on-error' ? { token: signHs256({ user: 'x', exp: 0 }, key) } : {}) });

  /** The service checks required headers first (in this order), then refuses any empty header. */
  const checkHeaders = (request: EmuRequest, required: string[]): EmuResponse | undefined => {
    for (const name of required) {
      if (request.headers[name.toLowerCase()] === undefined) {
        if (fault === 'missing-header-accepted' && name === 'Password') continue;
        const problem = fault === 'missing-reported-as-empty' ? 'is empty' : 'is not specified';
        return error(402, `Required field <${name}> ${problem}.`);
      }
    }
    for (const [name, value] of Object.entries(request.headers)) {
      if (value.trim() === '') return error(402, `Required field <${canonical(name)}> is empty.`);
    }
    return undefined;
  };

  const login = (request: EmuRequest): EmuResponse => {
    const refused = checkHeaders(request, ['User-Name', 'Password']);
    if (refused) return refused;
    const user = request.headers['user-name']!;
    const passwordOk = fault === 'any-password' || (request.headers.password !== undefined && sameSecret(request.headers.password, options.password));
    if (!sameSecret(user, options.username) || !passwordOk) {
      const refused = options.wrongCredentials === 'code' ? error(401, 'Password or User-Name not correct.') : error(404, 'Data not found.');
      if (fault === 'failed-login-sets-cookie') refused.headers = { ...refused.headers, 'Set-Cookie': 'session=eyJyZWZ1c2VkIjp0cnVlfQ; HttpOnly; Path=/' };
      return refused;
    }
    const lifetime = fault === 'sixty-minute-token' ? 2 * TOKEN_LIFETIME_S : TOKEN_LIFETIME_S;
    const exp = Math.floor(clock.now() / 1000) + lifetime;
    const token =
      fault === 'alg-hs512'
        ? signHs256({ user, exp }, key, { typ: 'JWT', alg: 'HS512' })
        : signHs256(fault === 'user-claim-renamed' ? { username: user, exp } : { user, exp }, key);
    const success = answer(200, {
      status: fault === 'status-success' ? 'success' : 'ok',
      token,
      ...(fault === 'message-on-success' ? { message: 'Logged in.' } : {}),
    });
    if (fault === 'sets-session-cookie') success.headers = { ...success.headers, 'Set-Cookie': `session=${token.slice(-16)}; HttpOnly; Path=/` };
    return success;
  };

  const companyInfo = (request: EmuRequest): EmuResponse => {
    const refused = checkHeaders(request, ['Token']);
    if (refused) return refused;
    const token = request.headers.token!;
    if (!verifyHs256(token, key) && fault !== 'unsigned-token-accepted') return error(401, 'Token is not valid.');
    let exp = 0;
    try {
      exp = Number(decodeJwt(token).payload.exp);
    } catch {
      return error(401, 'Token is not valid.');
    }
    if (!(exp * 1000 > clock.now()) && fault !== 'expired-token-accepted') return error(498, 'Token has expired.');
    return answer(200, { status: 'ok', data: { name: 'Pégase Demo SA', siret: '00000000000000' } });
  };

  const routes: Array<[method: RegExp, path: string, handler: (request: EmuRequest) => EmuResponse]> = [
    [/^(GET|HEAD)$/, '/login', login],
    [fault === 'post-login-allowed' ? /^POST$/ : /^$/, '/login', login],
    [/^(GET|HEAD)$/, '/company/info', companyInfo],
  ];

  return {
    api: 'token-login',
    clock,
    handle(request) {
      const onPath = routes.filter(([, path]) => path === request.path);
      if (onPath.length === 0) return werkzeugPage(404, 'Not Found', 'The requested URL was not found on the server.');
      const route = onPath.find(([method]) => method.test(request.method));
      if (!route) return werkzeugPage(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.', { Allow: 'GET, HEAD, OPTIONS' });
      return route[2](request);
    },
    error: (status, message) => json(status, { code: status, message, status: 'error' }),
  };
}

/** Flask answers routing errors (404, 405) with Werkzeug's HTML page and the real HTTP status, in both modes. */
function werkzeugPage(status: number, title: string, text: string, headers: Record<string, string> = {}): EmuResponse {
  const body = `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`;
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body };
}

/** Werkzeug reports header names in their canonical capitalisation. */
function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}
