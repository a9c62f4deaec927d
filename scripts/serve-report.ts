// `npm run report:open`: serves the Allure report on loopback (Allure 2 needs http, not file://).
// REPORT_PORT picks the port (default 45678). A request it cannot read (a malformed percent-escape, a
// path outside the report) is answered 400 or 403, never thrown: the server keeps serving.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2' };

export async function serveDirectory(directory: string, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(directory);
  const server = http.createServer((req, res) => {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://report').pathname);
    } catch {
      return void res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad request: the path is not a valid URL path (a malformed %-escape?)');
    }
    let file = normalize(join(root, path));
    // root + sep: a sibling folder (reports/allure-report-old) starts with the root's name too.
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(403).end();
    // The report may be swapped for a new build while it is served: a file gone meanwhile is a 404.
    const found = statSync(file, { throwIfNoEntry: false });
    if (found?.isDirectory()) file = join(file, 'index.html');
    if (!found || !existsSync(file)) return void res.writeHead(404).end('not found');
    createReadStream(file)
      .once('open', () => res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }))
      .once('error', () => (res.headersSent ? res.destroy() : res.writeHead(404).end('not found')))
      .pipe(res);
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${bound}/`, close: () => new Promise((done) => server.close(() => done())) };
}

if (require.main === module) {
  if (!existsSync('reports/allure-report/index.html')) {
    console.error('No report yet: run npm run acceptance first.');
    process.exit(1);
  }
  void serveDirectory('reports/allure-report', Number(process.env.REPORT_PORT ?? 45678)).then(({ url }) => {
    console.log(`Allure report at ${url} (Ctrl-C to stop)`);
  });
}
