/**
 * Saving the calendar file in the browser. Apart from the writer in ics.ts, which the reference server reuses
 * for its emails and which must therefore not touch the DOM.
 */
/** Uses an object URL rather than a `data:` URL, which a strict Content-Security-Policy may block. */
export function downloadIcs(content: string, fileName: string, type = 'text/calendar;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download may start after click() returns; revoking in the same task could cancel it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
