// Starts `npm run sandbox` as a separate process (a stand-in for the vendors' sandboxes) and reads the
// base URLs and demo credentials it prints. A separate process matters: the tests run cucumber with
// spawnSync, which would freeze a server living in the test's own event loop.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Sandbox {
  /** Every `NAME=value` line it printed: base URLs and credentials, ready to pass as environment. */
  env: Record<string, string>;
  /** What it had printed when it was ready. */
  output: string;
  process: ChildProcess;
  stop(): void;
}

/** `args`: the sandbox's own options (--https, --mtls). */
export function startSandboxProcess(env: Record<string, string> = {}, args: string[] = []): Promise<Sandbox> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox.ts', ...args], { env: { ...process.env, SANDBOX_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((ready, fail) => {
    let out = '';
    const read = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('SDM_API_VERSION=')) {
        const printed = Object.fromEntries([...out.matchAll(/^ {2}([A-Z0-9_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
        ready({ env: printed, output: out, process: child, stop: () => void child.kill('SIGINT') });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => fail(new Error(`the sandbox exited (${code}):\n${out}`)));
  });
}

/**
 * A sandbox on fixed, consecutive ports, as a person runs it (`SANDBOX_PORT=<base>`). The base is drawn
 * below Linux's ephemeral range (32768+), where outgoing connections take their local ports, and drawn
 * again if another server already listens on one of the five ports.
 */
export async function startSandboxOnFixedPorts(attempts = 5): Promise<Sandbox & { base: number }> {
  for (let attempt = 1; ; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 12000);
    try {
      return { ...(await startSandboxProcess({ SANDBOX_PORT: String(base) })), base };
    } catch (error) {
      if (attempt >= attempts || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}
