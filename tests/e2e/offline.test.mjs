// Offline and private, proved in headless Chromium: the one-file planos.html opened from disk
// with the network cut; the served page installed by its service worker and reloaded offline;
// every request the page ever makes recorded, none after load and none to another origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, served } from './harness.mjs';

const RNSE = join(ROOT, 'tests', 'fixtures', 'rnse-valido', 'REC140RNSE20200131NI000860999123.TXT');
const QUERY = 'RUA250SMCS20150601NI000860999123CO014-18.TXT';
const ANSWER = 'PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT';
// Written by `cargo test` (tests/smcs_respuesta.rs, write_browser_fixtures).
const E2E = join(ROOT, 'target', 'e2e-fixtures');

const env = served();

/** Every request of a browser context, the service worker's included. `blob:` and `data:`
 * URLs are not requests to anyone: they read memory the page already holds (the worker's
 * script is a blob of the page's own script). */
function record(context) {
  const requests = [];
  context.on('request', (r) => /^(blob|data):/.test(r.url()) || requests.push(r.url()));
  return requests;
}

const ready = (page) => page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });

test('planos.html opened from disk with the network cut checks a file, and asks for nothing', async () => {
  const context = await env.browser.newContext();
  await context.setOffline(true);
  const requests = record(context);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const file = pathToFileURL(join(ROOT, 'dist', 'planos.html')).href;
  await page.goto(file);
  await ready(page);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'none'/);
  assert.match(csp, /script-src 'sha256-[^']+' 'wasm-unsafe-eval';/, 'its one script, by hash');
  assert.match(csp, /style-src 'sha256-[^']+';/, 'its one style sheet, by hash');
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  // No link to download itself: it is the offline copy.
  assert.equal(await page.locator('a.offline').count(), 0);
  await page.setInputFiles('#archivos', [RNSE, join(E2E, ANSWER), join(E2E, QUERY)]);
  await page.locator('article.file').nth(2).waitFor({ timeout: 30000 });
  // The answer's throwaway signer is trusted by no certification authority: a warning.
  assert.deepEqual(await page.locator('.verdict').allTextContents(), ['Válido', 'Válido, con 1 advertencia', 'Válido']);
  assert.deepEqual(requests, [file], 'only the page itself');
  assert.deepEqual(errors, []);
  await context.close();
});

test('served over HTTP, the page installs (manifest, service worker) and reloads and works with the network cut', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.server.url);
  await ready(page);
  const manifestHref = await page.getAttribute('link[rel="manifest"]', 'href');
  const manifest = JSON.parse(readFileSync(join(ROOT, 'dist', manifestHref), 'utf8'));
  assert.equal(manifest.short_name, 'planos');
  assert.equal(manifest.display, 'standalone');
  assert.deepEqual(manifest.icons.map((i) => i.sizes), ['192x192', '512x512']);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker serves the page');
  await page.setInputFiles('#archivos', RNSE);
  await page.waitForSelector('.verdict', { timeout: 30000 });
  assert.equal(await page.textContent('.verdict'), 'Válido');
  await context.close();
});

test('the page links to its one-file copy, which is dist/planos.html', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await ready(page);
  const link = page.locator('a.offline');
  assert.equal(await link.textContent(), 'Descargar planos para usar sin conexión');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'planos.html');
  assert.ok(readFileSync(await download.path()).equals(readFileSync(join(ROOT, 'dist', 'planos.html'))));
  await context.close();
});

test('every request, from load to the end of checking, opening an archive and downloading: none after load, none elsewhere', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const requests = record(context);
  const page = await context.newPage();
  await page.goto(env.server.url);
  await ready(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const loaded = requests.length;
  const origin = new URL(env.server.url).origin;
  // The privacy promise is where a user sees it before choosing a file, with how to check it.
  assert.match(await page.textContent('#privacidad'), /no salen de este computador/);
  await page.click('a.how');
  assert.match(await page.textContent('#como-comprobar'), /pestaña «Red»/);
  await page.setInputFiles('#archivos', [join(E2E, ANSWER), join(E2E, QUERY), RNSE]);
  await page.locator('article.file').nth(2).waitFor({ timeout: 30000 });
  const first = page.locator('article.file').first();
  assert.match(await first.locator('.signer').textContent(), /Firma digital intacta, de un certificado sin respaldo/);
  for (const name of ['Descargar el informe (JSON, para sistemas)', 'Descargar la lista de hallazgos (Excel/CSV)', 'Descargar personas (CSV)', 'Descargar personas (Excel)']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`text=${name}`)]);
    assert.ok((await download.path()) !== null, name);
  }
  assert.deepEqual(requests.slice(loaded), [], 'no request after load');
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== origin), [], 'no other origin, ever');
  // Nothing personal is stored; "Borrar todo" forgets the results and starts a new worker.
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0);
  await page.evaluate(() => localStorage.setItem('planos-prueba', '1'));
  await page.click('button.clear');
  await page.click('button.clear-yes'); // «¿Borrar todo?» asks first
  await ready(page);
  assert.equal(await page.locator('article.file').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  await page.setInputFiles('#archivos', RNSE);
  await page.waitForSelector('.verdict', { timeout: 30000 });
  assert.deepEqual(requests.slice(loaded), [], 'still none');
  await context.close();
});
