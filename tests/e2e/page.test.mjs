// The page in headless Chromium: load, pick a file, read the verdict and a diagnostic on
// screen, download the JSON report and compare it byte for byte with the CLI's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT, served } from './harness.mjs';

const NAME = 'RUA250SMCS20150601NI000860999123CO014-18.TXT';
const fixture = (dir) => join(ROOT, 'tests', 'fixtures', dir, NAME);

const env = served();

/** A fresh page, loaded and ready (its worker started), with every request recorded. */
async function openPage() {
  const context = await env.browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(env.server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  return { page, requests, errors, context };
}

/** A query file in a fresh temporary folder: a control record and `n` times `detail`. */
function queryFile(n, detail) {
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const path = join(dir, NAME);
  writeFileSync(path, `1,014-18,2015-05-01,2015-05-31,${n},${NAME}\r\n` + `${detail}\r\n`.repeat(n));
  return { dir, path };
}

function cli(args, cwd) {
  const r = spawnSync(join(ROOT, 'target', 'debug', 'planos'), args, { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout };
}

test('the page forbids every connection in its Content-Security-Policy', async () => {
  const { page, errors, context } = await openPage();
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'none'/);
  const tokens = csp.split(/[\s;]+/);
  for (const bad of ["'unsafe-eval'", "'unsafe-inline'", '*', 'http:', 'https:', 'ws:']) {
    assert.ok(!tokens.includes(bad), `CSP must not allow ${bad}`);
  }
  assert.doesNotMatch(csp, /https?:\/\//, 'no third-party origin');
  // A fetch from the page itself is refused by the browser.
  const refused = await page.evaluate(() => fetch('./index.html').then(() => false, () => true));
  assert.equal(refused, true);
  assert.match(await page.textContent('#privacidad'), /no salen de este computador/);
  assert.deepEqual(errors.filter((e) => !/Content Security Policy|Failed to fetch/.test(e)), []);
  await context.close();
});

test('a defective query file: verdict, diagnostics on screen, JSON identical to the CLI', async () => {
  const { page, requests, errors, context } = await openPage();
  const loaded = requests.length;
  await page.setInputFiles('#archivos', fixture('total-no-coincide'));
  await page.waitForSelector('.verdict', { timeout: 20000 });
  assert.equal(await page.textContent('.verdict'), 'No válido: 2 errores, 0 advertencias');
  assert.equal(await page.textContent('.format'), 'Consulta masiva de supervivencia — Res. 1537/2015');
  const counts = await page.$$eval('.wrong-list li', (rows) => rows.map((r) => r.innerText.replace(/\s+/g, ' ').trim()));
  assert.deepEqual(counts, [
    'El total del registro de control no coincide — línea 1 SMCS-CTL-TOTAL',
    'Número de documento con longitud incorrecta — línea 3 SMCS-DOC-LONGITUD',
  ]);
  const rows = await page.$$eval('.diagnostics [role="row"]', (rows) =>
    rows.map((r) => [...r.querySelectorAll('[role="cell"]')].map((td) => td.textContent)),
  );
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0], ['1', '4 · Total de registros relacionados en el archivo', '5', 'SMCS-CTL-TOTAL', 'El total del registro de control no coincide']);
  assert.deepEqual(rows[1], ['3', '2 · Número de identificación de la persona a consultar', '123', 'SMCS-DOC-LONGITUD', 'Número de documento con longitud incorrecta']);
  // The message, whole, in the detail of the row picked.
  await page.locator('.diagnostics [role="row"]').first().click();
  assert.match(await page.textContent('.finding-detail .finding-message'), /^El total de registros \(5\) no coincide con los 3 registros de detalle/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Descargar el informe (JSON, para sistemas)')]);
  const json = readFileSync(await download.path(), 'utf8');
  const expected = cli(['check', '--format', 'json', NAME], dirname(fixture('total-no-coincide')));
  assert.equal(expected.status, 1);
  assert.equal(json, expected.stdout, 'the page downloads exactly what the CLI prints');
  const report = JSON.parse(json);
  assert.equal(report.files[0].errors[0].line, 1);
  assert.equal(report.files[0].errors[0].field, 4);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('text=Descargar la lista de hallazgos (Excel/CSV)')]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.match(text, /^\uFEFFarchivo;linea;campo;nombre_campo;valor;severidad;codigo;mensaje\r\n/);
  assert.match(text, /"RUA250SMCS20150601NI000860999123CO014-18.TXT";1;4;.*;error;SMCS-CTL-TOTAL;/);

  assert.deepEqual(requests.slice(loaded), [], 'no request after the page was ready');
  assert.deepEqual(errors, []);
  await context.close();
});

test('several files at once, a valid one among them, and text defects', async () => {
  const { page, requests, context } = await openPage();
  const loaded = requests.length;
  await page.setInputFiles('#archivos', [fixture('valido'), fixture('defectos-de-texto')]);
  const second = page.locator('article.file').nth(1);
  await second.waitFor({ timeout: 20000 });
  assert.deepEqual(await page.locator('.verdict').allTextContents(), ['Válido', 'No válido: 8 errores, 0 advertencias']);
  const codes = await second.locator('.diagnostics [role="cell"].code').allTextContents();
  assert.deepEqual(codes.slice(0, 3), ['TEXTO-BOM', 'SMCS-CTL-TOTAL', 'TEXTO-MINUSCULAS']);
  // Filter by code.
  await second.locator('select').first().selectOption('TEXTO-TILDES');
  // The filtered window comes back from the worker: wait for it rather than count at once.
  const rows = second.locator('.diagnostics [role="row"]');
  await rows.nth(1).waitFor({ state: 'detached', timeout: 5000 });
  assert.equal(await rows.count(), 1);
  assert.equal(await rows.first().locator('[role="cell"].code').textContent(), 'TEXTO-TILDES');
  assert.deepEqual(requests.slice(loaded), []);
  await context.close();
});

test('a million findings: counted exactly, and the table scrolls through every one of them', async () => {
  const n = 1_000_000;
  const { dir, path } = queryFile(n, '2,CC,1');
  const { page, errors, context } = await openPage();
  const t = performance.now();
  await page.setInputFiles('#archivos', path);
  await page.waitForSelector('.verdict', { timeout: 60000 });
  const seconds = (performance.now() - t) / 1000;
  console.log(`# ${n} defects: verdict after ${seconds.toFixed(2)} s`);
  // Counts as people write them: 1 000 000, with no-break spaces.
  const million = '1\u00a0000\u00a0000';
  assert.equal(await page.textContent('.verdict'), `No válido: ${million} errores, 0 advertencias`);
  const counts = await page.locator('.wrong-list li').allInnerTexts();
  assert.deepEqual(counts.map((r) => r.replace(/\s+/g, ' ').trim()), [`Número de documento con longitud incorrecta — ${million.replace(/\u00a0/g, ' ')} veces: líneas 2, 3, 4, 5, 6 y más SMCS-DOC-LONGITUD`]);
  // The list's count comes from the worker with its first window of findings.
  await page.waitForFunction((m) => document.querySelector('.shown')?.textContent === `${m} en la lista`, million, { timeout: 20000 });
  const firstLine = () => page.locator('.diagnostics [role="row"]').first().locator('[role="cell"]').first().textContent();
  assert.equal(await firstLine(), '2');
  // Only the rows in view exist in the page.
  assert.ok((await page.locator('.diagnostics [role="row"]').count()) <= 40);
  // Jump to the middle and to the very end: the rows there arrive promptly. A million rows
  // are taller than the browser lets a space be, so the scroll position is scaled to them
  // (web/src/findings.rs, Metrics): the position of row r is r rows of the rows' height
  // (data-row) times the space's share of their full height.
  for (const row of [500_000, n - 20]) {
    const t0 = performance.now();
    await page.locator('.findings-scroll').evaluate((el, row) => {
      const rowHeight = Number(el.dataset.row);
      const view = el.clientHeight - el.querySelector('.findings-head').offsetHeight;
      const full = (Number(el.getAttribute('aria-rowcount')) - 1) * rowHeight;
      const space = el.querySelector('.findings-space').offsetHeight;
      el.scrollTop = full > space ? (row * rowHeight * (space - view)) / (full - view) : row * rowHeight;
    }, row);
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('.diagnostics [role="row"] [role="cell"]:first-child')].some((td) => td.textContent === want),
      String(row + 2),
      { timeout: 5000 },
    );
    console.log(`# row ${row}: on screen after ${(performance.now() - t0).toFixed(0)} ms`);
  }
  // At the very bottom, the last row.
  await page.locator('.findings-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForFunction(
    (want) => [...document.querySelectorAll('.diagnostics [role="row"] [role="cell"]:first-child')].some((td) => td.textContent === want),
    String(n + 1),
    { timeout: 5000 },
  );
  const last = await page.locator('.diagnostics [role="row"]').last().locator('[role="cell"]').first().textContent();
  assert.equal(last, String(n + 1), 'the last finding is on the last line');
  assert.deepEqual(errors, []);
  await context.close();
  rmSync(dir, { recursive: true });
});

test('a file dropped on the drop zone is checked', async () => {
  const { page, context } = await openPage();
  const text = readFileSync(fixture('total-no-coincide'), 'latin1');
  await page.evaluate(
    ([name, body]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([body], name));
      const zone = document.querySelector('.drop');
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [NAME, text],
  );
  await page.waitForSelector('.verdict', { timeout: 20000 });
  assert.equal(await page.textContent('.verdict'), 'No válido: 2 errores, 0 advertencias');
  await context.close();
});

/** A 6M-record query (90 MB) being checked on a fresh page, its progress showing. */
async function longCheck() {
  const { dir, path } = queryFile(6_000_000, '2,CC,12345678');
  const { page, context } = await openPage();
  await page.setInputFiles('#archivos', path);
  await page.waitForSelector('section.progress progress', { timeout: 20000 });
  return { dir, path, page, context };
}

/** After a check that did not end: the page is ready again and checks a valid file. */
async function stillWorks({ dir, page, context }) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.setInputFiles('#archivos', fixture('valido'));
  await page.waitForSelector('.verdict', { timeout: 20000 });
  assert.equal(await page.textContent('.verdict'), 'Válido');
  await context.close();
  rmSync(dir, { recursive: true });
}

test('a long check shows progress, can be cancelled, and the page keeps working', async () => {
  const check = await longCheck();
  const { page } = check;
  assert.match(await page.textContent('section.progress'), /Revisando RUA250SMCS.*archivo 1 de 1/);
  await page.click('text=Cancelar');
  assert.equal(await page.textContent('.failed'), 'Revisión cancelada.');
  await stillWorks(check);
});

test('a file changed on disk while it is checked: a message in Spanish, and the page keeps working', async () => {
  const check = await longCheck();
  // The browser took a snapshot of the file when it was chosen; a file that changed since
  // cannot be read any more, by the helper reader or by the worker itself.
  writeFileSync(check.path, 'otro contenido\r\n');
  await check.page.waitForSelector('.failed', { timeout: 60000 });
  assert.equal(
    await check.page.textContent('.failed'),
    'El navegador no pudo leer el archivo: el archivo cambió, se movió o se borró después de elegirlo; vuelva a elegirlo',
  );
  await stillWorks(check);
});

test('the helper that reads files fails: the worker reads them itself, and every check still ends right', async () => {
  const { dir, path } = queryFile(1_000_000, '2,CC,12345678');
  const { page, errors, context } = await openPage();
  // The helper is the page's only worker without the wasm (reader.rs starts it from a blob).
  let helper = null;
  for (const w of page.workers()) if (await w.evaluate(() => typeof wasm === 'undefined')) helper = w;
  assert.ok(helper, 'the helper reader runs');
  // Every other read fails in the helper, as when the disk hiccups.
  await helper.evaluate(() => {
    self.reads = 0;
    const read = FileReaderSync.prototype.readAsArrayBuffer;
    FileReaderSync.prototype.readAsArrayBuffer = function (blob) {
      self.reads += 1;
      if (self.reads % 2 === 0) throw new DOMException('falla de prueba', 'NotReadableError');
      return read.call(this, blob);
    };
  });
  // The control record's total matches only if no slice was lost or read twice. The verdict
  // shown before is marked, to wait for the new one.
  const verdict = async () => {
    await page.evaluate(() => document.querySelectorAll('.verdict').forEach((v) => { v.dataset.old = '1'; }));
    await page.setInputFiles('#archivos', path);
    await page.waitForSelector('.verdict:not([data-old])', { timeout: 30000 });
    return page.textContent('.verdict:not([data-old])');
  };
  assert.equal(await verdict(), 'Válido');
  const asked = await helper.evaluate(() => self.reads);
  assert.ok(asked >= 2, `the helper was asked to read (${asked} reads)`);
  // Then the helper fails outright: it is asked nothing more, and the worker reads alone.
  await helper.evaluate(() => setTimeout(() => { throw new Error('el lector de prueba se rompió'); }));
  await page.waitForTimeout(200);
  assert.equal(await verdict(), 'Válido');
  assert.equal(await helper.evaluate(() => self.reads), asked);
  assert.deepEqual(errors.filter((e) => !e.includes('de prueba')), []);
  await context.close();
  rmSync(dir, { recursive: true });
});

test('a query and its answer dropped together: integrity verdict and who is deceased', async () => {
  // Written by `cargo test` (tests/smcs_respuesta.rs, write_browser_fixtures).
  const dir = join(ROOT, 'target', 'e2e-fixtures');
  const answer = 'PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT';
  const { page, requests, errors, context } = await openPage();
  const loaded = requests.length;
  await page.setInputFiles('#archivos', [join(dir, answer), join(dir, NAME)]);
  const second = page.locator('article.file').nth(1);
  await second.waitFor({ timeout: 20000 });
  // The test answer is signed by a throwaway self-signed «Ministry»: intact, but vouched for by
  // no trusted certification authority (FIRMA-NO-RECONOCIDA, a warning).
  assert.deepEqual(await page.locator('.verdict').allTextContents(), ['Válido, con 1 advertencia', 'Válido']);
  const card = page.locator('article.file').first();
  assert.equal(await card.locator('.format').textContent(), 'Respuesta de supervivencia — Res. 1537/2015');
  assert.equal(await card.locator('.summary h3').textContent(), 'Resultado: 2 personas fallecidas');
  assert.match(await card.locator('.signer').textContent(), /Firma digital intacta, de un certificado sin respaldo: .*MINISTERIO DE SALUD PRUEBA/);
  assert.match(await card.locator('.signature.untrusted .trust-line').textContent(), /^La firma está intacta, pero ninguna entidad de certificación de confianza respalda el certificado: .*planos no puede asegurar quién firmó. \(Sin consulta de revocación: planos trabaja sin conexión\.\)$/);
  const rows = (await card.locator('.summary-table tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  assert.deepEqual(rows, [
    'Personas consultadas 4',
    'Fallecidas según el Registro Civil de Defunción 1',
    'Encontradas en el Archivo Nacional de Identificación 2',
    '… de ellas con cédula cancelada por muerte 1',
    'No encontradas 1',
  ]);
  // The people, a page at a time from the worker, with filters and search.
  const people = card.locator('.people-table tbody tr');
  await people.first().waitFor();
  assert.equal(await people.count(), 4);
  assert.match(await card.locator('.people-count').textContent(), /\(4 personas\)/);
  await card.locator('.people-filter').selectOption('fallecidas');
  await page.waitForFunction(() => document.querySelectorAll('.people-table tbody tr').length === 2);
  const deceased = (await people.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  assert.match(deceased[0], /^CC 12345678 FALLECIDA \(REGISTRO CIVIL DE DEFUNCION\) PEREZ GOMEZ JUAN 01\/03\/2015$/);
  assert.match(deceased[1], /^CC 87654321 FALLECIDA \(ARCHIVO NACIONAL DE IDENTIFICACION\) CANCELADA POR MUERTE/);
  await card.locator('.people-filter').selectOption('todas');
  await card.locator('.people-search').fill('5555');
  await page.waitForFunction(() => document.querySelectorAll('.people-table tbody tr').length === 1);
  assert.match(await people.first().innerText(), /CC 55555555\s+NO ENCONTRADA\s+NO ENCONTRADO/);
  const [peopleCsv] = await Promise.all([page.waitForEvent('download'), card.locator('text=Descargar personas (CSV)').click()]);
  const csvText = readFileSync(await peopleCsv.path(), 'utf8');
  assert.equal(peopleCsv.suggestedFilename(), `personas-${answer.replace('.DAT', '')}.csv`);
  assert.equal(csvText.split('\r\n').filter(Boolean).length, 5, csvText);
  assert.match(csvText, /"TI";"1002003004";"VIGENTE U OTRO ESTADO";"VIGENTE"/);
  const [excel] = await Promise.all([page.waitForEvent('download'), card.locator('text=Descargar personas (Excel)').click()]);
  assert.equal(excel.suggestedFilename(), `personas-${answer.replace('.DAT', '')}.xlsx`);
  const book = readFileSync(await excel.path());
  assert.equal(book.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  assert.ok(book.includes('xl/worksheets/sheet1.xml'));
  // The downloaded report is the CLI's for the same two files.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Descargar el informe (JSON, para sistemas)')]);
  const json = readFileSync(await download.path(), 'utf8');
  assert.equal(json, cli(['check', '--format', 'json', answer, NAME], dir).stdout);
  assert.deepEqual(requests.slice(loaded), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('denied-services reports (Res. 3539/2019): verdict, table warnings, the manager summary, months side by side', async () => {
  const { page, context, requests, errors } = await openPage();
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const JANUARY = 'REC140RNSE20200131NI000860999123.TXT';
  const january = join(dir, JANUARY);
  writeFileSync(january, readFileSync(join(ROOT, 'tests', 'fixtures', 'rnse-valido', JANUARY)));
  // February: three denials, one in a municipality and one with a diagnosis that the tables lack.
  const february = join(dir, 'REC140RNSE20200229NI000860999123.TXT');
  const detail = (n, place, dx, cause) =>
    `2|${n}|EPS001|NI|900123456|110010123401|${place}|CC|1234567${n}|RC|M|1980-05-17|1|${dx}|||P|890201|||1|${cause}|`;
  writeFileSync(
    february,
    ['1|NI|860999123|EPS001|2020-02-01|2020-02-29|3|RC', detail(1, '76001', 'J459', '7'), detail(2, '76001', 'K02X', '7'), detail(3, '05999', 'J459', '101'), ''].join('\r\n'),
  );
  const loaded = requests.length;
  await page.setInputFiles('#archivos', [january, february]);
  await page.waitForSelector('.file:nth-of-type(2) .verdict', { timeout: 20000 });
  const cards = page.locator('article.file');
  assert.equal(await cards.nth(0).locator('.format').textContent(), 'Servicios y tecnologías negados (RNSE) — Res. 3539/2019');
  assert.equal(await cards.nth(0).locator('.verdict').textContent(), 'Válido');
  assert.equal(await cards.nth(1).locator('.verdict').textContent(), 'Válido, con 2 advertencias');
  const feb = cards.nth(1);
  const rows = async (cls) => (await feb.locator(`table.${cls} tr`).allTextContents()).map((t) => t.trim());
  assert.equal(await feb.locator('.denials h3').textContent(), '3 servicios negados');
  assert.match(await feb.locator('.version-note').textContent(), /Res\. 3539\/2019.*Res\. 1632 de 2025/);
  assert.deepEqual(await rows('by-month'), ['2020-02 — febrero de 20203']);
  assert.deepEqual(await rows('by-service'), ['P — Procedimientos3']);
  assert.deepEqual(await rows('by-cause'), ['72', '1011']);
  assert.equal(await feb.locator('.denials .eps').textContent(), 'EPS: EPS001 — ALIANSALUD');
  assert.deepEqual(await rows('by-diagnosis'), ['J459 — ASMA, NO ESPECIFICADO2', 'K02X — No está en la tabla CIE10 de SISPRO1']);
  assert.deepEqual(await rows('by-place'), ['76001 — SANTIAGO DE CALI (VALLE DEL CAUCA)2', '05999 — No está en la tabla DIVIPOLA1']);
  // Each finding's message, in the detail of its row.
  let messages = '';
  for (const row of await feb.locator('.diagnostics [role="row"]').all()) {
    await row.click();
    messages += await feb.locator('.finding-detail').textContent();
  }
  assert.match(messages, /RNSE-MUNICIPIO-TABLA/);
  assert.match(messages, /no está en la tabla CIE10 de SISPRO \(exportación del 23\/11\/2025/);
  // Both months, side by side.
  const months = (await page.locator('table.by-month-all tbody tr').allTextContents()).map((t) => t.trim());
  assert.deepEqual(months, ['enero de 202021', 'febrero de 202031']);
  // The JSON the page gives is the CLI's, summary included.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Descargar el informe (JSON, para sistemas)')]);
  const json = readFileSync(await download.path(), 'utf8');
  assert.equal(json, cli(['check', '--format', 'json', JANUARY, 'REC140RNSE20200229NI000860999123.TXT'], dir).stdout);
  assert.match(json, /"denials":\{"denied":3/);
  assert.deepEqual(requests.slice(loaded), []);
  assert.deepEqual(errors, []);
  rmSync(dir, { recursive: true });
  await context.close();
});

test('a 200 MB query (10 million records) is checked without the tab failing, and the page answers a click within 200 ms meanwhile', async () => {
  const n = 10_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const path = join(dir, NAME);
  // Written in blocks: one string of 200 MB would be heavy for the test itself. Passports
  // (letters allowed, under 17 characters) make each record 20 bytes.
  const block = Array.from({ length: 100_000 }, (_, i) => `2,PA,AB${10_000_000_000 + i}\r\n`).join('');
  const fd = openSync(path, 'w');
  writeSync(fd, `1,014-18,2015-05-01,2015-05-31,${n},${NAME}\r\n`);
  for (let i = 0; i < n / 100_000; i++) writeSync(fd, block);
  closeSync(fd);
  assert.ok(statSync(path).size > 200e6);
  const { page, errors, context } = await openPage();
  // Every text the progress shows, kept from the start: the check may end before the test
  // gets to look at it.
  await page.evaluate(() => {
    window.progressTexts = [];
    new MutationObserver(() => {
      const text = document.querySelector('.progress')?.textContent;
      if (text) window.progressTexts.push(text);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.setInputFiles('#archivos', path);
  await page.waitForSelector('.progress', { timeout: 20000 });
  // Measured in the page: from the moment the browser took the click (the event's time stamp)
  // to the moment the answer is in the document; the test runner's own delays do not count.
  await page.evaluate(() => {
    window.clickAt = null;
    window.answeredAt = null;
    document.addEventListener('click', (e) => { window.clickAt ??= e.timeStamp; }, { capture: true });
    new MutationObserver(() => {
      if (document.getElementById('como-comprobar')) window.answeredAt ??= performance.now();
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.click('a.how');
  await page.waitForSelector('#como-comprobar', { timeout: 2000 });
  const answered = await page.evaluate(() => window.answeredAt - window.clickAt);
  console.log(`# click answered in ${answered.toFixed(0)} ms while checking`);
  assert.ok(answered < 200, `the page answered in ${answered} ms`);
  assert.ok(await page.locator('.progress').isVisible(), 'still checking');
  await page.waitForSelector('.verdict', { timeout: 180000 });
  // The progress told how long was left once it could tell.
  const texts = await page.evaluate(() => window.progressTexts);
  assert.ok(texts.some((t) => /quedan unos \d+ (s|min)/.test(t)), `no estimate among ${texts.length} progress texts`);
  assert.equal(await page.textContent('.verdict'), 'Válido');
  assert.equal(await page.textContent('.records'), '10\u00a0000\u00a0001 registros leídos');
  assert.deepEqual(errors, []);
  await context.close();
  rmSync(dir, { recursive: true });
});
