// "Borrar todo" forgets everything it promises, in headless Chromium: after a check with a
// repair, a built query and a built denied-services report, one click leaves no result, no
// builder outcome, no list file, nothing typed, nothing stored, and a new worker that holds
// nothing (the old one and its helper reader ended). No request after load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fillQuery, openPage, served } from './harness.mjs';

const env = served();

test('"Borrar todo" forgets the builders\' outcomes, the results and every state, in the page and in the worker', async () => {
  const { context, page, requests, loaded } = await openPage(env);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));

  // A checked file with findings, and its repair proposed.
  const checked = join(dir, 'negaciones.txt');
  const detail = (n, doc) => `2|${n}|EPS001|NI|900123456|110010123401|05001|cc|${doc}|RC|M|1980-05-17|1|J459|||M|ÁCIDO VALPROICO|1||1|101|`;
  writeFileSync(checked, ['1|NI|860999123|EPS001|2020-01-01|2020-01-31|5|RC', detail(7, '12345671'), ''].join('\n'));
  await page.setInputFiles('#archivos', checked);
  await page.waitForSelector('.verdict', { timeout: 20000 });
  assert.match(await page.textContent('.verdict'), /^No válido/);
  await page.click('button.propose');
  await page.waitForSelector('.repair-outcome', { timeout: 20000 });

  // A supervivencia query built from a pasted list.
  await fillQuery(page, { list: 'CC\t12345678\n' });
  await page.click('#b-construir');
  await page.waitForSelector('.build-outcome .built', { timeout: 20000 });

  // A denied-services report built from a list file, a column chosen (and so remembered).
  const list = join(dir, 'negaciones.csv');
  const titles = 'Causa;Género;Tipo doc usuario;Documento usuario;Régimen;Fecha nacimiento;Ámbito;Diagnóstico principal;Tipo servicio;Código servicio;Tipo medicamento;Tipo prestación;Tipo id prestador;NIT prestador;Código habilitación;Municipio';
  const row = (doc) => `101;m;cc;${doc};RC;17/05/1980;1;J459;M;Ácido valproico;1;1;NI;900.123.456;110010123401;5001`;
  writeFileSync(list, [titles, row('12345678'), row('11223344'), ''].join('\r\n'), 'latin1');
  await page.click('.rnse-builder summary');
  await page.fill('#r-nit', '860999123');
  await page.fill('#r-eps', 'EPS001');
  await page.fill('#r-desde', '2020-01-01');
  await page.fill('#r-hasta', '2020-01-31');
  await page.setInputFiles('#r-archivo', list);
  await page.waitForSelector('.rnse-builder .loaded', { timeout: 20000 });
  await page.selectOption('#r-campo-10', '1');
  await page.click('#r-construir');
  await page.waitForSelector('.rnse-outcome .built', { timeout: 20000 });
  assert.equal(await page.textContent('.rnse-outcome .built'), 'Listo: REC140RNSE20200131NI000860999123.TXT con 2 servicios negados.');
  assert.ok(await page.evaluate(() => localStorage.length) > 0, 'the chosen column is remembered');

  // "Borrar todo": the worker and its helper end, and a new one gets ready.
  const workers = page.workers();
  assert.equal(workers.length, 2, 'the worker and its helper reader');
  const ended = Promise.all(workers.map((w) => new Promise((done) => w.once('close', done))));
  await page.evaluate(() => {
    window.restarted = false;
    new MutationObserver(() => {
      if (document.body.dataset.ready === 'false') window.notReady = true;
      if (window.notReady && document.body.dataset.ready === 'true') window.restarted = true;
    }).observe(document.body, { attributes: true, attributeFilter: ['data-ready'] });
  });
  await page.click('button.clear');
  await page.click('button.clear-yes'); // «¿Borrar todo?» asks first
  await ended;
  await page.waitForFunction(() => window.restarted, null, { timeout: 30000 });

  // Nothing of it is on the page: results, repair, both builders' outcomes and list, forms.
  for (const gone of ['article.file', '.verdict', '.repair-outcome', '.build-outcome', '.rnse-outcome', '.loaded', '#b-descargar', '#r-descargar', '.failed']) {
    assert.equal(await page.locator(gone).count(), 0, `${gone} is gone`);
  }
  assert.equal(await page.locator('[aria-labelledby="pestana-colombia"] > .hint').count(), 1, 'the page is back to its start');
  await page.click('.builder summary');
  await page.click('.rnse-builder summary');
  for (const input of ['#b-nit', '#b-lista', '#r-nit', '#r-eps', '#r-desde']) {
    assert.equal(await page.inputValue(input), '', `${input} is empty`);
  }
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'nothing stored');
  // Nor in the worker: asked to build the report again, it has no list file.
  await page.fill('#r-nit', '860999123');
  await page.fill('#r-eps', 'EPS001');
  await page.fill('#r-desde', '2020-01-01');
  await page.fill('#r-hasta', '2020-01-31');
  await page.click('#r-construir');
  await page.waitForSelector('.rnse-outcome', { timeout: 20000 });
  assert.equal(await page.textContent('.rnse-outcome .build-problems'), 'Elija primero el archivo con la lista de servicios negados.');
  assert.equal(await page.locator('#r-descargar').count(), 0);

  assert.deepEqual(requests.slice(loaded), [], 'no request after load');
  assert.deepEqual(errors, []);
  rmSync(dir, { recursive: true });
  await context.close();
});
