import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import type { ApiTarget } from './config';
import { curlCommand, word } from './curl';
import { describeExchange, type Exchange } from './exchange';
import { escapeFor, interpolateTraced, type Escape } from './interpolate';
import { joinUrl } from './join-url';
import { MASK, Redactor, type HeaderLine } from './redact';
import { Provenance } from './world/provenance';
import { buildXml } from './xml';

const BASE = 'http://127.0.0.1:9/prefix';
const TARGET: ApiTarget = { id: 'token-login', product: 'Pégase 3 API login', baseUrl: BASE, vars: {} };

/** The World's preparation of a request, call for call (support/world.ts), without cucumber or Playwright. */
class Preparing {
  readonly provenance = new Provenance(true);
  readonly remembered = new Map<string, unknown>();
  private headers: HeaderLine[] = [];
  private body: { text: string; contentType?: string } | undefined;
  private last: Exchange | undefined;

  constructor(private readonly variables: Record<string, string>) {}

  expand(text: string, escape?: Escape): string {
    return this.provenance.expanded(interpolateTraced(text, this.remembered, this.variables, escape));
  }

  variable(name: string): string | undefined {
    this.provenance.lookedUp(name, this.variables[name]);
    return this.variables[name];
  }

  addHeader(name: string, value: string): this {
    this.headers.push({ name, value: this.expand(value) });
    this.provenance.header(this.headers.at(-1)!);
    return this;
  }

  setBasicAuth(user: string, password: string): this {
    this.addHeader('Authorization', `Basic ${Buffer.from(`${this.expand(user)}:${this.expand(password)}`).toString('base64')}`);
    this.provenance.basicAuth(this.headers.at(-1)!);
    return this;
  }

  setBody(text: string, contentType?: string): this {
    this.body = { text, contentType };
    return this;
  }

  remember(name: string, value: unknown, derived = false): this {
    if (derived) this.provenance.derive();
    this.remembered.set(name, value);
    this.provenance.remembered(name, value, this.last);
    return this;
  }

  send(method: string, path: string, answer?: Partial<Exchange['response']> & { jarCookies?: string }): Exchange {
    const url = joinUrl(BASE, this.expand(path));
    const headers = this.headers;
    this.headers = [];
    if (this.body?.contentType) headers.push({ name: 'Content-Type', value: this.body.contentType });
    const text = answer?.text ?? '';
    const exchange: Exchange = {
      session: 'default',
      request: { method, url, headers, jarCookies: answer?.jarCookies ?? '', body: this.body?.text, provenance: this.provenance.request(url, headers, TARGET, this.body?.text) },
      response: { status: answer?.status ?? 200, statusText: 'OK', headers: answer?.headers ?? [], body: Buffer.from(text), text },
      durationMs: 1,
    };
    this.body = undefined;
    this.last = exchange;
    return exchange;
  }
}

/** As the recorder does it: the exchange described first (the redactor learns its secrets), then its curl line. */
function recorded(exchange: Exchange, redactor: Redactor, cookieSetter?: (name: string) => string | undefined): { described: string; curl: string } {
  const described = describeExchange(exchange, redactor);
  return { described, curl: curlCommand(exchange, redactor, cookieSetter) };
}

/** The command alone, as one line (the comments dropped, continuation lines joined). */
const commandOf = (curl: string) => curl.slice(curl.indexOf('\ncurl ') + 1).replace(/ \\\n {2}/g, ' ');

const VARIABLES = { TOKEN_LOGIN_USERNAME: 'user_test', TOKEN_LOGIN_PASSWORD: 'S3cret-pass', O2G_USERNAME: 'o2g-demo', O2G_PASSWORD: 'o2g-demo-password' };

describe('curl lines', () => {
  it('quote words for POSIX sh: bare when plain, single quotes around a quote, variables in double quotes', () => {
    assert.equal(word([{ text: '/login' }]), '/login');
    assert.equal(word([{ text: "it's" }]), `'it'\\''s'`);
    assert.equal(word([{ text: '' }]), `''`);
    assert.equal(word([{ variable: 'U' }, { text: ':' }, { variable: 'P' }]), '"${U}:${P}"');
    assert.equal(word([{ text: '{"a":"' }, { variable: 'A' }, { text: '"}' }]), `'{"a":"'"\${A}"'"}'`);
    assert.equal(word([{ text: 'Hi! ' }, { variable: 'A' }]), `'Hi! '"\${A}"`);
    // What accept refuses is written with single quotes around the literal parts.
    assert.equal(word([{ text: 'x?token=' }, { variable: 'T' }], () => false), `'x?token='"\${T}"`);
  });

  it('quote so that sh (dash here) reads back exactly the value, whatever its characters', () => {
    const values = ["it's", 'a "b" $c `d` \\e', 'line 1\nline 2', 'Hi! there', '{"k": "v"}', '*', '~user', 'ünï €', ''];
    for (const value of values) {
      for (const parts of [[{ text: value }], [{ text: value }, { variable: 'V' }, { text: value }]]) {
        const expected = parts.map((part) => ('text' in part ? part.text : '<v$a"l\'>')).join('');
        const read = spawnSync('sh', ['-c', `printf '%s' ${word(parts)}`], { env: { PATH: process.env.PATH, V: '<v$a"l\'>' }, encoding: 'utf8' });
        assert.equal(read.stdout, expected, `${word(parts)} read back as ${JSON.stringify(read.stdout)}`);
      }
    }
  });

  it('writes the base URL and the configured values as their ${VARIABLE}s, never their values', () => {
    const world = new Preparing(VARIABLES).addHeader('User-Name', '${TOKEN_LOGIN_USERNAME}').addHeader('Password', '${TOKEN_LOGIN_PASSWORD}');
    const redactor = new Redactor(['S3cret-pass'], ['user_test']);
    const { curl } = recorded(world.send('GET', '/login'), redactor);
    assert.equal(
      commandOf(curl),
      'curl -g -i -X GET "${TOKEN_LOGIN_BASE_URL}/login" -H "User-Name: ${TOKEN_LOGIN_USERNAME}" -H "Password: ${TOKEN_LOGIN_PASSWORD}"',
    );
    assert.match(curl, /^# As curl: export TOKEN_LOGIN_BASE_URL, TOKEN_LOGIN_USERNAME and TOKEN_LOGIN_PASSWORD as in \.env/);
    assert.ok(!curl.includes('S3cret-pass') && !curl.includes('user_test') && !curl.includes('127.0.0.1'), curl);
    assert.equal(redactor.text(curl), curl);
  });

  it('makes remembered values shell variables and says where each was remembered from', () => {
    const world = new Preparing(VARIABLES);
    world.send('GET', '/login', { text: '{"code":200,"status":"ok","token":"eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoidSJ9.c2ln"}' });
    world.remember('token', 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoidSJ9.c2ln');
    world.remember('tampered', `${world.expand('{{token}}x')}`, true);
    const redactor = new Redactor();
    redactor.remember('eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoidSJ9.c2ln');
    const { curl } = recorded(world.addHeader('Token', '{{token}}').addHeader('X-Other', '{{tampered}}').send('GET', '/company/info'), redactor);
    assert.match(curl, /^# remembered_token: \{\{token\}\}, the JSON value at \$\.token of the answer to GET \/prefix\/login → 200$/m);
    assert.match(curl, /^# remembered_tampered: \{\{tampered\}\}, computed in the scenario from "\{\{token\}\}x"$/m);
    assert.match(commandOf(curl), / -H "Token: \$\{remembered_token\}" -H "X-Other: \$\{remembered_tampered\}"$/);
    assert.doesNotMatch(curl, /eyJ/);
    assert.equal(redactor.text(curl), curl);
  });

  it('writes Basic credentials as -u with both variables, and masks a password that has none', () => {
    const redactor = new Redactor(['o2g-demo-password'], []);
    const sent = recorded(new Preparing(VARIABLES).setBasicAuth('${O2G_USERNAME}', '${O2G_PASSWORD}').send('GET', '/api/rest/authenticate?version=1.0'), redactor);
    assert.equal(commandOf(sent.curl), 'curl -g -i -X GET "${TOKEN_LOGIN_BASE_URL}/api/rest/authenticate?version=1.0" -u "${O2G_USERNAME}:${O2G_PASSWORD}"');
    assert.ok(!sent.curl.includes('o2g-demo'), sent.curl);
    const wrong = recorded(new Preparing(VARIABLES).setBasicAuth('${O2G_USERNAME}', 'not-the-password').send('GET', '/x'), new Redactor());
    assert.match(commandOf(wrong.curl), / -u "\$\{O2G_USERNAME\}:\[REDACTED\]"$/);
    assert.ok(!wrong.curl.includes('not-the-password'));
    // curl splits -u at the first ":", so a user holding one keeps the header, masked.
    const colon = recorded(new Preparing({ ...VARIABLES, O2G_USERNAME: 'a:b' }).setBasicAuth('${O2G_USERNAME}', '${O2G_PASSWORD}').send('GET', '/x'), new Redactor());
    assert.match(commandOf(colon.curl), / -H 'Authorization: Basic \[REDACTED\]'$/);
  });

  it('masks a secret that has no variable of its own, in a header and in the body', () => {
    const redactor = new Redactor();
    const world = new Preparing(VARIABLES);
    world.remembered.set('n', 'n-value-123');
    world.addHeader('Password', 'literal-Secret-1').addHeader('Token', 'abc').addHeader('X-Mixed-Token', 'pre-{{n}}');
    const body = '{"user": "${TOKEN_LOGIN_USERNAME}", "password": "pw1"}';
    const exchange = world.setBody(world.expand(body, escapeFor('application/json')), 'application/json').send('POST', '/login');
    const { described, curl } = recorded(exchange, redactor);
    for (const secret of ['literal-Secret-1', 'abc', 'n-value-123', 'pw1']) {
      assert.ok(!curl.includes(secret), `${secret} in:\n${curl}`);
      assert.ok(!described.includes(secret), `${secret} in the description`);
    }
    assert.match(commandOf(curl), / -H 'Password: \[REDACTED\]' -H 'Token: \[REDACTED\]' -H 'X-Mixed-Token: \[REDACTED\]'/);
    assert.match(curl, /^# \[REDACTED\]: a secret with no variable of its own/m);
    assert.equal(redactor.text(curl), curl);
  });

  it('finds the values a step serialised into a body, and leaves an escaped one masked, never raw', () => {
    const world = new Preparing({ ...VARIABLES, ALM_CLIENT_ID: 'client-1', ALM_SECRET: 'a"b-Secret' });
    world.setBody(JSON.stringify({ clientId: world.expand('${ALM_CLIENT_ID}'), secret: world.expand('${ALM_SECRET}') }), 'application/json');
    const redactor = new Redactor(['a"b-Secret'], ['client-1']);
    const { curl } = recorded(world.send('POST', '/qcbin/rest/oauth2/login'), redactor);
    assert.ok(!curl.includes('a"b-Secret') && !curl.includes('a\\"b-Secret'), curl);
    // The literal masking alone hides the secret: the body keeps its bytes, but for the mask.
    assert.match(commandOf(curl), /--data-binary '\{"clientId":"'"\$\{ALM_CLIENT_ID\}"'","secret":"\[REDACTED\]"\}'$/);

    // A doc string body is one expansion: its parts are known exactly, and an escaped one is no variable's value.
    const doc = new Preparing({ ALM_CLIENT_ID: 'client-1', ALM_SECRET: 'a"b-Secret' });
    const template = '{"clientId": "${ALM_CLIENT_ID}", "secret": "${ALM_SECRET}", "again": "client-1"}';
    doc.setBody(doc.expand(template, escapeFor(undefined, template)));
    const docCurl = recorded(doc.send('POST', '/qcbin/rest/oauth2/login'), new Redactor(['a"b-Secret'], ['client-1'])).curl;
    assert.match(commandOf(docCurl), /--data-binary '\{"clientId": "'"\$\{ALM_CLIENT_ID\}"'", "secret": "\[REDACTED\]", "again": "\[REDACTED\]"\}'$/);
    assert.ok(!docCurl.includes('${ALM_SECRET}') && !docCurl.includes('b-Secret'), docCurl);

    const xml = new Preparing({ SDM_USERNAME: 'admin', SDM_PASSWORD: 'pw' });
    xml.setBody(buildXml('session', { userName: xml.expand('${SDM_USERNAME}'), password: xml.variable('SDM_PASSWORD') }), 'application/xml');
    const sdm = recorded(xml.send('POST', '/rest/v1.3/admin/login'), new Redactor(['pw'], ['admin']));
    assert.match(sdm.curl, /<userName>'"\$\{SDM_USERNAME\}"'<\/userName>\n {2}<password>'"\$\{SDM_PASSWORD\}"'<\/password>/);
  });

  it('writes the jar cookies as variables naming the answer that set them, and empty headers as curl sends them', () => {
    const world = new Preparing(VARIABLES).addHeader('Empty', '');
    const { curl } = recorded(world.send('GET', '/s', { jarCookies: 'AlcUserId=c00kie-Value-1; lang=' }), new Redactor(), (name) => (name === 'AlcUserId' ? 'the answer to GET /auth → 200' : undefined));
    assert.match(commandOf(curl), / -H 'Empty;' -H "Cookie: AlcUserId=\$\{cookie_AlcUserId\}; lang="$/);
    assert.match(curl, /^# cookie_AlcUserId: the cookie AlcUserId in the session's jar, set by the answer to GET \/auth → 200$/m);
    assert.ok(!curl.includes('c00kie-Value-1'));
  });

  it('says which Content-Type Playwright sent, sends HEAD as --head, and never lets curl read a file for a body', () => {
    const head = recorded(new Preparing(VARIABLES).send('HEAD', '/x'), new Redactor());
    assert.match(commandOf(head.curl), /^curl -g -i --head /);
    const at = recorded(new Preparing(VARIABLES).setBody('@/etc/passwd').send('POST', '/x'), new Redactor());
    assert.match(commandOf(at.curl), / -H 'Content-Type: application\/octet-stream' --data-raw @\/etc\/passwd$/);
  });

  it('replays through sh and curl as the same request: method, path, headers and body byte for byte', async () => {
    const received: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.end('ok');
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prefix`;
      const variables = { ...VARIABLES, TOKEN_LOGIN_USERNAME: `o'neil "$HOME" !x`, TOKEN_LOGIN_PASSWORD: 'p@ss word' };
      const world = new Preparing(variables);
      world.remembered.set('id', 42);
      const body = '{"who": "${TOKEN_LOGIN_USERNAME}",\n "n": {{id}}, "note": "it\'s $HOME `x` \\\\ ü"}';
      world.addHeader('User-Name', '${TOKEN_LOGIN_USERNAME}').addHeader('Password', '${TOKEN_LOGIN_PASSWORD}').addHeader('X-Quote', `it's "q"`);
      world.setBody(world.expand(body, escapeFor('application/json')), 'application/json');
      const exchange = world.send('PUT', '/items/{{id}}?a=[1]&b={x}');
      const { curl } = recorded(exchange, new Redactor());
      const env = { PATH: process.env.PATH, TOKEN_LOGIN_BASE_URL: base, ...variables, remembered_id: '42', HOME: '/nowhere' };
      const status = await new Promise<number | null>((done) => spawn('sh', ['-c', `${curl}\n`], { env, stdio: 'ignore' }).on('close', done));
      assert.equal(status, 0, curl);
      const [got] = received;
      assert.equal(got?.method, 'PUT');
      assert.equal(got?.url, '/prefix/items/42?a=[1]&b={x}');
      assert.equal(got?.headers['user-name'], variables.TOKEN_LOGIN_USERNAME);
      assert.equal(got?.headers.password, 'p@ss word');
      assert.equal(got?.headers['x-quote'], `it's "q"`);
      assert.equal(got?.headers['content-type'], 'application/json');
      assert.equal(got?.body, exchange.request.body);
    } finally {
      server.close();
    }
  });

  it('shows every value as the redactor does when a request has no provenance', () => {
    const exchange: Exchange = {
      session: 'default',
      request: { method: 'GET', url: 'http://u:pw-in-url@h/x', headers: [{ name: 'Authorization', value: 'Bearer raw-Token-1' }], jarCookies: '', body: undefined },
      durationMs: 0,
    };
    const redactor = new Redactor();
    const curl = curlCommand(exchange, redactor);
    assert.equal(commandOf(curl), `curl -g -i -X GET 'http://${MASK}@h/x' -H 'Authorization: Bearer ${MASK}'`);
    assert.equal(redactor.text(curl), curl);
  });
});
