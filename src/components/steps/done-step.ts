import { html, nothing } from 'lit';
import type { Booking } from '../../api/schemas.js';
import type { LinkFormat } from '../../api/port.js';
import { v1Links } from '../../api/v1/link.js';
import { bookingRows, dateTime, saveToCalendar } from './booking-facts.js';
import { defineOnce, reactiveProperties, StepElement } from './step-element.js';

/**
 * While printing, only the widget that holds `element` is visible. A constructed stylesheet on the document is used because
 * a `<style>` element would break a strict `style-src 'self'` policy.
 */
function printOnly(element: Element): void {
  const root = element.getRootNode();
  const host = root instanceof ShadowRoot ? root.host : element;
  const sheet = new CSSStyleSheet();
  const tag = host.localName;
  const printing = `${tag}[data-printing]`;
  sheet.replaceSync(`@media print{body *{visibility:hidden!important}${printing},${printing} *{visibility:visible!important}${printing}{position:absolute;inset:0 auto auto 0;width:100%}}`);
  host.setAttribute('data-printing', '');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const restore = () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
    host.removeAttribute('data-printing');
  };
  window.addEventListener('afterprint', restore, { once: true });
  window.print();
}

/** Step 6: the booked (or pending) appointment, with calendar file and print. */
export class DoneStep extends StepElement {
  static override properties = reactiveProperties(['booking', 'email', 'links']);

  booking!: Booking;
  /** Where the mail went, as the citizen typed it: a typo shows here, and it never leaves the widget. */
  email = '';
  /** How the backend's booking links look: the confirmation links to managing the booking on this page. */
  links: LinkFormat = v1Links;

  override render() {
    const m = this.messages.done;
    const booking = this.booking;
    const pending = booking.status === 'pending';
    return html`
      <div class="panel ${pending ? 'pending' : ''}" part="confirmation">
        <p>${(pending ? m.pending : m.confirmedMail)(this.email)}
          ${pending && booking.confirmBy ? m.confirmBy(dateTime(this.messages, this.lang, this.timeZone, booking.confirmBy)) : nothing}</p>
        <p class="code-label">${m.code}</p>
        <p class="code" part="code">${booking.code}</p>
        <p class="muted">${m.codeHint}</p>
        ${pending
          ? nothing // Opening the link confirms a pending booking: that must happen from the e-mail, not from here.
          : html`<p><a href=${this.links.url(location.href, booking)}>${this.messages.manage.manageLink}</a></p>
              <p class="muted">${this.messages.manage.manageLinkHint}</p>`}
      </div>
      <h3>${m.details}</h3>
      <dl class="summary" part="summary">${bookingRows(this, booking)}
      </dl>
      ${booking.erasesAt ? html`<p class="privacy">${this.messages.privacy.kept(dateTime(this.messages, this.lang, this.timeZone, booking.erasesAt))}</p>` : nothing}
      <div class="actions no-print">
        <button type="button" class="primary" part="button button-primary" @click=${() => saveToCalendar(this)}>${m.addToCalendar}</button>
        <button type="button" part="button" @click=${() => printOnly(this)}>${m.print}</button>
        <button type="button" class="link" part="button" @click=${() => this.emit({ type: 'restart' })}>${m.another}</button>
      </div>
    `;
  }
}

defineOnce('tb-done-step', DoneStep);
