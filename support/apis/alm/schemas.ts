// Bodies around the OpenText ALM API-key login (seed 002 itself answers an empty body): the
// is-authenticated probe and QCRestException errors, each in XML and, with Accept: application/json, JSON.
// Strict objects: an extra or renamed element is a difference from the vendor's documents.
import { z } from 'zod';
import type { NamedSchema } from '../types';

const exceptionId = z.string().regex(/^qccore\.[a-z]+(?:-[a-z]+)*$/, { error: 'must be an exception id like qccore.session-has-expired' });
const username = z.string().min(1);

export const almAuthenticationInfoXml = z.strictObject({
  AuthenticationInfo: z.strictObject({ Username: username }),
});

export const almAuthenticationInfoJson = z.strictObject({
  AuthenticationInfo: z.strictObject({ Username: username }),
});

export const almExceptionXml = z.strictObject({
  QCRestException: z.strictObject({
    Id: exceptionId,
    Title: z.string().min(1),
    StackTrace: z.string().optional(),
    ExceptionProperties: z.unknown().optional(),
  }),
});

export const almExceptionJson = z.strictObject({
  Id: exceptionId,
  Title: z.string().min(1),
  StackTrace: z.string().optional(),
  ExceptionProperties: z.unknown().optional(),
});

export const ALM_SCHEMAS: NamedSchema[] = [
  { name: 'alm is-authenticated', format: 'xml', schema: almAuthenticationInfoXml },
  { name: 'alm is-authenticated JSON', format: 'json', schema: almAuthenticationInfoJson },
  { name: 'alm exception', format: 'xml', schema: almExceptionXml },
  { name: 'alm exception JSON', format: 'json', schema: almExceptionJson },
];
