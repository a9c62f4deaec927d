// What the emulator received for the scenario's last request: names and the Authorization scheme only
// (support/emulators/received.ts), so a scenario can show what the framework really sent. Only an
// emulator can tell: tag such scenarios @emulator, they are skipped against real targets.
import { Then } from '@cucumber/cucumber';
import type { ReceivedRequest } from '../support/emulators/received';
import type { ApiWorld } from '../support/world';

/** The emulator's record of the last request this scenario sent. */
function lastReceived(world: ApiWorld): ReceivedRequest {
  const running = world.emulator;
  if (!running) throw new Error(`Only an emulator can tell what it received; tag this scenario @emulator so it is skipped against ${world.api ?? 'a real target'}`);
  const { method, url } = world.exchange.request;
  const path = new URL(url).pathname.replace(/\/{2,}/g, '/');
  const found = [...running.emulator.received.all()].reverse().find((entry) => entry.method === method && entry.path === path);
  if (!found) return world.fail(`Expected the ${world.api} emulator to have received ${world.describeRequest()}, but it received no ${method} ${path}`);
  return found;
}

Then('the emulator received a(n) {word} Authorization header', function (this: ApiWorld, scheme: string) {
  const { authorization } = lastReceived(this);
  if (authorization?.toLowerCase() !== scheme.toLowerCase()) {
    this.fail(`Expected ${this.describeRequest()} to reach the emulator with a ${scheme} Authorization header, but it came with ${authorization ? `a ${authorization} one` : 'none'}`);
  }
});

Then('the emulator received no Authorization header', function (this: ApiWorld) {
  const { authorization } = lastReceived(this);
  if (authorization !== undefined) this.fail(`Expected ${this.describeRequest()} to reach the emulator without an Authorization header, but it came with a ${authorization} one`);
});

Then('the emulator received the header {string}', function (this: ApiWorld, name: string) {
  const { headerNames } = lastReceived(this);
  if (!headerNames.includes(name.toLowerCase())) this.fail(`Expected ${this.describeRequest()} to reach the emulator with the header ${name}, but its headers were: ${headerNames.join(', ')}`);
});

Then('the emulator received the cookie {string}', function (this: ApiWorld, name: string) {
  const { cookieNames } = lastReceived(this);
  if (!cookieNames.includes(name)) this.fail(`Expected ${this.describeRequest()} to reach the emulator with the cookie ${name}, but it carried ${cookieNames.length ? cookieNames.join(', ') : 'no cookie'}`);
});

Then('the emulator received no cookies', function (this: ApiWorld) {
  const { cookieNames } = lastReceived(this);
  if (cookieNames.length) this.fail(`Expected ${this.describeRequest()} to reach the emulator without cookies, but it carried ${cookieNames.join(', ')}`);
});
