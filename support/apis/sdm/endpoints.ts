// Every endpoint the sdm emulator routes, for the robustness corpus (support/robustness/), each
// with a valid baseline request (logging in first when it needs a session) and what the corpus may
// mutate: where the credentials sit, which body it reads.
import { call, cookieFrom, jsonBody, type Endpoint, type WireRequest } from '../../robustness/endpoints';

export function endpoints(vars: Record<string, string>): Endpoint[] {
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
