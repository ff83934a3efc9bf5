import type { ReactiveController, ReactiveElement } from 'lit';

/** The level the widget's own markup assumes for a step's heading: it sits under the page's `h1`. */
const MARKUP_LEVEL = 2;

/** A level from 1 to 6; anything else a webmaster may type means the default. */
export function headingLevelFrom(value: number): number {
  return Number.isInteger(value) && value >= 1 && value <= 6 ? value : MARKUP_LEVEL;
}

/**
 * Fits the widget's heading outline into the page's: with `heading-level="3"` the step heading is exposed
 * as level 3 and its sub-headings as 4. The markup keeps its h2/h3/h4 (and their styles); `aria-level`
 * tells assistive technology the shifted level. Steps render their own headings, so every heading that
 * appears anywhere in the shadow root is adjusted as it appears, not only the ones the host renders.
 */
export class HeadingLevelController implements ReactiveController {
  readonly #observer = new MutationObserver(() => this.#apply());
  #shift = 0;

  constructor(private readonly host: ReactiveElement & { headingLevel: number }) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#observe();
  }

  hostDisconnected(): void {
    this.#observer.disconnect();
  }

  hostUpdated(): void {
    const shift = headingLevelFrom(this.host.headingLevel) - MARKUP_LEVEL;
    if (shift === this.#shift) return;
    this.#shift = shift;
    this.#observe();
    this.#apply();
  }

  #observe(): void {
    this.#observer.disconnect();
    if (this.#shift !== 0) this.#observer.observe(this.host.renderRoot, { childList: true, subtree: true });
  }

  #apply(): void {
    for (const heading of this.host.renderRoot.querySelectorAll('h2, h3, h4')) {
      const level = Math.min(6, Number(heading.tagName[1]) + this.#shift);
      if (this.#shift === 0) heading.removeAttribute('aria-level');
      else heading.setAttribute('aria-level', String(level));
    }
  }
}
