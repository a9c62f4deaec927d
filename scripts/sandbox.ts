// `npm run sandbox`: every registered API's emulator (support/apis/index.ts) on fixed loopback ports for
// hands-on exploration (Postman, curl, the seeds' own examples). SANDBOX_PORT (default 8101) is the first port, in registry order;
// SANDBOX_HOST (default 127.0.0.1) the address. Credentials set in .env configure what they accept, and
// EMULATOR_FAULT switches one fault on, EMULATOR_LATENCY_MS delays every answer. Ctrl-C stops them cleanly.
// On a loopback address each port also serves /__sandbox/... (support/emulators/control.ts): that
// emulator's clock, fault, reset and received log, steerable while it runs (docs/sandbox.md).
// `--https` (or EMULATOR_TLS=1) serves HTTPS with a CA and certificate made at start, and prints the CA's
// PEM path for curl --cacert, Postman and CA_FILE; `--mtls` (EMULATOR_TLS=mtls) also requires a client
// certificate issued by that CA, and prints the paths of one.
import { API_IDS, CONTRACT, loadConfig } from '../support/config';
import { emulatorFor } from '../support/emulators';
import { CONTROL_PATH, isLoopbackAddress, sandboxControls } from '../support/emulators/control';
import { activeFault, FAULTS, faultFor } from '../support/emulators/faults';
import { hostEmulator, type RunningEmulator } from '../support/emulators/host';
import { emulatorTls, emulatorTlsMode, type EmulatorTlsMode } from '../support/tls/emulator-tls';

export const SANDBOX_PORTS = Object.fromEntries(API_IDS.map((id, index) => [id, index])) as Record<(typeof API_IDS)[number], number>;

export async function startSandbox(firstPort = Number(process.env.SANDBOX_PORT ?? 8101), host = process.env.SANDBOX_HOST ?? '127.0.0.1', tlsMode: EmulatorTlsMode = emulatorTlsMode()): Promise<RunningEmulator[]> {
  const config = loadConfig();
  const fault = activeFault();
  const tls = emulatorTls(tlsMode);
  const running: RunningEmulator[] = [];
  for (const id of API_IDS) {
    const target = config.targets[id];
    const latencyMs = Number(process.env.EMULATOR_LATENCY_MS ?? 0) || 0;
    const at = { host, port: firstPort === 0 ? 0 : firstPort + SANDBOX_PORTS[id], latencyMs, ...(tls ? { tls: tls.serverOptions } : {}) };
    // The controls change what every client of the port gets: never offered beyond this machine.
    if (!isLoopbackAddress(host)) {
      running.push(await hostEmulator(emulatorFor(id, target.vars, fault), at));
      continue;
    }
    const controls = sandboxControls({ api: id, faults: FAULTS[id], fault: faultFor(id, fault), build: (name) => emulatorFor(id, target.vars, name === undefined ? undefined : { api: id, fault: name }) });
    running.push(await hostEmulator(controls.emulator, { ...at, preHandler: controls.preHandler }));
  }
  return running;
}

/** `--postman <dir>`: the collection and environment for this sandbox's ports, written instead of starting it. */
function postmanOption(argv: string[]): string | undefined {
  const at = argv.indexOf('--postman');
  if (at < 0) return undefined;
  const dir = argv[at + 1];
  if (!dir || dir.startsWith('--')) {
    console.error('--postman needs the folder to write the Postman collection and environment into, e.g. npm run sandbox -- --postman postman');
    process.exit(1);
  }
  return dir;
}

const postmanDir = require.main === module ? postmanOption(process.argv.slice(2)) : undefined;
if (postmanDir !== undefined) {
  const { writePostman } = require('./postman') as typeof import('./postman');
  for (const file of writePostman(postmanDir, Number(process.env.SANDBOX_PORT ?? 8101))) console.log(`wrote ${file}`);
  console.log('Import both into Postman, start the sandbox with npm run sandbox, and run the collection in order (docs/postman/README.md).');
} else if (require.main === module) {
  const argv = process.argv.slice(2);
  const tlsMode: EmulatorTlsMode = argv.includes('--mtls') ? 'mtls' : argv.includes('--https') ? 'https' : emulatorTlsMode();
  startSandbox(undefined, undefined, tlsMode).then(
    (running) => {
      const config = loadConfig();
      console.log('login-api-bdd sandbox: the emulators are listening (Ctrl-C to stop)\n');
      const tls = emulatorTls(tlsMode);
      if (tls) {
        console.log(`HTTPS with a CA made at start (trusted by nothing else): curl --cacert ${tls.authority.caPath}, or the run's CA_FILE:`);
        console.log(`  CA_FILE=${tls.authority.caPath}`);
        if (tls.client) console.log(`Client certificate required (--mtls): curl --cert ${tls.client.certPath} --key ${tls.client.keyPath}, or each API's <PREFIX>CLIENT_CERT and <PREFIX>CLIENT_KEY below`);
        console.log('');
      }
      const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
      const controlled = isLoopbackAddress(host);
      if (!controlled) console.log(`Controls off: SANDBOX_HOST=${host} is not a loopback address, so no port serves ${CONTROL_PATH} (use 127.0.0.1, ::1 or localhost to have them).\n`);
      for (const emulator of running) {
        const id = emulator.emulator.api as (typeof API_IDS)[number];
        const api = CONTRACT[id];
        console.log(`${api.product} (${id})`);
        console.log(`  ${api.prefix}BASE_URL=${emulator.url}`);
        if (controlled) console.log(`  controls: ${emulator.url}${CONTROL_PATH} (clock, fault, reset, received)`);
        if (tls?.client) console.log(`  ${api.prefix}CLIENT_CERT=${tls.client.certPath}\n  ${api.prefix}CLIENT_KEY=${tls.client.keyPath}`);
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
