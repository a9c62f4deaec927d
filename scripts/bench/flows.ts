// The benchmark's baselines: the same flow as a generated scenario (login, then an authenticated
// request), N times, as a plain Playwright request-context script and as plain fetch (the floor).
// Usage: node --import tsx scripts/bench/flows.ts playwright|fetch <N> <baseUrl> <user> <password>
import { request } from '@playwright/test';

const [mode, count, base, user, password] = process.argv.slice(2) as [string, string, string, string, string];

async function withPlaywright(): Promise<void> {
  for (let i = 0; i < Number(count); i += 1) {
    const context = await request.newContext();
    const login = await context.get(`${base}/login`, { headers: { 'User-Name': user, Password: password } });
    const { token } = (await login.json()) as { token: string };
    const info = await context.get(`${base}/company/info`, { headers: { Token: token } });
    if (((await info.json()) as { code: number }).code !== 200) throw new Error('the flow failed');
    await context.dispose();
  }
}

async function withFetch(): Promise<void> {
  for (let i = 0; i < Number(count); i += 1) {
    const login = await fetch(`${base}/login`, { headers: { 'User-Name': user, Password: password } });
    const { token } = (await login.json()) as { token: string };
    const info = await fetch(`${base}/company/info`, { headers: { Token: token } });
    if (((await info.json()) as { code: number }).code !== 200) throw new Error('the flow failed');
  }
}

(mode === 'playwright' ? withPlaywright() : withFetch()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
