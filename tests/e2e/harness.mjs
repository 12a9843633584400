// What every browser test file shares: the repository's root, and dist/ served on 127.0.0.1
// with Debian's Chromium, started before the file's tests and stopped after them.
import { before, after } from 'node:test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Registers the file's setup; the returned object's `server` and `browser` are set before its tests run. */
export function served() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve(join(ROOT, 'dist'));
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
