import { expect } from '@open-wc/testing';
import type { AxeResults } from 'axe-core';
import 'axe-core/axe.min.js';

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

function describeViolations(results: AxeResults): string {
  return results.violations
    .map((violation) => `${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `  ${node.html}`).join('\n')}`)
    .join('\n');
}

/** Runs axe on `element` (and the shadow trees inside it) and fails with a readable list of violations. */
export async function expectNoAxeViolations(element: Element): Promise<void> {
  const results = await window.axe.run(element);
  expect(results.violations.length, describeViolations(results)).to.equal(0);
}
