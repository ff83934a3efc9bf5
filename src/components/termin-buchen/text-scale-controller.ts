import type { ReactiveController, ReactiveElement } from 'lit';

/** What browsers set `medium` to unless the reader changes it. */
const USUAL_DEFAULT_PX = 16;

/**
 * Lets the widget's text follow the text size the reader chose in the browser settings, which px sizes
 * alone would ignore. The sizes stay px (so a theme's `html { font-size: 62.5% }` cannot shrink them) and
 * are multiplied by `--tb-text-scale`: 1 at the usual 16 px, 1.25 for a reader who set 20 px.
 */
export class TextScaleController implements ReactiveController {
  readonly #sheet = new CSSStyleSheet();

  constructor(private readonly host: ReactiveElement) {
    host.addController(this);
  }

  hostConnected(): void {
    const root = this.host.renderRoot as ShadowRoot;
    this.#sheet.replaceSync(`:host{--tb-text-scale:${readerDefaultPx(root) / USUAL_DEFAULT_PX}}`);
    if (!root.adoptedStyleSheets.includes(this.#sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, this.#sheet];
  }
}

/** `medium` is the reader's own default text size; unlike `rem`, no page CSS can change it. */
function readerDefaultPx(root: ShadowRoot): number {
  const probe = document.createElement('span');
  probe.style.fontSize = 'medium';
  root.append(probe);
  const px = parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  return px > 0 ? px : USUAL_DEFAULT_PX;
}
