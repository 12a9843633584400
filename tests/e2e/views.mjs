// The page's views, each reached from a freshly loaded page (body[data-ready="true"]) by a
// Playwright page: shared by the accessibility test (a11y.test.mjs) and the screenshots
// (screenshots.mjs), so both look at the same states. Elements are found by ids and classes
// the other tests use too, not by wording, which changes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';

const QUERY = 'RUA250SMCS20150601NI000860999123CO014-18.TXT';
const ANSWER = 'PUB200SMCS20150605NI000900474727NI000860999123CO014-18.DAT';
/** BOM, lower case, accents, a wrong total: 8 errors, several of them repairable. */
const DEFECTIVE = join(ROOT, 'tests', 'fixtures', 'defectos-de-texto', QUERY);
// Written by `cargo test` (tests/smcs_respuesta.rs, write_browser_fixtures).
const E2E = join(ROOT, 'target', 'e2e-fixtures');

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
      await page.click('details.builder:not(.rnse-builder) > summary');
      await page.fill('#b-nit', '860.999.123');
      await page.fill('#b-entidad', '014-18');
      await page.fill('#b-fecha', '2015-06-01');
      await page.fill('#b-desde', '2015-05-01');
      await page.fill('#b-hasta', '2015-05-31');
      await page.fill('#b-lista', 'Tipo\tNúmero\nCC\t12.345.678\nTI\t12\nCC\t12345678\n');
      await page.click('#b-construir');
      await page.waitForSelector('.build-problems li', { timeout: 30000 });
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
    name: 'pestana-insssep',
    title: 'the InSSSeP tab (dental budget)',
    open: async (page) => {
      await page.click('#pestana-insssep');
      await page.waitForSelector('#d-practica');
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
