// Phrases that carry OpenText ALM meaning: "logged in with the active API key" is the seed's own login
// (POST /qcbin/rest/oauth2/login with the configured clientId and secret) and must answer 200, so the
// session scenarios can start from it in one Given.
import { Given } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/world';

async function logIn(world: ApiWorld, clientType?: string): Promise<void> {
  world.setBody(JSON.stringify({ clientId: world.expand('${ALM_CLIENT_ID}'), secret: world.expand('${ALM_SECRET}') }), 'application/json');
  if (clientType !== undefined) world.addHeader('ALM-CLIENT-TYPE', clientType);
  await world.send('POST', '/qcbin/rest/oauth2/login');
  world.expectStatus(200, 'the login with ALM_CLIENT_ID to answer 200');
}

Given('I am logged in to ALM with the active API key', async function (this: ApiWorld) {
  await logIn(this);
});

Given('I am logged in to ALM with the active API key as client type {string}', async function (this: ApiWorld, clientType: string) {
  await logIn(this, clientType);
});
