// Soak instrumentation, loaded with --require by scripts/soak.ts only: per scenario, every cookie value an
// answer set and every value its cookie jars held when it sent a request, attached to the scenario as one
// JSON attachment (message formatter output), so the soak can show directly that no value crosses
// scenarios or workers. It wraps ApiWorld.send because the jars are private to the World.
import { After } from '@cucumber/cucumber';
import { parseSetCookie } from '../cookies';
import { headerValues } from '../exchange';
import { ApiWorld } from '../world';
import { COOKIE_MEDIA_TYPE, type CookieLog } from './cookies';

const logs = new WeakMap<ApiWorld, CookieLog>();

function logOf(world: ApiWorld): CookieLog {
  let log = logs.get(world);
  if (!log) logs.set(world, (log = { received: [], held: [] }));
  return log;
}

const send = ApiWorld.prototype.send;
ApiWorld.prototype.send = async function probedSend(this: ApiWorld, method: string, path: string) {
  const log = logOf(this);
  for (const cookie of (await (await this.context()).storageState()).cookies) {
    if (cookie.value !== '') log.held.push([cookie.name, cookie.value]);
  }
  const exchange = await send.call(this, method, path);
  for (const line of headerValues(exchange.response?.headers ?? [], 'set-cookie')) {
    const cookie = parseSetCookie(line);
    if (cookie.value !== '' && !cookie.expiresSession) log.received.push([cookie.name, cookie.value]);
  }
  return exchange;
};

// Every scenario attaches a log, even an empty one: a scenario without one means the probe did not run.
After(function (this: ApiWorld) {
  this.attach(JSON.stringify(logOf(this)), COOKIE_MEDIA_TYPE);
});
