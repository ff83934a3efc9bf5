// Loaded first by every test page (a classic script, so it runs before any module): records what the
// page must never produce, for the test in the parent frame to read.
window.embeddingProbe = { violations: [], errors: [] };
document.addEventListener('securitypolicyviolation', (event) => {
  window.embeddingProbe.violations.push(`${event.violatedDirective} blocked ${event.blockedURI || 'inline code'} (${event.sourceFile}:${event.lineNumber})`);
});
window.addEventListener('error', (event) => window.embeddingProbe.errors.push(`uncaught: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => window.embeddingProbe.errors.push(`unhandled rejection: ${event.reason}`));
const consoleError = console.error.bind(console);
console.error = (...args) => {
  window.embeddingProbe.errors.push(`console.error: ${args.map(String).join(' ')}`);
  consoleError(...args);
};
// Everything the widget could leave behind in the browser.
window.embeddingProbe.storageWrites = [];
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  window.embeddingProbe.storageWrites.push(`${this === window.sessionStorage ? 'sessionStorage' : 'localStorage'} ${key}`);
  return setItem.call(this, key, value);
};
const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
Object.defineProperty(Document.prototype, 'cookie', {
  get() { return cookie.get.call(this); },
  set(value) {
    window.embeddingProbe.storageWrites.push(`cookie ${String(value).split('=')[0]}`);
    cookie.set.call(this, value);
  },
  configurable: true,
});
window.embeddingProbe.logs = [];
for (const level of ['log', 'info', 'warn', 'debug', 'error']) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    window.embeddingProbe.logs.push(args.map((arg) => { try { return typeof arg === 'string' ? arg : JSON.stringify(arg); } catch { return String(arg); } }).join(' '));
    original(...args);
  };
}
