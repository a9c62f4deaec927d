// Every endpoint the token-login emulator routes, for the robustness corpus (support/robustness/), each
// with a valid baseline request (logging in first when it needs a session) and what the corpus may
// mutate: where the credentials sit, which body it reads.
import { call, type Endpoint, type WireRequest } from '../../robustness/endpoints';

export function endpoints(vars: Record<string, string>): Endpoint[] {
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
