// Everything that is the Oracle SDM login's, as the registry (support/apis/index.ts) reads it.
import type { ApiModule } from '../types';
import { BEHAVIOURS } from './behaviours';
import { contract } from './contract';
import { createSdmEmulator, SDM_VERSIONS } from './emulator';
import { endpoints } from './endpoints';
import { PROTECTED_ROUTES } from './protected-routes';
import { SDM_FAULTS } from './faults';
import { SDM_SCHEMAS } from './schemas';

export const sdm = {
  contract,
  emulator: (vars, fault) =>
    createSdmEmulator({
      username: vars.SDM_USERNAME!,
      password: vars.SDM_PASSWORD!,
      // The configured version is routed too, so SDM_API_VERSION may name one the emulator does not list.
      versions: [...new Set([...SDM_VERSIONS, vars.SDM_API_VERSION ?? 'v1.3'])],
      fault,
    }),
  faults: SDM_FAULTS,
  behaviours: BEHAVIOURS,
  schemas: SDM_SCHEMAS,
  endpoints,
  protectedRoutes: PROTECTED_ROUTES,
} satisfies ApiModule;
