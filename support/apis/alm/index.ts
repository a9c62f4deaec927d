// Everything that is OpenText ALM's, as the registry (support/apis/index.ts) reads it.
import type { ApiModule } from '../types';
import { BEHAVIOURS } from './behaviours';
import { contract } from './contract';
import { createAlmEmulator } from './emulator';
import { endpoints } from './endpoints';
import { PROTECTED_ROUTES } from './protected-routes';
import { ALM_FAULTS } from './faults';
import { ALM_SCHEMAS } from './schemas';

export const alm = {
  contract,
  emulator: (vars, fault) =>
    createAlmEmulator({
      apiKeys: [
        { clientId: vars.ALM_CLIENT_ID!, secret: vars.ALM_SECRET!, active: true },
        ...(vars.ALM_INACTIVE_CLIENT_ID ? [{ clientId: vars.ALM_INACTIVE_CLIENT_ID, secret: vars.ALM_INACTIVE_SECRET ?? '', active: false }] : []),
      ],
      fault,
    }),
  faults: ALM_FAULTS,
  behaviours: BEHAVIOURS,
  schemas: ALM_SCHEMAS,
  endpoints,
  protectedRoutes: PROTECTED_ROUTES,
} satisfies ApiModule;
