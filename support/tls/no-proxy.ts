// NO_PROXY as curl reads it (and npm's proxy-from-env, for host:port): a comma-separated list where `*`
// alone matches every host; a name matches itself and every subdomain (a leading dot changes nothing:
// ".example.com" and "example.com" both match example.com and a.example.com); "host:port" matches that
// port only; an IP literal matches that address, a CIDR block ("10.0.0.0/8") every address in it.
// Case and a trailing dot of the host are ignored; entries are trimmed.
import { BlockList, isIP } from 'node:net';

const defaultPort = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : '80');

/** The host of a URL without IPv6 brackets or a trailing dot, in lower case. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
}

/** One NO_PROXY entry against the host and port of `url`. */
function entryMatches(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  let name = entry.toLowerCase();
  let wantedPort: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(name);
  if (bracketed) {
    name = bracketed[1]!;
    wantedPort = bracketed[2];
  } else if (isIP(name) !== 6) {
    const withPort = /^(.*):(\d+)$/.exec(name);
    if (withPort) [, name, wantedPort] = withPort as unknown as [string, string, string];
  }
  if (wantedPort !== undefined && wantedPort !== port) return false;
  const cidr = /^(.+)\/(\d{1,3})$/.exec(name);
  if (cidr && isIP(cidr[1]!) && isIP(host)) {
    const family = isIP(cidr[1]!) === 4 ? 'ipv4' : 'ipv6';
    if (isIP(host) !== isIP(cidr[1]!)) return false;
    const block = new BlockList();
    block.addSubnet(cidr[1]!, Number(cidr[2]), family);
    return block.check(host, family);
  }
  if (isIP(name) || isIP(host)) return name === host;
  name = name.replace(/^\*?\./, '').replace(/\.$/, '');
  return name !== '' && (host === name || host.endsWith(`.${name}`));
}

/** True when NO_PROXY says `url` is reached directly. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = bareHost(url);
  const port = defaultPort(url);
  return noProxy
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .some((entry) => entryMatches(entry, host, port));
}
