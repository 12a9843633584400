// Building a supervivencia query on the page: paste a list, fix what the page says, download
// the file and check its bytes (name, CRLF, total, ASCII) and that planos' CLI finds it valid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, fillQuery, openPage, served } from './harness.mjs';

const env = served();
const NAME = 'RUA250SMCS20150601NI000860999123CO014-18.TXT';
/** A count as the page writes it: groups of three with a no-break space from five digits. */
const thousands = (n) => (n >= 10000 ? n.toLocaleString('en-US').replaceAll(',', '\u00A0') : String(n));

async function openBuilder() {
  const { context, page, requests } = await openPage(env);
  await fillQuery(page, { nit: '860.999.123' });
  return { context, page, requests };
}

test('a pasted list becomes the exact query file, after the page says which rows to fix', async () => {
  const { context, page, requests } = await openBuilder();
  const loaded = requests.length;
  await page.fill('#b-lista', 'Tipo\tNúmero\nCC\t12.345.678\nTI\t12\nti\t1002003004\nCC\t12345678\n');
  await page.click('#b-construir');
  await page.waitForSelector('.build-outcome', { timeout: 20000 });
  assert.match(await page.textContent('.not-built'), /No se construyó/);
  const problems = await page.locator('.build-problems li').allTextContents();
  assert.equal(problems.length, 2);
  assert.match(problems[0], /^Fila 3 \(«TI 12»\): el número «12» tiene 2 caracteres; para TI la longitud válida es 10 u 11 dígitos/);
  assert.equal(problems[1], 'Fila 5: CC 12345678 ya está en la fila 2.');
  await page.check('#b-omitir');
  await page.check('#b-duplicados');
  await page.click('#b-construir');
  await page.waitForSelector('.built', { timeout: 20000 });
  assert.equal(await page.textContent('.built'), `Listo: ${NAME} con 2 personas.`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#b-descargar')]);
  assert.equal(download.suggestedFilename(), NAME);
  const bytes = readFileSync(await download.path());
  assert.equal(
    bytes.toString('latin1'),
    `1,014-18,2015-05-01,2015-05-31,2,${NAME}\r\n2,CC,12345678\r\n2,TI,1002003004\r\n`,
  );
  assert.ok(bytes.every((b) => b < 0x80), 'plain ASCII, so Windows-1252 as the annex wants');
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  writeFileSync(join(dir, NAME), bytes);
  const check = spawnSync(join(ROOT, 'target', 'debug', 'planos'), ['check', NAME], { cwd: dir, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout);
  rmSync(dir, { recursive: true });
  assert.deepEqual(requests.slice(loaded), [], 'building asks the network for nothing');
  // "Borrar todo" forgets what was typed and built.
  await page.click('button.clear');
  await page.click('button.clear-yes'); // «¿Borrar todo?» asks first
  await page.click('.builder summary');
  assert.equal(await page.inputValue('#b-lista'), '');
  assert.equal(await page.locator('.build-outcome').count(), 0);
  await context.close();
});

test('a list of 1,000,000 people builds on the page in under 3 seconds', async () => {
  const { context, page } = await openBuilder();
  const n = 1_000_000;
  // A list that long comes as a file, as Excel saves it (CSV with ';').
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const csv = join(dir, 'personas.csv');
  writeFileSync(csv, 'Tipo;Número\r\n' + Array.from({ length: n }, (_, i) => `CC;${10_000_000 + i}\r\n`).join(''));
  // Timed in the page, from the file input's change to the built file on screen, so the time
  // Playwright takes to hand the browser a 20 MB file is not counted.
  await page.evaluate(() => {
    document.querySelector('#b-archivo').addEventListener('change', () => { window.t0 = performance.now(); }, { capture: true });
    new MutationObserver(() => {
      if (!window.t1 && document.querySelector('.built')) window.t1 = performance.now();
    }).observe(document.body, { subtree: true, childList: true });
  });
  await page.setInputFiles('#b-archivo', csv);
  await page.waitForSelector('.loaded', { timeout: 20000 });
  // The row of titles is not counted; counts of five digits or more in groups of three.
  assert.equal(await page.textContent('.loaded'), `Lista tomada de personas.csv: ${thousands(n)} filas.`);
  assert.equal(await page.inputValue('#b-col-tipo'), '0');
  assert.equal(await page.inputValue('#b-col-numero'), '1');
  await page.click('#b-construir');
  await page.waitForSelector('.built', { timeout: 30000 });
  const seconds = (await page.evaluate(() => window.t1 - window.t0)) / 1000;
  const inWorker = await page.textContent('.build-time');
  console.log(`# ${n} people: built in ${seconds.toFixed(2)} s on the page (${inWorker})`);
  assert.equal(await page.textContent('.built'), `Listo: ${NAME} con ${thousands(n)} personas.`);
  assert.ok(seconds < 3, `${seconds} s`);
  rmSync(dir, { recursive: true });
  await context.close();
});

test('an Excel list: its columns recognised by their titles, or chosen, and the file built from them', async () => {
  const { context, page, requests } = await openBuilder();
  const loaded = requests.length;
  // Written by `cargo test` (tests/build_smcs.rs): Nombre | Tipo de documento | Número de documento.
  await page.setInputFiles('#b-archivo', join(ROOT, 'target', 'e2e-fixtures', 'afiliados.xlsx'));
  await page.waitForSelector('.loaded', { timeout: 20000 });
  assert.equal(await page.textContent('.loaded'), 'Lista tomada de afiliados.xlsx: 3 filas.');
  assert.deepEqual(await page.locator('.list-preview th').allTextContents(), ['A: Nombre', 'B: Tipo de documento', 'C: Número de documento']);
  assert.equal(await page.inputValue('#b-col-tipo'), '1');
  assert.equal(await page.inputValue('#b-col-numero'), '2');
  // The wrong column first: every row is refused by its row number.
  await page.selectOption('#b-col-tipo', '0');
  await page.click('#b-construir');
  await page.waitForSelector('.build-problems li', { timeout: 20000 });
  assert.match(await page.locator('.build-problems li').first().textContent(), /^Fila 2 \(«ANA 12345678»\): el tipo de documento «ANA» no es uno de/);
  await page.selectOption('#b-col-tipo', '1');
  await page.click('#b-construir');
  await page.waitForSelector('.built', { timeout: 20000 });
  assert.equal(await page.textContent('.built'), `Listo: ${NAME} con 3 personas.`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#b-descargar')]);
  const bytes = readFileSync(await download.path());
  assert.equal(
    bytes.toString('latin1'),
    `1,014-18,2015-05-01,2015-05-31,3,${NAME}\r\n2,CC,12345678\r\n2,TI,1002003004\r\n2,CC,87654321\r\n`,
  );
  assert.deepEqual(requests.slice(loaded), [], 'reading a workbook asks the network for nothing');
  await context.close();
});

test('a denied-services report from a spreadsheet: columns mapped (and remembered), rows with errors told by row, the file exact and valid', async () => {
  const { context, page, requests, loaded } = await openPage(env);
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const list = join(dir, 'negaciones.csv');
  // The EPS's own titles and order; "Género" is not a title planos knows; row 3 has a bad ámbito.
  const titles = 'Causa;Género;Tipo doc usuario;Documento usuario;Régimen;Fecha nacimiento;Ámbito;Diagnóstico principal;Tipo servicio;Código servicio;Tipo medicamento;Tipo prestación;Tipo id prestador;NIT prestador;Código habilitación;Municipio';
  const row = (doc, ambito) => `101;m;cc;${doc};RC;17/05/1980;${ambito};J459;M;Ácido valproico;1;1;NI;900.123.456;110010123401;5001`;
  writeFileSync(list, [titles, row('12345678', '1'), row('87654321', '9'), row('11223344', '2'), ''].join('\r\n'), 'latin1');
  const fill = async () => {
    await page.click('.rnse-builder summary');
    await page.fill('#r-nit', '860999123');
    await page.fill('#r-eps', 'EPS001');
    await page.fill('#r-desde', '2020-01-01');
    await page.fill('#r-hasta', '2020-01-31');
    await page.setInputFiles('#r-archivo', list);
    await page.waitForSelector('.rnse-builder .loaded', { timeout: 20000 });
  };
  await fill();
  assert.equal(await page.textContent('.rnse-builder .loaded'), 'Lista tomada de negaciones.csv: 3 filas.');
  assert.equal(await page.inputValue('#r-campo-21'), '0', 'Causa recognised');
  assert.equal(await page.inputValue('#r-campo-6'), '15', 'Municipio recognised');
  assert.equal(await page.inputValue('#r-campo-10'), '', 'Género is not a title planos knows');
  await page.click('#r-construir');
  await page.waitForSelector('.rnse-outcome', { timeout: 20000 });
  assert.match(await page.textContent('.rnse-outcome .build-problems'), /Elija la columna del campo 10, «Sexo del usuario»: es obligatorio/);
  await page.selectOption('#r-campo-10', '1');
  await page.click('#r-construir');
  await page.waitForSelector('.rnse-outcome .refused', { timeout: 20000 });
  assert.match(await page.textContent('.rnse-outcome .refused'), /^Fila 3: .*Código ámbito de atención/);
  await page.check('#r-omitir');
  await page.click('#r-construir');
  await page.waitForSelector('.rnse-outcome .built', { timeout: 20000 });
  const name = 'REC140RNSE20200131NI000860999123.TXT';
  assert.equal(await page.textContent('.rnse-outcome .built'), `Listo: ${name} con 2 servicios negados.`);
  assert.match(await page.textContent('.rnse-outcome .changes'), /cero inicial que Excel quita \(2 valores\)/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#r-descargar')]);
  assert.equal(download.suggestedFilename(), name);
  const bytes = readFileSync(await download.path());
  const detail = (n, doc, ambito) => `2|${n}|EPS001|NI|900123456|110010123401|05001|CC|${doc}|RC|M|1980-05-17|${ambito}|J459|||M|ACIDO VALPROICO|1||1|101|`;
  assert.equal(bytes.toString('latin1'), ['1|NI|860999123|EPS001|2020-01-01|2020-01-31|2|RC', detail(1, '12345678', 1), detail(2, '11223344', 2), ''].join('\r\n'));
  writeFileSync(join(dir, name), bytes);
  const check = spawnSync(join(ROOT, 'target', 'debug', 'planos'), ['check', name], { cwd: dir, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout);
  assert.deepEqual(requests.slice(loaded), [], 'building asks the network for nothing');
  // The mapping is remembered in this browser: the same list again, field 10 already chosen.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const reloaded = requests.length;
  await fill();
  assert.equal(await page.inputValue('#r-campo-10'), '1');
  assert.deepEqual(requests.slice(reloaded), []);
  rmSync(dir, { recursive: true });
  await context.close();
});

test('"Corregir" shows each safe fix with its count before the download, and the download is the repaired file', async () => {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const file = join(dir, 'negaciones.txt');
  const detail = (n, doc, id, drug) => `2|${n}|EPS001|NI|900123456|110010123401|05001|${doc}|${id}|RC|M|1980-05-17|1|J459|||M|${drug}|1||1|101|`;
  // UTF-8, LF, a wrong consecutive and total, lower case, an accent: all safe to repair.
  writeFileSync(file, ['1|NI|860999123|EPS001|2020-01-01|2020-01-31|5|RC', detail(7, 'cc', '12345671', 'ÁCIDO VALPROICO'), detail(2, 'CC', '12345672', 'ACIDO VALPROICO'), ''].join('\n'));
  await page.setInputFiles('#archivos', file);
  await page.waitForSelector('.verdict', { timeout: 20000 });
  await page.click('button.propose');
  await page.waitForSelector('.repair-outcome', { timeout: 20000 });
  const fixes = (await page.locator('.fixes li strong').allTextContents());
  assert.deepEqual(fixes, [
    'Pasar de UTF-8 a ANSI (Windows-1252): 1',
    'Terminar cada línea con CRLF: 3',
    'Pasar a mayúsculas: 1',
    'Quitar tildes y diéresis, Ñ por N: 1',
    'Renumerar el consecutivo (1, 2, 3…): 1',
    'Poner en el registro de control el total real de registros de detalle: 1',
    'Nombrar el archivo como dice su registro de control: 1',
  ]);
  assert.equal(await page.textContent('.after'), 'El archivo corregido es válido.');
  const name = 'REC140RNSE20200131NI000860999123.TXT';
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.save-repaired')]);
  assert.equal(download.suggestedFilename(), name);
  const bytes = readFileSync(await download.path());
  const want = ['1|NI|860999123|EPS001|2020-01-01|2020-01-31|2|RC', detail(1, 'CC', '12345671', 'ACIDO VALPROICO'), detail(2, 'CC', '12345672', 'ACIDO VALPROICO'), ''].join('\r\n');
  assert.equal(bytes.toString('latin1'), want);
  writeFileSync(join(dir, name), bytes);
  const check = spawnSync(join(ROOT, 'target', 'debug', 'planos'), ['check', name], { cwd: dir, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout);
  rmSync(dir, { recursive: true });
  await context.close();
});
