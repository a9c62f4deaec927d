// Phrases that carry Pégase 3 meaning. The service answers a code in its JSON body; whether the HTTP
// status mirrors it depends on the deployed version (TOK-07, TOKEN_LOGIN_STATUS_MODE), so these steps
// check both the way the configured version documents it.
import { Then } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/world';

Then('the service answers code {int}', function (this: ApiWorld, code: number) {
  const body = this.json() as { code?: unknown };
  if (body?.code !== code) this.fail(`Expected the body's code to be the number ${code}, but got ${JSON.stringify(body?.code)}`, 'wrong-status'); // the code is this API's status
  expectStatusForCode(this, code);
});

Then('the HTTP status follows the code in the body', function (this: ApiWorld) {
  const { code } = (this.json() ?? {}) as { code?: unknown };
  if (typeof code !== 'number') this.fail(`Expected the body's code to be a number, but got ${JSON.stringify(code)}`);
  expectStatusForCode(this, code);
});

/** Mirror mode sends the code as the HTTP status too; body mode always answers HTTP 200. */
function expectStatusForCode(world: ApiWorld, code: number): void {
  const mode = world.variable('TOKEN_LOGIN_STATUS_MODE');
  const status = mode === 'mirror' ? code : 200;
  if (world.response.status !== status) {
    world.fail(`Expected HTTP ${status} for code ${code} (TOKEN_LOGIN_STATUS_MODE=${mode}), but got HTTP ${world.response.status}`, 'wrong-status');
  }
}
