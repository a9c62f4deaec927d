// The benchmark's baselines, in plain JavaScript (no transpiler, so no source-map cost): the same flow
// as a generated scenario (log in, then an authenticated request), N times, as a Playwright
// request-context script and as plain fetch (the floor).
// Usage: node scripts/bench/flows.cjs playwright|fetch <N> <baseUrl> <user> <password>
const { request } = require('@playwright/test');

const [mode, count, base, user, password] = process.argv.slice(2);

async function withPlaywright() {
  for (let i = 0; i < Number(count); i += 1) {
    const context = await request.newContext();
    const login = await context.get(`${base}/login`, { headers: { 'User-Name': user, Password: password } });
    const { token } = await login.json();
    const info = await context.get(`${base}/company/info`, { headers: { Token: token } });
    if ((await info.json()).code !== 200) throw new Error('the flow failed');
    await context.dispose();
  }
}

async function withFetch() {
  for (let i = 0; i < Number(count); i += 1) {
    const login = await fetch(`${base}/login`, { headers: { 'User-Name': user, Password: password } });
    const { token } = await login.json();
    const info = await fetch(`${base}/company/info`, { headers: { Token: token } });
    if ((await info.json()).code !== 200) throw new Error('the flow failed');
  }
}

(mode === 'playwright' ? withPlaywright() : withFetch()).catch((error) => {
  console.error(error);
  process.exit(1);
});
