// `npm run report:open`: serves the Allure report on loopback (Allure 2 needs http, not file://).
// REPORT_PORT picks the port (default 45678).
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2' };

export async function serveDirectory(directory: string, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(directory);
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://report').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
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
