// Pégase 3 API login: what the environment must provide to test a real deployment.
import { z } from 'zod';
import { credential, identity, setting, type ApiContract } from '../types';

export const contract = {
  id: 'token-login',
  prefix: 'TOKEN_LOGIN_',
  product: 'Pégase 3 API login',
  login: 'GET /login',
  exampleBaseUrl: 'https://pegase.example.com',
  variables: {
    USERNAME: identity('user_test', 'User-Name header for GET /login'),
    PASSWORD: credential('password_test', 'Password header for GET /login'),
    STATUS_MODE: setting(
      'body',
      'body: every answer is HTTP 200 with the code in the body (the documented version); mirror: the HTTP status mirrors the code',
      z.enum(['body', 'mirror'], { error: 'must be "body" (code only in the JSON body) or "mirror" (code also as HTTP status)' }),
    ),
  },
} as const satisfies ApiContract;
