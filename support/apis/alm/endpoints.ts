// Every endpoint the alm emulator routes, for the robustness corpus (support/robustness/), each
// with a valid baseline request (logging in first when it needs a session) and what the corpus may
// mutate: where the credentials sit, which body it reads.
import { call, cookieFrom, jsonBody, type Credential, type Endpoint, type WireRequest } from '../../robustness/endpoints';

export function endpoints(vars: Record<string, string>): Endpoint[] {
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
