// Which emulator serves which API, built from the effective configuration values (demo credentials
// unless the environment overrides them) and the active fault, if any.
import type { ApiId, ApiTarget } from '../config';
import { activeFault, faultFor, type FaultSwitch } from './faults';
import { hostEmulator, type HostOptions, type RunningEmulator } from './host';
import { createTokenLoginEmulator, type TokenLoginFault } from './token-login';
import type { Emulator } from './types';
// o2g imports here
// address-manager imports here
// alm imports here
// sdm imports here

type Factory = (vars: Record<string, string>, fault: FaultSwitch | undefined) => Emulator;

export const EMULATORS: Partial<Record<ApiId, Factory>> = {
  // o2g registers here
  // address-manager registers here
  // alm registers here
  // sdm registers here
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
    const factory = EMULATORS[target.id];
    if (target.baseUrl !== undefined || !factory) continue;
    running.set(target.id, await hostEmulator(factory(target.vars, fault), options));
  }
  return running;
}
