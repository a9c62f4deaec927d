// OpenText ALM (API-key login): what the environment must provide to test a real deployment.
import { credential, identity, type ApiContract } from '../types';

export const contract = {
  id: 'alm',
  prefix: 'ALM_',
  product: 'OpenText ALM',
  login: 'POST /qcbin/rest/oauth2/login',
  exampleBaseUrl: 'https://alm.example.com:8443',
  variables: {
    CLIENT_ID: identity('oauth2-wySfthjk8uGi4Kdj4DFH@MyCompany.com', 'client ID of an active API key'),
    SECRET: credential('etUgyeKdMvftoO8dI3CW', 'secret of that API key'),
    INACTIVE_CLIENT_ID: {
      demo: 'oauth2-inactiveKey0000@MyCompany.com',
      required: false,
      credential: true,
      identity: true,
      pairedWith: 'INACTIVE_SECRET',
      doc: 'client ID of an API key that exists but is not active; optional, the 403 scenario is skipped without it',
    },
    INACTIVE_SECRET: { demo: 'inactiveSecret0000000', required: false, credential: true, pairedWith: 'INACTIVE_CLIENT_ID', doc: 'secret of that inactive key' },
  },
} as const satisfies ApiContract;
