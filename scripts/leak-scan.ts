// `npm run leak-scan [dir]`: no secret in a run's artifacts (default reports/). Looks for every credential
// the configuration supplies (support/config.ts: secrets at any length, identities from the redactor's
// minimum length), in each written form and in any mix of URL, form, HTML, JSON and Latin-1 encodings,
// and for every recognisable token (support/leak-scan.ts). Exit 1 naming each file, line and form found
// (never the value); exit 0 with the count of files scanned; exit 2 when it cannot scan.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT, ConfigError, loadConfig, type ApiId, type Config } from '../support/config';
import { filesBelow, scanFolder, type SoughtSecret } from '../support/leak-scan';
import { echoes, echoForm, writtenForms } from '../support/redact';

/** Identities shorter than this are not sought, as the redactor does not mask them: "admin" would match every "/admin/login". */
const MIN_IDENTITY = 6;

/** The configured credentials, each named by its variable. */
export function configuredSecrets(config: Config): SoughtSecret[] {
  const sought: SoughtSecret[] = [];
  for (const api of Object.values(CONTRACT)) {
    for (const [short, spec] of Object.entries(api.variables)) {
      const name = `${api.prefix}${short}`;
      const value = config.targets[api.id as ApiId].vars[name];
      if (!spec.credential || value === undefined) continue;
      const given = spec.identity ? config.identities.includes(value) && value.length >= MIN_IDENTITY : config.secrets.includes(value);
      if (given) sought.push(secretFinder(name, value));
    }
    // The client key's passphrase and the proxy's password (support/tls/settings.ts).
    const transport = config.targets[api.id as ApiId].transport;
    if (transport?.clientCertificate?.passphrase) sought.push(secretFinder(`${api.prefix}CLIENT_PASSPHRASE`, transport.clientCertificate.passphrase));
    if (transport?.proxy?.password) sought.push(secretFinder(`the password of ${transport.proxy.from}`, transport.proxy.password));
  }
  return sought;
}

/** Finds `value` whole in any of its written forms, or character by character in any mix of encodings; a short one only as a whole token. */
export function secretFinder(name: string, value: string): SoughtSecret {
  const forms = [...writtenForms(value)].sort(([a], [b]) => b.length - a.length);
  const whole = value.length < MIN_IDENTITY;
  const echo = new RegExp(whole ? `(?<![\\p{L}\\p{N}])(?:${echoes(value)})(?![\\p{L}\\p{N}])` : echoes(value), 'u');
  return {
    name,
    find(text) {
      if (!whole) {
        const form = forms.find(([written]) => text.includes(written));
        if (form) return form[1];
      }
      const found = echo.exec(text);
      return found ? echoForm(found[0], value) : undefined;
    },
  };
}

function main(): number {
  const dir = process.argv[2] ?? 'reports';
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    console.error(`Leak scan: ${dir} is not a folder; expected a run's artifacts, such as reports/ after npm run acceptance.`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 2;
  }
  const secrets = configuredSecrets(config);
  const features = existsSync('features') ? filesBelow('features').filter((file) => file.endsWith('.feature')) : [];
  const { leaks, scanned } = scanFolder(dir, { secrets, published: features.map((file) => readFileSync(file, 'utf8')) });
  const sought = `${secrets.length} configured credential${secrets.length === 1 ? '' : 's'}, JWTs and values named like secrets`;
  if (leaks.length === 0) {
    console.log(`Leak scan: ${scanned} files under ${join(dir)} scanned, nothing found (${sought}).`);
    return 0;
  }
  const files = new Set(leaks.map((leak) => leak.where.replace(/:\d+$/, '')));
  console.error(`Leak scan: ${leaks.length} finding${leaks.length === 1 ? '' : 's'} in ${files.size} of ${scanned} files under ${join(dir)} (${sought}):`);
  for (const leak of leaks) console.error(`  ${leak.where}: ${leak.what}`);
  return 1;
}

if (require.main === module) process.exit(main());
