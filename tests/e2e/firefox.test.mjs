// The main paths in a second engine: Debian's Firefox ESR, headless, driven by puppeteer-core
// over WebDriver BiDi (Firefox speaks it itself; nothing downloaded). A file checked on the
// served page, its JSON report the CLI's; the saved planos.html opened from disk (file://: the
// workers start from blobs of a page with an opaque origin); «Corregir» and the repaired file
// downloaded; a supervivencia query built. Elements are found by ids, classes and the finding
// codes, not by wording.
//
// Downloads: each test's browser context is made with downloadBehavior { policy: 'allow',
// downloadPath } (BiDi's browser.setDownloadBehavior, which Firefox ESR 153 honours for the
// page's <a download> of a blob: URL); the test waits for the file to appear there, complete
// (Firefox writes NAME.part first). Playwright's page.waitForEvent('download') has no
// counterpart here: the downloaded file's name is the suggested one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { ROOT } from './harness.mjs';
import { serve } from './server.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const NAME = 'RUA250SMCS20150601NI000860999123CO014-18.TXT';
const fixture = (dir, name = NAME) => join(ROOT, 'tests', 'fixtures', dir, name);
// Written by `cargo test` (tests/smcs_respuesta.rs, write_browser_fixtures).
const E2E = join(ROOT, 'target', 'e2e-fixtures');
const ANSWER = 'PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT';

let server;
let browser;
before(async () => {
  server = await serve(join(ROOT, 'dist'));
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, protocol: 'webDriverBiDi', headless: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * A fresh browser context (its own downloads folder) on `url`, ready: body[data-ready="true"].
 * Records every request but blob: and data: ones, and the page's errors.
 */
async function open(url, { offline = false } = {}) {
  const downloads = mkdtempSync(join(tmpdir(), 'planos-ff-'));
  const context = await browser.createBrowserContext({ downloadBehavior: { policy: 'allow', downloadPath: downloads } });
  const page = await context.newPage();
  if (offline) await page.setOfflineMode(true);
  const requests = [];
  const errors = [];
  page.on('request', (r) => /^(blob|data):/.test(r.url()) || requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const close = async () => {
    await context.close();
    rmSync(downloads, { recursive: true, force: true });
  };
  return { page, requests, errors, loaded: requests.length, downloads, close };
}

/** Chooses files in the input `selector`, as a user does. */
async function choose(page, selector, paths) {
  const input = await page.$(selector);
  await input.uploadFile(...[paths].flat());
}

/** Sets a field's value and tells the page, as typing does (dates and tabs included). */
async function fill(page, selector, value) {
  await page.$eval(selector, (el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

const texts = (page, selector) => page.$$eval(selector, (els) => els.map((e) => e.textContent));

/** Clicks, then resolves to the bytes of the one new file in `downloads` once it is complete. */
async function download(page, downloads, click) {
  const before = new Set(readdirSync(downloads));
  await click();
  for (let i = 0; i < 200; i++) {
    const names = readdirSync(downloads).filter((f) => !before.has(f));
    const done = names.filter((f) => !f.endsWith('.part'));
    if (done.length && names.length === done.length) {
      assert.equal(done.length, 1, `one download, not ${done.join(', ')}`);
      // The .part is renamed once written; give the rename a moment to be the whole file.
      await new Promise((ok) => setTimeout(ok, 100));
      return { name: done[0], bytes: readFileSync(join(downloads, done[0])) };
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.fail(`no download in ${downloads} within 20 s`);
}

function cli(args, cwd) {
  const r = spawnSync(join(ROOT, 'target', 'debug', 'planos'), args, { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

test('Firefox, served over HTTP: a defective query, its verdict and codes, and the JSON report is the CLI\'s', async () => {
  const { page, requests, errors, loaded, downloads, close } = await open(server.url);
  await choose(page, '#archivos', fixture('total-no-coincide'));
  await page.waitForSelector('.verdict', { timeout: 30000 });
  assert.match(await page.$eval('.verdict', (e) => e.textContent), /^No válido/);
  assert.deepEqual(await texts(page, '.diagnostics [role="cell"].code'), ['SMCS-CTL-TOTAL', 'SMCS-DOC-LONGITUD']);
  // The report's button is found by the format it names, whatever the rest of its wording.
  const json = await download(page, downloads, () =>
    page.$$eval('.results .downloads button', (bs) => bs.find((b) => /JSON/.test(b.textContent)).click()),
  );
  const expected = cli(['check', '--format', 'json', NAME], join(ROOT, 'tests', 'fixtures', 'total-no-coincide'));
  assert.equal(expected.status, 1);
  assert.equal(json.bytes.toString('utf8'), expected.stdout, 'Firefox downloads exactly what the CLI prints');
  // And a valid file after it, on the same page.
  await page.$$eval('.verdict', (vs) => vs.forEach((v) => { v.dataset.old = '1'; }));
  await choose(page, '#archivos', fixture('valido'));
  await page.waitForSelector('.verdict:not([data-old])', { timeout: 30000 });
  assert.match(await page.$eval('.verdict', (e) => e.textContent), /^Válido/);
  assert.deepEqual(requests.slice(loaded), [], 'no request after the page was ready');
  assert.deepEqual(errors, []);
  await close();
});

test('Firefox, planos.html opened from disk (file://) with the network cut: its workers start, and it checks files asking for nothing', async () => {
  const url = pathToFileURL(join(ROOT, 'dist', 'planos.html')).href;
  // Offline through BiDi's network emulation: an http: page then fails to load (NS_ERROR_OFFLINE).
  const { page, requests, errors, close } = await open(url, { offline: true });
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  assert.equal(await page.$$eval('a.offline', (a) => a.length), 0, 'no link to download itself');
  const files = [fixture('rnse-valido', 'REC140RNSE20200131NI000860999123.TXT'), fixture('valido')];
  // The answer (its signature verified in the worker) with its query, when cargo test wrote them.
  const pair = existsSync(join(E2E, ANSWER));
  await choose(page, '#archivos', pair ? [...files.slice(0, 1), join(E2E, ANSWER), join(E2E, NAME)] : files);
  await page.waitForFunction((n) => document.querySelectorAll('article.file .verdict').length === n, { timeout: 30000 }, pair ? 3 : 2);
  for (const verdict of await texts(page, '.verdict')) assert.match(verdict, /^Válido/);
  if (pair) assert.match(await page.$eval('.signer', (e) => e.textContent), /Firma digital intacta, de un certificado sin respaldo/);
  // A defective one too: the findings come from the worker.
  await choose(page, '#archivos', fixture('defectos-de-texto'));
  await page.waitForFunction(() => document.querySelector('.diagnostics [role="cell"].code')?.textContent === 'TEXTO-BOM', { timeout: 30000 });
  // Firefox's BiDi network events leave out file: loads, so the page's own load is not among
  // them; any request to the network would be.
  assert.deepEqual(requests.filter((u) => u !== url), [], 'nothing but the page itself');
  assert.deepEqual(errors, []);
  await close();
});

test('Firefox: «Corregir» shows the repairs, and the repaired file downloaded is exact and valid', async () => {
  const { page, errors, downloads, close } = await open(server.url);
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const file = join(dir, 'negaciones.txt');
  const detail = (n, doc, id, drug) => `2|${n}|EPS001|NI|900123456|110010123401|05001|${doc}|${id}|RC|M|1980-05-17|1|J459|||M|${drug}|1||1|101|`;
  // UTF-8, LF, a wrong consecutive and total, lower case, an accent: all safe to repair.
  writeFileSync(file, ['1|NI|860999123|EPS001|2020-01-01|2020-01-31|5|RC', detail(7, 'cc', '12345671', 'ÁCIDO VALPROICO'), detail(2, 'CC', '12345672', 'ACIDO VALPROICO'), ''].join('\n'));
  await choose(page, '#archivos', file);
  await page.waitForSelector('.verdict', { timeout: 30000 });
  await page.click('button.propose');
  await page.waitForSelector('.repair-outcome', { timeout: 30000 });
  assert.equal((await texts(page, '.fixes li')).length, 7);
  assert.ok(await page.$eval('.after', (e) => e.classList.contains('ok')), 'the repaired file is valid');
  const repaired = await download(page, downloads, () => page.click('button.save-repaired'));
  const name = 'REC140RNSE20200131NI000860999123.TXT';
  assert.equal(repaired.name, name);
  const want = ['1|NI|860999123|EPS001|2020-01-01|2020-01-31|2|RC', detail(1, 'CC', '12345671', 'ACIDO VALPROICO'), detail(2, 'CC', '12345672', 'ACIDO VALPROICO'), ''].join('\r\n');
  assert.equal(repaired.bytes.toString('latin1'), want);
  writeFileSync(join(dir, name), repaired.bytes);
  const check = cli(['check', name], dir);
  assert.equal(check.status, 0, check.stdout);
  assert.deepEqual(errors, []);
  rmSync(dir, { recursive: true });
  await close();
});

test('Firefox: a supervivencia query built from a pasted list, the rows to fix told, the file exact', async () => {
  const { page, requests, loaded, errors, downloads, close } = await open(server.url);
  await page.click('details.builder:not(.rnse-builder) > summary');
  await fill(page, '#b-nit', '860.999.123');
  await fill(page, '#b-entidad', '014-18');
  await fill(page, '#b-fecha', '2015-06-01');
  await fill(page, '#b-desde', '2015-05-01');
  await fill(page, '#b-hasta', '2015-05-31');
  await fill(page, '#b-lista', 'Tipo\tNúmero\nCC\t12.345.678\nTI\t12\nti\t1002003004\nCC\t12345678\n');
  await page.click('#b-construir');
  await page.waitForSelector('.build-problems li', { timeout: 30000 });
  const problems = await texts(page, '.build-problems li');
  assert.equal(problems.length, 2, problems.join('\n'));
  assert.match(problems[0], /^Fila 3 /);
  assert.match(problems[1], /^Fila 5/);
  await page.click('#b-omitir');
  await page.click('#b-duplicados');
  await page.click('#b-construir');
  await page.waitForSelector('.built', { timeout: 30000 });
  const built = await download(page, downloads, () => page.click('#b-descargar'));
  assert.equal(built.name, NAME);
  assert.equal(built.bytes.toString('latin1'), `1,014-18,2015-05-01,2015-05-31,2,${NAME}\r\n2,CC,12345678\r\n2,TI,1002003004\r\n`);
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  writeFileSync(join(dir, NAME), built.bytes);
  const check = cli(['check', NAME], dir);
  assert.equal(check.status, 0, check.stdout);
  rmSync(dir, { recursive: true });
  assert.deepEqual(requests.slice(loaded), [], 'building asks the network for nothing');
  assert.deepEqual(errors, []);
  await close();
});
