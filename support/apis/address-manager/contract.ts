// BlueCat Address Manager v2: what the environment must provide to test a real deployment.
import { credential, identity, type ApiContract } from '../types';

export const contract = {
  id: 'address-manager',
  prefix: 'ADDRESS_MANAGER_',
  product: 'BlueCat Address Manager v2',
  login: 'POST /api/v2/sessions',
  exampleBaseUrl: 'https://bam.example.com',
  variables: {
    USERNAME: identity('user1', 'username for POST /api/v2/sessions'),
    PASSWORD: credential('pass1', 'password for that user'),
  },
} as const satisfies ApiContract;
