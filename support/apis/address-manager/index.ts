// Everything that is BlueCat Address Manager v2's, as the registry (support/apis/index.ts) reads it.
import type { ApiModule } from '../types';
import { BEHAVIOURS } from './behaviours';
import { contract } from './contract';
import { createAddressManagerEmulator } from './emulator';
import { endpoints } from './endpoints';
import { PROTECTED_ROUTES } from './protected-routes';
import { ADDRESS_MANAGER_FAULTS } from './faults';
import { ADDRESS_MANAGER_SCHEMAS } from './schemas';

export const addressManager = {
  contract,
  emulator: (vars, fault) => createAddressManagerEmulator({ username: vars.ADDRESS_MANAGER_USERNAME!, password: vars.ADDRESS_MANAGER_PASSWORD!, fault }),
  faults: ADDRESS_MANAGER_FAULTS,
  behaviours: BEHAVIOURS,
  schemas: ADDRESS_MANAGER_SCHEMAS,
  endpoints,
  protectedRoutes: PROTECTED_ROUTES,
} satisfies ApiModule;
