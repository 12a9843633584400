// Screenshots of every view of the page (views.mjs), full page, in headless Chromium at a
// laptop's size (1366×900) and a phone's (390×844), to look at by eye; not part of the tests.
// Needs dist/ built (tools/build-page). Run: node tests/e2e/screenshots.mjs OUTDIR [VIEW…]
// Each view that is wider than the window (a horizontal scroll) is said, with the widest
// elements that stick out on the right.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch } from './browser.mjs';
import { ROOT, openPage } from './harness.mjs';
import { serve } from './server.mjs';
import { VIEWS } from './views.mjs';

const SIZES = [
  { width: 1366, height: 900 },
  { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
];

/** How far the page is wider than its window, and the outermost elements past the edge; or null. */
function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll <= width) return null;
    // Past the edge, shown (not in a closed <details>, say), and not cut off by an ancestor
    // that clips or scrolls within the window (a table cell's ellipsis, a scrolling box).
    const clipped = (e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= width + 1) return true;
      }
      return false;
    };
    const past = [...document.body.querySelectorAll('*')].filter(
      (e) => e.getBoundingClientRect().right > width + 1 && e.checkVisibility({ visibilityProperty: true }) && !clipped(e),
    );
    // Only the outermost: an element whose parent also sticks out is told by its parent.
    const outer = past.filter((e) => !past.includes(e.parentElement)).slice(0, 6);
    const name = (e) => e.tagName.toLowerCase() + (e.id ? `#${e.id}` : '') + [...e.classList].map((c) => `.${c}`).join('');
    return `${scroll} px en ${width} px; ${outer.map((e) => `${name(e)} (${Math.round(e.getBoundingClientRect().right)} px)`).join(', ')}`;
  });
}

const [out, ...only] = process.argv.slice(2);
if (!out) {
  console.error('Uso: node tests/e2e/screenshots.mjs CARPETA [VISTA…]');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const env = { server: await serve(join(ROOT, 'dist')), browser: await launch() };
let failed = 0;
try {
  for (const view of VIEWS.filter((v) => only.length === 0 || only.includes(v.name))) {
    const missing = view.missing?.();
    if (missing) {
      console.log(`${view.name}: omitida, falta ${missing}`);
      continue;
    }
    for (const { width, height, ...device } of SIZES) {
      const file = resolve(out, `${view.name}-${width}x${height}.png`);
      // A Colombian browser's language (navigator.language, Intl). Headless Chromium still
      // draws its own widgets in English: "Choose File", date fields as mm/dd/yyyy (--lang and
      // LANGUAGE do not change that either); a user's browser shows them in its language.
      const { context, page } = await openPage(env, { viewport: { width, height }, locale: 'es-CO', ...device });
      page.setDefaultTimeout(10000);
      try {
        await view.open(page);
        // Let what the view started settle (fonts, a last render from the worker).
        await page.waitForTimeout(300);
        await page.screenshot({ path: file, fullPage: true });
        const wide = await overflow(page);
        console.log(wide ? `${file}  DESBORDA: ${wide}` : file);
      } catch (e) {
        // The view could not be reached (e.g. a button covered by another element at this
        // size): said, and the page as it was then kept beside the others.
        failed += 1;
        const stuck = file.replace(/\.png$/, '-FALLO.png');
        await page.screenshot({ path: stuck, fullPage: true }).catch(() => {});
        const why = e.message.split('\n').filter((l) => /intercepts pointer events|Timeout|Error/.test(l)).slice(0, 2).map((l) => l.replace(/\x1b\[\d+m/g, '').trim());
        console.error(`${view.name} ${width}×${height}: NO SE LLEGÓ A LA VISTA — ${why.join(' / ')}  (${stuck})`);
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await env.browser.close();
  await env.server.close();
}
process.exit(failed ? 1 : 0);
