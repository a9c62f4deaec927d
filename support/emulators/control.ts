// The sandbox's controls: on each emulator's own port, /__sandbox/... steers that emulator while it runs:
// moves its clock, switches one of its catalogued faults on or off, starts it afresh, and shows what it
// received (names only). Only `npm run sandbox` installs them (scripts/sandbox.ts), and only on a loopback
// address; the emulators the acceptance suite and the robustness corpus start have none.
// A fault is applied when the kit builds an emulator (kit.ts), and sessions live in that build, so a switch
// or a reset serves a fresh build: its sessions and received log start empty, and the clock carries over.
import { BlockList, isIP } from 'node:net';
import type { FaultInfo } from './kit';
import type { EmuRequest, EmuResponse, Emulator } from './types';

export const CONTROL_PATH = '/__sandbox';

/** How far ahead of real time the clock may stand: a year covers every documented lifetime. */
export const MAX_OFFSET_MS = 8760 * 3_600_000;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** 127.0.0.0/8, ::1 (bracketed or not, mapped or not) and localhost. */
export function isLoopbackAddress(name: string): boolean {
  const bare = name.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  const family = isIP(bare);
  return family !== 0 && LOOPBACK.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host a Host header names, without its port; undefined unless it is a plain `host[:port]`. */
export function hostOfHeader(value: string | undefined): string | undefined {
  return /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::\d{1,5})?$/.exec(value?.trim() ?? '')?.[1];
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** "90s", "31m", "2h" in milliseconds; undefined for anything else. */
export function parseDuration(value: unknown): number | undefined {
  const match = typeof value === 'string' ? /^(\d{1,7})([smh])$/.exec(value.trim()) : null;
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
}

/** 1 h 31 min 5 s → "1h31m5s"; 0 → "0s". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const parts = [[Math.floor(seconds / 3600), 'h'], [Math.floor(seconds / 60) % 60, 'm'], [seconds % 60, 's']] as const;
  return parts.filter(([n]) => n > 0).map(([n, unit]) => `${n}${unit}`).join('') || '0s';
}

export interface ControlledApi {
  api: string;
  faults: readonly FaultInfo[];
  /** A freshly built emulator with this fault switched on, or none. */
  build(fault: string | undefined): Emulator;
  /** The fault it starts with (EMULATOR_FAULT), if it is this API's. */
  fault?: string;
}

export interface SandboxControls {
  /** What the host serves: it forwards to the current build, so the port stays while builds change. */
  readonly emulator: Emulator;
  /** The host's pre-handler: the controls' answer under /__sandbox, undefined for every other path. */
  preHandler(request: EmuRequest): EmuResponse | undefined;
}

interface Control {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  does: string;
  run(request: EmuRequest): EmuResponse;
}

class Refusal extends Error {}

export function sandboxControls(target: ControlledApi): SandboxControls {
  let fault = target.fault;
  let offsetMs = 0;
  let current = target.build(fault);
  const rebuild = () => {
    const next = target.build(fault);
    next.clock.advance(offsetMs);
    current = next;
  };
  const state = () => ({
    api: target.api,
    fault: fault ?? null,
    clock: { offset: formatDuration(offsetMs), now: new Date(current.clock.now()).toISOString() },
  });

  const controls: Control[] = [
    { method: 'GET', path: CONTROL_PATH, does: "lists these controls, this emulator's state and its faults", run: () => answer(200, { ...state(), controls: controls.map(describe), faults: target.faults.map(({ name, behaviours, says }) => ({ name, behaviours, says })) }) },
    {
      method: 'POST',
      path: `${CONTROL_PATH}/clock`,
      body: { advance: '31m' },
      does: 'moves the clock forward by a number of seconds, minutes or hours ("90s", "31m", "2h"); {"reset":true} puts it back to real time; the clock survives fault switches and resets',
      run(request) {
        const fields = jsonFields(request, ['advance', 'reset'], '{"advance":"31m"} or {"reset":true}');
        if ('advance' in fields && 'reset' in fields) throw new Refusal(`POST ${CONTROL_PATH}/clock takes "advance" or "reset", not both.`);
        if (!('advance' in fields) && !('reset' in fields)) throw new Refusal(`POST ${CONTROL_PATH}/clock needs "advance" or "reset", as in {"advance":"31m"} or {"reset":true}.`);
        if ('reset' in fields) {
          if (fields.reset !== true) throw new Refusal(`"reset" is ${show(fields.reset)}; expected true.`);
          offsetMs = 0;
          current.clock.reset();
        } else {
          const ms = parseDuration(fields.advance);
          if (ms === undefined) throw new Refusal(`"advance" is ${show(fields.advance)}; expected a whole number of seconds, minutes or hours such as "90s", "31m" or "2h".`);
          if (offsetMs + ms > MAX_OFFSET_MS) throw new Refusal(`Advancing ${show(fields.advance)} would put the clock ${formatDuration(offsetMs + ms)} ahead; expected at most 8760h ahead in all (reset it with {"reset":true}).`);
          offsetMs += ms;
          current.clock.advance(ms);
        }
        return answer(200, state());
      },
    },
    {
      method: 'POST',
      path: `${CONTROL_PATH}/fault`,
      body: { fault: target.faults[0]?.name ?? '<name>' },
      does: 'serves a fresh emulator with that fault switched on ({"fault":null}: none); its sessions and received log start empty, the clock is kept',
      run(request) {
        const fields = jsonFields(request, ['fault'], `{"fault":"<name>"} or {"fault":null}`);
        if (!('fault' in fields)) throw new Refusal(`POST ${CONTROL_PATH}/fault needs "fault", as in {"fault":"<name>"} or {"fault":null}.`);
        const named = fields.fault;
        if (named !== null && !target.faults.some((entry) => entry.name === named)) {
          throw new Refusal(`${target.api} has no fault named ${show(named)}; expected one of ${target.faults.map((entry) => entry.name).join(', ')}, or null to switch the fault off.`);
        }
        fault = named === null ? undefined : (named as string);
        rebuild();
        const info = target.faults.find((entry) => entry.name === fault);
        return answer(200, { ...state(), ...(info ? { says: `the emulator ${info.says}`, behaviours: info.behaviours } : {}) });
      },
    },
    {
      method: 'POST',
      path: `${CONTROL_PATH}/reset`,
      does: 'serves a fresh emulator: its sessions and received log start empty; the fault and the clock are kept',
      run(request) {
        jsonFields(request, [], '{} or no body', true);
        rebuild();
        return answer(200, state());
      },
    },
    {
      method: 'GET',
      path: `${CONTROL_PATH}/received`,
      does: 'what this emulator received since it was built (started, switched or reset), oldest first, up to 200: names and the Authorization scheme only, never a value',
      run: () => answer(200, { ...state(), requests: current.received.all().map((entry) => ({ ...entry, authorization: entry.authorization ?? null })) }),
    },
  ];

  const emulator: Emulator = {
    api: target.api,
    get clock() {
      return current.clock;
    },
    get received() {
      return current.received;
    },
    handle: (request) => current.handle(request),
    error: (status, message, request) => current.error(status, message, request),
  };

  return {
    emulator,
    preHandler(request) {
      const path = request.path === '/' ? '/' : request.path.replace(/\/+$/, '');
      if (path !== CONTROL_PATH && !path.startsWith(`${CONTROL_PATH}/`)) return undefined;
      const refused = foreignRequest(request);
      if (refused) return answer(403, { error: refused });
      const onPath = controls.filter((control) => control.path === path);
      if (onPath.length === 0) return answer(404, { error: `There is no sandbox control at ${request.path.slice(0, 100)}; GET ${CONTROL_PATH} lists them.` });
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      const control = onPath.find((candidate) => candidate.method === method);
      if (!control) {
        const allow = onPath.map((candidate) => candidate.method);
        return answer(405, { error: `${path} takes ${allow.join(' or ')}, not ${show(request.method.slice(0, 20))} (GET ${CONTROL_PATH} lists the controls).` }, { Allow: allow.includes('GET') ? [...allow, 'HEAD'].join(', ') : allow.join(', ') });
      }
      try {
        return control.run(request);
      } catch (error) {
        if (error instanceof Refusal) return answer(400, { error: error.message });
        throw error;
      }
    },
  };
}

/**
 * Why a request may not steer the sandbox, or undefined. A page the browser loaded from another site may
 * still reach a loopback port: through DNS rebinding (its Host then names the attacker's domain) or by
 * posting across origins (its Origin then names that site). curl and Postman send neither.
 */
function foreignRequest(request: EmuRequest): string | undefined {
  const host = hostOfHeader(request.headers.host);
  if (host === undefined || !isLoopbackAddress(host)) {
    const given = request.headers.host === undefined ? 'none' : show(request.headers.host);
    return `The sandbox controls answer only requests whose Host header names a loopback address (127.0.0.1, ::1 or localhost, any port), and this one's is ${given}.`;
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !(URL.canParse(origin) && /^https?:$/.test(new URL(origin).protocol) && isLoopbackAddress(new URL(origin).hostname))) {
    return `The sandbox controls answer only requests from a tool or a page on a loopback address, and this one comes from the page ${show(origin)}.`;
  }
  return undefined;
}

/** The body's JSON object, with only the allowed fields; refuses an empty body unless it is optional. */
function jsonFields(request: EmuRequest, allowed: string[], expected: string, optional = false): Record<string, unknown> {
  const text = request.body.toString('utf8');
  const where = `POST ${request.path}`;
  if (text.trim() === '') {
    if (optional) return {};
    throw new Refusal(`${where} needs a JSON body such as ${expected}, and this one came empty.`);
  }
  let fields: unknown;
  try {
    fields = JSON.parse(text);
  } catch {
    throw new Refusal(`The body of ${where} is not JSON (${show(text)}); expected ${expected}.`);
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) throw new Refusal(`The body of ${where} is ${show(text)}, not a JSON object; expected ${expected}.`);
  const unknown = Object.keys(fields).filter((name) => !allowed.includes(name));
  if (unknown.length > 0) {
    const takes = allowed.length === 0 ? 'takes no fields' : `takes only ${allowed.map((name) => `"${name}"`).join(' or ')}`;
    throw new Refusal(`${where} ${takes}, not ${unknown.map((name) => show(name)).join(', ')}.`);
  }
  return fields as Record<string, unknown>;
}

/** A value as it appears in a sentence: JSON, cut at 80 characters. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

function describe(control: Control) {
  return { method: control.method, path: control.path, ...(control.body ? { body: control.body } : {}), does: control.does };
}

function answer(status: number, body: unknown, headers: Record<string, string> = {}): EmuResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', ...headers },
    body: `${JSON.stringify(body, null, 2)}\n`,
  };
}
