// SEC-06, route by route: the generated features/<api>/unauthenticated.feature match each API's
// protected-routes.ts; every route of each emulator's route table is listed there (so a new route that
// needs a session cannot be forgotten), and the check names a forgotten route, an open route that
// refuses and a route served without credentials; the steps fail with one sentence each; the robustness
// report counts the calls. That the features fail under each API's forgetful fault is npm run mutation's.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { staleFeatures } from '../scripts/auth-features';
import { APIS, MODULES, apiModule, type ApiId } from '../support/apis';
import { SECURITY_BEHAVIOURS } from '../support/apis/security';
import type { ApiModule } from '../support/apis/types';
import { loadConfig } from '../support/config';
import { mergeReport } from '../support/robustness/report';
import { countOutcomes, runUnauthenticatedChecks } from '../support/robustness/unauthenticated';
import { featureScenarios } from '../support/traceability/features';
import { featureFile, renderFeature } from '../support/unauthenticated/feature';
import { routeTableProblems } from '../support/unauthenticated/route-table';
import { routeName, type ProtectedRoutes } from '../support/unauthenticated/routes';
import { cucumber, explain, scenarioCounts } from './run';

const { targets } = loadConfig({});
const vars = (id: ApiId) => targets[id].vars;
const declared = (id: ApiId) => apiModule(id).protectedRoutes!;
const withRoutes = (id: ApiId, change: (routes: ProtectedRoutes) => ProtectedRoutes | undefined): ApiModule => ({ ...apiModule(id), protectedRoutes: change(declared(id)) });

/** The ways a call lacks a valid session in an API's feature: none, expired (if it expires), logged out (if it has a logout), forged. */
function waysOf(routes: ProtectedRoutes): number {
  return 2 + ('after' in routes.expiry ? 1 : 0) + ('route' in routes.logout ? 1 : 0);
}

describe('the unauthenticated-call checks (SEC-06)', () => {
  it('are generated from each protected-routes.ts, and npm run auth-features has been run', () => {
    assert.deepEqual(staleFeatures(), [], 'run npm run auth-features');
    // A route taken off the list changes the feature: the comparison above can fail.
    const shorter = withRoutes('o2g', (routes) => ({ ...routes, routes: routes.routes.slice(1) }));
    assert.notEqual(renderFeature(shorter), readFileSync(featureFile('o2g'), 'utf8'));
  });

  it('run every listed route once per way of lacking a session, and once with the live session, tagged SEC-06', () => {
    const scenarios = featureScenarios('features').filter((scenario) => scenario.uri.endsWith('/unauthenticated.feature'));
    for (const api of MODULES) {
      const routes = api.protectedRoutes;
      if (!routes) continue; // an API without session-needing routes (a freshly generated one)
      const mine = scenarios.filter((scenario) => scenario.uri === featureFile(api.contract.id));
      assert.equal(mine.length, routes.routes.length * (waysOf(routes) + 1), api.contract.id);
      for (const route of routes.routes) {
        const named = mine.filter((scenario) => scenario.name.startsWith(`${routeName(route)} `));
        assert.equal(named.length, waysOf(routes) + 1, `${api.contract.id} ${routeName(route)}: ${named.map((s) => s.name).join('; ')}`);
      }
      assert.deepEqual(mine.filter((scenario) => !scenario.tags.includes('SEC-06')).map((s) => s.where), []);
      // Only the clock makes a session expire: those rows are skipped against a real target.
      assert.deepEqual(mine.filter((s) => s.name.includes("past the session's lifetime") !== s.tags.includes('emulator')).map((s) => s.where), []);
    }
    const sec06 = SECURITY_BEHAVIOURS.find((behaviour) => behaviour.id === 'SEC-06')!;
    assert.deepEqual([...sec06.appliesTo].sort(), MODULES.filter((api) => api.protectedRoutes?.routes.length).map((api) => api.contract.id).sort());
  });

  it('list every route and method of each emulator\'s route table, and the emulator refuses the listed ones without credentials', () => {
    for (const api of APIS) assert.deepEqual(routeTableProblems(api, vars(api.contract.id)), [], api.contract.id);
  });

  it('name a route the list forgot, a listed route no route answers, and an open route that refuses', () => {
    const forgot = routeTableProblems(withRoutes('o2g', (routes) => ({ ...routes, routes: routes.routes.filter((route) => !route.path.endsWith('/keepalive')) })), vars('o2g'));
    assert.deepEqual(forgot, [
      'o2g: the emulator routes POST /api/rest/1.0/sessions/keepalive but support/apis/o2g/protected-routes.ts does not list it: list it as a route that needs a session (routes), the login (logins) or an open route (open)',
    ]);
    const nowhere = routeTableProblems(withRoutes('o2g', (routes) => ({ ...routes, routes: [...routes.routes, { method: 'GET', path: '/api/rest/1.0/nowhere', served: 200 }] })), vars('o2g'));
    assert.deepEqual(nowhere, ["o2g: GET /api/rest/1.0/nowhere is listed in support/apis/o2g/protected-routes.ts (routes) but no route of the emulator's table answers it (404)"]);
    const probe = declared('alm').routes[0]!;
    const open = routeTableProblems(withRoutes('alm', (routes) => ({ ...routes, routes: routes.routes.slice(1), open: [...routes.open, { ...probe, why: 'claimed open' }] })), vars('alm'));
    assert.deepEqual(open, ['alm: GET /qcbin/rest/is-authenticated is listed in support/apis/alm/protected-routes.ts as open (claimed open), but the emulator refuses it without credentials (401): list it as a route that needs a session']);
    // An API with no list at all: a route that refuses a bare call is named.
    const unlisted = routeTableProblems(withRoutes('token-login', () => undefined), vars('token-login'));
    assert.ok(unlisted.some((problem) => /^token-login: GET \/company\/info refuses a call without credentials \(200 with the code 402 in its body\) and support\/apis\/token-login\/protected-routes\.ts does not exist/.test(problem)), unlisted.join('\n'));
  });

  it('see each API\'s forgetful fault at the route it forgot (the forged-cookie one of sdm only through its feature)', () => {
    const forgetful: Array<[ApiId, string, RegExp]> = [
      ['o2g', 'logout-without-session', /^o2g: DELETE \/api\/rest\/1\.0\/sessions is listed .* as needing a session, but the emulator answers it 204 without credentials$/],
      ['address-manager', 'collection-without-auth', /^address-manager: GET \/api\/v2\/sessions is listed .* but the emulator answers it 200 without credentials$/],
      ['alm', 'site-session-get-unauthenticated', /^alm: GET \/qcbin\/rest\/site-session is listed .* but the emulator answers it 200 without credentials$/],
      ['token-login', 'company-info-without-token', /^token-login: GET \/company\/info is listed .* but the emulator answers it 200 without credentials$/],
    ];
    for (const [id, fault, said] of forgetful) {
      const problems = routeTableProblems(apiModule(id), vars(id), fault);
      assert.ok(problems.some((problem) => said.test(problem)), `${id}:${fault}: ${problems.join('\n') || 'no problem found'}`);
    }
  });

  it('fail with one sentence naming what is missing and where it should come from', () => {
    const ran = cucumber(['-p', 'quiet', 'tests/fixtures/unauthenticated/features'], { EMULATOR_FAULT: undefined, O2G_BASE_URL: undefined, TOKEN_LOGIN_BASE_URL: undefined });
    assert.deepEqual(scenarioCounts(ran.stdout), { total: 5, passed: 0, failed: 5, skipped: 0 }, explain(ran));
    for (const sentence of [
      "AssertionError \\[behaviour\\]: Expected the login to leave the cookie AlcUserId in the jar for later calls \\(support/apis/o2g/protected-routes\\.ts lists it among the session's credentials\\), but after GET http://127\\.0\\.0\\.1:\\d+/api/rest/authenticate\\?version=1\\.0 the jar holds nothing",
      'Error: No credentials are kept in this scenario: "I keep the session\'s credentials" must come after the login and before "the kept credentials are forged"',
      'Error: No credentials are kept in this scenario: "I keep the session\'s credentials" must come after the login and before "I call "GET /api/rest/1\\.0/sessions" with the kept credentials"',
      'Error: No route "GET /api/rest/1\\.0/nowhere" is listed in support/apis/o2g/protected-routes\\.ts; it lists "POST /api/rest/1\\.0//sessions", ',
      'AssertionError \\[behaviour\\]: Expected the login to leave the Token header \\("\\{\\{token\\}\\}"\\) for later calls \\(support/apis/token-login/protected-routes\\.ts lists it among the session\'s credentials\\), but after no request it is empty',
    ]) {
      assert.match(ran.stdout, new RegExp(sentence), explain(ran));
    }
  });

  it('are counted in the robustness report: every call refused, every live-session call served', () => {
    const part = runUnauthenticatedChecks();
    const routes = MODULES.reduce((total, api) => total + (api.protectedRoutes?.routes.length ?? 0), 0);
    const calls = MODULES.reduce((total, api) => total + (api.protectedRoutes ? api.protectedRoutes.routes.length * waysOf(api.protectedRoutes) : 0), 0);
    assert.deepEqual({ routes: part.routes, calls: part.calls, refused: part.refused, served: part.served, controls: part.controls, notAsDocumented: part.notAsDocumented }, { routes, calls, refused: calls, served: routes, controls: routes, notAsDocumented: [] });
    const dir = mkdtempSync(join(tmpdir(), 'robustness-'));
    try {
      const report = mergeReport({ unauthenticated: part }, join(dir, 'robustness.json'));
      assert.deepEqual(report.counts.unauthenticatedChecks, { routes, calls, refused: calls });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // And into reports/robustness.json, as the corpus and fixture tests do, so npm test leaves every count there.
    assert.deepEqual(mergeReport({ unauthenticated: part }).counts.unauthenticatedChecks, { routes, calls, refused: calls });
    // A call that was not refused is counted as such, and named.
    const counted = countOutcomes([{ api: 'sdm', name: 'POST /x without credentials is refused', passed: false }, { api: 'sdm', name: 'POST /x with the live session is served', passed: true }], 1);
    assert.deepEqual([counted.byApi.sdm, counted.notAsDocumented], [{ routes: declared('sdm').routes.length, calls: 1, refused: 0, served: 1, controls: 1 }, ['sdm: POST /x without credentials is refused']]);
  });
});
