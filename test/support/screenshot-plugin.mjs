/**
 * A test-runner command that screenshots part of the test page as the browser really paints it, so a
 * test can compare pixels, not just computed styles: `executeServerCommand('element-screenshot', clip)`
 * answers a base64 PNG. `clip` is `{ x, y, width, height }` in CSS pixels of the top-level test page's
 * document (a widget inside an iframe adds the iframe's offset).
 */
const isClip = (payload) => payload != null && typeof payload === 'object'
  && ['x', 'y', 'width', 'height'].every((edge) => Number.isFinite(payload[edge]))
  && payload.width > 0 && payload.height > 0;

export function screenshotPlugin() {
  return {
    name: 'element-screenshot-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'element-screenshot') return undefined;
      if (!isClip(payload)) throw new Error(`element-screenshot needs { x, y, width, height } with a positive size, got ${JSON.stringify(payload)}`);
      if (session.browser.type !== 'puppeteer') throw new Error(`element-screenshot needs a puppeteer browser, not ${session.browser.type}`);
      const page = session.browser.getPage(session.id);
      const { x, y, width, height } = payload;
      // Beyond the viewport, because a whole step is taller than the test page's window.
      return page.screenshot({ type: 'png', encoding: 'base64', clip: { x, y, width, height }, captureBeyondViewport: true });
    },
  };
}
