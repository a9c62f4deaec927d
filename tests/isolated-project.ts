// A folder of its own for a test that runs the project's commands: links to this checkout's code and
// node_modules, but its own reports/ (and no .env), so that it collides with no other run here.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const LINKED = ['node_modules', 'features', 'steps', 'support', 'scripts', 'package.json', 'cucumber.cjs', 'tsconfig.json'];

export function isolatedProject(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'login-api-bdd-'));
  for (const entry of LINKED) symlinkSync(resolve(entry), join(dir, entry));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }; // removes the links, not what they name
}
