import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from '../../jwt';
import { Clock } from '../../emulators/clock';
import { createTokenLoginEmulator, type TokenLoginOptions } from './emulator';
import { emuRequest } from '../../emulators/types';

const request = (method: string, path: string, headers: Record<string, string> = {}) => emuRequest({ method, rawPath: path, headers })!;

const demo: TokenLoginOptions = { username: 'user_test', password: 'password_test', statusMode: 'body' };
const login = (headers: Record<string, string>, options: Partial<TokenLoginOptions> = {}) => {
  const response = createTokenLoginEmulator({ ...demo, ...options }).handle(request('GET', '/login', headers));
  return { status: response.status, body: JSON.parse(String(response.body)) as Record<string, unknown> };
};

describe('token-login emulator', () => {
  it('answers the seed example: code 200, status ok and a JWT for the user', () => {
    const { status, body } = login({ 'User-Name': 'user_test', Password: 'password_test' });
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['code', 'status', 'token']);
    assert.equal(decodeJwt(String(body.token)).payload.user, 'user_test');
  });

  it('issues a token that expires exactly 30 minutes after issue', () => {
    const clock = new Clock();
    const before = Math.floor(clock.now() / 1000);
    const { body } = login({ 'User-Name': 'user_test', Password: 'password_test' }, { clock });
    const exp = Number(decodeJwt(String(body.token)).payload.exp);
    assert.ok(exp - before >= 1800 && exp - before <= 1801);
  });

  it('names a missing header, User-Name first, without spaces', () => {
    assert.deepEqual(login({}).body, { code: 402, message: 'Required field <User-Name> is not specified.', status: 'error' });
    assert.equal(login({ 'User-Name': 'user_test' }).body.message, 'Required field <Password> is not specified.');
  });

  it('refuses an empty header as empty', () => {
    assert.equal(login({ 'User-Name': '', Password: 'password_test' }).body.message, 'Required field <User-Name> is empty.');
  });

  it('answers wrong credentials as the seed does by default and as the code does on request', () => {
    assert.deepEqual(login({ 'User-Name': 'user_test', Password: 'nope' }).body, { code: 404, message: 'Data not found.', status: 'error' });
    assert.equal(login({ 'User-Name': 'x', Password: 'password_test' }, { wrongCredentials: 'code' }).body.message, 'Password or User-Name not correct.');
  });

  it('mirrors the code in the HTTP status only in mirror mode', () => {
    assert.equal(login({}).status, 200);
    assert.equal(login({}, { statusMode: 'mirror' }).status, 402);
  });

  it('refuses an expired token with 498 and a tampered one with 401', () => {
    const clock = new Clock();
    const emulator = createTokenLoginEmulator({ ...demo, clock });
    const token = JSON.parse(String(emulator.handle(request('GET', '/login', { 'User-Name': 'user_test', Password: 'password_test' })).body)).token as string;
    const info = (t: string) => JSON.parse(String(emulator.handle(request('GET', '/company/info', { Token: t })).body)) as { code: number };
    assert.equal(info(token).code, 200);
    assert.equal(info(`${token}x`).code, 401);
    assert.equal(info('not-a-jwt').code, 401);
    clock.advance(31 * 60_000);
    assert.equal(info(token).code, 498);
  });

  it('answers POST /login with 405 and unknown paths with 404, as Flask does', () => {
    const emulator = createTokenLoginEmulator(demo);
    assert.equal(emulator.handle(request('POST', '/login')).status, 405);
    assert.equal(emulator.handle(request('GET', '/nowhere')).status, 404);
  });

  it('can issue a 60-minute token or say "is empty" for a missing header when faulted', () => {
    const long = login({ 'User-Name': 'user_test', Password: 'password_test' }, { fault: 'sixty-minute-token' });
    const exp = Number(decodeJwt(String(long.body.token)).payload.exp);
    assert.ok(exp - Date.now() / 1000 > 3500);
    assert.equal(login({}, { fault: 'missing-reported-as-empty' }).body.message, 'Required field <User-Name> is empty.');
  });
});
