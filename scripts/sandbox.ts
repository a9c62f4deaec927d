// `npm run sandbox`: every registered API's emulator (support/apis/index.ts) on fixed loopback ports for
// hands-on exploration (Postman, curl, the seeds' own examples). SANDBOX_PORT (default 8101) is the first port, in registry order;
// SANDBOX_HOST (default 127.0.0.1) the address. Credentials set in .env configure what they accept, and
// EMULATOR_FAULT switches one fault on, EMULATOR_LATENCY_MS delays every answer. Ctrl-C stops them cleanly.
import { API_IDS, CONTRACT, loadConfig } from '../support/config';
import { emulatorFor } from '../support/emulators';
import { activeFault } from '../support/emulators/faults';
import { hostEmulator, type RunningEmulator } from '../support/emulators/host';

export const SANDBOX_PORTS = Object.fromEntries(API_IDS.map((id, index) => [id, index])) as Record<(typeof API_IDS)[number], number>;

export async function startSandbox(firstPort = Number(process.env.SANDBOX_PORT ?? 8101), host = process.env.SANDBOX_HOST ?? '127.0.0.1'): Promise<RunningEmulator[]> {
  const config = loadConfig();
  const fault = activeFault();
  const running: RunningEmulator[] = [];
  for (const id of API_IDS) {
    const target = config.targets[id];
    const latencyMs = Number(process.env.EMULATOR_LATENCY_MS ?? 0) || 0;
    running.push(await hostEmulator(emulatorFor(id, target.vars, fault), { host, port: firstPort === 0 ? 0 : firstPort + SANDBOX_PORTS[id], latencyMs }));
  }
  return running;
}

if (require.main === module) {
  startSandbox().then(
    (running) => {
      const config = loadConfig();
      console.log('login-api-bdd sandbox: the emulators are listening (Ctrl-C to stop)\n');
      for (const emulator of running) {
        const id = emulator.emulator.api as (typeof API_IDS)[number];
        const api = CONTRACT[id];
        console.log(`${api.product} (${id})`);
        console.log(`  ${api.prefix}BASE_URL=${emulator.url}`);
        for (const [name, value] of Object.entries(config.targets[id].vars)) {
          // Demo values are public (the seeds' own); a credential from .env is never printed.
          console.log(`  ${name}=${[...config.secrets, ...config.identities].includes(value) ? '<from the environment>' : value}`);
        }
        console.log('');
      }
      const fault = activeFault();
      if (fault) console.log(`Fault switched on: ${fault.api}:${fault.fault}\n`);
      const stop = () => {
        void Promise.all(running.map((emulator) => emulator.close())).then(() => {
          console.log('sandbox stopped');
          process.exit(0);
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: Error) => {
      console.error(`The sandbox could not start: ${error.message} (another process may hold the port: set SANDBOX_PORT)`);
      process.exit(1);
    },
  );
}
