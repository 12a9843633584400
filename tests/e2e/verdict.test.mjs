// The verdict in view and in words, in headless Chromium: after a check the result is right
// under the drop zone, scrolled into view with its heading focused, on a phone and on a desktop
// with both builders open; a live region, there from the start, says it; several files get one
// line; what went wrong is told with the catalogue's titles and the lines; no text is cut; the
// findings are a table for assistive technology that the keyboard moves through, and cards on a
// phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, served } from './harness.mjs';

const NAME = 'RUA250SMCS20150601NI000860999123CO014-18.TXT';
const fixture = (dir) => join(ROOT, 'tests', 'fixtures', dir, NAME);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

const env = served();

async function openAt(viewport) {
  const context = await env.browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(env.server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  return { context, page, errors };
}

/** A query file in a fresh folder: its control record, then `details` as they are. */
function queryWith(details) {
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const path = join(dir, NAME);
  writeFileSync(path, `1,014-18,2015-05-01,2015-05-31,${details.length},${NAME}\r\n` + details.map((d) => `${d}\r\n`).join(''));
  return { dir, path };
}

/** The verdict's box and the viewport, and what has the focus. */
async function inView(page) {
  return page.evaluate(() => {
    const box = document.querySelector('.verdict').getBoundingClientRect();
    const focused = document.activeElement;
    return {
      inside: box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth,
      box: [box.top, box.bottom, window.innerHeight],
      focusedHeading: focused?.tagName === 'H2' && focused.closest('article.file') === document.querySelector('article.file'),
      focused: focused?.outerHTML.slice(0, 80),
    };
  });
}

test('the verdict in view on a phone: scrolled to, its heading focused, said by the live region there from the start', async () => {
  const { context, page, errors } = await openAt(PHONE);
  const live = page.locator('[aria-live="polite"]#anuncio');
  assert.equal(await live.count(), 1, 'the live region is in the page before any file');
  assert.equal((await live.textContent()).trim(), '');
  await page.setInputFiles('#archivos', fixture('total-no-coincide'));
  await page.waitForSelector('.verdict', { timeout: 20000 });
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  const seen = await inView(page);
  assert.ok(seen.inside, `verdict inside the viewport: ${seen.box}`);
  assert.ok(seen.focusedHeading, `focus on the result's heading, not ${seen.focused}`);
  assert.equal(await page.getAttribute('article.file h2', 'tabindex'), '-1');
  // Which the page scrolled to: the drop zone, above, is out of view.
  assert.ok(await page.evaluate(() => window.scrollY > 0), 'the page scrolled');
  assert.equal(await live.textContent(), `${NAME}: No válido: 2 errores, 0 advertencias`);
  // The card's verdict does not announce itself a second time.
  assert.equal(await page.locator('.verdict[role="status"]').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the verdict in view on a desktop with both builders open, which now come after the results', async () => {
  const { context, page, errors } = await openAt(DESKTOP);
  await page.evaluate(() => document.querySelectorAll('details.builder').forEach((d) => { d.open = true; }));
  assert.equal(await page.locator('details.builder[open]').count(), 2);
  await page.setInputFiles('#archivos', fixture('defectos-de-texto'));
  await page.waitForSelector('.verdict', { timeout: 20000 });
  await page.waitForFunction(() => document.activeElement?.tagName === 'H2');
  const seen = await inView(page);
  assert.ok(seen.inside, `verdict inside the viewport: ${seen.box}`);
  assert.ok(seen.focusedHeading, `focus on the result's heading, not ${seen.focused}`);
  const order = await page.evaluate(() => {
    const results = document.querySelector('.results');
    const builder = document.querySelector('details.builder');
    return results.compareDocumentPosition(builder) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, 'the builders come after the results');
  assert.deepEqual(errors, []);
  await context.close();
});

test('several files: one line at the top says how many are valid, and the live region says it', async () => {
  const { context, page } = await openAt(DESKTOP);
  await page.setInputFiles('#archivos', [fixture('valido'), fixture('defectos-de-texto'), fixture('total-no-coincide')]);
  await page.locator('article.file').nth(2).waitFor({ timeout: 20000 });
  assert.equal(await page.textContent('.results .overall'), '3 archivos: 1 válido, 2 no válidos');
  assert.equal(await page.textContent('#anuncio'), '3 archivos: 1 válido, 2 no válidos');
  assert.equal(await page.textContent('.results .covers'), 'Informe de 3 archivos');
  await page.setInputFiles('#archivos', [fixture('valido'), fixture('valido')]);
  await page.waitForFunction(() => document.querySelector('.results .overall')?.textContent === '2 archivos: 2 válidos');
  assert.equal(await page.textContent('#anuncio'), '2 archivos: 2 válidos');
  // One file: no line of several, and the downloads name it.
  await page.setInputFiles('#archivos', fixture('valido'));
  await page.waitForFunction(() => document.querySelectorAll('article.file').length === 1 && !document.querySelector('.overall'));
  assert.equal(await page.textContent('.results .covers'), `Informe de ${NAME}`);
  assert.equal(await page.textContent('#anuncio'), `${NAME}: Válido`);
  assert.deepEqual(await page.locator('.downloads button').allTextContents(), [
    'Descargar el informe (JSON, para sistemas)',
    'Descargar la lista de hallazgos (Excel/CSV)',
  ]);
  await context.close();
});

test('what went wrong: the catalogue titles with their lines, the code in small type, and nothing cut', async () => {
  // A type of document not allowed on line 2, document numbers too short on lines 3 and 4;
  // then twelve too short, for «12 veces: líneas … y más».
  const { dir, path } = queryWith(['2,XX,12345678', '2,CC,1', '2,CC,2']);
  const many = queryWith(Array.from({ length: 12 }, () => '2,CC,1'));
  const { context, page, errors } = await openAt(DESKTOP);
  await page.setInputFiles('#archivos', path);
  await page.waitForSelector('.wrong-list li', { timeout: 20000 });
  const items = (await page.locator('.wrong-list li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.deepEqual(items, [
    'Valor no permitido en el campo — línea 2 CAMPO-VALOR',
    'Número de documento con longitud incorrecta — líneas 3 y 4 SMCS-DOC-LONGITUD',
  ]);
  assert.equal(await page.textContent('.wrong h3'), 'Qué está mal');
  const small = await page.locator('.wrong-list small.code').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const body = await page.locator('.wrong-title').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(small < body, `the code is in small type (${small} px against ${body} px)`);

  await page.setInputFiles('#archivos', many.path);
  await page.waitForFunction(() => /veces/.test(document.querySelector('.wrong-list li')?.textContent ?? ''));
  const item = (await page.locator('.wrong-list li').first().innerText()).replace(/\s+/g, ' ').trim();
  assert.equal(item, 'Número de documento con longitud incorrecta — 12 veces: líneas 2, 3, 4, 5, 6 y más SMCS-DOC-LONGITUD');

  // Nothing in the results is cut with an ellipsis.
  const cut = await page.evaluate(() =>
    [...document.querySelectorAll('.results *')]
      .filter((el) => getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth)
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(cut, []);
  // Nor hidden past a cell's edge: every cell's text fits its cell.
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll('.results [role="cell"]')]
      .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(overflowing, []);
  assert.deepEqual(errors, []);
  await context.close();
  rmSync(dir, { recursive: true });
  rmSync(many.dir, { recursive: true });
});

test('the findings are a table for assistive technology, and the keyboard moves through its rows', async () => {
  const { context, page, errors } = await openAt(DESKTOP);
  await page.setInputFiles('#archivos', fixture('defectos-de-texto'));
  await page.waitForSelector('.diagnostics [role="row"]', { timeout: 20000 });
  const table = page.locator('.findings-scroll');
  assert.equal(await table.getAttribute('role'), 'table');
  assert.match(await table.getAttribute('aria-label'), /^Hallazgos de RUA250SMCS/);
  assert.equal(await table.getAttribute('tabindex'), '0');
  const headers = await page.locator('.findings-scroll [role="columnheader"]').allTextContents();
  assert.deepEqual(headers, ['Línea', 'Campo', 'Valor encontrado', 'Código', 'Qué está mal']);
  const total = Number(await table.getAttribute('aria-rowcount'));
  assert.equal(total, 9, 'eight findings and the header row');
  assert.equal(await page.locator('.diagnostics [role="row"]').first().getAttribute('aria-rowindex'), '2');
  assert.equal(await page.locator('.diagnostics [role="row"]').first().locator('[role="cell"]').count(), 5);
  // Chromium's accessibility tree sees a table whose cells have column names.
  const snapshot = await page.locator('.findings-scroll').ariaSnapshot();
  assert.match(snapshot, /- '?table "Hallazgos de RUA250SMCS/);
  for (const name of headers) assert.match(snapshot, new RegExp(`- columnheader "${name}"`));
  assert.match(snapshot, /- row "1 4 · Total de registros relacionados en el archivo 4 SMCS-CTL-TOTAL El total del registro de control no coincide"/);
  assert.match(snapshot, /- cell "SMCS-CTL-TOTAL"/);
  // The keyboard: Tab reaches the region; ArrowDown, ArrowDown moves to the second row; Enter
  // opens it in the detail.
  await table.focus();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('findings-scroll')), true);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-rowindex') === '3');
  const second = await page.evaluate(() => document.activeElement.querySelector('.code').textContent);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.finding-detail');
  assert.match(await page.textContent('.finding-detail'), new RegExp(second));
  assert.match(await page.textContent('.finding-detail .finding-message'), /\S/);
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-rowindex') === '2');
  // Tab reaches the region in the page's order: from the severity filter just before it.
  await page.locator('.filters select').nth(1).focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('role')), 'table');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone each finding is a card, and nothing is wider than the screen', async () => {
  const { context, page, errors } = await openAt(PHONE);
  // The builders open too: their forms fit the screen as well.
  await page.evaluate(() => document.querySelectorAll('details.builder').forEach((d) => { d.open = true; }));
  await page.setInputFiles('#archivos', fixture('defectos-de-texto'));
  await page.waitForSelector('.diagnostics [role="row"]', { timeout: 20000 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width} px wide`);
  // The second finding, the control record's total, has a field and a value.
  const card = page.locator('.diagnostics [role="row"]').nth(1);
  const box = await card.boundingBox();
  assert.ok(box.width <= 390 && box.height >= 150, `a card, not a squeezed row: ${JSON.stringify(box)}`);
  // Each card shows where, the field, the value and what is wrong, labelled.
  const labels = await card.locator('[role="cell"]').evaluateAll((cells) =>
    cells.map((c) => getComputedStyle(c, '::before').content),
  );
  assert.deepEqual(labels.filter((l) => l !== 'none' && l !== 'normal'), ['"Línea: "', '"Campo: "', '"Valor encontrado: "']);
  const cells = await card.locator('[role="cell"]').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
  assert.ok(cells.every((w) => w > 0 && w <= 390), `cells within the screen: ${cells}`);
  // Nothing cut in a card either.
  const overflowing = await page.evaluate(() =>
    [...document.querySelectorAll('.results [role="cell"]')]
      .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(overflowing, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('long values and field names wrap whole in rows of one height, on a desktop, a laptop, a tablet and a phone', async () => {
  // A denied-services report whose lines are wrong as a whole: the value shown is the line's
  // first 80 characters (text::display), the longest a value gets.
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const path = join(dir, 'REC140RNSE20200131NI000860999123.TXT');
  const detail = (n) => `2|${n}|EPS001|NI|900123456|110010123401|05001|CC|1234567${n}|RC|M|1980-05-17|1|J459|||M|ACIDO VALPROICO|1||1|101|`;
  writeFileSync(path, [
    '1|NI|860999123|EPS001|2020-01-01|2020-01-31|3|RC',
    detail(1).replaceAll('|', ';'),
    'x'.repeat(300),
    `2|3|EPS001|NI|900123456|110010123401|05001|CC|${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(3)}|RC|M|1980-05-17|1|J459|||M|ACIDO|1||1|101|`,
    '',
  ].join('\r\n'));
  for (const viewport of [DESKTOP, { width: 1024, height: 768 }, { width: 768, height: 1024 }, PHONE]) {
    const { context, page, errors } = await openAt(viewport);
    await page.setInputFiles('#archivos', path);
    await page.waitForSelector('.diagnostics [role="row"]', { timeout: 20000 });
    const longest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.diagnostics .value')].map((v) => v.textContent.length)));
    assert.ok(longest >= 80, `a value of ${longest} characters`);
    const overflowing = await page.evaluate(() =>
      [...document.querySelectorAll('.results [role="cell"], .diagnostics [role="row"]')]
        .filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(overflowing, [], `at ${viewport.width} px`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), `no sideways scroll at ${viewport.width} px`);
    assert.deepEqual(errors, []);
    await context.close();
  }
  rmSync(dir, { recursive: true });
});
