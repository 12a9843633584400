// «Tablas de referencia», in headless Chromium: a newer SISPRO export (a workbook and a CSV,
// written by crates/colombia/tests/table_updates.rs) is checked, told with what it changes, used
// by the next checks and named in their report (the CLI's with --tabla, byte for byte), kept
// across a reload, and removed by its «Quitar» and by «Borrar todo»; a file that is not an export
// is refused and nothing changes. No request is made after load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, openPage, served } from './harness.mjs';

const env = served();
const E2E = join(ROOT, 'target', 'e2e-fixtures');
const CIE10 = 'TablaReferencia_CIE10__1.xlsx';
const EAPB = 'TablaReferencia_CodigoEAPByNit.csv';
const NAME = 'REC140RNSE20200229NI000860999123.TXT';
const NBSP = '\u00a0';
const BUILTIN_CIE10 = `CIE10 de SISPRO (exportación del 23/11/2025, 12${NBSP}634 códigos)`;
const GIVEN_CIE10 = `CIE10 de SISPRO (exportación del 30/11/2026, 12${NBSP}635 códigos; actualizada por el usuario)`;
const GIVEN_EAPB = 'CodigoEAPByNit de SISPRO (exportación del 28/11/2026, 1692 códigos; actualizada por el usuario)';

/** A folder with the two exports, a file that is not one, and a report whose EPS (EPS999) and one diagnosis (K02X) only the exports have. */
function folder() {
  const dir = mkdtempSync(join(tmpdir(), 'planos-tablas-'));
  for (const f of [CIE10, EAPB]) copyFileSync(join(E2E, f), join(dir, f));
  writeFileSync(join(dir, 'lista.csv'), 'Documento,Nombre\nCC,123\n');
  const detail = (n, dx) => `2|${n}|EPS999|NI|900123456|110010123401|76001|CC|1234567${n}|RC|M|1980-05-17|1|${dx}|||P|890201|||1|7|`;
  writeFileSync(join(dir, NAME), ['1|NI|860999123|EPS999|2020-02-01|2020-02-29|2|RC', detail(1, 'J459'), detail(2, 'K02X'), ''].join('\r\n'));
  return dir;
}

async function openTables(page) {
  if (!(await page.getAttribute('#tablas', 'open'))) await page.click('#tablas > summary');
}

/** Each SISPRO table's line in the list. */
async function listed(page) {
  const out = {};
  for (const kind of ['cie10', 'cups', 'eapb']) out[kind] = (await page.textContent(`#tablas li[data-table="${kind}"]`)).trim();
  return out;
}

/** Gives the page `file` to update a table, and what it says. */
async function update(page, path) {
  const before = await page.textContent('.tables-told');
  await page.setInputFiles('#tablas-actualizar', path);
  await page.waitForFunction((b) => {
    const t = document.querySelector('.tables-told').textContent;
    return t !== b && t !== 'Leyendo la tabla…';
  }, before, { timeout: 30000 });
  return page.textContent('.tables-told');
}

/** Checks the report in `dir`: its verdict and the tables it names. */
async function check(page, dir) {
  // The last check's result, marked so as not to be read as this one's.
  await page.evaluate(() => document.querySelectorAll('article.file').forEach((a) => a.setAttribute('data-old', '')));
  await page.setInputFiles('#archivos', join(dir, NAME));
  await page.waitForSelector('article.file:not([data-old]) .verdict', { timeout: 30000 });
  return {
    verdict: await page.textContent('article.file .verdict'),
    tables: await page.textContent('article.file .tables-used'),
  };
}

test('a SISPRO export updates its table: told, used, named in the report, kept, removed by «Quitar» and «Borrar todo»; a bad one changes nothing', async () => {
  const dir = folder();
  const { context, page, requests, loaded } = await openPage(env);
  await openTables(page);
  assert.deepEqual(await listed(page), {
    cie10: `${BUILTIN_CIE10} (incluida en planos)`,
    cups: `CUPS de SISPRO (exportación del 17/03/2026, 10${NBSP}024 códigos) (incluida en planos)`,
    eapb: 'CodigoEAPByNit de SISPRO (exportación del 19/03/2025, 1691 códigos) (incluida en planos)',
  });
  let r = await check(page, dir);
  assert.equal(r.verdict, 'Válido, con 2 advertencias');
  assert.ok(r.tables.startsWith(`Tablas de referencia usadas: ${BUILTIN_CIE10}; CUPS de SISPRO`), r.tables);

  assert.equal(
    await update(page, join(dir, CIE10)),
    `Se actualizó la tabla CIE10: 12${NBSP}634 → 12${NBSP}635 códigos, 1 nuevo, 0 retirados. Desde ahora se usa ${GIVEN_CIE10}.`,
  );
  assert.equal(
    await update(page, join(dir, EAPB)),
    `Se actualizó la tabla CodigoEAPByNit: 1691 → 1692 códigos, 1 nuevo, 0 retirados. Desde ahora se usa ${GIVEN_EAPB}.`,
  );
  const updated = await listed(page);
  assert.equal(updated.cie10, `${GIVEN_CIE10} Quitar`);
  assert.equal(updated.eapb, `${GIVEN_EAPB} Quitar`);
  // Not an export: refused, the tables stay as they were.
  assert.match(await update(page, join(dir, 'lista.csv')), /^No se actualizó ninguna tabla: «lista\.csv» no es una tabla de referencia de SISPRO/);
  assert.deepEqual(await listed(page), updated);

  r = await check(page, dir);
  assert.equal(r.verdict, 'Válido');
  assert.equal(r.tables, `Tablas de referencia usadas: ${GIVEN_CIE10}; CUPS de SISPRO (exportación del 17/03/2026, 10${NBSP}024 códigos); ${GIVEN_EAPB}; DIVIPOLA del DANE (exportación del 08/04/2025, 1122 códigos); DIVIPOLA del Ministerio de Salud (datos.gov.co, 1122 códigos).`);
  assert.equal(await page.textContent('article.file .denials .eps'), 'EPS: EPS999 — EPS DE PRUEBA');
  // The JSON the page gives is the CLI's with the same exports.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Descargar el informe (JSON, para sistemas)')]);
  const cli = spawnSync(join(ROOT, 'target', 'debug', 'planos'), ['check', '--format', 'json', '--tabla', CIE10, '--tabla', EAPB, NAME], { cwd: dir, encoding: 'utf8' });
  assert.equal(readFileSync(await download.path(), 'utf8'), cli.stdout);

  assert.deepEqual(requests.slice(loaded), [], 'no request after load');

  // Kept across a reload, and still used.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await openTables(page);
  assert.deepEqual(await listed(page), updated);
  assert.equal((await check(page, dir)).verdict, 'Válido');

  // Its own «Quitar»: the compiled-in table again, in the list and in the next check.
  await page.click('#tablas li[data-table="cie10"] button.remove-table');
  assert.equal(await page.textContent('.tables-told'), `Se quitó la tabla CIE10 actualizada; se usa de nuevo la que trae planos: ${BUILTIN_CIE10}.`);
  assert.equal((await listed(page)).cie10, `${BUILTIN_CIE10} (incluida en planos)`);
  assert.equal((await check(page, dir)).verdict, 'Válido, con 1 advertencia');

  // «Borrar todo»: every updated table goes.
  await page.click('button.clear');
  await page.click('button.clear-yes');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await openTables(page);
  assert.equal((await listed(page)).eapb, 'CodigoEAPByNit de SISPRO (exportación del 19/03/2025, 1691 códigos) (incluida en planos)');
  assert.equal(await page.evaluate(() => localStorage.length), 0);
  assert.equal((await check(page, dir)).verdict, 'Válido, con 2 advertencias');

  const origin = new URL(env.server.url).origin;
  assert.deepEqual(requests.slice(loaded).filter((u) => new URL(u).origin !== origin), [], 'no other origin');
  await context.close();
});
