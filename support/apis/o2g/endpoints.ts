// Every endpoint the o2g emulator routes, for the robustness corpus (support/robustness/), each
// with a valid baseline request (logging in first when it needs a session) and what the corpus may
// mutate: where the credentials sit, which body it reads.
import { basic, call, cookieFrom, jsonBody, type Endpoint, type WireRequest } from '../../robustness/endpoints';

export function endpoints(vars: Record<string, string>): Endpoint[] {
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
