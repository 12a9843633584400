// The InSSSeP dental budget on the page: build it by clicking teeth and faces, see the refusal
// for a missing face, fix it, print to PDF with the practices on it; import a nomenclador; and
// "Borrar todo" forgets it all. No request after load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPage, served } from './harness.mjs';

const env = served();

async function openTab() {
  const opened = await openPage(env);
  await opened.page.click('#pestana-insssep');
  return opened;
}

async function load(page, code, teeth, faces) {
  await page.selectOption('#d-practica', code);
  for (const t of teeth) await page.click(`#d-diente-${t}`);
  for (const f of faces) await page.click(`#d-cara-${f}`);
  await page.click('#d-cargar');
}

const texts = (page, sel) => page.locator(sel).allTextContents();

test('a budget built by clicking teeth and faces, refused without a face, printed to PDF', async () => {
  const { context, page, requests, loaded } = await openTab();
  await page.fill('#d-prestador', 'ODONTOLOGO DE PRUEBA');
  await page.fill('#d-colegio', 'COLEGIO DE ODONTOLOGOS');
  await page.fill('#d-facturacion', '333');
  await page.fill('#d-credencial', '354495');
  await page.fill('#d-afiliado', 'AFILIADO DE PRUEBA DE SISTEMAS');
  await page.fill('#d-edad', '58');
  // The diagnosis, found by words of its Spanish description.
  await page.fill('#d-diag-buscar', 'caries dental');
  await page.click('.d-diag-results button[data-code="K029"]');
  assert.equal((await page.textContent('#d-diag-elegido')).trim(), 'DefinitivoK029Caries dental, no especificada');

  // A composite on 17 without a face: refused with the document's reading of the message.
  await load(page, '20800', [17], []);
  assert.deepEqual(await texts(page, '#d-mensaje .d-refused li'), [
    'Falta la cara: la práctica 20800 (COMPOSITE) requiere seleccionar una o más caras. No se incorporó a la lista; el presupuesto no podrá autorizarse hasta que proporcione el dato faltante.',
  ]);
  assert.equal(await page.locator('#d-lista').count(), 0, 'nothing added');
  assert.equal(await page.getAttribute('#d-diente-17', 'aria-pressed'), 'true', 'the selection stays to be fixed');
  // Fixed: faces O and M.
  await page.click('#d-cara-O');
  await page.click('#d-cara-M');
  await page.click('#d-cargar');
  assert.equal(await page.textContent('#d-mensaje .d-done'), 'Se cargó: 20800 COMPOSITE - Diente:17 Cara:OM.');
  await load(page, '100100', [18], []);
  await load(page, '20900', [15, 14], ['O', 'D']);
  // A deciduous tooth on a 58-year-old: added, with a warning.
  await load(page, '70604', [55], ['O']);
  assert.match((await texts(page, '#d-mensaje .d-warned li'))[0], /^Atención: Diente 55: es temporario y el afiliado tiene 58 años/);
  // The same tooth and face twice for the same practice: refused.
  await load(page, '20800', [17], ['O']);
  assert.match((await texts(page, '#d-mensaje .d-refused li'))[0], /^La práctica 20800 ya está cargada en el diente 17, cara O/);
  const rows = await page.locator('#d-lista tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 4).map((c) => c.textContent)));
  assert.deepEqual(rows, [
    ['20800', 'COMPOSITE', '17', 'OM'],
    ['100100', 'EXTRACCIÓN DENTARIA SIMPLE DE DIENTES UNI O MULTIRAD.Y/O RESTOS RADIC.', '18', ''],
    ['20900', 'OBTURACIÓN CON RESINAS COMPOSITE CAVIDAD COMPUESTA', '15', 'OD'],
    ['20900', 'OBTURACIÓN CON RESINAS COMPOSITE CAVIDAD COMPUESTA', '14', 'OD'],
    ['70604', 'FRACTURA AMELOD', '55', 'O'],
  ]);
  assert.equal(await page.locator('#d-diente-17.d-loaded').count(), 1, 'the odontogram marks teeth with practices');
  await page.fill('#d-resumen', 'Dolor al frío en 17.');
  assert.equal(await page.textContent('#d-revision .d-done'), 'Completo: puede cargarlo en el cliente web del InSSSeP.');

  // The CSV download: one row per practice.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#d-csv')]);
  assert.match(download.suggestedFilename(), /^presupuesto-insssep-354495-\d{8}\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8').split('\r\n');
  assert.equal(csv.length, 7);
  assert.match(csv[1], /^354495;AFILIADO DE PRUEBA DE SISTEMAS;58;ODONTOLOGO DE PRUEBA;Definitivo;K029;Caries dental, no especificada;ODONTOLOGICO;20800;COMPOSITE;17;OM;1;;no$/);

  // Consumption: the reference as the document writes it.
  await page.fill('#d-numero', '128133242');
  assert.equal(await page.textContent('#d-ref-estado .d-done'), 'Nº Preautorización: 88 - T - 128133242');
  await page.fill('#d-serie', 'A');
  assert.deepEqual(await texts(page, '#d-ref-estado .d-refused li'), ['La serie del presupuesto autorizado es «T», no «A».']);
  await page.fill('#d-serie', 'T');
  await page.locator('.d-consumo input').first().check();
  assert.equal(await page.textContent('.d-consumo-total'), 'Realizadas y consumidas: 1 de 5.');

  // Printing from this tab shows only the budget.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('header.top'), false);
  assert.equal(await page.isVisible('#d-cargar'), false);
  assert.equal(await page.isVisible('.dental-receipt'), true);
  const pdf = await page.pdf({ format: 'A4' });
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  writeFileSync(join(dir, 'presupuesto.pdf'), pdf);
  const out = spawnSync('pdftotext', ['-layout', join(dir, 'presupuesto.pdf'), '-'], { encoding: 'utf8' });
  rmSync(dir, { recursive: true });
  assert.equal(out.status, 0, out.stderr);
  const text = out.stdout;
  for (const want of ['Presupuesto odontológico', 'ODONTOLOGO DE PRUEBA', '354495', 'AFILIADO DE PRUEBA DE SISTEMAS', 'K029',
    'Caries dental, no especificada', '20800', 'COMPOSITE', '100100', 'EXTRACCIÓN DENTARIA SIMPLE', '20900', '70604',
    'FRACTURA AMELOD', 'Dolor al frío en 17.', 'Firma y Aclaración Afiliado']) {
    assert.ok(text.includes(want), `the PDF shows ${want}:\n${text}`);
  }
  for (const absent of ['Cargar práctica', 'Borrar todo', 'Nomenclador de prácticas']) {
    assert.ok(!text.includes(absent), `the PDF does not show ${absent}`);
  }
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(requests.slice(loaded), [], 'the budget asks the network for nothing');

  // "Borrar todo" forgets the member and the budget.
  await page.click('button.clear');
  await page.click('button.clear-yes'); // «¿Borrar todo?» asks first
  await page.click('#pestana-insssep');
  assert.equal(await page.inputValue('#d-credencial'), '');
  assert.equal(await page.locator('#d-lista').count(), 0);
  assert.equal(await page.textContent('#d-diag-elegido'), 'Sin diagnóstico: búsquelo arriba y elíjalo.');
  await context.close();
});

test('an imported nomenclador is checked line by line, kept in the browser, and forgotten by "Borrar todo"', async () => {
  const { context, page, requests, loaded } = await openTab();
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const bad = join(dir, 'malo.csv');
  writeFileSync(bad, 'Código;Descripción;Diente;Cara\r\n20800;COMPOSITE;sí;sí\r\n30101;ENDODONCIA;tal vez;no\r\n');
  await page.click('.d-nomenclador summary');
  await page.setInputFiles('#d-nomenclador-archivo', bad);
  await page.waitForSelector('#d-nomenclador-estado .d-refused');
  assert.deepEqual(await texts(page, '#d-nomenclador-estado li'), [
    'No se importó malo.csv; el nomenclador en uso no cambió:',
    'Línea 3: «requiere diente» debe ser sí o no, no «tal vez».',
  ]);
  // Excel's CSV in Windows-1252, as saved in Argentina.
  const good = join(dir, 'nomenclador.csv');
  writeFileSync(good, Buffer.from('Código;Descripción;Diente;Cara\r\n20800;COMPOSITE;sí;sí\r\n30101;ENDODONCIA UNIRRADICULAR;sí;no\r\n', 'latin1'));
  await page.setInputFiles('#d-nomenclador-archivo', good);
  await page.waitForSelector('#d-nomenclador-estado .d-done');
  assert.equal(await page.textContent('#d-nomenclador-estado .d-done'), 'Nomenclador tomado de nomenclador.csv: 2 prácticas.');
  rmSync(dir, { recursive: true });
  // Used at once, and still there after reloading the page.
  await load(page, '30101', [], []);
  assert.match((await texts(page, '#d-mensaje .d-refused li'))[0], /^Falta el diente: la práctica 30101 \(ENDODONCIA UNIRRADICULAR\)/);
  assert.deepEqual(requests.slice(loaded), [], 'importing asks the network for nothing');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const reloaded = requests.length;
  await page.click('#pestana-insssep');
  const options = () => page.locator('#d-practica option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(await options(), ['20800', '30101']);
  assert.equal(await page.evaluate(() => Object.keys(localStorage).join()), 'planos.insssep.nomenclador', 'only the nomenclador is kept');
  await page.click('button.clear');
  await page.click('button.clear-yes'); // «¿Borrar todo?» asks first
  await page.click('#pestana-insssep');
  assert.deepEqual(await options(), ['100100', '20800', '20900', '50100', '70604']);
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.deepEqual(requests.slice(reloaded), [], 'no request after the page loaded again');
  await context.close();
});
