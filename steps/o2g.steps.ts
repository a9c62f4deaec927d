// Phrases that carry O2G meaning: a session is the seed's two requests (Basic authenticate, then
// POST .../1.0//sessions naming the application with the AlcUserId cookie), and its SessionInfo states
// its idle lifetime both as timeToLive seconds and as an expirationDate.
import { Given, Then } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/world';

Given('I have opened an O2G session', async function (this: ApiWorld) {
  this.setBasicAuth('${O2G_USERNAME}', '${O2G_PASSWORD}');
  await this.send('GET', '/api/rest/authenticate?version=1.0');
  this.expectStatus(200, 'the authentication to succeed with 200');
  this.setBody(JSON.stringify({ applicationName: this.expand('${O2G_APPLICATION_NAME}') }), 'application/json');
  await this.send('POST', '/api/rest/1.0//sessions');
  this.expectStatus(200, 'the session to open with 200');
});

Then('the session expires timeToLive seconds after it was created, give or take {int} seconds', function (this: ApiWorld, tolerance: number) {
  const { timeToLive, creationDate, expirationDate } = this.json() as Record<string, unknown>;
  if (typeof timeToLive !== 'number') this.fail(`Expected timeToLive to be a number of seconds, but got ${JSON.stringify(timeToLive)}`);
  const lived = (Date.parse(String(expirationDate)) - Date.parse(String(creationDate))) / 1000;
  if (!(Math.abs(lived - timeToLive) <= tolerance)) {
    this.fail(`Expected expirationDate to be timeToLive (${timeToLive} s) after creationDate, but ${JSON.stringify(creationDate)} → ${JSON.stringify(expirationDate)} is ${lived} s`);
  }
});
