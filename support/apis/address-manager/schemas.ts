// Bodies of the BlueCat Address Manager v2 session resource (seed 001): the HAL UserSession field for
// field as the seed's example shows it (date-times to the second with Z, nulls, links that name their
// own ids), its logged-out form (BAM-08), and the error body {status, reason, code, message} (BAM-07).
import { z } from 'zod';
import type { NamedSchema } from '../types';

const dateTime = z.iso.datetime({ precision: 0, error: 'must be an ISO-8601 date-time to the second, in UTC with Z (2023-01-20T21:40:48Z)' });
const link = (pattern: RegExp) => z.strictObject({ href: z.string().regex(pattern, { error: `must be a link like ${pattern.source}` }) });
const id = z.int().positive();

function session<S extends z.ZodType, L extends z.ZodType>(state: S, logoutDateTime: L) {
  return z
    .strictObject({
      id,
      type: z.literal('UserSession'),
      apiToken: z.string().regex(/^\S+$/, { error: 'must be a non-empty token without spaces' }),
      apiTokenExpirationDateTime: dateTime,
      basicAuthenticationCredentials: z.base64({ error: 'must be base64 text' }),
      state,
      remoteAddress: z.union([z.ipv4(), z.ipv6()], { error: 'must be an IP address' }),
      readOnly: z.boolean(),
      loginDateTime: dateTime,
      logoutDateTime,
      response: z.null(),
      user: z.strictObject({ id, type: z.literal('User'), name: z.string().min(1), _links: z.strictObject({ self: link(/^\/api\/v2\/users\/\d+$/) }) }),
      authenticator: z.strictObject({ id, type: z.string().min(1), name: z.string().min(1), _links: z.strictObject({ self: link(/^\/api\/v2\/authenticators\/\d+$/) }) }),
      _links: z.strictObject({ self: link(/^\/api\/v2\/sessions\/\d+$/), collection: link(/^\/api\/v2\/sessions$/) }),
    })
    .superRefine((body, ctx) => {
      const decoded = Buffer.from(body.basicAuthenticationCredentials, 'base64').toString('utf8');
      if (decoded.slice(decoded.indexOf(':') + 1) !== body.apiToken || !decoded.includes(':')) {
        ctx.addIssue({ code: 'custom', path: ['basicAuthenticationCredentials'], message: 'must decode to <name>:<apiToken>' });
      }
      const links: Array<[string[], string, string]> = [
        [['_links', 'self', 'href'], body._links.self.href, `/api/v2/sessions/${body.id}`],
        [['user', '_links', 'self', 'href'], body.user._links.self.href, `/api/v2/users/${body.user.id}`],
        [['authenticator', '_links', 'self', 'href'], body.authenticator._links.self.href, `/api/v2/authenticators/${body.authenticator.id}`],
      ];
      for (const [path, actual, expected] of links) {
        if (actual !== expected) ctx.addIssue({ code: 'custom', path, message: `must be ${expected}, the link of its own id` });
      }
    });
}

export const addressManagerSession = session(z.literal('LOGGED_IN'), z.null());
export const addressManagerLoggedOutSession = session(z.literal('LOGGED_OUT'), dateTime);

export const addressManagerError = z.strictObject({
  status: z.int().min(400).max(599),
  reason: z.string().min(1),
  code: z.string().regex(/^[A-Z][A-Za-z]+$/, { error: 'must be a code word such as InvalidAuthorizationCredentials' }),
  message: z.string().min(1),
});

export const ADDRESS_MANAGER_SCHEMAS: NamedSchema[] = [
  { name: 'address-manager session', format: 'json', schema: addressManagerSession },
  { name: 'address-manager logged-out session', format: 'json', schema: addressManagerLoggedOutSession },
  { name: 'address-manager error', format: 'json', schema: addressManagerError },
];
