// Steps that only an emulator can honour (its scenarios carry @emulator and are skipped against real
// targets), and steps that skip a scenario when the configuration lacks an optional value.
import { Given } from '@cucumber/cucumber';
import type { ApiWorld } from '../support/world';

Given(/^(\d+) (second|minute|hour)s? pass(?:es)?$/, function (this: ApiWorld, amount: string, unit: string) {
  const running = this.emulator;
  if (!running) throw new Error(`Time can only be moved on an emulator; tag this scenario @emulator so it is skipped against ${this.api ?? 'a real target'}`);
  running.emulator.clock.advance(Number(amount) * { second: 1_000, minute: 60_000, hour: 3_600_000 }[unit as 'second']);
});

Given('the emulator fails the next request with an internal error', function (this: ApiWorld) {
  const running = this.emulator;
  if (!running) throw new Error(`Only an emulator can be made to fail; tag this scenario @emulator so it is skipped against ${this.api ?? 'a real target'}`);
  running.failNextRequest();
});

Given('the configuration provides {string}', function (this: ApiWorld, variable: string) {
  if (this.variable(variable) === undefined) {
    this.log(`Skipped: set ${variable} in .env or the environment to run this scenario against ${this.api ?? 'this target'}.`);
    return 'skipped';
  }
  return undefined;
});
