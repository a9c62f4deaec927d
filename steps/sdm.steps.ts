// Phrases that carry Oracle SDM meaning: "logged in" is the seed's XML login whose sessionId is remembered,
// "the SDM session works" is the deviceGroups probe (inferred: the seed shows no later request), and "the
// SDM login sets a session cookie" is all the seed promises of the cookie: "a valid time-limited session
// cookie", with no name, value or attributes.
import { Given, Then } from '@cucumber/cucumber';
import { parseSetCookie } from '../support/cookies';
import type { ApiWorld } from '../support/world';
import { buildXml, readXmlPath } from '../support/xml';

const PROBE = '/rest/${SDM_API_VERSION}/inventory/deviceMgmt/deviceGroups';

Given('I am logged in to SDM', async function (this: ApiWorld) {
  this.addHeader('Accept', 'application/xml');
  this.setBody(buildXml('session', { userName: this.expand('${SDM_USERNAME}'), password: this.expand('${SDM_PASSWORD}') }), 'application/xml');
  await this.send('POST', '/rest/${SDM_API_VERSION}/admin/login');
  const found = this.response.status === 200 ? readXmlPath(this.xml(), '/session/sessionId') : undefined;
  if (!found?.found || typeof found.value !== 'string') {
    this.fail(`Expected ${this.describeRequest()} to log in and answer a sessionId, but it did not`, this.response.status === 200 ? 'behaviour' : 'wrong-status');
  }
  this.remember('sessionId', found.value, { secret: true });
});

Then('the SDM session works', async function (this: ApiWorld) {
  this.addHeader('Accept', 'application/xml');
  await this.send('GET', PROBE);
  this.expectStatus(200, 'the session to open the device groups (200)');
  if (!readXmlPath(this.xml(), '/deviceGroups').found) this.fail(`Expected ${this.describeRequest()} to answer <deviceGroups>, but its XML body has none`);
});

Then('the SDM session is refused', async function (this: ApiWorld) {
  this.addHeader('Accept', 'application/xml');
  await this.send('GET', PROBE);
  this.expectStatus(401, 'the session to be refused with 401');
});

Then('the SDM login sets a session cookie', function (this: ApiWorld) {
  const cookies = this.setCookies().map(parseSetCookie);
  if (!cookies.some((cookie) => cookie.value !== '' && !cookie.expiresSession)) {
    this.fail(`Expected ${this.describeRequest()} to set a session cookie, but it sets ${cookies.length ? `only expired or empty ones (${cookies.map((c) => c.name).join(', ')})` : 'no cookie at all'}`);
  }
});
