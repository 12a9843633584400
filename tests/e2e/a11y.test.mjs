// Accessibility, measured by axe-core in headless Chromium: every view of the page (views.mjs:
// the landing view, a defective result, «Corregir», each builder, each tab…) against the rules
// of WCAG 2.1 levels A and AA. Each view is its own test and fails on any violation, printing
// every one: the rule, its impact, the elements (CSS selectors) and what axe says to fix.
// WCAG 2.2's new rules and axe's best practices (landmarks, heading order…) are printed too, as
// notes that fail nothing. With A11Y_REPORT=FILE both lists of every view are also written to FILE.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { ADVICE, axe, format, summary } from './axe.mjs';
import { openPage, served } from './harness.mjs';
import { VIEWS } from './views.mjs';

const env = served();
const found = [];

for (const view of VIEWS) {
  const missing = view.missing?.();
  test(`WCAG 2.1 A/AA (axe): ${view.title}`, { skip: missing ? `missing ${missing}` : false }, async () => {
    // bypassCSP: axe is injected as an inline script, which the page's CSP refuses (axe.mjs).
    const { context, page } = await openPage(env, { bypassCSP: true });
    try {
      await view.open(page);
      const violations = await axe(page);
      const advice = await axe(page, ADVICE);
      found.push({ view, violations, advice });
      if (advice.length) console.log(`${view.name}, WCAG 2.2 and best practices (not required): ${summary(advice)}\n${format(advice)}`);
      if (violations.length) console.log(`${view.name}: ${summary(violations)}\n${format(violations)}`);
      assert.equal(violations.length, 0, `${view.title}: ${violations.length} WCAG 2.1 A/AA rule(s) violated\n${format(violations)}`);
    } finally {
      await context.close();
    }
  });
}

test('axe itself: a button without a name and an image without alt, added to the page, are caught', async () => {
  // So a clean run above means a clean page, not an axe that did not run.
  const { context, page } = await openPage(env, { bypassCSP: true });
  await page.evaluate(() => {
    const main = document.querySelector('main');
    main.append(Object.assign(document.createElement('button'), { type: 'button' }));
    main.append(Object.assign(document.createElement('img'), { src: 'data:,' }));
  });
  const ids = (await axe(page)).map((v) => v.id);
  assert.deepEqual(ids, ['button-name', 'image-alt']);
  await context.close();
});

after(() => {
  if (!process.env.A11Y_REPORT) return;
  const text = found
    .map(({ view, violations, advice }) =>
      [
        `== ${view.name} — ${view.title}`,
        `   WCAG 2.1 A/AA: ${summary(violations)}`,
        `   WCAG 2.2 and best practices (not required): ${summary(advice)}`,
        '',
        format(violations),
        '',
        '-- WCAG 2.2 and best practices (not required)',
        format(advice),
        '',
      ].join('\n'),
    )
    .join('\n');
  writeFileSync(process.env.A11Y_REPORT, text);
});
