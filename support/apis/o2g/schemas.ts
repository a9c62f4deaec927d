// Bodies of the O2G REST login (seed 000 and the vendor SDKs' types): discovery, the authenticate answer,
// the SessionInfo of POST/GET /sessions and the common error body. Strict objects: an extra field is a
// difference from what the SDKs read; the optional fields are the ones the SDKs mark optional.
import { z } from 'zod';
import type { NamedSchema } from '../types';

const jwt = z.string().regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, { error: 'must be a compact JWT (three base64url parts)' });
const date = z.iso.datetime({ offset: true });

export const o2gDiscovery = z.strictObject({
  serverInfo: z.strictObject({
    productName: z.string(),
    productType: z.string(),
    productVersion: z.strictObject({ major: z.string(), minor: z.string() }),
    haMode: z.boolean(),
  }),
  versions: z
    .array(z.strictObject({ id: z.string(), status: z.string(), publicUrl: z.url(), internalUrl: z.url() }))
    .refine((versions) => versions.some((v) => v.status === 'CURRENT'), { error: 'must list one version with status "CURRENT"' }),
});

export const o2gAuthenticate = z.strictObject({
  credential: jwt,
  publicUrl: z.url(),
  internalUrl: z.url(),
});

/** One entry of SessionInfo.services, named so a feature can check every item ("o2g service"). */
export const o2gService = z.strictObject({ serviceName: z.string().min(1), serviceVersion: z.string(), relativeUrl: z.string() });

export const o2gSession = z.strictObject({
  admin: z.boolean(),
  login: z.string().min(1),
  timeToLive: z.int().positive(),
  publicBaseUrl: z.url(),
  privateBaseUrl: z.url(),
  services: z.array(o2gService),
  creationDate: date,
  expirationDate: date,
  otherSessions: z.array(z.strictObject({ sessionId: z.string().min(1), creationDate: date, timeToLive: z.int().positive() })).optional(),
});

export const o2gError = z.strictObject({
  httpStatus: z.string().min(1),
  code: z.int().min(400).max(599),
  helpMessage: z.string(),
  type: z.string(),
  innerMessage: z.string(),
  canRetry: z.boolean(),
  routing: z.unknown().optional(),
  telephony: z.unknown().optional(),
  userPreferences: z.unknown().optional(),
});

export const O2G_SCHEMAS: NamedSchema[] = [
  { name: 'o2g discovery', format: 'json', schema: o2gDiscovery },
  { name: 'o2g authenticate', format: 'json', schema: o2gAuthenticate },
  { name: 'o2g session', format: 'json', schema: o2gSession },
  { name: 'o2g service', format: 'json', schema: o2gService },
  { name: 'o2g error', format: 'json', schema: o2gError },
];
