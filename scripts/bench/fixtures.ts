// What the benchmark runs: a generated feature of n scenarios, the same flow as a Postman collection, and
// the token-login emulator as a separate process (the sandbox), so every client talks to the same server.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WORK } from './measure';

export const USER = 'user_test';
export const PASSWORD = 'password_test';

/** n scenarios of one flow: log in, remember the token, open the data API with it, check the code. */
export function generatedFeature(n: number): string {
  const dir = join(WORK, `features-${n}`, 'features', 'token-login');
  mkdirSync(dir, { recursive: true });
  const rows = Array.from({ length: n }, (_, i) => `      | ${i + 1} |`).join('\n');
  const file = join(dir, 'generated.feature');
  writeFileSync(
    file,
    `Feature: generated login flow\n\n  Scenario Outline: login and data #<n>\n    When I send a GET request to "/login" with headers:\n      | User-Name | \${TOKEN_LOGIN_USERNAME} |\n      | Password  | \${TOKEN_LOGIN_PASSWORD} |\n    And I remember the JSON value at "$.token" as "token"\n    And I send a GET request to "/company/info" with headers:\n      | Token | {{token}} |\n    Then the JSON value at "$.code" is 200\n\n    Examples:\n      | n |\n${rows}\n`,
  );
  return file;
}

export function newmanCollection(): string {
  const file = join(WORK, 'token-login.postman_collection.json');
  const test = (lines: string[]) => [{ listen: 'test', script: { type: 'text/javascript', exec: lines } }];
  writeFileSync(
    file,
    JSON.stringify({
      info: { name: 'token-login flow', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        {
          name: 'login',
          request: { method: 'GET', url: '{{baseUrl}}/login', header: [{ key: 'User-Name', value: '{{user}}' }, { key: 'Password', value: '{{password}}' }] },
          event: test(["pm.collectionVariables.set('token', pm.response.json().token);"]),
        },
        {
          name: 'company info',
          request: { method: 'GET', url: '{{baseUrl}}/company/info', header: [{ key: 'Token', value: '{{token}}' }] },
          event: test(["pm.test('code 200', () => pm.expect(pm.response.json().code).to.eql(200));"]),
        },
      ],
    }),
  );
  return file;
}

export async function startTarget(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/sandbox.ts'], { env: { ...process.env, SANDBOX_PORT: '0', EMULATOR_LATENCY_MS: String(latencyMs) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /TOKEN_LOGIN_BASE_URL=(\S+)/.exec(out);
      if (match) done(match[1]!);
    });
    child.on('exit', () => fail(new Error(`the sandbox exited early:\n${out}`)));
  });
  return { url, child };
}
