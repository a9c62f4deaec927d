// Phrases that carry Pégase 3 meaning. The service answers a code in its JSON body; whether the HTTP
// status mirrors it depends on the deployed version (TOK-07, TOKEN_LOGIN_STATUS_MODE), so one step
// checks both the way the configured version documents it.
import { Then } from '@cucumber/cucumber';
import { configurationVariables } from '../support/runtime';
import type { ApiWorld } from '../support/world';

Then('the service answers code {int}', function (this: ApiWorld, code: number) {
  const mode = configurationVariables().TOKEN_LOGIN_STATUS_MODE;
  const body = this.json() as { code?: unknown };
  if (body?.code !== code) this.fail(`Expected the body's code to be the number ${code}, but got ${JSON.stringify(body?.code)}`);
  const status = mode === 'mirror' ? code : 200;
  if (this.response.status !== status) {
    this.fail(`Expected HTTP ${status} for code ${code} (TOKEN_LOGIN_STATUS_MODE=${mode}), but got HTTP ${this.response.status}`);
  }
});
