// Module order is byte order in the built file, and gzip only looks 32 KB back: style sheets, then both
// message catalogs, then the schemas ahead of the code keeps like next to like, and the file about 0.5 KB
// smaller than the order the element's imports give (docs/performance.md).
import './components/termin-buchen/termin-buchen.styles.js';
import './components/manage/manage.styles.js';
import './i18n/messages.js';
import './api/schemas.js';
import { TerminBuchen } from './components/termin-buchen/termin-buchen.component.js';

export { TerminBuchen };

// A CMS page may load the script twice (two content elements); defining twice would throw.
if (!customElements.get('termin-buchen')) customElements.define('termin-buchen', TerminBuchen);

declare global {
  interface HTMLElementTagNameMap {
    'termin-buchen': TerminBuchen;
  }
}
