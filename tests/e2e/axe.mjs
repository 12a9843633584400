// axe-core (npm, pinned in package.json) run on a Playwright page, restricted to the rules of
// WCAG 2.1 levels A and AA, its violations written out one per line so a failing test says
// what to fix and where.
//
// The page's Content-Security-Policy allows its own script only (by hash), so the inline
// <script> that page.addScriptTag({ content }) adds would be refused: the pages axe runs on
// come from a browser context made with { bypassCSP: true } (harness.mjs' openPage(env,
// { bypassCSP: true })). Only the accessibility tests do that; every other test keeps the
// CSP the user gets, and the CSP itself is tested in page.test.mjs and offline.test.mjs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The axe tags of WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Beyond what is required: WCAG 2.2's new rules (target size) and axe's own best practices
 * (landmarks, heading order…); told, not failed on. */
export const ADVICE = ['wcag22a', 'wcag22aa', 'best-practice'];

/**
 * Runs axe on the whole document as it is now, the rules of `tags` only (WCAG 2.1 A/AA
 * unless told); resolves to the violations: [{ id, impact, help, helpUrl, tags, nodes:
 * [{ target, html, summary }] }].
 */
export async function axe(page, tags = WCAG21_AA) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async (tags) => {
    const results = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      tags: v.tags.filter((t) => /^wcag\d|^best-practice$/.test(t)),
      nodes: v.nodes.map((n) => ({ target: n.target.flat(Infinity).join(' '), html: n.html, summary: n.failureSummary })),
    }));
  }, tags);
}

/** The violations as readable text: each rule, its impact and help, then every element. */
export function format(violations) {
  if (violations.length === 0) return 'no violations';
  const lines = [];
  for (const v of violations) {
    lines.push(`${v.id} [${v.impact}] ${v.help} (${v.tags.join(', ')}) — ${v.nodes.length} element(s)`);
    lines.push(`  ${v.helpUrl}`);
    for (const n of v.nodes) {
      lines.push(`  • ${n.target}`);
      lines.push(`      ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      for (const s of (n.summary ?? '').split('\n').filter(Boolean)) lines.push(`      ${s.trim()}`);
    }
  }
  return lines.join('\n');
}

/** One line per rule: "id (impact) ×elements". */
export function summary(violations) {
  return violations.map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}`).join(', ') || 'none';
}
