// Calls of the routes an API lists in support/apis/<api>/protected-routes.ts, each from a fresh client
// (its own empty cookie jar): with the credentials a login left sent by hand, with those forged, or with
// none. The steps of the generated features/<api>/unauthenticated.feature (SEC-06, `npm run
// auth-features`); what a call must answer is checked with the generic steps.
import { Given, When } from '@cucumber/cucumber';
import type { ApiId } from '../support/config';
import { escapeFor } from '../support/interpolate';
import { forge } from '../support/unauthenticated/forge';
import { declarationFile, protectedRoutesOf, requestNamed, type SessionCredential } from '../support/unauthenticated/routes';
import type { ApiWorld } from '../support/world';

/** A credential as kept after the login: its value (none for a header that echoes a cookie). */
interface Kept {
  credential: SessionCredential;
  value?: string;
}

const kept = new WeakMap<ApiWorld, Kept[]>();
const callsMade = new WeakMap<ApiWorld, number>();

function apiOf(world: ApiWorld): ApiId {
  if (!world.api) throw new Error('This feature is not under features/<api>/, so no API (and no list of its routes) is known for it');
  return world.api;
}

/** The last request sent, for a sentence; the login steps may have sent none. */
function lastRequest(world: ApiWorld): string {
  try {
    return world.describeRequest();
  } catch {
    return 'no request';
  }
}

/** A kept value, remembered as a secret; an absent or empty one fails the step, naming where it should come from. */
function keepValue(world: ApiWorld, what: string, value: string | undefined): string {
  if (value === undefined || value === '') {
    world.fail(`Expected the login to leave ${what} for later calls (${declarationFile(apiOf(world))} lists it among the session's credentials), but after ${lastRequest(world)} it is ${value === undefined ? 'absent' : 'empty'}`);
  }
  world.redactor.remember(value);
  return value;
}

Given("I keep the session's credentials", async function (this: ApiWorld) {
  const list: Kept[] = [];
  for (const credential of protectedRoutesOf(apiOf(this)).credentials) {
    if ('cookie' in credential) {
      const value = await this.jarCookie(credential.cookie);
      if (value === undefined) {
        const names = await this.jarCookieNames();
        this.fail(
          `Expected the login to leave the cookie ${credential.cookie} in the jar for later calls (${declarationFile(apiOf(this))} lists it among the session's credentials), but after ${lastRequest(this)} the jar holds ${names.length ? names.join(', ') : 'nothing'}`,
        );
      }
      list.push({ credential, value: keepValue(this, `the cookie ${credential.cookie}`, value) });
    } else if ('basic' in credential) {
      list.push({ credential, value: keepValue(this, `the secret half of the Basic credentials ("${credential.basic.secret}")`, this.expand(credential.basic.secret)) });
    } else if ('value' in credential) {
      list.push({ credential, value: keepValue(this, `the ${credential.header} header ("${credential.value}")`, this.expand(credential.value)) });
    } else {
      list.push({ credential });
    }
  }
  kept.set(this, list);
});

Given('the kept credentials are forged', function (this: ApiWorld) {
  const list = keptOf(this, 'the kept credentials are forged');
  kept.set(
    this,
    list.map((entry) => {
      if (entry.value === undefined) return entry;
      const forged = forge(entry.value);
      this.redactor.remember(forged);
      return { ...entry, value: forged };
    }),
  );
});

When('I call {string} without credentials', async function (this: ApiWorld, route: string) {
  await call(this, route, []);
});

When('I call {string} with the kept credentials', async function (this: ApiWorld, route: string) {
  await call(this, route, keptOf(this, `I call "${route}" with the kept credentials`));
});

function keptOf(world: ApiWorld, step: string): Kept[] {
  const list = kept.get(world);
  if (!list) throw new Error(`No credentials are kept in this scenario: "I keep the session's credentials" must come after the login and before "${step}"`);
  return list;
}

/** Sends the route's request from a fresh client, carrying exactly `credentials`. */
async function call(world: ApiWorld, name: string, credentials: Kept[]): Promise<void> {
  const route = requestNamed(apiOf(world), name);
  const count = (callsMade.get(world) ?? 0) + 1;
  callsMade.set(world, count);
  world.actAs(`call ${count} of ${name}`);
  for (const [header, value] of credentialHeaders(world, credentials)) world.addHeader(header, value);
  for (const [header, value] of Object.entries(route.headers ?? {})) world.addHeader(header, value);
  if (route.body) world.setBody(world.expand(route.body.text, escapeFor(route.body.contentType, route.body.text)), route.body.contentType);
  await world.send(route.method, route.path);
}

function credentialHeaders(world: ApiWorld, credentials: Kept[]): Array<[string, string]> {
  const cookies = new Map<string, string>();
  const headers: Array<[string, string]> = [];
  for (const { credential, value } of credentials) {
    if ('cookie' in credential) cookies.set(credential.cookie, value!);
    else if ('basic' in credential) headers.push(['Authorization', `Basic ${Buffer.from(`${world.expand(credential.basic.user)}:${value}`).toString('base64')}`]);
    else if ('value' in credential) headers.push([credential.header, value!]);
  }
  for (const { credential } of credentials) {
    if (!('echoes' in credential)) continue;
    const echoed = cookies.get(credential.echoes);
    if (echoed === undefined) throw new Error(`${declarationFile(apiOf(world))}: the header ${credential.header} echoes the cookie ${credential.echoes}, which is not among its credentials`);
    headers.push([credential.header, echoed]);
  }
  if (cookies.size) headers.unshift(['Cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; ')]);
  return headers;
}
