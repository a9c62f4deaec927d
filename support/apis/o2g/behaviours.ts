// The behaviours of the ALE OmniPCX Enterprise O2G login that features/o2g/ is tagged with (O2G-nn).
// Documented ones rest on ALE's O2G_TUTO "Basics" tutorial, a Postman walkthrough; the rest are read from
// ALE's O2G SDKs and samples, and say so. docs/behaviours.md is generated from this list.
import type { Behaviour } from '../types';

const TUTORIAL = 'ALE OmniPCX Enterprise O2G — O2G_TUTO "Basics" tutorial (ALE-OPENNESS)';
const NODE_SDK = 'ALE O2G Node.js SDK (ALE-OPENNESS/o2g-node-sdk)';
const JAVA_SDK = 'ALE O2G Java SDK (ALE-OPENNESS/Java-SDK)';

export const BEHAVIOURS: Behaviour[] = [
  {
    id: 'O2G-01',
    statement: 'GET /api/rest/authenticate?version=1.0 with "Authorization: Basic base64(login:password)" answers 200 OK and sets a cookie named AlcUserId.',
    documented: true,
    source: { document: TUTORIAL, section: 'Authentification', quote: 'Now, you have your Cookie which will serve you to authenticate you during the next queries.' },
    note: 'The same section gives the GET URL, "Basic Auth" and "Status: 200 OK"; the cookie\'s name AlcUserId comes from its sentence on sending the cookie by hand (O2G-03).',
  },
  {
    id: 'O2G-02',
    statement: 'The client\'s cookie jar keeps AlcUserId, and the next request carries it without a manual header.',
    documented: true,
    source: { document: TUTORIAL, section: 'Authentification', quote: 'It is automatically saved in the "Cookie" tab.' },
  },
  {
    id: 'O2G-03',
    statement: 'Sending "Cookie: AlcUserId=<value>" by hand, from a fresh client, works the same as the kept cookie.',
    documented: true,
    source: { document: TUTORIAL, section: 'Authentification', quote: 'to do that by hand you have to fill the KEY in the Headers by "Cookie" with the VALUE "AlcUserId=yourCookieValue".' },
  },
  {
    id: 'O2G-04',
    statement: 'POST /api/rest/1.0//sessions (the tutorial\'s own double slash) with Content-Type application/json and a JSON body naming the application, authenticated by the AlcUserId cookie, answers 200 OK.',
    documented: true,
    source: { document: TUTORIAL, section: 'Create a session', quote: 'you can open your session by using the POST request with the following URL https://o2g-shared-sandbox.ale-aapp.com/api/rest/1.0//sessions' },
    note:
      'Inferred: the body\'s field name applicationName comes from the vendor\'s SDKs (the tutorial says "replace the userName with your own application name" and shows the body only as a picture), ' +
      'and the single-slash spelling /api/rest/1.0/sessions works too. @documented scenarios use 1.0//sessions.',
  },
  {
    id: 'O2G-05',
    statement: 'The authenticate answer is JSON {credential, publicUrl, internalUrl}; the AlcUserId cookie\'s value equals credential, and both URLs point at .../api/rest/1.0/sessions.',
    documented: false,
    source: { document: NODE_SDK, section: 'O2GAuthenticateResult (the authenticate response type)', quote: 'Paraphrase: authenticate answers credential, publicUrl and internalUrl; the Python and PHP samples send AlcUserId=<credential> by hand.' },
    note: 'The tutorial shows this body only in a screenshot; the shape is the SDKs\', and the cookie value is read from the samples that rebuild the cookie from credential.',
  },
  {
    id: 'O2G-06',
    statement: 'GET /api/rest, without authentication, answers 200 {serverInfo{...}, versions[{id "1.0", status "CURRENT", publicUrl, internalUrl}]}: the discovery of the authenticate URL.',
    documented: false,
    source: { document: NODE_SDK, section: 'Service factory bootstrap; RoxeRestApiDescriptor', quote: 'Paraphrase: the SDK first calls GET /api/rest with no credentials and takes the version whose status is "CURRENT".' },
  },
  {
    id: 'O2G-07',
    statement: 'The session answer (SessionInfo) has admin (boolean), timeToLive (integer seconds), publicBaseUrl, privateBaseUrl, services [{serviceName, serviceVersion, relativeUrl}] and its dates.',
    documented: false,
    source: { document: `${NODE_SDK} and ${JAVA_SDK}`, section: 'SessionInfo; KeepAlive', quote: 'Paraphrase: SessionInfo holds admin, timeToLive, publicBaseUrl, privateBaseUrl and services; the Java SDK sends keepalives every timeToLive seconds.' },
  },
  {
    id: 'O2G-08',
    statement: 'A wrong password, an unknown user, or a missing or broken Basic header is refused with 401 and no cookie; a sessions call without a valid AlcUserId cookie is refused with 401; error bodies are {httpStatus, code, helpMessage, type, innerMessage, canRetry}.',
    documented: false,
    source: { document: JAVA_SDK, section: 'AuthenticationRest; RestErrorInfo', quote: 'Paraphrase: any non-2xx authenticate answer throws O2GAuthenticationException; RestErrorInfo carries httpStatus, code, helpMessage, type, innerMessage and canRetry.' },
    note: 'The SDKs only treat any non-2xx as a refusal: the exact status 401 is our reading.',
  },
  {
    id: 'O2G-09',
    statement: 'The probe GET /api/rest/1.0/sessions answers 200 with the session; POST .../sessions/keepalive answers 2xx; DELETE /api/rest/1.0/sessions answers 204, after which the probe answers 401; a session idle past timeToLive answers 401.',
    documented: false,
    source: { document: `${JAVA_SDK} and the O2G_TUTO "query" tutorial`, section: 'SessionsRest (get, keepAlive); deleting the session', quote: 'Paraphrase: the SDK reads the session with GET .../sessions and keeps it alive with POST .../sessions/keepalive; DELETE .../sessions answers 204 No Content.' },
    note: 'The 401 after logout or after timeToLive seconds of idleness is inferred.',
  },
];
