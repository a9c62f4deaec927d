// Emulates the Pégase 3 API login (seed 003, a Flask service), happy path only: GET /login with User-Name
// and Password headers answers a JSON code/status/token body and an HS256 JWT valid 30 minutes
// (TOK-01, TOK-02); GET /company/info is the token's probe (TOK-08). Status mode "body" (the documented
// version) answers HTTP 200 with the code in the body; "mirror" (the later code) also sends it as the
// HTTP status (TOK-07). Its faults are in faults.ts.
import { decodeJwt, signHs256, verifyHs256 } from '../../jwt';
import { Clock } from '../../emulators/clock';
import { buildEmulator, type EmulatorParts, type Handler, type KitEmulator } from '../../emulators/kit';
import { json, sameSecret, type EmuRequest, type EmuResponse } from '../../emulators/types';
import { TOKEN_LOGIN_FAULTS } from './faults';

export const TOKEN_LIFETIME_S = 30 * 60;

export interface TokenLoginOptions {
  username: string;
  password: string;
  statusMode: 'body' | 'mirror';
  /** seed: 404 "Data not found." (the seed's table); code: 401 "Password or User-Name not correct." (the service's code). */
  wrongCredentials?: 'seed' | 'code';
  /** The name of one fault of faults.ts. */
  fault?: string;
  clock?: Clock;
  signingKey?: string;
}

/** The named parts of the emulator: each fault replaces or wraps one of them. */
export interface TokenLoginParts extends EmulatorParts {
  signingKey: string;
  contentType: string;
  tokenLifetimeS: number;
  /** The headers each route requires, checked in this order before any other check (TOK-03). */
  loginHeaders: string[];
  missingProblem: string;
  emptyProblem: string;
  mirrorsStatus(): boolean;
  bodyCode(code: number): unknown;
  /** Every documented answer: a code in the body, and in the HTTP status only in mirror mode (TOK-07). */
  answer(code: number, fields: Record<string, unknown>): EmuResponse;
  errorBody(code: number, message: string): Record<string, unknown>;
  refuse(code: number, message: string): EmuResponse;
  checkHeaders(request: EmuRequest, required: string[]): EmuResponse | undefined;
  passwordOk(given: string | undefined): boolean;
  wrongCredentials(): EmuResponse;
  sign(user: string, exp: number): string;
  successBody(token: string): Record<string, unknown>;
  success(token: string): EmuResponse;
  signatureOk(token: string): boolean;
  tokenLive(expS: number): boolean;
  login: Handler;
  companyInfo: Handler;
}

export function createTokenLoginEmulator(options: TokenLoginOptions): KitEmulator<TokenLoginParts> {
  const clock = options.clock ?? new Clock();
  const p: TokenLoginParts = {
    signingKey: options.signingKey ?? 'login-api-bdd token-login emulator key',
    contentType: 'application/json',
    tokenLifetimeS: TOKEN_LIFETIME_S,
    loginHeaders: ['User-Name', 'Password'],
    missingProblem: 'is not specified',
    emptyProblem: 'is empty',
    mirrorsStatus: () => options.statusMode === 'mirror',
    bodyCode: (code) => code,
    answer: (code, fields) => json(p.mirrorsStatus() ? code : 200, { code: p.bodyCode(code), ...fields }, { 'Content-Type': p.contentType }),
    errorBody: (_code, message) => ({ message, status: 'error' }),
    refuse: (code, message) => p.answer(code, p.errorBody(code, message)),

    /** The service checks required headers first (in this order), then refuses any empty header (TOK-04). */
    checkHeaders(request, required) {
      for (const name of required) {
        if (request.headers[name.toLowerCase()] === undefined) return p.refuse(402, `Required field <${name}> ${p.missingProblem}.`);
      }
      for (const [name, value] of Object.entries(request.headers)) {
        if (value.trim() === '') return p.refuse(402, `Required field <${canonical(name)}> ${p.emptyProblem}.`);
      }
      return undefined;
    },
    passwordOk: (given) => given !== undefined && sameSecret(given, options.password),
    wrongCredentials: () => (options.wrongCredentials === 'code' ? p.refuse(401, 'Password or User-Name not correct.') : p.refuse(404, 'Data not found.')),
    sign: (user, exp) => signHs256({ user, exp }, p.signingKey),
    successBody: (token) => ({ status: 'ok', token }),
    success: (token) => p.answer(200, p.successBody(token)),
    signatureOk: (token) => verifyHs256(token, p.signingKey),
    tokenLive: (expS) => expS * 1000 > clock.now(),

    login(request) {
      const refused = p.checkHeaders(request, p.loginHeaders);
      if (refused) return refused;
      const user = request.headers['user-name']!;
      if (!sameSecret(user, options.username) || !p.passwordOk(request.headers.password)) return p.wrongCredentials();
      return p.success(p.sign(user, Math.floor(clock.now() / 1000) + p.tokenLifetimeS));
    },

    companyInfo(request) {
      const refused = p.checkHeaders(request, ['Token']);
      if (refused) return refused;
      const token = request.headers.token!;
      if (!p.signatureOk(token)) return p.refuse(401, 'Token is not valid.');
      let exp = 0;
      try {
        exp = Number(decodeJwt(token).payload.exp);
      } catch {
        return p.refuse(401, 'Token is not valid.');
      }
      if (!p.tokenLive(exp)) return p.refuse(498, 'Token has expired.');
      return p.answer(200, { status: 'ok', data: { name: 'Pégase Demo SA', siret: '00000000000000' } });
    },

    routes: () => [
      { method: ['GET', 'HEAD'], path: '/login', handler: p.login },
      { method: ['GET', 'HEAD'], path: '/company/info', handler: p.companyInfo },
    ],
    // Flask answers routing errors with Werkzeug's HTML page and the real HTTP status, in both modes.
    notFound: () => werkzeugPage(404, 'Not Found', 'The requested URL was not found on the server.'),
    methodNotAllowed: (_request, allow) => werkzeugPage(405, 'Method Not Allowed', 'The method is not allowed for the requested URL.', { Allow: [...allow, 'OPTIONS'].join(', ') }),
    error: (status, message) => json(status, { code: status, message, status: 'error' }),
  };
  return buildEmulator({ api: 'token-login', clock, parts: p, faults: TOKEN_LOGIN_FAULTS, fault: options.fault });
}

function werkzeugPage(status: number, title: string, text: string, headers: Record<string, string> = {}): EmuResponse {
  const body = `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`;
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body };
}

/** Werkzeug reports header names in their canonical capitalisation. */
function canonical(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}
