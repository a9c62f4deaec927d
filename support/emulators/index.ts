// Which emulator serves which API, built from the effective configuration values (demo credentials
// unless the environment overrides them) and the active fault, if any.
import type { ApiId, ApiTarget } from '../config';
import { activeFault, faultFor, type FaultSwitch } from './faults';
import { hostEmulator, type HostOptions, type RunningEmulator } from './host';
import { createTokenLoginEmulator, type TokenLoginFault } from './token-login';
import type { Emulator } from './types';
import { createO2gEmulator, type O2gFault } from './o2g';
import { createAddressManagerEmulator, type AddressManagerFault } from './address-manager';
import { createAlmEmulator, type AlmFault } from './alm';
import { createSdmEmulator, SDM_VERSIONS, type SdmFault } from './sdm';

type Factory = (vars: Record<string, string>, fault: FaultSwitch | undefined) => Emulator;

export const EMULATORS: Record<ApiId, Factory> = {
  o2g: (vars, fault) =>
    createO2gEmulator({
      username: vars.O2G_USERNAME!,
      password: vars.O2G_PASSWORD!,
      fault: faultFor<O2gFault>('o2g', fault),
    }),
  'address-manager': (vars, fault) =>
    createAddressManagerEmulator({
      username: vars.ADDRESS_MANAGER_USERNAME!,
      password: vars.ADDRESS_MANAGER_PASSWORD!,
      fault: faultFor<AddressManagerFault>('address-manager', fault),
    }),
  alm: (vars, fault) =>
    createAlmEmulator({
      apiKeys: [
        { clientId: vars.ALM_CLIENT_ID!, secret: vars.ALM_SECRET!, active: true },
        ...(vars.ALM_INACTIVE_CLIENT_ID ? [{ clientId: vars.ALM_INACTIVE_CLIENT_ID, secret: vars.ALM_INACTIVE_SECRET ?? '', active: false }] : []),
      ],
      fault: faultFor<AlmFault>('alm', fault),
    }),
  sdm: (vars, fault) =>
    createSdmEmulator({
      username: vars.SDM_USERNAME!,
      password: vars.SDM_PASSWORD!,
      versions: [...new Set([...SDM_VERSIONS, vars.SDM_API_VERSION ?? 'v1.3'])],
      fault: faultFor<SdmFault>('sdm', fault),
    }),
  'token-login': (vars, fault) =>
    createTokenLoginEmulator({
      username: vars.TOKEN_LOGIN_USERNAME!,
      password: vars.TOKEN_LOGIN_PASSWORD!,
      statusMode: vars.TOKEN_LOGIN_STATUS_MODE === 'mirror' ? 'mirror' : 'body',
      fault: faultFor<TokenLoginFault>('token-login', fault),
    }),
};

/** Starts the emulator of every target without a base URL; returns them by API. */
export async function startEmulators(
  targets: ApiTarget[],
  options: HostOptions = {},
  fault: FaultSwitch | undefined = activeFault(),
): Promise<Map<ApiId, RunningEmulator>> {
  const running = new Map<ApiId, RunningEmulator>();
  for (const target of targets) {
    if (target.baseUrl !== undefined) continue;
    running.set(target.id, await hostEmulator(EMULATORS[target.id](target.vars, fault), options));
  }
  return running;
}
