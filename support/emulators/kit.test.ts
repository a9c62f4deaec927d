// The emulator kit: routing from the table (404, 405 with Allow, params, a catch-all last), faults as
// overrides of named parts that every caller sees, and the received log, which keeps names, never values.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Clock } from './clock';
import { buildEmulator, faultCatalogue, type EmulatorParts, type Handler } from './kit';
import { ReceivedLog } from './received';
import { emuRequest, json } from './types';

interface Parts extends EmulatorParts {
  greeting: string;
  hello: Handler;
  item: Handler;
}

const FAULTS = faultCatalogue<Parts>([
  { name: 'rude', behaviours: ['T-01'], says: 'greets rudely', override: () => ({ greeting: 'go away' }) },
  { name: 'loud', behaviours: ['T-01'], says: 'shouts', override: (original) => ({ hello: (request, params) => json(200, { said: String(JSON.parse(String(original.hello(request, params).body)).said).toUpperCase() }) }) },
  { name: 'no-items', behaviours: ['T-02'], says: 'forgets the items route', override: (original) => ({ routes: () => original.routes().filter((route) => route.path !== '/items') }) },
]);

function emulator(fault?: string) {
  const p: Parts = {
    greeting: 'hello',
    hello: () => json(200, { said: p.greeting }),
    item: (_request, params) => json(200, { id: params.id }),
    routes: () => [
      { method: ['GET', 'HEAD'], path: '/hello', handler: p.hello },
      { method: 'POST', path: '/hello', handler: p.hello },
      { method: 'GET', path: /^\/items\/(?<id>\d+)$/, handler: p.item },
      { method: 'GET', path: '/items', handler: p.hello },
      { method: '*', path: /^\/legacy\//, handler: () => json(410, { gone: true }) },
    ],
    notFound: (request) => json(404, { missing: request.path }),
    methodNotAllowed: (_request, allow) => json(405, {}, { Allow: allow.join(', ') }),
    error: (status, message) => json(status, { message }),
    finish: (response) => ({ ...response, headers: { ...response.headers, 'X-Kit': '1' } }),
  };
  return buildEmulator({ api: 'test', clock: new Clock(), parts: p, faults: FAULTS, fault });
}

const send = (e: ReturnType<typeof emulator>, method: string, path: string, headers: Record<string, string> = {}) => e.handle(emuRequest({ method, rawPath: path, headers })!);
const body = (response: { body?: string | Buffer }) => JSON.parse(String(response.body)) as Record<string, unknown>;

describe('the emulator kit', () => {
  it('routes by path and method in table order, passing named groups as params', () => {
    assert.deepEqual(body(send(emulator(), 'GET', '/hello')), { said: 'hello' });
    assert.deepEqual(body(send(emulator(), 'GET', '/items/42')), { id: '42' });
    assert.equal(send(emulator(), 'DELETE', '/legacy/anything').status, 410);
  });

  it('answers 404 for a path no route has and 405 with Allow from every route on the path', () => {
    assert.deepEqual(body(send(emulator(), 'GET', '/nowhere')), { missing: '/nowhere' });
    const refused = send(emulator(), 'DELETE', '/hello');
    assert.equal(refused.status, 405);
    assert.equal(refused.headers?.Allow, 'GET, HEAD, POST');
  });

  it('passes every answer, and the host errors, through finish', () => {
    assert.equal(send(emulator(), 'GET', '/nowhere').headers?.['X-Kit'], '1');
    assert.equal(emulator().error(413, 'too big').headers?.['X-Kit'], '1');
  });

  it('applies a fault to the part it names, seen by every caller, and can wrap the original', () => {
    assert.deepEqual(body(send(emulator('rude'), 'GET', '/hello')), { said: 'go away' });
    assert.deepEqual(body(send(emulator('loud'), 'POST', '/hello')), { said: 'HELLO' });
    assert.equal(send(emulator('no-items'), 'GET', '/items').status, 404);
    assert.equal(emulator('rude').fault, 'rude');
    assert.deepEqual(body(send(emulator(), 'GET', '/hello')), { said: 'hello' }, 'a fault changes only the emulator it is built into');
  });

  it('refuses an unknown fault naming the catalogue, a fault named twice, and one without behaviours', () => {
    assert.throws(() => emulator('absent'), /test has no fault named "absent"; its faults: rude, loud, no-items/);
    assert.throws(() => faultCatalogue([FAULTS[0]!, FAULTS[0]!]), /catalogued twice/);
    assert.throws(() => faultCatalogue([{ ...FAULTS[0]!, behaviours: [] }]), /names no behaviour/);
  });

  it('logs what it received by name only: no header, cookie, query or credential value', () => {
    const e = emulator();
    send(e, 'GET', '/hello?user=alice&user=bob&token=s3cret', { Authorization: 'Basic YWxpY2U6czNjcmV0', Cookie: 'sid=s3cret; theme=dark', 'X-Api-Key': 's3cret' });
    const entry = e.received.last()!;
    assert.deepEqual(entry, { method: 'GET', path: '/hello', queryNames: ['user', 'token'], headerNames: ['authorization', 'cookie', 'x-api-key'], authorization: 'Basic', cookieNames: ['sid', 'theme'] });
    assert.doesNotMatch(JSON.stringify(e.received.all()), /s3cret|YWxp|alice|dark/);
  });

  it('keeps only the newest requests', () => {
    const log = new ReceivedLog(3);
    for (const path of ['/a', '/b', '/c', '/d']) log.add(emuRequest({ method: 'GET', rawPath: path })!);
    assert.deepEqual(log.all().map((entry) => entry.path), ['/b', '/c', '/d']);
  });
});
