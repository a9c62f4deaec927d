// Everything that is the Pégase 3 login's, as the registry (support/apis/index.ts) reads it.
import type { ApiModule } from '../types';
import { BEHAVIOURS } from './behaviours';
import { contract } from './contract';
import { createTokenLoginEmulator } from './emulator';
import { endpoints } from './endpoints';
import { PROTECTED_ROUTES } from './protected-routes';
import { TOKEN_LOGIN_FAULTS } from './faults';
import { TOKEN_LOGIN_SCHEMAS } from './schemas';

export const tokenLogin = {
  contract,
  emulator: (vars, fault) =>
    createTokenLoginEmulator({
      username: vars.TOKEN_LOGIN_USERNAME!,
      password: vars.TOKEN_LOGIN_PASSWORD!,
      statusMode: vars.TOKEN_LOGIN_STATUS_MODE === 'mirror' ? 'mirror' : 'body',
      fault,
    }),
  faults: TOKEN_LOGIN_FAULTS,
  behaviours: BEHAVIOURS,
  schemas: TOKEN_LOGIN_SCHEMAS,
  endpoints,
  protectedRoutes: PROTECTED_ROUTES,
  describeTarget: (vars) => ` (status mode ${vars.TOKEN_LOGIN_STATUS_MODE})`,
  // TOK-07: the features must pass, and every fault be caught, in the status mode it does not default to.
  variants: [{ name: 'mirror', env: { TOKEN_LOGIN_STATUS_MODE: 'mirror' } }],
} satisfies ApiModule;
