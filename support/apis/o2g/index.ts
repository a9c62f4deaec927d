// Everything that is the ALE OmniPCX Enterprise O2G login's, as the registry (support/apis/index.ts) reads it.
import type { ApiModule } from '../types';
import { BEHAVIOURS } from './behaviours';
import { contract } from './contract';
import { createO2gEmulator } from './emulator';
import { endpoints } from './endpoints';
import { PROTECTED_ROUTES } from './protected-routes';
import { O2G_FAULTS } from './faults';
import { O2G_SCHEMAS } from './schemas';

export const o2g = {
  contract,
  emulator: (vars, fault) => createO2gEmulator({ username: vars.O2G_USERNAME!, password: vars.O2G_PASSWORD!, fault }),
  faults: O2G_FAULTS,
  behaviours: BEHAVIOURS,
  schemas: O2G_SCHEMAS,
  endpoints,
  protectedRoutes: PROTECTED_ROUTES,
} satisfies ApiModule;
