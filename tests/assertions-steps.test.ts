// The generic assertion steps (numbers, text, collections, JWT validity, cookie attributes, response
// times) pass where the emulators answer as claimed and fail with one sentence where they do not: the
// fixture's "passes:" scenarios must pass and each "fails:" scenario must fail with its exact sentence.
// The response-time failures run alone against slow emulators (EMULATOR_LATENCY_MS); the passing
// percentile runs recorded, and its figures must reach the report as an attachment.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cucumber, explain, scenarioCounts, type Ran } from './run';

const FIXTURE = 'tests/fixtures/assertions/features';
const CLEAN = { EMULATOR_FAULT: undefined, EMULATOR_LATENCY_MS: undefined, O2G_BASE_URL: undefined, SDM_BASE_URL: undefined, ALM_BASE_URL: undefined, TOKEN_LOGIN_BASE_URL: undefined, ADDRESS_MANAGER_BASE_URL: undefined };
const URL = 'http://127\\.0\\.0\\.1:\\d+';
const DATE = '\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT';

/** Scenario names of the fixture, by prefix. */
function scenarios(prefix: string): string[] {
  const names: string[] = [];
  for (const api of readdirSync(FIXTURE)) {
    for (const file of readdirSync(join(FIXTURE, api))) {
      for (const match of readFileSync(join(FIXTURE, api, file), 'utf8').matchAll(/^\s*Scenario: (.+)$/gm)) if (match[1]!.startsWith(prefix)) names.push(match[1]!.trim());
    }
  }
  return names;
}

/** Each failed scenario's name → the first error line of its failing step (summary formatter). */
function failures(ran: Ran): Map<string, string> {
  const found = new Map<string, string>();
  for (const block of ran.stdout.split(/^\d+\) Scenario: /m).slice(1)) {
    const name = block.split(/\s+#/)[0]!.trim();
    const error = /^\s+((?:AssertionError \[[\w-]+\]|Error): .*)$/m.exec(block)?.[1];
    found.set(name, error ?? '(no error line)');
  }
  return found;
}

// "fails:" scenario name → its sentence, as a regular expression of the whole first line.
const SENTENCES: Record<string, string> = {
  // numbers
  'fails: a JSON number below its bound': 'AssertionError \\[behaviour\\]: Expected \\$\\.timeToLive to be below 60, but it is 1800',
  'fails: a JSON number outside its range': 'AssertionError \\[behaviour\\]: Expected \\$\\.timeToLive to be between 1 and 59, but it is 1800',
  'fails: a JSON value that is not a number': 'AssertionError \\[bad-body\\]: Expected \\$\\.admin to be a number, but got boolean false',
  'fails: a header that is not a number': 'AssertionError \\[behaviour\\]: Expected the header Content-Type to be a number, but got string "application/json"',
  'fails: a header that is absent': 'AssertionError \\[behaviour\\]: Expected the response to have the header X-Rate-Limit-Remaining, but it has no such header',
  'fails: an XML number above its bound': 'AssertionError \\[behaviour\\]: Expected /session/idleTimeout to be above 0, but it is 0',
  'fails: XML text that is not a number': 'AssertionError \\[bad-body\\]: Expected /session/userGroup to be a number, but got string "administrators"',
  'fails: a header number above its bound': 'AssertionError \\[behaviour\\]: Expected the header Content-Length to be above 0, but it is 0',
  'fails: a numeric JWT claim below its bound': 'AssertionError \\[behaviour\\]: Expected the JWT claim iat of \\{\\{credential\\}\\} to be below 1000, but it is \\d{10}',
  'fails: a JWT claim the token does not carry': 'AssertionError \\[behaviour\\]: Expected the JWT \\{\\{credential\\}\\} to have the claim "exp", but it has only sub, iat',
  'fails: a JWT claim that is not a number': 'AssertionError \\[behaviour\\]: Expected the JWT claim sub of \\{\\{credential\\}\\} to be a number, but got string "o2g-demo"',
  'fails: a value that is not a JWT': 'AssertionError \\[behaviour\\]: Expected not-a-token to be a JWT, but it is not a JWT: it has 1 dot-separated parts instead of 3',
  // lifetimes of JWTs and cookies
  'fails: the lifetime of a JWT without exp': 'AssertionError \\[behaviour\\]: Expected the JWT \\{\\{credential\\}\\} to have a lifetime, but it carries no numeric exp claim \\(exp is absent\\)',
  'fails: the lifetime of a JWT above its bound': "AssertionError \\[behaviour\\]: Expected the lifetime in minutes of the JWT \\{\\{token\\}\\} \\(exp − the response's Date, as it has no iat\\) to be at most 20, but it is 30",
  'fails: the lifetime of a session cookie': 'AssertionError \\[behaviour\\]: Expected the cookie JSESSIONID to have a lifetime, but it has neither Max-Age nor Expires \\(it lasts as long as the client keeps it: a session cookie\\)',
  'fails: the lifetime of a cookie from its Max-Age': 'AssertionError \\[behaviour\\]: Expected the lifetime in seconds of the cookie JSESSIONID \\(its Max-Age\\) to be above 0, but it is 0',
  'fails: the lifetime of a cookie from its Expires': "AssertionError \\[behaviour\\]: Expected the lifetime in minutes of the cookie QCSession \\(its Expires − the response's Date\\) to be at least 1, but it is -\\d+(\\.\\d+)?",
  // collections
  'fails: a JSON array shorter than claimed': 'AssertionError \\[behaviour\\]: Expected the JSON array at \\$\\.services to have more than 7 items, but it has 7',
  'fails: a JSON value that is not an array': 'AssertionError \\[bad-body\\]: Expected \\$\\.timeToLive to be an array, but got number 1800',
  'fails: a JSON array without the item claimed':
    'AssertionError \\[behaviour\\]: Expected the JSON array at \\$\\.services to contain an item whose serviceName is "Faxes", but its items\' serviceName values are array \\["Sessions","Users","Telephony","Routing","EventSummary","Subscriptions","Maintenance"\\]',
  'fails: a JSON array with the item claimed absent':
    'AssertionError \\[behaviour\\]: Expected the JSON array at \\$\\.services not to contain an item whose serviceName is "Users", but item 1 is object \\{"serviceName":"Users","serviceVersion":"1\\.0","relativeUrl":"/users"\\}',
  'fails: a JSON array of objects does not contain a text': 'AssertionError \\[behaviour\\]: Expected the JSON array at \\$\\.services to contain "Sessions", but it holds array \\[\\{"serviceName":"Sessions",.*…',
  'fails: JSON items that do not match the schema':
    'AssertionError \\[bad-body\\]: Expected every item of the JSON array at \\$\\.services to match the "o2g error" schema, but 7 of 7 do not; item 0: httpStatus: Invalid input: expected string, received undefined; code: Invalid input: expected number, received undefined; helpMessage: Invalid input: expected string, received undefined; and 4 more',
  'fails: fewer XML elements than claimed': 'AssertionError \\[behaviour\\]: Expected the XML elements at /deviceGroups/deviceGroup to have more than 1 item, but it has 1',
  'fails: XML elements under a parent that is not there': 'AssertionError \\[behaviour\\]: Expected the XML body to have /deviceGroupz/deviceGroup, but it has no /deviceGroupz',
  'fails: XML elements without the item claimed': 'AssertionError \\[behaviour\\]: Expected the XML elements at /deviceGroups/deviceGroup to contain an item whose name is "Lab", but its items\' name values are array \\["Home"\\]',
  'fails: XML elements with the text claimed absent': 'AssertionError \\[behaviour\\]: Expected the XML elements at /deviceGroups/deviceGroup/name not to contain "Home", but item 0 is string "Home"',
  'fails: XML items that do not match the schema':
    'AssertionError \\[bad-body\\]: Expected every item of the XML elements at /deviceGroups/deviceGroup to match the "sdm session xml" schema, but 1 of 1 do not; item 0: session: Invalid input: expected object, received undefined; \\(item\\): Unrecognized keys: "name", "fullPathName"',
  // a step used wrongly is an error of the scenario, not of the product
  'fails: XML items checked against a JSON schema': 'Error: The "o2g service" schema is for JSON bodies, but /deviceGroups/deviceGroup is read from the XML body: name one of the XML schemas',
  // text
  'fails: a JSON text that is not an ISO date': `AssertionError \\[behaviour\\]: Expected \\$\\.publicBaseUrl to be an ISO date, but got string "${URL}/api/rest/1\\.0"`,
  'fails: a JSON number where a text format is claimed': 'AssertionError \\[bad-body\\]: Expected \\$\\.timeToLive to be a string, but got number 1800',
  'fails: XML text that is not a UUID': 'AssertionError \\[behaviour\\]: Expected /(session/serverInfo|QCRestException/Id) to be a UUID, but got string "(NNC82|qccore\\.not-authenticated)"',
  'fails: JSON text that is not base64url': 'AssertionError \\[behaviour\\]: Expected \\$\\.state to be base64url, but got string "LOGGED_IN"',
  'fails: JSON text that is not base64': 'AssertionError \\[behaviour\\]: Expected \\$\\.loginDateTime to be base64, but got string "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"',
  'fails: a secret value cited redacted': 'AssertionError \\[behaviour\\]: Expected \\$\\.token to be base64, but got string "\\[REDACTED\\]"',
  // JWT validity
  'fails: a JWT issued in the future': `AssertionError \\[behaviour\\]: Expected the JWT claim nbf of \\{\\{future\\}\\} not to be in the future, but it is \\d+ s after the response's Date \\(${DATE}\\)`,
  'fails: a time claim the token does not carry': 'AssertionError \\[behaviour\\]: Expected the JWT \\{\\{credential\\}\\} to have the claim "nbf", but it has only sub, iat',
  'fails: an unsigned JWT': 'AssertionError \\[behaviour\\]: Expected the JWT \\{\\{unsigned\\}\\} to be signed, but its header field alg is "none": anyone can forge it',
  'fails: an unsigned JWT spelling none in capitals': 'AssertionError \\[behaviour\\]: Expected the JWT \\{\\{unsigned\\}\\} to be signed, but its header field alg is "NONE": anyone can forge it',
  'fails: a JWT whose header names no algorithm': 'AssertionError \\[behaviour\\]: Expected the JWT \\{\\{no alg\\}\\} to name its signing algorithm in the header field alg, but its header has no alg',
  // cookie attributes
  'fails: a cookie with an attribute it must not carry': 'AssertionError \\[behaviour\\]: Expected the cookie JSESSIONID to be set without a Path attribute, but it has Path=/rest',
  'fails: a cookie with a flag it must not carry': 'AssertionError \\[behaviour\\]: Expected the cookie JSESSIONID to be set without a HttpOnly attribute, but it is HttpOnly',
  'fails: an attribute of a cookie the response does not set': 'AssertionError \\[behaviour\\]: Expected the response to set the cookie SESSION, but it sets only JSESSIONID',
  // response times: a repeated request must keep its status
  'fails: a repeated request that stops answering as it did':
    `AssertionError \\[wrong-status\\]: Expected DELETE ${URL}/api/rest/1\\.0/sessions, sent 3 times more, to answer 204 each time as it did before, but 3 of the 3 answers were not 204 \\(401 × 3\\)`,
};

const LATENCY_SENTENCES: Record<string, string> = {
  'fails: an answer slower than its budget': `AssertionError \\[behaviour\\]: Expected GET ${URL}/api/rest to answer within 100 ms, but it took \\d+ ms`,
  'fails: a percentile slower than its budget':
    `AssertionError \\[behaviour\\]: Expected the 95th percentile of the response times of GET ${URL}/api/rest, sent 3 times, to be within 100 ms, but it is (\\d+) ms \\(min \\d+, median \\d+, p95 \\1, max \\d+ ms; statuses 200 × 3\\)`,
};

const messages = mkdtempSync(join(tmpdir(), 'assertions-steps-'));
after(() => rmSync(messages, { recursive: true, force: true }));

describe('the assertion steps', () => {
  it('pass where the emulators answer as claimed, and fail with one sentence naming the value where they do not', () => {
    const ndjson = join(messages, 'messages.ndjson');
    // Recorded (as a reporting profile would), so the percentile's figures are attached; messages to a temporary file only.
    const ran = cucumber(['-p', 'quiet', '--tags', 'not @latency', '--world-parameters', '{"record":true}', '--format', `message:${ndjson}`, FIXTURE], CLEAN);
    const passing = scenarios('passes:');
    const failing = scenarios('fails:').filter((name) => !(name in LATENCY_SENTENCES));
    assert.deepEqual(scenarioCounts(ran.stdout), { total: passing.length + failing.length, passed: passing.length, failed: failing.length, skipped: 0 }, explain(ran));
    const failed = failures(ran);
    assert.deepEqual(passing.filter((name) => failed.has(name)), [], explain(ran));
    assert.deepEqual(failing.filter((name) => !(name in SENTENCES)), [], 'every failing scenario has its sentence here');
    for (const name of failing) {
      const line = failed.get(name);
      assert.ok(line !== undefined, `${name} did not fail\n${explain(ran)}`);
      assert.match(line, new RegExp(`^${SENTENCES[name]}$`), name);
    }

    // The percentile's figures reach the report: an attachment of each scenario that measured them (the
    // passing GET sent 5 times, the failing DELETE sent 3 times).
    const notes = readFileSync(ndjson, 'utf8')
      .split('\n')
      .filter((line) => line.includes('attachment_content'))
      .map((line) => (JSON.parse(JSON.parse(line).attachment.body) as { data: { name: string; content: string } }).data)
      .filter((data) => data.name.startsWith('Response times:'));
    assert.deepEqual(notes.map((note) => note.name.replace(/:\d+\//, ':PORT/')).sort(), ['Response times: DELETE http://127.0.0.1:PORT/api/rest/1.0/sessions × 3', 'Response times: GET http://127.0.0.1:PORT/api/rest × 5']);
    const get = notes.find((note) => note.name.startsWith('Response times: GET'))!;
    assert.match(Buffer.from(get.content, 'base64').toString('utf8'), /^GET .*\/api\/rest, sent 5 more times after the first \(not counted\)\nmin \d+, median \d+, p95 \d+, max \d+ ms; statuses 200 × 5\nin order \(ms\): \d+, \d+, \d+, \d+, \d+$/);
  });

  it('fail on time against slow emulators, with the measured figures in the sentence', () => {
    const ran = cucumber(['-p', 'quiet', '--tags', '@latency', FIXTURE], { ...CLEAN, EMULATOR_LATENCY_MS: '250' });
    assert.deepEqual(scenarioCounts(ran.stdout), { total: 2, passed: 0, failed: 2, skipped: 0 }, explain(ran));
    const failed = failures(ran);
    for (const [name, sentence] of Object.entries(LATENCY_SENTENCES)) assert.match(failed.get(name) ?? '(did not fail)', new RegExp(`^${sentence}$`), name);
  });
});
