import { TerminBuchen } from './components/termin-buchen/termin-buchen.component.js';

export { TerminBuchen };

// A CMS page may load the script twice (two content elements); defining twice would throw.
if (!customElements.get('termin-buchen')) customElements.define('termin-buchen', TerminBuchen);

declare global {
  interface HTMLElementTagNameMap {
    'termin-buchen': TerminBuchen;
  }
}
