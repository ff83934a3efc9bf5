// Module order is byte order in the built file, and gzip only looks 32 KB back: style sheets, then both
// message catalogs, then the schemas and the contract's adapter ahead of the code keep like next to like. The
// file is about 0.6 KB smaller than in the order the element's own imports give (docs/performance.md).
import './components/termin-buchen/termin-buchen.styles.js';
import './components/manage/manage.styles.js';
import './i18n/messages.js';
import './api/schemas.js';
import './api/v1/backend.js';
import { TerminBuchen } from './components/termin-buchen/termin-buchen.component.js';

export { TerminBuchen };

// A CMS page may load the script twice (two content elements); defining twice would throw.
if (!customElements.get('termin-buchen')) customElements.define('termin-buchen', TerminBuchen);

declare global {
  interface HTMLElementTagNameMap {
    'termin-buchen': TerminBuchen;
  }
}
