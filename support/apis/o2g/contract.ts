// ALE OmniPCX Enterprise O2G: what the environment must provide to test a real deployment.
import { credential, identity, setting, type ApiContract } from '../types';

export const contract = {
  id: 'o2g',
  prefix: 'O2G_',
  product: 'ALE OmniPCX Enterprise O2G',
  login: 'GET /api/rest/authenticate?version=1.0',
  exampleBaseUrl: 'https://o2g.example.com',
  variables: {
    USERNAME: identity('o2g-demo', 'login for GET /api/rest/authenticate (HTTP Basic)'),
    PASSWORD: credential('o2g-demo-password', 'password for that login'),
    APPLICATION_NAME: setting('login-api-bdd', 'applicationName sent to POST /api/rest/1.0/sessions'),
  },
} as const satisfies ApiContract;
