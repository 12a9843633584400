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

/**
 * A fresh browser context on the served page, ready (the wasm mounted), recording every
 * request but blob: and data: ones; `loaded` is how many there were once the page was ready.
 * `options` are the context's (Playwright's newContext), e.g. a viewport.
 */
export async function openPage(env, options = {}) {
  const context = await env.browser.newContext({ acceptDownloads: true, ...options });
  const requests = [];
  context.on('request', (r) => /^(blob|data):/.test(r.url()) || requests.push(r.url()));
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { context, page, requests, loaded: requests.length };
}

/**
 * Fills the supervivencia query builder's form (opening it first) for the test entity's query
 * of June 2015, with `nit` as typed and, when given, the pasted `list`; builds nothing.
 */
export async function fillQuery(page, { list, nit = '860999123' } = {}) {
  await page.click('details.builder:not(.rnse-builder) > summary');
  await page.fill('#b-nit', nit);
  await page.fill('#b-entidad', '014-18');
  await page.fill('#b-fecha', '2015-06-01');
  await page.fill('#b-desde', '2015-05-01');
  await page.fill('#b-hasta', '2015-05-31');
  if (list !== undefined) await page.fill('#b-lista', list);
}
