// Every endpoint the address-manager emulator routes, for the robustness corpus (support/robustness/), each
// with a valid baseline request (logging in first when it needs a session) and what the corpus may
// mutate: where the credentials sit, which body it reads.
import { basic, call, jsonBody, type Endpoint, type WireRequest } from '../../robustness/endpoints';

export function endpoints(vars: Record<string, string>): Endpoint[] {
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
