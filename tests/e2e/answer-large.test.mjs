// A supervivencia answer of 2,000,000 people on the page, in headless Chromium: large enough to
// need the compact people (each person a few bytes in the worker, the downloads streamed). The
// query, its answer and what the answer says of its people are written by `cargo test`
// (crates/colombia/tests/large_answer.rs): the counts, a deceased person found by search, and
// the CSV of every person are held to them. No request is made after load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSync, readFileSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, openPage, served } from './harness.mjs';

const env = served();
const DIR = join(ROOT, 'target', 'e2e-fixtures', 'respuesta-2m');

/** A count as the page writes it: groups of three split by a no-break space from five digits on. */
const count = (n) => (n >= 10000 ? n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0') : n.toString());

/** How many lines the file at `path` has, read a block at a time. */
function lines(path) {
  const fd = openSync(path, 'r');
  const block = Buffer.alloc(1 << 20);
  let n = 0;
  for (let read; (read = readSync(fd, block, 0, block.length, null)) > 0; ) {
    for (let i = 0; i < read; i++) if (block[i] === 10) n++;
  }
  closeSync(fd);
  return n;
}

/** The worker's WebAssembly memory, in MiB. */
async function workerMemory(page) {
  const sizes = await Promise.all(page.workers().map((w) => w.evaluate(() => (typeof wasm === 'undefined' ? 0 : wasm.memory.buffer.byteLength))));
  return Math.max(...sizes) / (1 << 20);
}

test('a 2,000,000-person answer: the counts, a deceased person found by search, and the CSV of every person', async () => {
  const want = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));
  const { context, page, requests, loaded } = await openPage(env);
  await page.setInputFiles('#archivos', [join(DIR, want.answer), join(DIR, want.query)]);
  await page.locator('article.file').nth(1).waitFor({ timeout: 240000 });
  const card = page.locator('article.file').first();
  assert.equal(await card.locator('.format').textContent(), 'Respuesta de supervivencia — Res. 1537/2015');
  const rows = (await card.locator('.summary-table tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  const said = (n) => count(n).replace(/\u00a0/g, ' ');
  assert.deepEqual(rows, [
    `Personas consultadas ${said(want.consulted)}`,
    `Fallecidas según el Registro Civil de Defunción ${said(want.rcd)}`,
    `Encontradas en el Archivo Nacional de Identificación ${said(want.ani)}`,
    `… de ellas con cédula cancelada por muerte ${said(want.ani_deceased)}`,
    `No encontradas ${said(want.not_found)}`,
  ]);
  assert.equal(await card.locator('.summary h3').textContent(), `Resultado: ${count(want.rcd + want.ani_deceased)} personas fallecidas`);
  assert.match((await card.locator('.people-count').textContent()).replace(/\s+/g, ' '), new RegExp(`\\(${said(want.consulted)} personas\\)`));

  // A deceased person found by the document's number.
  const [type, number] = want.first_rcd.split(',');
  await card.locator('.people-search').fill(number);
  await page.waitForFunction(() => document.querySelectorAll('.people-table tbody tr').length === 1, null, { timeout: 30000 });
  assert.match(await card.locator('.people-table tbody tr').first().innerText(), new RegExp(`^${type} ${number}\\s+FALLECIDA \\(REGISTRO CIVIL DE DEFUNCION\\)`));
  const [t2, n2] = want.first_ani_deceased.split(',');
  await card.locator('.people-search').fill(n2);
  await page.waitForFunction((n) => document.querySelector('.people-table tbody tr')?.innerText.includes(n), n2, { timeout: 30000 });
  assert.match(await card.locator('.people-table tbody tr').first().innerText(), new RegExp(`^${t2} ${n2}\\s+FALLECIDA \\(ARCHIVO NACIONAL DE IDENTIFICACION\\)\\s+CANCELADA POR MUERTE`));

  // Every person in the CSV: a row each, after the header.
  const [csv] = await Promise.all([page.waitForEvent('download', { timeout: 120000 }), card.locator('text=Descargar personas (CSV)').click()]);
  assert.equal(lines(await csv.path()), want.consulted + 1);
  // Past a sheet's rows, the workbook goes on a second sheet, and the page says so first.
  assert.equal(
    (await card.locator('.sheets-note').textContent()).replace(/\u00a0/g, ' '),
    `Una hoja de Excel admite 1 048 575 filas: el libro lleva las ${said(want.consulted)} personas en 2 hojas («Personas», «Personas 2»…). El CSV las lleva todas en un solo archivo.`,
  );
  const [excel] = await Promise.all([page.waitForEvent('download', { timeout: 180000 }), card.locator('text=Descargar personas (Excel)').click()]);
  const book = readFileSync(await excel.path());
  assert.ok(book.includes('xl/worksheets/sheet2.xml') && !book.includes('xl/worksheets/sheet3.xml'), 'two sheets');
  const memory = await workerMemory(page);
  console.log(`# worker wasm memory after the check and the CSV: ${memory.toFixed(0)} MiB`);
  // About 50 bytes a person in the worker, names aside: 2,000,000 people well within 256 MiB.
  assert.ok(memory < 256, `${memory.toFixed(0)} MiB of wasm memory for 2,000,000 people`);
  assert.deepEqual(requests.slice(loaded), [], 'no request after load');
  await context.close();
});
