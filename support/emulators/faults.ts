// The catalogue of named emulator faults: each one a small, realistic regression of one documented
// behaviour. EMULATOR_FAULT=<api>:<fault> switches exactly one on for a run; only the emulators read it.
// `npm run mutation` runs the suite once per fault and expects at least one scenario to fail each time.
import type { ApiId } from '../config';
import { TOKEN_LOGIN_FAULTS } from './token-login';
import { O2G_FAULTS } from './o2g';
import { ADDRESS_MANAGER_FAULTS } from './address-manager';
import { ALM_FAULTS } from './alm';
import { SDM_FAULTS } from './sdm';

export const FAULTS: Record<ApiId, Readonly<Record<string, string>>> = {
  'token-login': TOKEN_LOGIN_FAULTS,
  o2g: O2G_FAULTS,
  'address-manager': ADDRESS_MANAGER_FAULTS,
  alm: ALM_FAULTS,
  sdm: SDM_FAULTS,
};

export interface FaultSwitch {
  api: ApiId;
  fault: string;
}

/** Every fault as `api:fault`, in catalogue order. */
export function allFaults(): string[] {
  return Object.entries(FAULTS).flatMap(([api, faults]) => Object.keys(faults).map((fault) => `${api}:${fault}`));
}

/** Reads EMULATOR_FAULT; throws a one-line error naming the variable when it names no catalogued fault. */
export function activeFault(value = process.env.EMULATOR_FAULT): FaultSwitch | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const [api, fault] = value.trim().split(':', 2) as [ApiId, string | undefined];
  if (fault === undefined || FAULTS[api]?.[fault] === undefined) {
    throw new Error(`EMULATOR_FAULT=${JSON.stringify(value)} names no catalogued fault; expected one of: ${allFaults().join(', ')}`);
  }
  return { api, fault };
}

/** The fault for one API, if the switch names it. */
export function faultFor<T extends string>(api: ApiId, active: FaultSwitch | undefined): T | undefined {
  return active?.api === api ? (active.fault as T) : undefined;
}
