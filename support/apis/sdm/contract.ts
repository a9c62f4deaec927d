// Oracle Communications SDM: what the environment must provide to test a real deployment.
import { z } from 'zod';
import { credential, identity, setting, type ApiContract } from '../types';

export const contract = {
  id: 'sdm',
  prefix: 'SDM_',
  product: 'Oracle Communications SDM',
  login: 'POST /rest/{version}/admin/login',
  exampleBaseUrl: 'https://sdm.example.com:8443',
  variables: {
    USERNAME: identity('admin', 'userName for POST /rest/{version}/admin/login'),
    PASSWORD: credential('password', 'password for that user'),
    API_VERSION: setting('v1.3', 'REST API version used in the login path', z.string().regex(/^v\d+\.\d+$/, { error: 'must look like v1.3' })),
  },
} as const satisfies ApiContract;
