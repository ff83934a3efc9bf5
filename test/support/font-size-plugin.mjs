/**
 * A test-runner command that sets the browser's default text size, as a reader does in the browser's
 * settings ("Font size: large"): `executeServerCommand('default-font-size', 20)`. It changes what the
 * CSS keyword `medium` means, not the page's CSS. 16 is Chromium's own default.
 */
export function fontSizePlugin() {
  return {
    name: 'default-font-size-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'default-font-size') return undefined;
      if (!Number.isFinite(payload) || payload <= 0) throw new Error(`default-font-size needs a size in px, got ${JSON.stringify(payload)}`);
      if (session.browser.type !== 'puppeteer') throw new Error(`default-font-size needs a puppeteer browser, not ${session.browser.type}`);
      const cdp = await session.browser.getPage(session.id).createCDPSession();
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: payload, fixed: Math.round(payload * 13 / 16) } });
      await cdp.detach();
      return true;
    },
  };
}
