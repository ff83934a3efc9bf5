import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { styles } from './termin-buchen.styles.js';

/**
 * Appointment booking for a municipal Bürgerbüro.
 *
 * @summary Lets a citizen book a Termin on the town's own page.
 */
export class TerminBuchen extends LitElement {
  static override styles = styles;

  /** Base URL of the booking backend that implements the termin-buchen contract. */
  @property() api = '';

  override render() {
    return html`<p>termin-buchen</p>`;
  }
}
