// The catalogue of named emulator faults, gathered from each API's folder (support/apis/<id>/faults.ts):
// each one a small, realistic regression of the behaviours it names. EMULATOR_FAULT=<api>:<fault>
// switches exactly one on for a run; only the emulators read it. `npm run mutation` runs the suite once
// per fault and expects at least one scenario to fail each time.
import { API_IDS, APIS, isApiId, type ApiId } from '../apis';
import type { FaultInfo } from './kit';

export const FAULTS = Object.fromEntries(APIS.map((api) => [api.contract.id, api.faults as readonly FaultInfo[]])) as Record<ApiId, readonly FaultInfo[]>;

export interface FaultSwitch {
  api: ApiId;
  fault: string;
}

/** Every fault as `api:fault`, in catalogue order. */
export function allFaults(): string[] {
  return API_IDS.flatMap((api) => FAULTS[api].map((fault) => `${api}:${fault.name}`));
}

/** The catalogue entry of `api:fault`, if there is one. */
export function faultInfo(api: string, fault: string): FaultInfo | undefined {
  return isApiId(api) ? FAULTS[api].find((entry) => entry.name === fault) : undefined;
}

/** Reads EMULATOR_FAULT; throws a one-line error naming the variable when it names no catalogued fault. */
export function activeFault(value = process.env.EMULATOR_FAULT): FaultSwitch | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const [api, fault] = value.trim().split(':', 2) as [string, string | undefined];
  if (fault === undefined || !faultInfo(api, fault)) {
    throw new Error(`EMULATOR_FAULT=${JSON.stringify(value)} names no catalogued fault; expected one of: ${allFaults().join(', ')}`);
  }
  return { api: api as ApiId, fault };
}

/** The fault for one API, if the switch names it. */
export function faultFor(api: ApiId, active: FaultSwitch | undefined): string | undefined {
  return active?.api === api ? active.fault : undefined;
}
