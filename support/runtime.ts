// What one cucumber process (or parallel worker) shares between scenarios: the validated configuration
// and the emulators it started. Scenarios share no HTTP state: each has its own request contexts.
import { CONTRACT, loadConfig, type ApiId, type ApiTarget, type Config } from './config';
import { startEmulators } from './emulators';
import type { RunningEmulator } from './emulators/host';
import { ConfigurationError } from './errors';
import { Redactor } from './redact';

export const config: Config = loadConfig();
/** The configured credentials, learnt once per process: scenarios and process-level errors start from a copy. */
export const credentialsRedactor = new Redactor(config.secrets, config.identities);

let emulators = new Map<ApiId, RunningEmulator>();
/** Derived from the config and the emulators' URLs, so computed once per start, not per step. */
let variables: Record<string, string> | undefined;

export async function startRuntime(): Promise<void> {
  const latencyMs = Number(process.env.EMULATOR_LATENCY_MS ?? 0) || 0;
  emulators = await startEmulators(Object.values(config.targets), { latencyMs });
  variables = undefined;
}

export async function stopRuntime(): Promise<void> {
  await Promise.all([...emulators.values()].map((running) => running.close()));
  emulators = new Map();
  variables = undefined;
}

/** The URL every path of this API is joined to: its BASE_URL, or its emulator's loopback URL. */
export function baseUrlOf(target: ApiTarget): string {
  if (target.baseUrl !== undefined) return target.baseUrl;
  const running = emulators.get(target.id);
  if (!running) throw new ConfigurationError(`No emulator is running for ${target.id} and ${CONTRACT[target.id].prefix}BASE_URL is not set`);
  return running.url;
}

export function emulatorOf(api: ApiId): RunningEmulator | undefined {
  return emulators.get(api);
}

/** Every configuration value a step may cite as ${VAR}, including the effective base URLs. */
export function configurationVariables(): Readonly<Record<string, string>> {
  if (variables) return variables;
  const values: Record<string, string> = { REQUEST_TIMEOUT_MS: String(config.requestTimeoutMs) };
  for (const target of Object.values(config.targets)) {
    Object.assign(values, target.vars);
    if (target.baseUrl !== undefined || emulators.has(target.id)) values[`${CONTRACT[target.id].prefix}BASE_URL`] = baseUrlOf(target);
  }
  variables = Object.freeze(values);
  return variables;
}
