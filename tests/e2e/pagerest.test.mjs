// The rest of the page (issue 20), in headless Chromium: the tabs as WAI-ARIA tabs (arrows,
// roving tabindex, panels named) that survive a reload, served and from disk; no tab wider
// than a 390-px phone; the odontogram one tab stop moved with the arrows; a focus ring of at
// least 3:1; «Borrar todo» asks first; the empty budget shows no error before it is touched;
// the builders' messages; «Preparar envío» gives no upload steps for a file with errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, openPage, served } from './harness.mjs';

const env = served();
const TABS = ['colombia', 'sssalud', 'insssep'];

/** The tabs' state: which is selected, each tabindex, the focused element's id. */
const tabState = (page) => page.evaluate(() => ({
  selected: [...document.querySelectorAll('[role=tab]')].filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.id),
  tabindex: [...document.querySelectorAll('[role=tab]')].map((t) => t.getAttribute('tabindex')),
  focused: document.activeElement?.id,
}));

test('the tabs follow the WAI-ARIA tab pattern: arrows, Home, End, roving tabindex, panels named both ways', async () => {
  const { context, page, requests, loaded } = await openPage(env);
  // Each tab controls a panel that names it back.
  for (const t of TABS) {
    const panel = await page.evaluate((id) => {
      const tab = document.getElementById(`pestana-${id}`);
      const p = document.getElementById(tab.getAttribute('aria-controls'));
      return p && { role: p.getAttribute('role'), labelledby: p.getAttribute('aria-labelledby') };
    }, t);
    assert.deepEqual(panel, { role: 'tabpanel', labelledby: `pestana-${t}` }, `the panel of ${t}`);
  }
  assert.deepEqual(await page.locator('[role=tablist]').count(), 1);
  assert.deepEqual((await tabState(page)).tabindex, ['0', '-1', '-1'], 'only the selected tab is a tab stop');
  await page.focus('#pestana-colombia');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual(await tabState(page), { selected: ['pestana-sssalud'], tabindex: ['-1', '0', '-1'], focused: 'pestana-sssalud' });
  assert.equal(await page.isVisible('#panel-sssalud'), true);
  assert.equal(await page.isVisible('#panel-colombia'), false);
  await page.keyboard.press('End');
  assert.deepEqual(await tabState(page), { selected: ['pestana-insssep'], tabindex: ['-1', '-1', '0'], focused: 'pestana-insssep' });
  await page.keyboard.press('ArrowRight');
  assert.equal((await tabState(page)).focused, 'pestana-colombia', 'ArrowRight on the last tab goes round to the first');
  await page.keyboard.press('ArrowLeft');
  assert.equal((await tabState(page)).focused, 'pestana-insssep', 'and ArrowLeft on the first to the last');
  await page.keyboard.press('Home');
  assert.deepEqual(await tabState(page), { selected: ['pestana-colombia'], tabindex: ['0', '-1', '-1'], focused: 'pestana-colombia' });
  // Tab leaves the tab list for the panel: one tab stop for the three tabs.
  await page.keyboard.press('Tab');
  assert.ok(!(await page.evaluate(() => document.activeElement.getAttribute('role') === 'tab')), 'Tab leaves the tabs');

  // The tab chosen survives a reload, in the address's fragment.
  await page.click('#pestana-sssalud');
  assert.equal(new URL(page.url()).hash, '#sssalud');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.deepEqual((await tabState(page)).selected, ['pestana-sssalud']);
  assert.equal(await page.isVisible('#ss-envio'), true);
  // «Borrar todo» leaves the tab where it is.
  await page.click('button.clear');
  await page.click('button.clear-yes');
  assert.deepEqual((await tabState(page)).selected, ['pestana-sssalud']);
  assert.deepEqual(requests.slice(loaded).filter((u) => !u.startsWith(env.server.url)), [], 'nothing to another origin');
  await context.close();
});

test('the tab chosen survives a reload of planos.html opened from disk', async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(pathToFileURL(join(ROOT, 'dist', 'planos.html')).href);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  await page.focus('#pestana-colombia');
  await page.keyboard.press('ArrowLeft');
  assert.equal(new URL(page.url()).hash, '#insssep');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  assert.deepEqual((await tabState(page)).selected, ['pestana-insssep']);
  assert.equal(await page.isVisible('#d-cargar'), true);
  await context.close();
});

test('on a 390 × 844 phone no tab makes the page wider than the screen', async () => {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(env.server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  /** What sticks out past the screen's right edge (for the message), and the page's width. */
  const width = () => page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > 391 && e.checkVisibility() && !e.closest('.d-scroll, .list-preview'))
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
  }));
  for (const t of TABS) {
    await page.click(`#pestana-${t}`);
    const w = await width();
    assert.ok(w.width <= 390, `${t}: ${w.width} px wide: ${w.wide.join('; ')}`);
  }
  // The dental tab with a budget in it: the list of practices, the receipt, the consumption list.
  await page.click('#pestana-insssep');
  await page.selectOption('#d-practica', '100100');
  await page.click('#d-diente-18');
  await page.click('#d-cargar');
  await page.selectOption('#d-practica', '20800');
  await page.locator('#d-diente-28').scrollIntoViewIfNeeded();
  await page.click('#d-diente-28');
  await page.click('#d-cara-O');
  await page.click('#d-cargar');
  assert.equal(await page.locator('#d-lista tbody tr').count(), 2);
  await page.click('#d-csv');
  const w = await width();
  assert.ok(w.width <= 390, `a budget: ${w.width} px wide: ${w.wide.join('; ')}`);
  // The «Práctica» select fits in its box.
  const select = await page.locator('#d-practica').boundingBox();
  assert.ok(select.x + select.width <= 390, `the select ends at ${select.x + select.width}`);
  // SSSalud with its common errors listed.
  await page.click('#pestana-sssalud');
  await page.fill('#ss-errores-buscar', '530');
  const s = await width();
  assert.ok(s.width <= 390, `SSSalud: ${s.width} px wide: ${s.wide.join('; ')}`);
  await context.close();
});

test('the odontogram is one tab stop; the arrows move between teeth and faces, Enter and Space choose', async () => {
  const { context, page } = await openPage(env);
  await page.click('#pestana-insssep');
  const stops = () => page.locator('.d-odontogram button[tabindex="0"]').evaluateAll((bs) => bs.map((b) => b.id));
  assert.deepEqual(await stops(), ['d-diente-18']);
  assert.equal(await page.locator('.d-odontogram button:not([tabindex="-1"])').count(), 1, 'every other tooth is out of the tab order');
  const focused = () => page.evaluate(() => document.activeElement.id);
  await page.focus('#d-diente-18');
  for (const [key, tooth] of [['ArrowRight', 17], ['ArrowDown', 47], ['End', 38], ['ArrowDown', 65], ['ArrowLeft', 64],
    ['Home', 55], ['ArrowUp', 45], ['ArrowUp', 15], ['ArrowUp', 15], ['Home', 18], ['ArrowLeft', 18]]) {
    await page.keyboard.press(key);
    assert.equal(await focused(), `d-diente-${tooth}`, `${key} goes to ${tooth}`);
  }
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute('#d-diente-17', 'aria-pressed'), 'true', 'Enter chooses the tooth');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('#d-diente-47', 'aria-pressed'), 'true', 'Space chooses the tooth');
  await page.keyboard.press(' ');
  assert.equal(await page.getAttribute('#d-diente-47', 'aria-pressed'), 'false', 'and again leaves it');
  assert.deepEqual(await stops(), ['d-diente-47'], 'the tab stop is the tooth last reached');
  assert.match(await page.textContent('.d-selection'), /Dientes elegidos: 17\./);
  // Tab leaves the grid; Shift+Tab comes back to the same tooth.
  await page.keyboard.press('Tab');
  assert.ok(!(await focused()).startsWith('d-diente-'), `Tab leaves the grid (${await focused()})`);
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'd-diente-47');
  // The faces: one tab stop too.
  assert.equal(await page.locator('.d-faces button[tabindex="0"]').count(), 1);
  await page.focus('#d-cara-O');
  await page.keyboard.press('ArrowRight');
  const face = await focused();
  assert.ok(face.startsWith('d-cara-') && face !== 'd-cara-O', face);
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute(`#${face}`, 'aria-pressed'), 'true');
  await context.close();
});

/** sRGB relative luminance and the WCAG contrast ratio of two `rgb(…)` colours. */
function ratio(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const x = Number(v) / 255;
      return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('the focus ring is a solid outline with at least 3:1 contrast against what is behind it', async () => {
  const { context, page } = await openPage(env);
  /** The focused element's outline, and the background it is drawn on (its parent's, since the
   * ring stands off the element). */
  const ring = () => page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    let bg = 'rgba(0, 0, 0, 0)';
    for (let p = el.parentElement; p; p = p.parentElement) {
      const c = getComputedStyle(p).backgroundColor;
      if (!/rgba\(.*, 0\)$/.test(c) && c !== 'transparent') { bg = c; break; }
    }
    if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)';
    return { id: el.id, style: s.outlineStyle, width: parseFloat(s.outlineWidth), offset: parseFloat(s.outlineOffset), color: s.outlineColor, bg, visible: el.matches(':focus-visible') };
  });
  await page.focus('#pestana-colombia');
  await page.keyboard.press('ArrowRight');
  const checks = [await ring()];
  await page.click('#pestana-insssep');
  await page.focus('#d-diente-18');
  await page.keyboard.press('ArrowRight');
  checks.push(await ring());
  await page.keyboard.press('Tab');
  checks.push(await ring());
  for (const r of checks) {
    assert.ok(r.visible, `${r.id} shows its focus`);
    assert.equal(r.style, 'solid', `${r.id}: ${JSON.stringify(r)}`);
    assert.ok(r.width >= 2, `${r.id}: ${r.width}px`);
    const contrast = ratio(r.color, r.bg);
    assert.ok(contrast >= 3, `${r.id}: ${r.color} on ${r.bg} is ${contrast.toFixed(2)}:1`);
  }
  await context.close();
});

test('«Borrar todo» asks first: Cancelar and Escape keep the budget and the result, «Sí, borrar» erases', async () => {
  const { context, page } = await openPage(env);
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const file = join(dir, 'negaciones.txt');
  writeFileSync(file, '1|NI|860999123|EPS001|2020-01-01|2020-01-31|5|RC\n');
  await page.setInputFiles('#archivos', file);
  await page.waitForSelector('.verdict', { timeout: 20000 });
  rmSync(dir, { recursive: true });
  await page.click('#pestana-insssep');
  await page.fill('#d-credencial', '354495');
  await page.click('button.clear');
  assert.equal(await page.isVisible('.confirm-clear'), true);
  assert.match(await page.textContent('.confirm-clear'), /¿Borrar todo\?/);
  await page.waitForFunction(() => document.activeElement?.id === 'borrar-no');
  await page.click('button.clear-no');
  assert.equal(await page.locator('.confirm-clear').count(), 0);
  assert.equal(await page.inputValue('#d-credencial'), '354495', 'Cancelar keeps the budget');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'borrar-todo');
  await page.click('button.clear');
  await page.waitForFunction(() => document.activeElement?.id === 'borrar-no');
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('.confirm-clear').count(), 0);
  assert.equal(await page.inputValue('#d-credencial'), '354495', 'Escape keeps the budget');
  await page.click('#pestana-colombia');
  assert.equal(await page.locator('.verdict').count(), 1, 'and the result');
  await page.click('button.clear');
  await page.click('button.clear-yes');
  assert.equal(await page.locator('.verdict').count(), 0);
  assert.equal(await page.textContent('.cleared'), 'Se borró todo.');
  await page.click('#pestana-insssep');
  assert.equal(await page.inputValue('#d-credencial'), '');
  await context.close();
});

test('the empty budget shows no error until a field is left or the budget printed or downloaded', async () => {
  const { context, page } = await openPage(env);
  await page.click('#pestana-insssep');
  assert.equal(await page.locator('.dental .d-refused').count(), 0, 'no error on the empty form');
  assert.match(await page.textContent('#d-revision'), /aquí verá lo que falte/);
  await page.focus('#d-prestador');
  await page.keyboard.press('Tab');
  assert.deepEqual(await page.locator('#d-revision .d-refused li').allTextContents(), ['Falta el nombre del prestador.']);
  await Promise.all([page.waitForEvent('download'), page.click('#d-csv')]);
  assert.deepEqual(await page.locator('#d-revision .d-refused li').allTextContents(), [
    'Falta el nombre del prestador.',
    'Falta el número de credencial del afiliado.',
    'Falta el nombre del afiliado.',
    'Falta el diagnóstico CIE-10 (tipo y código).',
    'El presupuesto no tiene ninguna práctica cargada.',
  ]);
  await context.close();
});

test('the builders: the checkbox named by its label, rows left out under «Filas omitidas», singular and plural, a missing NIT, titles not counted', async () => {
  const { context, page } = await openPage(env);
  await page.click('.builder summary');
  await page.fill('#b-entidad', '014-18');
  await page.fill('#b-fecha', '2015-06-01');
  await page.fill('#b-desde', '2015-05-01');
  await page.fill('#b-hasta', '2015-05-31');
  await page.fill('#b-lista', 'CC\t12345678\nTI\t12\n');
  await page.click('#b-construir');
  await page.waitForSelector('.build-outcome', { timeout: 20000 });
  const problems = await page.locator('.build-problems li').allTextContents();
  assert.ok(problems.some((p) => /^Falta el NIT de la entidad/.test(p)), problems.join('\n'));
  await page.fill('#b-nit', '860999123');
  await page.click('#b-construir');
  await page.waitForFunction(() => !document.querySelector('.build-problems')?.textContent.includes('Falta el NIT'));
  assert.equal(await page.textContent('.fix-or-omit'),
    '1 fila no se puede corregir: corríjala en la lista o marque «Omitir las filas que no se pueden corregir» para dejarla fuera del archivo.');
  const label = (await page.locator('label:has(#b-omitir)').textContent()).trim();
  assert.equal(label, 'Omitir las filas que no se pueden corregir', 'the message names the label as it reads');
  assert.equal(await page.locator('.build-outcome .build-time').count(), 0, 'no build time beside «No se construyó»');
  await page.check('#b-omitir');
  await page.click('#b-construir');
  await page.waitForSelector('.build-outcome .built', { timeout: 20000 });
  assert.equal(await page.textContent('.build-outcome .omitted-title'), 'Filas omitidas');
  assert.equal(await page.textContent('.build-outcome .omitted-title + p'), 'Se omitió 1 fila que no se podía corregir.');
  assert.match(await page.textContent('.build-omitted li'), /^Fila 2 \(«TI 12»\)/);
  assert.equal(await page.locator('.build-outcome .not-built').count(), 0);
  // No one valid: omitting would not help, and the page does not suggest it.
  await page.fill('#b-lista', 'TI\t12\n');
  await page.click('#b-construir');
  await page.waitForSelector('.build-outcome .not-built', { timeout: 20000 });
  assert.equal(await page.textContent('.fix-or-omit'), 'La lista no tiene ninguna persona válida: corrija las filas que se indican arriba.');
  // A list file's titles name the columns: not counted as a row, not shown as data.
  const dir = mkdtempSync(join(tmpdir(), 'planos-'));
  const csv = join(dir, 'personas.csv');
  writeFileSync(csv, 'Tipo;Número\r\nCC;12345678\r\n');
  await page.setInputFiles('#b-archivo', csv);
  await page.waitForSelector('.loaded', { timeout: 20000 });
  assert.equal(await page.textContent('.loaded'), 'Lista tomada de personas.csv: 1 fila.');
  assert.deepEqual(await page.locator('.list-preview tbody tr').allTextContents(), ['CC12345678']);
  rmSync(dir, { recursive: true });
  await context.close();
});

test('«Preparar envío» shows no upload steps for a file with errors', async () => {
  const { context, page } = await openPage(env);
  await page.click('#pestana-sssalud');
  const dir = mkdtempSync(join(tmpdir(), 'planos-ss-'));
  await page.selectOption('#ss-envio-sitio', 'res331');
  await page.fill('#ss-envio-anio', '2017');
  await page.selectOption('#ss-envio-numero', '3');
  const bad = join(dir, 'r331_2017-Trim-3.xml');
  writeFileSync(bad, '<?xml version="1.0"?>\n<Res331>\n  <Dato>x</Datos>\n</Res331>\n');
  await page.setInputFiles('#ss-envio-archivo', bad);
  await page.waitForSelector('.ss-envio-resultado');
  assert.match(await page.textContent('.ss-veredicto'), /^Corrija lo que se indica/);
  assert.equal(await page.locator('.ss-pasos').count(), 0, 'no steps to upload it');
  assert.match(await page.textContent('.ss-pasos-pendientes'), /^Corrija primero los errores/);
  rmSync(dir, { recursive: true });
  await context.close();
});
