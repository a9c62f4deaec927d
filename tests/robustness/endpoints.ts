// Every endpoint each emulator routes (read off the route tables in support/emulators/<api>.ts), for the
// robustness corpus, each with a valid baseline request (logging in first when it needs a session) and
// what the corpus may mutate: where the credentials sit, which body it reads.
import type { ApiId } from '../../support/config';
import { send, serialise, type WireAnswer, type WireRequest } from './wire';

/** Where an endpoint reads a credential: each place gets its own bad-credential inputs. */
export type Credential =
  | { where: 'header'; name: string }
  | { where: 'basic' }
  | { where: 'cookie'; name: string }
  | { where: 'json'; field: string }
  | { where: 'xml'; field: string };

export interface Endpoint {
  api: ApiId;
  name: string;
  /** Methods routed at the same path: another method is a 405 (or 404), never a success. */
  methods: string[];
  /** The body the endpoint reads; mutating the body of an endpoint that reads none is harmless. */
  reads: 'json' | 'xml' | 'nothing';
  credentials: Credential[];
  /** False where the API answers the same whatever the credential (ALM's logout always says 200). */
  refusesBadCredentials: boolean;
  /** Statuses whose answer the API documents with an empty body. */
  emptyStatuses: number[];
  /** A fresh, valid request (a new login first when the endpoint needs a session). */
  baseline(port: number): Promise<WireRequest>;
}

type Vars = Record<string, string>;

const jsonBody = (value: unknown) => Buffer.from(JSON.stringify(value));
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function call(port: number, request: WireRequest): Promise<WireAnswer> {
  const outcome = await send(port, serialise(request), { timeoutMs: 5_000 });
  const answer = outcome.answers[0];
  if (!answer) throw new Error(`baseline set-up ${request.method} ${request.path}: ${outcome.dropped}`);
  return answer;
}

function cookieFrom(answer: WireAnswer, name: string): string {
  const line = answer.headers.find(([header, value]) => header === 'set-cookie' && value.startsWith(`${name}=`));
  const value = line?.[1].slice(name.length + 1).split(';')[0];
  if (!value) throw new Error(`baseline set-up: answer ${answer.status} set no ${name} cookie`);
  return value;
}

function tokenLogin(vars: Vars): Endpoint[] {
  const login = (): WireRequest => ({
    method: 'GET',
    path: '/login',
    headers: [['Host', '127.0.0.1'], ['User-Name', vars.TOKEN_LOGIN_USERNAME!], ['Password', vars.TOKEN_LOGIN_PASSWORD!]],
  });
  return [
    { api: 'token-login', name: 'login', methods: ['GET', 'HEAD'], reads: 'nothing', credentials: [{ where: 'header', name: 'User-Name' }, { where: 'header', name: 'Password' }], refusesBadCredentials: true, emptyStatuses: [], baseline: async () => login() },
    {
      api: 'token-login',
      name: 'probe',
      methods: ['GET', 'HEAD'],
      reads: 'nothing',
      credentials: [{ where: 'header', name: 'Token' }],
      refusesBadCredentials: true,
      emptyStatuses: [],
      baseline: async (port) => {
        const token = (JSON.parse((await call(port, login())).body.toString()) as { token: string }).token;
        return { method: 'GET', path: '/company/info', headers: [['Host', '127.0.0.1'], ['Token', token]] };
      },
    },
  ];
}

function o2g(vars: Vars): Endpoint[] {
  const authenticate = (): WireRequest => ({
    method: 'GET',
    path: '/api/rest/authenticate?version=1.0',
    headers: [['Host', '127.0.0.1'], ['Authorization', basic(vars.O2G_USERNAME!, vars.O2G_PASSWORD!)]],
  });
  const openSession = (cookie: string): WireRequest => ({
    method: 'POST',
    path: '/api/rest/1.0//sessions',
    headers: [['Host', '127.0.0.1'], ['Cookie', `AlcUserId=${cookie}`], ['Content-Type', 'application/json']],
    body: jsonBody({ applicationName: vars.O2G_APPLICATION_NAME }),
  });
  const credential = async (port: number) => cookieFrom(await call(port, authenticate()), 'AlcUserId');
  const withSession = async (port: number) => {
    const cookie = await credential(port);
    await call(port, openSession(cookie));
    return cookie;
  };
  const sessions = ['GET', 'HEAD', 'POST', 'DELETE'];
  const cookie = { where: 'cookie', name: 'AlcUserId' } as const;
  return [
    { api: 'o2g', name: 'authenticate', methods: ['GET', 'HEAD'], reads: 'nothing', credentials: [{ where: 'basic' }], refusesBadCredentials: true, emptyStatuses: [], baseline: async () => authenticate() },
    // Discovery reads no credential: broken Basic headers must still be harmless (200), never a crash.
    { api: 'o2g', name: 'discovery', methods: ['GET', 'HEAD'], reads: 'nothing', credentials: [{ where: 'basic' }], refusesBadCredentials: false, emptyStatuses: [], baseline: async () => ({ method: 'GET', path: '/api/rest', headers: [['Host', '127.0.0.1']] }) },
    { api: 'o2g', name: 'open session', methods: sessions, reads: 'json', credentials: [cookie], refusesBadCredentials: true, emptyStatuses: [], baseline: async (port) => openSession(await credential(port)) },
    {
      api: 'o2g',
      name: 'probe',
      methods: sessions,
      reads: 'nothing',
      credentials: [cookie],
      refusesBadCredentials: true,
      emptyStatuses: [204],
      baseline: async (port) => ({ method: 'GET', path: '/api/rest/1.0/sessions', headers: [['Host', '127.0.0.1'], ['Cookie', `AlcUserId=${await withSession(port)}`]] }),
    },
    {
      api: 'o2g',
      name: 'logout',
      methods: sessions,
      reads: 'nothing',
      credentials: [cookie],
      refusesBadCredentials: true,
      emptyStatuses: [204],
      baseline: async (port) => ({ method: 'DELETE', path: '/api/rest/1.0/sessions', headers: [['Host', '127.0.0.1'], ['Cookie', `AlcUserId=${await withSession(port)}`]] }),
    },
    {
      api: 'o2g',
      name: 'keepalive',
      methods: ['POST'],
      reads: 'nothing',
      credentials: [cookie],
      refusesBadCredentials: true,
      emptyStatuses: [204],
      baseline: async (port) => ({ method: 'POST', path: '/api/rest/1.0/sessions/keepalive', headers: [['Host', '127.0.0.1'], ['Cookie', `AlcUserId=${await withSession(port)}`]] }),
    },
  ];
}

function addressManager(vars: Vars): Endpoint[] {
  const login = (): WireRequest => ({
    method: 'POST',
    path: '/api/v2/sessions',
    headers: [['Host', '127.0.0.1'], ['Content-Type', 'application/json']],
    body: jsonBody({ username: vars.ADDRESS_MANAGER_USERNAME, password: vars.ADDRESS_MANAGER_PASSWORD }),
  });
  const session = async (port: number) => {
    const { id, apiToken } = JSON.parse((await call(port, login())).body.toString()) as { id: number; apiToken: string };
    return { id, authorization: basic(vars.ADDRESS_MANAGER_USERNAME!, apiToken) };
  };
  const authorization = async (port: number) => (await session(port)).authorization;
  const logoutBody = jsonBody({ state: 'LOGGED_OUT' });
  return [
    { api: 'address-manager', name: 'login', methods: ['GET', 'POST'], reads: 'json', credentials: [{ where: 'json', field: 'username' }, { where: 'json', field: 'password' }], refusesBadCredentials: true, emptyStatuses: [], baseline: async () => login() },
    {
      api: 'address-manager',
      name: 'probe',
      methods: ['GET', 'PATCH'],
      reads: 'nothing',
      credentials: [{ where: 'basic' }],
      refusesBadCredentials: true,
      emptyStatuses: [],
      baseline: async (port) => ({ method: 'GET', path: '/api/v2/sessions/current', headers: [['Host', '127.0.0.1'], ['Authorization', await authorization(port)]] }),
    },
    {
      api: 'address-manager',
      name: 'logout',
      methods: ['GET', 'PATCH'],
      reads: 'json',
      credentials: [{ where: 'basic' }],
      refusesBadCredentials: true,
      emptyStatuses: [],
      baseline: async (port) => ({
        method: 'PATCH',
        path: '/api/v2/sessions/current',
        headers: [['Host', '127.0.0.1'], ['Authorization', await authorization(port)], ['Content-Type', 'application/merge-patch+json']],
        body: logoutBody,
      }),
    },
    {
      api: 'address-manager',
      name: 'sessions collection',
      methods: ['GET', 'POST'],
      reads: 'nothing',
      credentials: [{ where: 'basic' }],
      refusesBadCredentials: true,
      emptyStatuses: [],
      baseline: async (port) => ({ method: 'GET', path: '/api/v2/sessions', headers: [['Host', '127.0.0.1'], ['Authorization', await authorization(port)]] }),
    },
    {
      api: 'address-manager',
      name: 'session by id',
      methods: ['GET', 'PATCH'],
      reads: 'nothing',
      credentials: [{ where: 'basic' }],
      refusesBadCredentials: true,
      emptyStatuses: [],
      baseline: async (port) => {
        const { id, authorization } = await session(port);
        return { method: 'GET', path: `/api/v2/sessions/${id}`, headers: [['Host', '127.0.0.1'], ['Authorization', authorization]] };
      },
    },
    {
      api: 'address-manager',
      name: 'logout by id',
      methods: ['GET', 'PATCH'],
      reads: 'json',
      credentials: [{ where: 'basic' }],
      refusesBadCredentials: true,
      emptyStatuses: [],
      baseline: async (port) => {
        const { id, authorization } = await session(port);
        return {
          method: 'PATCH',
          path: `/api/v2/sessions/${id}`,
          headers: [['Host', '127.0.0.1'], ['Authorization', authorization], ['Content-Type', 'application/merge-patch+json']],
          body: logoutBody,
        };
      },
    },
  ];
}

function alm(vars: Vars): Endpoint[] {
  const login = (): WireRequest => ({
    method: 'POST',
    path: '/qcbin/rest/oauth2/login',
    headers: [['Host', '127.0.0.1'], ['Content-Type', 'application/json']],
    body: jsonBody({ clientId: vars.ALM_CLIENT_ID, secret: vars.ALM_SECRET }),
  });
  const cookies = async (port: number) => {
    const answer = await call(port, login());
    return `LWSSO_COOKIE_KEY=${cookieFrom(answer, 'LWSSO_COOKIE_KEY')}; QCSession=${cookieFrom(answer, 'QCSession')}`;
  };
  /** Non-GET site-session calls also need the XSRF-TOKEN cookie echoed in X-XSRF-TOKEN. */
  const siteSession = async (port: number, method: 'PUT' | 'DELETE'): Promise<WireRequest> => {
    const answer = await call(port, login());
    const xsrf = cookieFrom(answer, 'XSRF-TOKEN');
    const jar = ['LWSSO_COOKIE_KEY', 'QCSession'].map((name) => `${name}=${cookieFrom(answer, name)}`).join('; ');
    return { method, path: '/qcbin/rest/site-session', headers: [['Host', '127.0.0.1'], ['Cookie', `${jar}; XSRF-TOKEN=${xsrf}`], ['X-XSRF-TOKEN', xsrf]] };
  };
  const lwsso = { where: 'cookie', name: 'LWSSO_COOKIE_KEY' } as const;
  const siteCredentials: Credential[] = [lwsso, { where: 'cookie', name: 'QCSession' }, { where: 'cookie', name: 'XSRF-TOKEN' }, { where: 'header', name: 'X-XSRF-TOKEN' }];
  const siteMethods = ['GET', 'HEAD', 'PUT', 'DELETE'];
  return [
    { api: 'alm', name: 'login', methods: ['POST'], reads: 'json', credentials: [{ where: 'json', field: 'clientId' }, { where: 'json', field: 'secret' }], refusesBadCredentials: true, emptyStatuses: [200], baseline: async () => login() },
    {
      api: 'alm',
      name: 'probe',
      methods: ['GET', 'HEAD'],
      reads: 'nothing',
      credentials: [lwsso],
      refusesBadCredentials: true,
      emptyStatuses: [],
      baseline: async (port) => ({ method: 'GET', path: '/qcbin/rest/is-authenticated', headers: [['Host', '127.0.0.1'], ['Cookie', await cookies(port)]] }),
    },
    {
      api: 'alm',
      name: 'logout',
      methods: ['POST', 'PUT', 'DELETE'],
      reads: 'nothing',
      credentials: [lwsso],
      refusesBadCredentials: false,
      emptyStatuses: [200],
      baseline: async (port) => ({ method: 'POST', path: '/qcbin/authentication-point/logout', headers: [['Host', '127.0.0.1'], ['Cookie', await cookies(port)]] }),
    },
    { api: 'alm', name: 'site-session keepalive', methods: siteMethods, reads: 'nothing', credentials: siteCredentials, refusesBadCredentials: true, emptyStatuses: [200], baseline: (port) => siteSession(port, 'PUT') },
    { api: 'alm', name: 'site-session end', methods: siteMethods, reads: 'nothing', credentials: siteCredentials, refusesBadCredentials: true, emptyStatuses: [200], baseline: (port) => siteSession(port, 'DELETE') },
  ];
}

function sdm(vars: Vars): Endpoint[] {
  const version = vars.SDM_API_VERSION ?? 'v1.3';
  const xmlLogin = (): WireRequest => ({
    method: 'POST',
    path: `/rest/${version}/admin/login`,
    headers: [['Host', '127.0.0.1'], ['Content-Type', 'application/xml'], ['Accept', 'application/xml']],
    body: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><session><userName>${vars.SDM_USERNAME}</userName><password>${vars.SDM_PASSWORD}</password></session>`),
  });
  const jsonLogin = (): WireRequest => ({
    method: 'POST',
    path: `/rest/${version}/admin/login`,
    headers: [['Host', '127.0.0.1'], ['Content-Type', 'application/json'], ['Accept', 'application/json']],
    body: jsonBody({ userName: vars.SDM_USERNAME, password: vars.SDM_PASSWORD }),
  });
  const session = async (port: number) => `JSESSIONID=${cookieFrom(await call(port, jsonLogin()), 'JSESSIONID')}`;
  const cookie = { where: 'cookie', name: 'JSESSIONID' } as const;
  return [
    { api: 'sdm', name: 'login (XML)', methods: ['POST'], reads: 'xml', credentials: [{ where: 'xml', field: 'userName' }, { where: 'xml', field: 'password' }], refusesBadCredentials: true, emptyStatuses: [], baseline: async () => xmlLogin() },
    { api: 'sdm', name: 'login (JSON)', methods: ['POST'], reads: 'json', credentials: [{ where: 'json', field: 'userName' }, { where: 'json', field: 'password' }], refusesBadCredentials: true, emptyStatuses: [], baseline: async () => jsonLogin() },
    {
      api: 'sdm',
      name: 'probe',
      methods: ['GET'],
      reads: 'nothing',
      credentials: [cookie],
      refusesBadCredentials: true,
      emptyStatuses: [],
      baseline: async (port) => ({ method: 'GET', path: `/rest/${version}/inventory/deviceMgmt/deviceGroups`, headers: [['Host', '127.0.0.1'], ['Accept', 'application/xml'], ['Cookie', await session(port)]] }),
    },
    {
      api: 'sdm',
      name: 'logout',
      methods: ['POST'],
      reads: 'nothing',
      credentials: [cookie],
      refusesBadCredentials: true,
      emptyStatuses: [204],
      baseline: async (port) => ({ method: 'POST', path: `/rest/${version}/admin/logout`, headers: [['Host', '127.0.0.1'], ['Cookie', await session(port)]] }),
    },
  ];
}

export const ENDPOINTS: Record<ApiId, (vars: Vars) => Endpoint[]> = {
  'token-login': tokenLogin,
  o2g,
  'address-manager': addressManager,
  alm,
  sdm,
};
