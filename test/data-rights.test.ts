/**
 * Issue 14, the citizen's data rights in the manage view (GDPR Art. 15–17, 20), through the element against the mock:
 * view my data, download it as JSON, change the contact details, cancel and erase; in German and English.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { V1Backend } from '../src/api/v1/backend.js';
import type { Booking } from '../src/api/schemas.js';
import type { TerminBuchen } from '../src/components/termin-buchen/termin-buchen.component.js';
import { dateTime } from '../src/components/steps/booking-facts.js';
import { catalogs, type Lang } from '../src/i18n/messages.js';
import type { MockState } from '../src/mock/index.js';
import '../src/termin-buchen.js';
import { expectNoAxeViolations } from './support/axe.js';
import { accessibleName, click, findByRole, queryByRole } from './support/flow-driver.js';
import { NOW, pinClock } from './support/manage.js';
import { stopMockBackend, useMockBackend } from './support/mock.js';

const EMAIL = 'erika.mustermann@example.org';

/** The value next to the term `label` in any description list of the widget. */
function described(el: TerminBuchen, label: string): string | undefined {
  const term = [...el.shadowRoot!.querySelectorAll('dt')].find((dt) => dt.textContent?.trim() === label);
  return term?.nextElementSibling?.textContent?.trim();
}

function text(el: TerminBuchen): string {
  return el.shadowRoot!.textContent?.replace(/\s+/g, ' ') ?? '';
}

for (const lang of ['de', 'en'] as const satisfies readonly Lang[]) {
  const m = catalogs[lang];
  const p = m.privacy;

  describe(`data rights in the manage view (${lang})`, () => {
    let backend: MockState;
    let booking: Booking;

    beforeEach(async () => {
      pinClock();
      backend = await useMockBackend({ now: () => NOW });
      booking = backend.seedBooking();
    });
    after(stopMockBackend);

    async function openBooking(): Promise<TerminBuchen> {
      const el = await fixture<TerminBuchen>(html`<termin-buchen api="/api" lang=${lang} mode="manage"></termin-buchen>`);
      await waitUntil(() => el.shadowRoot!.querySelector('#lookup-code'), 'no lookup form');
      el.shadowRoot!.querySelector<HTMLInputElement>('#lookup-code')!.value = booking.code;
      el.shadowRoot!.querySelector<HTMLInputElement>('#lookup-email')!.value = EMAIL;
      await click(await findByRole(el, 'button', m.manage.find));
      await waitUntil(() => el.shadowRoot!.querySelector('tb-booking-view'), 'booking not shown');
      await el.updateComplete;
      return el;
    }

    const at = (instant: string) => dateTime(m, lang, backend.catalog.timeZone, instant);
    const erasesAt = async () => (await new V1Backend({ baseUrl: '/api', lang: () => lang }).personalData(booking)).erasesAt;

    it('says in one sentence how long the data is kept, and lists the data on request', async () => {
      const el = await openBooking();
      const erases = at(await erasesAt());
      expect(text(el)).to.include(p.kept(erases));
      await expectNoAxeViolations(el);

      await click(await findByRole(el, 'button', p.show));
      await findByRole(el, 'heading', p.title);
      expect(described(el, m.details.labels.firstName)).to.equal('Erika');
      expect(described(el, m.details.labels.lastName)).to.equal('Mustermann');
      expect(described(el, m.details.labels.email)).to.equal(EMAIL);
      expect(described(el, p.erasesAt)).to.equal(erases);
      expect(backend.requests.some((r) => r.method === 'GET' && r.path === `/api/bookings/${booking.code}/data`)).to.be.true;
      expect(queryByRole(el, 'button', p.show), 'the list is shown once').to.equal(null);
      await expectNoAxeViolations(el);
    });

    it('downloads exactly the booking and its data as JSON built in the browser', async () => {
      const el = await openBooking();
      await click(await findByRole(el, 'button', p.show));
      const button = await findByRole(el, 'button', p.download);
      const requestsBefore = backend.requests.length;
      let clicked: { href: string; download: string; body: Promise<Response> } | undefined;
      const capture = (event: MouseEvent) => {
        const link = event.target as HTMLAnchorElement;
        if (!link.download) return;
        event.preventDefault();
        clicked = { href: link.href, download: link.download, body: fetch(link.href) };
      };
      document.addEventListener('click', capture, { capture: true });
      try {
        button.click();
      } finally {
        document.removeEventListener('click', capture, { capture: true });
      }
      if (!clicked) throw new Error('no download link was clicked');
      expect(backend.requests.length, 'no request for the download itself').to.equal(requestsBefore);
      expect(clicked.href).to.match(/^blob:/);
      expect(clicked.download).to.equal(`termin-${booking.code}-daten.json`);
      const response = await clicked.body;
      expect(response.headers.get('content-type')).to.contain('application/json');
      const file = JSON.parse(await response.text());
      const client = new V1Backend({ baseUrl: '/api', lang: () => lang });
      const data = await client.personalData(booking);
      // The booking as the widget got it, in its language.
      const { code, status, start, end, location, services } = await client.get(booking);
      expect(file).to.deep.equal({ booking: { code, status, start, end, location: { id: location.id, name: location.name }, services }, ...data });
      expect(JSON.stringify(file)).not.to.include(booking.token);
    });

    it('changes the contact details with PATCH and shows the new e-mail address; a bad address gets its field error', async () => {
      const el = await openBooking();
      await click(await findByRole(el, 'button', p.change));
      await findByRole(el, 'heading', p.changeTitle);
      const email = await findByRole<HTMLInputElement>(el, 'textbox', new RegExp(`^${m.details.labels.email}`));
      expect(email.value).to.equal(EMAIL);
      await expectNoAxeViolations(el);

      await click(email);
      email.select();
      await sendKeys({ type: 'not-an-address' });
      await click(await findByRole(el, 'button', p.save));
      await waitUntil(() => el.shadowRoot!.querySelector(`#${email.id}-error`), 'no field error');
      expect(el.shadowRoot!.querySelector(`#${email.id}-error`)!.textContent).to.include(m.details.errors.email.email);
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(backend.requests.some((r) => r.method === 'PATCH')).to.be.false;
      await expectNoAxeViolations(el);

      await click(email);
      email.select();
      await sendKeys({ type: 'erika.neu@example.org' });
      await click(await findByRole(el, 'button', p.save));
      await findByRole(el, 'status', p.changed);
      expect(backend.requests.some((r) => r.method === 'PATCH' && r.path === `/api/bookings/${booking.code}`)).to.be.true;
      await click(await findByRole(el, 'button', p.show));
      await findByRole(el, 'heading', p.title);
      expect(described(el, m.details.labels.email)).to.equal('erika.neu@example.org');
      await expectNoAxeViolations(el);
    });

    it('keeps the details when the change is abandoned', async () => {
      const el = await openBooking();
      await click(await findByRole(el, 'button', p.change));
      await click(await findByRole(el, 'button', p.keep));
      await waitUntil(() => el.shadowRoot!.querySelector('tb-booking-view'), 'booking not shown again');
      expect(backend.requests.some((r) => r.method === 'PATCH')).to.be.false;
    });

    it('cancels and erases with DELETE ?erase=true after confirming; afterwards the booking is over', async () => {
      const el = await openBooking();
      await click(await findByRole(el, 'button', p.erase));
      const dialog = el.shadowRoot!.querySelector('dialog')!;
      await waitUntil(() => dialog.open, 'dialog did not open');
      expect(accessibleName(dialog) || dialog.textContent).to.include(p.eraseTitle);
      await expectNoAxeViolations(el);
      await click(await findByRole(el, 'button', p.eraseConfirm));
      await findByRole(el, 'status', p.erased);
      const deletes = backend.requests.filter((r) => r.method === 'DELETE');
      expect(deletes).to.have.length(1);
      expect(new URL(deletes[0].url).searchParams.get('erase')).to.equal('true');
      await expectNoAxeViolations(el);
      // The link now answers gone; the data is no longer there.
      const client = new V1Backend({ baseUrl: '/api', lang: () => lang });
      const error = await client.personalData(booking).then(() => null, (e: unknown) => e as { code?: string });
      expect(error?.code).to.equal('gone');
    });
  });
}
