/** Shared helpers for the manage tests: render the widget and find things in its shadow root by their text. */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { clock } from '../../src/clock.js';
import type { TerminBuchen } from '../../src/components/termin-buchen/termin-buchen.component.js';
import { catalogs } from '../../src/i18n/messages.js';
import '../../src/termin-buchen.js';

export const de = catalogs.de;
/** A Monday morning in Berlin, so that the mock's seeded bookings fall on working days. */
export const NOW = new Date('2026-11-02T09:00:00+01:00');

export function pinClock(): void {
  clock.now = () => NOW;
}

/** Renders the widget and waits until `ready` (by default the first view of `mode`) is in its shadow root. */
export async function renderWidget(mode: 'book' | 'manage', ready = mode === 'manage' ? '#lookup-code' : 'tb-services-step button'): Promise<TerminBuchen> {
  const el = await fixture<TerminBuchen>(html`<termin-buchen api="/api" lang="de" mode=${mode}></termin-buchen>`);
  await waitUntil(() => el.shadowRoot!.querySelector(ready), `widget did not show ${ready}`);
  return el;
}

export function $<T extends Element = HTMLElement>(el: TerminBuchen, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector);
}

export function buttonNamed(el: TerminBuchen, name: string): HTMLButtonElement | null {
  return [...el.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.trim() === name) ?? null;
}

export function text(el: TerminBuchen): string {
  return el.shadowRoot!.textContent?.replace(/\s+/g, ' ') ?? '';
}

export async function waitForView(el: TerminBuchen, selector: string): Promise<void> {
  await waitUntil(() => $(el, selector), `no ${selector}`);
  await el.updateComplete;
}

export async function lookUp(el: TerminBuchen, code: string, email: string): Promise<void> {
  $<HTMLInputElement>(el, '#lookup-code')!.value = code;
  $<HTMLInputElement>(el, '#lookup-email')!.value = email;
  buttonNamed(el, de.manage.find)!.click();
}
