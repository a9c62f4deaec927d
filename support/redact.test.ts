import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK, Redactor, secretName } from './redact';

/** A JWT as an emulator issues one: header, payload, signature. */
const JWT = `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"user1","exp":1700000000}').toString('base64url')}.c2lnbmF0dXJlLXBhcnQtMTIz`;

describe('redaction', () => {
  it('clones what it knows: a scenario\'s copy masks the configured secrets and learns on its own', () => {
    const base = new Redactor(['pw-Configured1'], []);
    const scenario = base.clone();
    scenario.remember('token-Learned-123');
    assert.equal(scenario.text('pw-Configured1 token-Learned-123'), `${MASK} ${MASK}`);
    assert.equal(base.text('token-Learned-123'), 'token-Learned-123');
  });

  it('masks Authorization but keeps its scheme', () => {
    const r = new Redactor();
    assert.equal(r.header('Authorization', 'Basic dXNlcjE6cGFzczE='), `Basic ${MASK}`);
    assert.equal(r.header('authorization', 'Bearer abc.def.ghi'), `Bearer ${MASK}`);
  });

  it('redacts Set-Cookie values and keeps names and attributes', () => {
    const r = new Redactor();
    assert.equal(r.header('Set-Cookie', 'QCSession=MjU0NTM7Uzc4NHJj; Path=/qcbin; HttpOnly'), `QCSession=${MASK}; Path=/qcbin; HttpOnly`);
    assert.equal(r.header('set-cookie', 'QCSession=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/'), 'QCSession=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/');
  });

  it('redacts every cookie of a Cookie header, and a bare session id', () => {
    const r = new Redactor();
    assert.equal(r.header('Cookie', 'AlcUserId=eyJhbGciOi; JSESSIONID=ABCDEF123'), `AlcUserId=${MASK}; JSESSIONID=${MASK}`);
    assert.equal(r.header('Cookie', '37366B7ECFF47D540C87705CF7584AD9.tomcat1'), MASK);
  });

  it('masks password, secret and token headers', () => {
    const r = new Redactor();
    for (const name of ['Password', 'Token', 'X-XSRF-TOKEN']) assert.equal(r.header(name, 'some-value-123'), MASK);
    assert.equal(r.header('User-Name', 'user_test'), 'user_test');
  });

  it('masks secret fields of JSON bodies at any depth and keeps the rest', () => {
    const r = new Redactor();
    const body = JSON.stringify({ username: 'user1', password: 'pass1-long', nested: { apiToken: 'tok-123456', apiTokenExpirationDateTime: '2023-01-21T21:40:48Z' } });
    const shown = JSON.parse(r.body(body, 'application/json'));
    assert.deepEqual(shown, { username: 'user1', password: MASK, nested: { apiToken: MASK, apiTokenExpirationDateTime: '2023-01-21T21:40:48Z' } });
  });

  it('masks secret fields of malformed JSON too', () => {
    const r = new Redactor();
    assert.equal(r.body('{"secret":"etUgyeKdMvftoO8dI3CW", "clientId":"x"', 'application/json'), `{"secret":"${MASK}", "clientId":"x"`);
  });

  it('masks secret elements of XML bodies', () => {
    const r = new Redactor();
    const xml = '<session><userName>admin</userName><password>hunter22</password><sessionId>37366B7E.tomcat1</sessionId></session>';
    assert.equal(r.body(xml, 'application/xml'), `<session><userName>admin</userName><password>${MASK}</password><sessionId>${MASK}</sessionId></session>`);
  });

  it('scrubs a secret it has seen from any later text, also base64 and URL-encoded', () => {
    const r = new Redactor();
    r.header('Set-Cookie', 'LWSSO_COOKIE_KEY=s8EFty2R4Bha/+x; Path=/qcbin');
    assert.equal(r.text('error at /x?k=s8EFty2R4Bha/+x'), `error at /x?k=${MASK}`);
    assert.equal(r.text(Buffer.from('s8EFty2R4Bha/+x').toString('base64')), MASK);
    assert.equal(r.text(`q=${encodeURIComponent('s8EFty2R4Bha/+x')}`), `q=${MASK}`);
  });

  it('scrubs configured credentials and the password half of a Basic header', () => {
    const r = new Redactor(['Distinctive-Secret-42']);
    assert.equal(r.text('got Distinctive-Secret-42 back'), `got ${MASK} back`);
    r.header('Authorization', `Basic ${Buffer.from('alice:Wonderland-99').toString('base64')}`);
    assert.equal(r.text('Wonderland-99'), MASK);
  });

  it('masks a short configured password wherever it stands as a whole token', () => {
    const r = new Redactor(['pass1']);
    assert.equal(r.text('GET /login?user=u&password=pass1&x=1'), `GET /login?user=u&password=${MASK}&x=1`);
    assert.equal(r.text('{"username":"user1","pwd":"pass1"}'), `{"username":"user1","pwd":"${MASK}"}`);
    assert.equal(r.text('login refused: pass1 is wrong.'), `login refused: ${MASK} is wrong.`);
    assert.equal(r.text(`Basic ${Buffer.from('pass1').toString('base64')}`), `Basic ${MASK}`);
  });

  it('leaves a short password alone inside longer words and numbers', () => {
    const r = new Redactor(['pass1', 'x9']);
    assert.equal(r.text('bypass1 pass12 passage x90 ax9'), 'bypass1 pass12 passage x90 ax9');
  });

  it('does not scrub short usernames or short values seen on the wire, which would mangle paths', () => {
    const r = new Redactor(['Long-Secret-1'], ['admin']);
    r.header('Set-Cookie', 'lang=en; Path=/');
    r.body('{"token":"1"}', 'application/json');
    assert.equal(r.text('/rest/v1.3/admin/login?version=1.0&lang=en'), '/rest/v1.3/admin/login?version=1.0&lang=en');
  });

  it('scrubs long usernames like any other remembered value', () => {
    const r = new Redactor([], ['user_test']);
    assert.equal(r.text('User-Name: user_test'), `User-Name: ${MASK}`);
  });

  it('masks internal DTD entity values and scrubs them afterwards', () => {
    const r = new Redactor();
    const xml = `<!DOCTYPE session [<!ENTITY pw "s3cret-pw"><!ENTITY % p 'other-one'><!ENTITY ext SYSTEM "file:///etc/hosts">]><session><password>&pw;</password></session>`;
    assert.equal(
      r.body(xml, 'application/xml'),
      `<!DOCTYPE session [<!ENTITY pw "${MASK}"><!ENTITY % p '${MASK}'><!ENTITY ext SYSTEM "file:///etc/hosts">]><session><password>${MASK}</password></session>`,
    );
    assert.equal(r.text('echo s3cret-pw'), `echo ${MASK}`);
  });

  it('masks an unclosed DTD entity value to the end of the body', () => {
    const r = new Redactor();
    assert.equal(r.body('<!DOCTYPE x [<!ENTITY pw "s3cret-cut', 'application/xml'), `<!DOCTYPE x [<!ENTITY pw "${MASK}`);
  });

  it('masks the userinfo of any URL, user and password or user alone, and scrubs its parts', () => {
    const r = new Redactor();
    assert.equal(r.text('Cannot reach https://qa-user:Pa%40ss-word@alm.example.com:8443/qcbin'), `Cannot reach https://${MASK}@alm.example.com:8443/qcbin`);
    assert.equal(r.text('POST http://ghp_tokenvalue1@gw.example.com/login'), `POST http://${MASK}@gw.example.com/login`);
    assert.equal(r.text('https://u:p@ss@host/x'), `https://${MASK}@host/x`);
    assert.equal(r.text('the password was Pa@ss-word'), `the password was ${MASK}`);
    assert.equal(r.text('mail bob@example.com about https://example.com/a@b'), 'mail bob@example.com about https://example.com/a@b');
  });

  it('redacts error messages and stacks', () => {
    const r = new Redactor(['Distinctive-Secret-42']);
    const error = r.error(new Error('Authorization: Basic Distinctive-Secret-42'));
    assert.ok(!error.message.includes('Distinctive-Secret-42'));
    assert.ok(!error.stack?.includes('Distinctive-Secret-42'));
  });

  it('keeps a __proto__ key as data', () => {
    const r = new Redactor();
    const shown = r.body('{"__proto__":{"token":"abcdef-123"}}', 'application/json');
    assert.match(shown, /"__proto__"/);
    assert.ok(!shown.includes('abcdef-123'));
  });

  it('reads a name as a secret by its word parts, and a descriptor after them as harmless', () => {
    const secret = ['X-Auth-Token', 'X-Session-Token', 'X-CSRF-Token', 'X-API-Key', 'sessionToken', 'authToken', 'jwt', 'apiKey', 'sid', 'access_token', 'refresh_token', 'key',
      'JSESSIONID', 'PHPSESSID', 'session_id', 'client_secret', 'passwd', 'pwd', 'LWSSO_COOKIE_KEY', 'QCSession', 'apiKeys', 'credentials', 'Proxy-Authorization', 'x-amz-signature'];
    const harmless = ['tokenType', 'token_type', 'expires_in', 'sessionTimeout', 'idleTimeout', 'apiTokenExpirationDateTime', 'keySize', 'userName', 'clientId', 'Content-Type',
      'WWW-Authenticate', 'authenticator', 'monkey', 'inside', 'bypass', 'passage', 'keyboard', 'lang', 'version', 'AlcUserId'];
    assert.deepEqual(secret.filter((name) => !secretName(name)), [], 'read as harmless');
    assert.deepEqual(harmless.filter((name) => secretName(name)), [], 'read as secret');
  });

  it('masks headers named like secrets that no vendor list names, and keeps the descriptive ones', () => {
    const r = new Redactor();
    for (const name of ['X-Auth-Token', 'X-Session-Token', 'X-CSRF-Token', 'X-API-Key', 'X-Access-Key']) assert.equal(r.header(name, `value-of-${name}`), MASK, name);
    assert.equal(r.header('X-Auth-Token', 'Bearer abc-123-xyz'), `Bearer ${MASK}`);
    for (const [name, value] of [['X-Token-Type', 'Bearer'], ['X-Session-Timeout', '1800'], ['WWW-Authenticate', 'Basic realm="api"'], ['Content-Type', 'application/json']]) {
      assert.equal(r.header(name!, value!), value, name);
    }
    assert.equal(r.text('echo value-of-X-Session-Token'), `echo ${MASK}`);
  });

  it('masks JSON fields named like secrets at any depth, in arrays and holders, and keeps their descriptions', () => {
    const r = new Redactor();
    const body = {
      sessionToken: 'st-0123456789', authToken: 'at-0123456789', jwt: 'not-even-a-jwt-1', apiKey: 'ak-0123456789', sid: 'sid-0123456789',
      access_token: 'acc-0123456789', refresh_token: 'ref-0123456789', token_type: 'Bearer', tokenType: 'Bearer', expires_in: 3600,
      sessionTimeout: 1800, idleTimeout: 600, pin: 1234, data: { key: 'nested-key-0123', name: 'widget' },
      apiKeys: ['k-one-0123456', 'k-two-0123456'], token: { value: 'tv-0123456789', type: 'Bearer', expiresIn: 60 }, session: { id: 'sess-id-012345', user: 'alice' },
      tokenLive: true, tokenCount: 2,
    };
    const shown = JSON.parse(r.body(JSON.stringify(body), 'application/json'));
    assert.deepEqual(shown, {
      sessionToken: MASK, authToken: MASK, jwt: MASK, apiKey: MASK, sid: MASK, access_token: MASK, refresh_token: MASK, token_type: 'Bearer', tokenType: 'Bearer', expires_in: 3600,
      sessionTimeout: 1800, idleTimeout: 600, pin: MASK, data: { key: MASK, name: 'widget' }, apiKeys: [MASK, MASK], token: { value: MASK, type: 'Bearer', expiresIn: 60 },
      session: { id: MASK, user: 'alice' }, tokenLive: true, tokenCount: 2,
    });
    assert.equal(r.text('later: st-0123456789 nested-key-0123 tv-0123456789 sess-id-012345'), `later: ${MASK} ${MASK} ${MASK} ${MASK}`);
  });

  it('masks XML elements and attributes named like secrets, CDATA and holders included, and keeps their descriptions', () => {
    const r = new Redactor();
    const xml = [
      '<login><sessionToken>st-0123456789</sessionToken><authToken><![CDATA[cd-0123456789]]></authToken><tokenType>Bearer</tokenType>',
      '<session id="sess-id-012345" timeout="30" user="alice"/><key>nested-key-0123</key><token><value>tv-0123456789</value><type>Bearer</type></token>',
      '<sessionTimeout>1800</sessionTimeout><ns:Password Type="PasswordText">pw-0123456789</ns:Password><apiKey secret="attr-0123456789">x</apiKey></login>',
    ].join('');
    assert.equal(
      r.body(xml, 'application/xml'),
      [
        `<login><sessionToken>${MASK}</sessionToken><authToken><![CDATA[${MASK}]]></authToken><tokenType>Bearer</tokenType>`,
        `<session id="${MASK}" timeout="30" user="alice"/><key>${MASK}</key><token><value>${MASK}</value><type>Bearer</type></token>`,
        `<sessionTimeout>1800</sessionTimeout><ns:Password Type="PasswordText">${MASK}</ns:Password><apiKey secret="${MASK}">${MASK}</apiKey></login>`,
      ].join(''),
    );
    assert.equal(r.text('cd-0123456789 attr-0123456789'), `${MASK} ${MASK}`);
  });

  it('masks the value of an HTML form field or meta element named like a secret', () => {
    const r = new Redactor();
    const html = '<html><head><meta name="csrf-token" content="meta-0123456789"></head><body><form><input type="hidden" name="csrf_token" value="input-0123456789"><input name="user" value="alice"></form></body></html>';
    assert.equal(
      r.body(html, 'text/html'),
      `<html><head><meta name="csrf-token" content="${MASK}"></head><body><form><input type="hidden" name="csrf_token" value="${MASK}"><input name="user" value="alice"></form></body></html>`,
    );
  });

  it('masks session ids and tokens in any URL: query parameters, path parameters, after an HTML &amp;', () => {
    const r = new Redactor();
    assert.equal(r.header('Location', '/home;jsessionid=0A1B2C3D4E?sid=s-0123456789&lang=en&sessionTimeout=30'), `/home;jsessionid=${MASK}?sid=${MASK}&lang=en&sessionTimeout=30`);
    assert.equal(r.text('redirected to https://idp.example.com/cb?code=x&access_token=acc%2B0123456789&token_type=Bearer&expires_in=3600'), `redirected to https://idp.example.com/cb?code=x&access_token=${MASK}&token_type=Bearer&expires_in=3600`);
    assert.equal(r.body('<a href="/next?a=1&amp;sid=html-0123456789">next</a>', 'text/html'), `<a href="/next?a=1&amp;sid=${MASK}">next</a>`);
    assert.equal(r.text('the id 0A1B2C3D4E, the token acc+0123456789'), `the id ${MASK}, the token ${MASK}`);
  });

  it('masks a JWT wherever it stands, under any name or none, and afterwards', () => {
    const r = new Redactor();
    assert.equal(r.header('X-Request-Context', JWT), MASK);
    assert.equal(JSON.parse(r.body(JSON.stringify({ note: `issued ${JWT}`, user: 'u1' }), 'application/json')).note, `issued ${MASK}`);
    assert.equal(r.text(`cut: ${JWT.slice(0, JWT.lastIndexOf('.'))}`), `cut: ${MASK}`);
    assert.equal(r.text(`unsigned: ${JWT.slice(0, JWT.lastIndexOf('.') + 1)} end`), `unsigned: ${MASK} end`);
    assert.equal(r.text('eyJustAWord and session=eyJyZWZ1c2VkIjp0cnVlfQ stay'), 'eyJustAWord and session=eyJyZWZ1c2VkIjp0cnVlfQ stay');
  });

  it('masks a configured secret echoed URL-, form-, HTML- or Latin-1-encoded', () => {
    const secret = 'Sé cret/&"x\'1';
    const r = new Redactor([secret]);
    const latin1 = Buffer.from(secret, 'latin1');
    const echoes = {
      'form, + for space': new URLSearchParams({ p: secret }).toString().slice(2),
      'lower-case percent-hex': encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
      'decimal references': [...secret].map((c) => `&#${c.codePointAt(0)};`).join(''),
      'hex references': [...secret].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join(''),
      'named references': secret.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
      'Latin-1 bytes read as UTF-8': latin1.toString('utf8'),
      'Latin-1 bytes, URL-encoded': escape(secret),
      'UTF-8 bytes read as Latin-1': Buffer.from(secret).toString('latin1'),
    };
    for (const [how, echo] of Object.entries(echoes)) assert.equal(r.text(`<p>echo ${echo} end</p>`), `<p>echo ${MASK} end</p>`, how);
  });

  it('masks a configured username echoed in XML with only some characters escaped, as the SDM emulator writes it', () => {
    const r = new Redactor([], ["user<&>'name'-1"]);
    assert.equal(r.body("<session><userName>user&lt;&amp;&gt;'name'-1</userName></session>", 'application/xml'), `<session><userName>${MASK}</userName></session>`);
  });

  it('stays linear on adversarial input: a megabyte of unclosed tags, JWT heads, parameters or CDATA in well under a second each', () => {
    const r = new Redactor(['Distinctive-Secret-42']);
    for (const [what, text] of [['unclosed tags', '<a '.repeat(350_000)], ['JWT heads', 'eyJ'.repeat(350_000)], ['parameters', '?a&b;c'.repeat(175_000)], ['unclosed CDATA', '<x><![CDATA['.repeat(90_000)], ['open elements', '<token>'.repeat(150_000) + '</b>'.repeat(150_000)]]) {
      const started = performance.now();
      r.body(text!, 'application/xml');
      r.text(text!);
      assert.ok(performance.now() - started < 2000, `${what}: ${Math.round(performance.now() - started)} ms`);
    }
  });
});
