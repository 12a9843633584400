// Accessibility, measured by axe-core in headless Chromium: every view of the page (views.mjs:
// the landing view, a defective result, «Corregir», each builder, each tab…) against the rules
// of WCAG 2.1 levels A and AA. Each view is its own test and fails on any violation, printing
// every one: the rule, its impact, the elements (CSS selectors) and what axe says to fix.
// With A11Y_REPORT=FILE the violations of every view are also written to FILE.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { axe, format, summary } from './axe.mjs';
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
      found.push({ view, violations });
      if (violations.length) console.log(`# ${view.name}: ${summary(violations)}\n${format(violations).replace(/^/gm, '#   ')}`);
      assert.equal(violations.length, 0, `${view.title}: ${violations.length} WCAG 2.1 A/AA rule(s) violated\n${format(violations)}`);
    } finally {
      await context.close();
    }
  });
}

after(() => {
  if (!process.env.A11Y_REPORT) return;
  const text = found
    .map(({ view, violations }) => `== ${view.name} — ${view.title}\n   ${summary(violations)}\n\n${format(violations)}\n`)
    .join('\n');
  writeFileSync(process.env.A11Y_REPORT, text);
});
