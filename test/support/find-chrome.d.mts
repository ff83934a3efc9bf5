/** CHROME_PATH, else Debian's /usr/bin/chromium, else a Chrome or Chromium on the PATH; undefined if none. */
export function findChrome(): string | undefined;
