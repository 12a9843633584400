// The page's views, each reached from a freshly loaded page (body[data-ready="true"]) by a
// Playwright page: shared by the accessibility test (a11y.test.mjs) and the screenshots
// (screenshots.mjs), so both look at the same states. Elements are found by ids and classes
// the other tests use too, not by wording, which changes.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, fillQuery } from './harness.mjs';
import { PASSWORD, pki } from './pki.mjs';

const QUERY = 'RUA250SMCS20150601NI000860999123CO014-18.TXT';
const ANSWER = 'PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT';
/** BOM, lower case, accents, a wrong total: 8 errors, several of them repairable. */
const DEFECTIVE = join(ROOT, 'tests', 'fixtures', 'defectos-de-texto', QUERY);
// Written by `cargo test` (tests/smcs_respuesta.rs, write_browser_fixtures).
const E2E = join(ROOT, 'target', 'e2e-fixtures');

/** A file written once in a temporary folder (left there: a few kB, for a run by hand or a test). */
let scratch = null;
function written(name, body) {
  scratch ??= mkdtempSync(join(tmpdir(), 'planos-vistas-'));
  const path = join(scratch, name);
  if (!existsSync(path)) writeFileSync(path, body);
  return path;
}

/** The supervivencia query built from a pasted list, and its «Firmar» panel open. */
async function signing(page) {
  await fillQuery(page, { list: 'CC\t12345678\n' });
  await page.click('#b-construir');
  await page.click('#firmar-consulta-abrir', { timeout: 30000 });
  await page.waitForSelector('#firmar-consulta-panel');
}

/**
 * The panel given the test .p12 and `password`, «Abrir el certificado» pressed and, when `confirm`,
 * «Firmar y descargar» after it; `answer` shown.
 */
async function signed(page, password, answer, confirm = false) {
  await signing(page);
  await page.setInputFiles('#firmar-consulta-p12', pki().path('modern.p12'));
  await page.fill('#firmar-consulta-clave', password);
  await page.click('#firmar-consulta-panel .sign-go');
  if (confirm) {
    await page.waitForSelector('#firmar-consulta-panel .sign-confirm', { timeout: 30000 });
    await page.click('#firmar-consulta-panel .sign-confirm');
  }
  await page.waitForSelector(`#firmar-consulta-panel ${answer}`, { timeout: 30000 });
}

async function defective(page) {
  await page.setInputFiles('#archivos', DEFECTIVE);
  await page.waitForSelector('.verdict', { timeout: 30000 });
}

/**
 * Each view: `name` (a file name part, too), `title`, `open(page)` bringing a ready page to it,
 * and `missing` when a file it needs is not there (it is then skipped).
 */
export const VIEWS = [
  {
    name: 'inicio',
    title: 'landing view (the Colombia tab, as the page opens)',
    open: async () => {},
  },
  {
    name: 'como-comprobar',
    title: '«Cómo comprobarlo» (how to check that nothing is sent) open',
    open: async (page) => {
      await page.click('a.how');
      await page.waitForSelector('#como-comprobar');
    },
  },
  {
    name: 'resultado-con-defectos',
    title: 'a defective query checked (tests/fixtures/defectos-de-texto)',
    open: defective,
  },
  {
    name: 'corregir',
    title: 'the repair panel («Corregir») open on the defective query',
    open: async (page) => {
      await defective(page);
      await page.click('button.propose');
      await page.waitForSelector('.repair-outcome', { timeout: 30000 });
    },
  },
  {
    name: 'muchos-hallazgos',
    title: 'a query with 2,000 findings (the findings table scrolls)',
    open: async (page) => {
      const n = 2000;
      await page.setInputFiles('#archivos', written(QUERY, `1,014-18,2015-05-01,2015-05-31,${n},${QUERY}\r\n` + '2,CC,1\r\n'.repeat(n)));
      await page.waitForSelector('.verdict', { timeout: 30000 });
      await page.locator('.diagnostics [role="row"]').first().waitFor({ timeout: 30000 });
    },
  },
  {
    name: 'constructor-consulta',
    title: 'the supervivencia query builder open',
    open: async (page) => {
      await page.click('details.builder:not(.rnse-builder) > summary');
      await page.waitForSelector('#b-lista');
    },
  },
  {
    name: 'constructor-consulta-problemas',
    title: 'the supervivencia query builder telling which rows to fix',
    open: async (page) => {
      await fillQuery(page, { list: 'Tipo\tNúmero\nCC\t12.345.678\nTI\t12\nCC\t12345678\n', nit: '860.999.123' });
      await page.click('#b-construir');
      await page.waitForSelector('.build-problems li', { timeout: 30000 });
    },
  },
  {
    name: 'firmar',
    title: 'the «Firmar» panel open on a built query',
    open: signing,
  },
  {
    name: 'firmar-confirmar',
    title: 'the «Firmar» panel saying who would sign, before signing',
    open: (page) => signed(page, PASSWORD, '.sign-ready'),
  },
  {
    name: 'firmado',
    title: 'a built query signed (who signed, the .p7z saved)',
    open: (page) => signed(page, PASSWORD, '.signed-by', true),
  },
  {
    name: 'firmar-clave-incorrecta',
    title: 'the «Firmar» panel telling a wrong password',
    open: (page) => signed(page, 'no-es-la-clave', '.sign-failed'),
  },
  {
    name: 'confianza',
    title: 'the trusted certification authorities, one added',
    open: async (page) => {
      await page.click('#confianza > summary');
      await page.setInputFiles('#confianza-agregar', pki().path('ca.pem'));
      await page.waitForSelector('.trust-roots li.added');
    },
  },
  {
    name: 'tablas',
    title: 'the reference tables, the CIE10 updated from a SISPRO export',
    open: async (page) => {
      await page.click('#tablas > summary');
      await page.setInputFiles('#tablas-actualizar', join(E2E, 'TablaReferencia_CIE10__1.xlsx'));
      await page.waitForSelector('#tablas li.given');
    },
  },
  {
    name: 'constructor-rnse',
    title: 'the denied-services (RNSE) builder open',
    open: async (page) => {
      await page.click('details.rnse-builder > summary');
      await page.waitForSelector('#r-nit');
    },
  },
  {
    name: 'respuesta-supervivencia',
    title: 'a query and its answer checked together (the answer archive result)',
    missing: () => !existsSync(join(E2E, ANSWER)) && `${join(E2E, ANSWER)} (written by cargo test)`,
    open: async (page) => {
      await page.setInputFiles('#archivos', [join(E2E, ANSWER), join(E2E, QUERY)]);
      await page.locator('article.file').nth(1).waitFor({ timeout: 30000 });
      await page.locator('.people-table tbody tr').first().waitFor({ timeout: 30000 });
    },
  },
  {
    name: 'pestana-sssalud',
    title: 'the SSSalud tab',
    open: async (page) => {
      await page.click('#pestana-sssalud');
      await page.waitForSelector('#ss-filezilla');
    },
  },
  {
    name: 'sssalud-respuesta',
    title: 'the SSSalud tab reading an .ok/.err answer pair',
    open: async (page) => {
      await page.click('#pestana-sssalud');
      await page.waitForSelector('#ss-filezilla');
      await page.setInputFiles('#ss-respuesta-archivos', [
        written('999998-201707.ok', '20123456789|PEREZ JUAN|1\r\n20234567890|GOMEZ ANA|1\r\n'),
        written('999998-201707.err', '27111111111|SOSA MARIA|1|E01\r\n27222222222|PENA JOSE|2|E05 E01\r\n'),
      ]);
      await page.waitForSelector('.ss-respuesta');
    },
  },
  {
    name: 'pestana-insssep',
    title: 'the InSSSeP tab (dental budget)',
    open: async (page) => {
      await page.click('#pestana-insssep');
      await page.waitForSelector('#d-practica');
    },
  },
  {
    name: 'insssep-presupuesto',
    title: 'the InSSSeP tab with a budget: a practice loaded, one refused',
    open: async (page) => {
      await page.click('#pestana-insssep');
      await page.fill('#d-afiliado', 'AFILIADO DE PRUEBA');
      await page.fill('#d-edad', '58');
      await page.selectOption('#d-practica', '20800');
      await page.click('#d-diente-17');
      await page.click('#d-cara-O');
      await page.click('#d-cargar');
      await page.waitForSelector('#d-lista');
      // The same again: refused, its message on screen.
      await page.selectOption('#d-practica', '20800');
      await page.click('#d-diente-17');
      await page.click('#d-cara-O');
      await page.click('#d-cargar');
      await page.waitForSelector('#d-mensaje .d-refused li');
    },
  },
  {
    name: 'pestana-colombia',
    title: 'the Colombia tab, chosen again from another tab',
    open: async (page) => {
      await page.click('#pestana-insssep');
      await page.click('#pestana-colombia');
      await page.waitForSelector('#archivos', { state: 'attached' });
    },
  },
];
