import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK, Redactor } from './redact';

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
});
