// Phrases that carry Address Manager meaning: opening a v2 API session (the seed's POST with the
// configured user, remembering what later requests need) and the 24-hour lifetime of its API token.
import { Given, Then } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/world';

/** Remembers "credentials" (basicAuthenticationCredentials), "api token", "session link" and "session id". */
Given('I have logged in to Address Manager', async function (this: ApiWorld) {
  this.setBody(JSON.stringify({ username: this.variable('ADDRESS_MANAGER_USERNAME'), password: this.variable('ADDRESS_MANAGER_PASSWORD') }), 'application/json');
  await this.send('POST', '/api/v2/sessions');
  this.expectStatus(201, 'the login to create a session (201)');
  const body = this.json() as { basicAuthenticationCredentials?: unknown; apiToken?: unknown; id?: unknown; _links?: { self?: { href?: unknown } } };
  this.remember('credentials', body.basicAuthenticationCredentials, { secret: true });
  this.remember('api token', body.apiToken, { secret: true });
  this.remember('session link', body._links?.self?.href);
  this.remember('session id', body.id);
});

Then('the API token expires {int} hours after the login', function (this: ApiWorld, hours: number) {
  const body = this.json() as { loginDateTime?: unknown; apiTokenExpirationDateTime?: unknown };
  const login = Date.parse(String(body.loginDateTime));
  const expiry = Date.parse(String(body.apiTokenExpirationDateTime));
  if (Number.isNaN(login) || Number.isNaN(expiry)) this.fail(`Expected loginDateTime and apiTokenExpirationDateTime to be date-times, but got ${JSON.stringify(body.loginDateTime)} and ${JSON.stringify(body.apiTokenExpirationDateTime)}`);
  const lived = (expiry - login) / 3_600_000;
  if (lived !== hours) this.fail(`Expected apiTokenExpirationDateTime to be ${hours} hours after loginDateTime, but it is ${lived} hours after`);
});
