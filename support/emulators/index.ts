// Starts the emulator of each API that has no base URL, built by its folder (support/apis/<id>/) from the
// effective configuration values (demo credentials unless the environment overrides them) and the
// active fault, if any.
import { apiModule } from '../apis';
import type { ApiId } from '../apis';
import type { ApiTarget } from '../config';
import { activeFault, faultFor, type FaultSwitch } from './faults';
import { hostEmulator, type HostOptions, type RunningEmulator } from './host';
import { emulatorTls } from '../tls/emulator-tls';
import { trustForOrigin } from '../tls/trust';
import type { Emulator } from './types';

/** One API's emulator, configured from its variables, with the switched-on fault if it is this API's. */
export function emulatorFor(api: ApiId, vars: Record<string, string>, fault: FaultSwitch | undefined = activeFault()): Emulator {
  return apiModule(api).emulator(vars, faultFor(api, fault));
}

/**
 * Starts the emulator of every target without a base URL; returns them by API. With EMULATOR_TLS they
 * serve HTTPS, and this process trusts their CA for their origins (it made it; nothing else does).
 */
export async function startEmulators(
  targets: ApiTarget[],
  options: HostOptions = {},
  fault: FaultSwitch | undefined = activeFault(),
): Promise<Map<ApiId, RunningEmulator>> {
  const running = new Map<ApiId, RunningEmulator>();
  const tls = targets.some((target) => target.baseUrl === undefined) ? emulatorTls() : undefined;
  for (const target of targets) {
    if (target.baseUrl !== undefined) continue;
    const emulator = await hostEmulator(emulatorFor(target.id, target.vars, fault), { ...options, ...(tls ? { tls: tls.serverOptions } : {}) });
    if (tls) trustForOrigin(emulator.url, tls.authority.caPem);
    running.set(target.id, emulator);
  }
  return running;
}
