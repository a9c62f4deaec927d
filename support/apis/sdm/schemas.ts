// Bodies of the Oracle SDM REST login (seed 004): the <session> answer in XML (as parseXml reads it: element
// text stays a string, so numbers are typed by pattern) and the same six fields as root-less JSON; and the
// deviceGroups inventory that serves as the session probe (its content is not pinned, only its root).
import { z } from 'zod';
import type { NamedSchema } from '../types';

const sessionId = z.string().regex(/^[0-9A-F]{32}(\.[\w-]+)?$/, { error: 'must be 32 upper-case hex digits, optionally followed by a route like .tomcat1' });
const text = z.string().min(1);
const xmlInteger = z.string().regex(/^\d+$/, { error: 'must be a non-negative integer' }).transform(Number).pipe(z.int().min(0));

export const sdmSessionJson = z.strictObject({
  idleTimeout: z.int().min(0),
  serverInfo: text,
  sessionId,
  userGroup: text,
  userName: text,
  validUntil: text,
});

export const sdmSessionXml = z.strictObject({
  session: z.strictObject({
    idleTimeout: xmlInteger,
    serverInfo: text,
    sessionId,
    userGroup: text,
    userName: text,
    validUntil: text,
  }),
});

export const sdmDeviceGroupsXml = z.strictObject({
  deviceGroups: z.union([z.literal(''), z.record(z.string(), z.unknown())]),
});

export const sdmDeviceGroupsJson = z.record(z.string(), z.unknown());

export const SDM_SCHEMAS: NamedSchema[] = [
  { name: 'sdm session xml', format: 'xml', schema: sdmSessionXml },
  { name: 'sdm session json', format: 'json', schema: sdmSessionJson },
  { name: 'sdm device groups xml', format: 'xml', schema: sdmDeviceGroupsXml },
  { name: 'sdm device groups json', format: 'json', schema: sdmDeviceGroupsJson },
];
