// Keyboard-only walk-throughs, in headless Chromium: checking a file, reading a finding,
// building a supervivencia query and an InSSSeP dental budget with nothing but the keys a person
// without a mouse uses (Tab, Shift+Tab, Enter, Space, the arrows, Escape, and typing). The only
// thing not done by the keyboard is answering the operating system's file dialog, once the
// keyboard has opened it. Each walk-through says how many Tab presses each step took, to tell
// whether the page's order is sensible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, openPage, served } from './harness.mjs';

const env = served();
const NAME = 'RUA250SMCS20150601NI000860999123CO014-18.TXT';
const fixture = (dir) => join(ROOT, 'tests', 'fixtures', dir, NAME);
const DESKTOP = { viewport: { width: 1366, height: 900 } };

/**
 * The page, ready, with the file dialog answered by Playwright from the start: Playwright asks
 * the browser to hand it file dialogs only once something listens for them, and that request
 * can arrive after an Enter that opens one (Enter opens a file input on keypress, at once), so
 * the dialog would be lost. Listening before any key is pressed closes that race.
 */
async function open() {
  const opened = await openPage(env, DESKTOP);
  opened.page.on('filechooser', () => {});
  await opened.page.evaluate(() => 0);
  return opened;
}

/** What has the focus, in a few words, for the messages. */
const focused = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    if (!e) return 'nothing';
    const text = (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return `<${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className ? `.${String(e.className).replace(/ /g, '.')}` : ''}> «${text}»`;
  });

const isFocused = (page, selector) => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/**
 * Presses `key` (Tab unless told) until the focus is on `selector`, at most `max` times; the
 * number of presses it took and where the focus stopped on the way. Fails, saying where the focus went, if it never gets there.
 */
async function pressTo(page, selector, { key = 'Tab', max = 60 } = {}) {
  const path = [];
  if (await isFocused(page, selector)) return { n: 0, path };
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press(key);
    if (await isFocused(page, selector)) return { n, path };
    path.push(await focused(page));
  }
  assert.fail(`${selector} not reached with ${max} × ${key}; the focus went through:\n  ${path.join('\n  ')}`);
}

/** The step counts of one walk-through, printed at its end. */
function steps(t) {
  const counts = [];
  return {
    async tab(label, page, selector, options) {
      const { n, path } = await pressTo(page, selector, options);
      counts.push(`${label}: ${n} × ${options?.key ?? 'Tab'}${path.length ? ` (through ${path.join(', ')})` : ''}`);
      return n;
    },
    note(label) {
      counts.push(label);
    },
    print() {
      const text = `${t.name}\n    ${counts.join('\n    ')}`;
      console.log(`# ${text}`);
    },
  };
}

/** Opens the focused file input (or its label) with `key` and answers the dialog with `files`. */
async function choose(page, files, key = 'Enter') {
  const chooser = page.waitForEvent('filechooser', { timeout: 5000 });
  await page.keyboard.press(key);
  await (await chooser).setFiles(files);
}

/** From the page as loaded: Tab to the drop zone's file input, open it, choose the defective file. */
async function checkFile(page, log) {
  await log.tab('page loaded → file chooser (#archivos)', page, '#archivos');
  await choose(page, fixture('total-no-coincide'));
  await page.waitForSelector('.verdict', { timeout: 20000 });
  await page.waitForFunction(() => document.activeElement?.matches('article.file h2'), null, { timeout: 5000 });
}

test('keyboard only: check a file, the focus on the result, the verdict «No válido»', async (t) => {
  const { context, page } = await open();
  const log = steps(t);
  await checkFile(page, log);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), NAME);
  assert.equal(await isFocused(page, 'article.file h2'), true, `focus on the result's heading, not ${await focused(page)}`);
  assert.match(await page.textContent('.verdict'), /^No válido/);
  log.print();
  await context.close();
});

test('keyboard only: from the verdict to the findings table, down to a row, its detail by Enter', async (t) => {
  const { context, page } = await open();
  const log = steps(t);
  await checkFile(page, log);
  await log.tab('result heading → findings table', page, '.findings-scroll[role="table"]');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-rowindex') === '2', null, { timeout: 5000 });
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-rowindex') === '3', null, { timeout: 5000 });
  log.note('table → second row: 2 × ArrowDown');
  const code = await page.evaluate(() => document.activeElement.querySelector('.code').textContent);
  assert.equal(code, 'SMCS-DOC-LONGITUD');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.finding-detail', { timeout: 5000 });
  const detail = await page.textContent('.finding-detail');
  assert.match(detail, /SMCS-DOC-LONGITUD/);
  assert.match(await page.textContent('.finding-detail .finding-message'), /\S/);
  assert.match(detail, /Res\. 1537\/2015/, 'the detail cites the annex');
  // The focus stays on the row, so the arrows go on from there.
  assert.equal(await isFocused(page, '[role="row"][aria-rowindex="3"]'), true, `focus on the row, not ${await focused(page)}`);
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-rowindex') === '2', null, { timeout: 5000 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /SMCS-CTL-TOTAL/.test(document.querySelector('.finding-detail')?.textContent ?? ''), null, { timeout: 5000 });
  assert.match(await page.textContent('.finding-detail .finding-message'), /^El total de registros \(5\) no coincide/);
  log.print();
  await context.close();
});

test('keyboard only: build a supervivencia query from a list file', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const list = join(dir, 'personas.csv');
  writeFileSync(list, 'Tipo;Número\r\nCC;12345678\r\nTI;1002003004\r\n');
  const { context, page } = await open();
  const log = steps(t);
  await log.tab('page loaded → «Construir una consulta de supervivencia»', page, 'details.builder summary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#b-nit', { state: 'visible', timeout: 5000 });
  await log.tab('summary → NIT', page, '#b-nit');
  await page.keyboard.type('860.999.123');
  await log.tab('NIT → código de la entidad', page, '#b-entidad');
  await page.keyboard.type('014-18');
  await log.tab('entidad → fecha de la consulta', page, '#b-fecha');
  // Debian's headless Chromium shows dates as mm/dd/aaaa whatever the context's locale: the
  // digits go month, day, year, each part moving on to the next when full.
  await page.keyboard.type('06012015');
  await log.tab('fecha → período desde (past the date\'s own parts)', page, '#b-desde');
  await page.keyboard.type('05012015');
  await log.tab('desde → hasta', page, '#b-hasta');
  await page.keyboard.type('05312015');
  assert.deepEqual(
    await page.evaluate(() => ['#b-fecha', '#b-desde', '#b-hasta'].map((s) => document.querySelector(s).value)),
    ['2015-06-01', '2015-05-01', '2015-05-31'],
    'the typed dates',
  );
  await log.tab('hasta → list file chooser (#b-archivo)', page, '#b-archivo');
  await choose(page, list);
  await page.waitForSelector('.builder .loaded', { timeout: 20000 });
  assert.equal(await page.textContent('.builder .loaded'), 'Lista tomada de personas.csv: 2 filas.');
  await log.tab('list file → «Construir el archivo»', page, '#b-construir');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.built', { timeout: 20000 });
  assert.equal(await page.textContent('.built'), `Listo: ${NAME} con 2 personas.`);
  log.print();
  rmSync(dir, { recursive: true });
  await context.close();
});

test('keyboard only: a dental budget on the InSSSeP tab, a practice on a tooth and a face', async (t) => {
  const { context, page } = await open();
  const log = steps(t);
  await log.tab('page loaded → tab bar', page, '[role="tab"][aria-selected="true"]');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await isFocused(page, '#pestana-insssep[aria-selected="true"]'), true, `the InSSSeP tab chosen and focused, not ${await focused(page)}`);
  await page.waitForSelector('#d-prestador', { state: 'visible' });
  log.note('tab bar → InSSSeP: 2 × ArrowRight');
  const fields = [
    ['#d-prestador', 'ODONTOLOGO DE PRUEBA'],
    ['#d-colegio', 'COLEGIO DE ODONTOLOGOS'],
    ['#d-facturacion', '333'],
    ['#d-credencial', '354495'],
    ['#d-afiliado', 'AFILIADO DE PRUEBA DE SISTEMAS'],
    ['#d-edad', '58'],
  ];
  let from = 'InSSSeP tab';
  for (const [id, text] of fields) {
    await log.tab(`${from} → ${id}`, page, id);
    await page.keyboard.type(text);
    from = id;
  }
  await log.tab(`${from} → diagnosis search`, page, '#d-diag-buscar');
  await page.keyboard.type('caries dental');
  await page.waitForSelector('.d-diag-results button[data-code="K029"]', { timeout: 5000 });
  await log.tab('diagnosis search → K029 in the results', page, '.d-diag-results button[data-code="K029"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /K029/.test(document.querySelector('#d-diag-elegido')?.textContent ?? ''), null, { timeout: 5000 });
  assert.equal((await page.textContent('#d-diag-elegido')).trim(), 'DefinitivoK029Caries dental, no especificada');
  // Where the focus went once the result it was on disappeared: the next Tab must go on from the
  // diagnosis, not from the top of the page.
  // The chosen result leaves the page with the search results: the focus goes back to the search.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'd-diag-buscar');
  log.note(`after choosing K029 the focus is on ${await focused(page)}`);
  await log.tab('K029 chosen → practice', page, '#d-practica');
  // A closed select: typing the start of an option chooses it.
  await page.keyboard.type('20800');
  await page.waitForFunction(() => document.querySelector('#d-practica').value === '20800', null, { timeout: 5000 });
  await page.waitForFunction(() => /requiere diente y cara/.test(document.querySelector('.d-needs')?.textContent ?? ''), null, { timeout: 5000 });
  await log.tab('practice → faces (the group\'s one stop)', page, '.d-faces .d-face');
  assert.equal(await isFocused(page, '#d-cara-O'), true, `first face Oclusal, not ${await focused(page)}`);
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#d-cara-O', 'aria-pressed'), 'true');
  await log.tab('faces → odontogram (the grid\'s one stop)', page, '.d-odontogram .d-tooth');
  assert.equal(await isFocused(page, '#d-diente-18'), true, `the grid starts at 18, not ${await focused(page)}`);
  await page.keyboard.press('ArrowRight');
  assert.equal(await isFocused(page, '#d-diente-17'), true, `ArrowRight from 18 to 17, not ${await focused(page)}`);
  await page.keyboard.press('Space');
  assert.equal(await page.getAttribute('#d-diente-17', 'aria-pressed'), 'true');
  log.note('odontogram 18 → 17: 1 × ArrowRight, then Space');
  assert.equal(await page.textContent('.d-selection'), 'Dientes elegidos: 17. Caras: O.');
  await log.tab('odontogram → «Cargar práctica»', page, '#d-cargar');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#d-mensaje .d-done', { timeout: 5000 });
  assert.equal(await page.textContent('#d-mensaje .d-done'), 'Se cargó: 20800 COMPOSITE - Diente:17 Cara:O.');
  const rows = await page.locator('#d-lista tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].slice(0, 4).map((c) => c.textContent)));
  assert.deepEqual(rows, [['20800', 'COMPOSITE', '17', 'O']]);
  log.print();
  await context.close();
});
