// Prints the benchmark's figures as plain tables.

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => (value === null || value === undefined ? '–' : `${value.toFixed(1)} ms`);

function table(title, header, rows) {
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => String(row[column]).length)));
  const line = (row) => row.map((cell, column) => String(cell)[column === 0 ? 'padEnd' : 'padStart'](widths[column])).join('  ');
  console.log(`\n${title}\n${line(header)}\n${widths.map((width) => '-'.repeat(width)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

export function printReport({ size, roundTrips, timings, renders, heapBytesAfterBooking, latencyMs, runs }) {
  if (size) {
    table(`Bundle ${size.file}`, ['', 'bytes', ''], [
      ['raw', size.raw, kb(size.raw)],
      ['gzip -9', size.gzip, kb(size.gzip)],
      ['brotli -11', size.brotli, kb(size.brotli)],
    ]);
    table(
      'Share of the minified bundle, from its source map (gzip: the share applied to the whole gzip size)',
      ['part', 'raw bytes', 'share', '≈ gzip', 'gzip alone'],
      size.shares.map((share) => [share.name, share.bytes, `${(share.share * 100).toFixed(1)} %`, kb(share.gzipEstimate), kb(share.gzipAlone)]),
    );
  }
  const tripRows = [];
  for (const [mode, label] of [['preselected', 'service+location preselected'], ['open', 'nothing preselected']]) {
    for (const milestone of ['firstDay', 'firstSlot']) {
      const figures = roundTrips[mode][milestone];
      tripRows.push([`${label}, until first ${milestone === 'firstDay' ? 'bookable day' : 'slot'} shown`, figures.requests, figures.roundTrips]);
    }
  }
  table(`Requests (mock backend, ${latencyMs} ms per request)`, ['', 'requests', 'sequential round trips'], tripRows);
  for (const mode of ['preselected', 'open']) console.log(`  ${mode}: ${roundTrips[mode].firstSlot.sequence.join(' → ')}`);
  if (timings) {
    table(`Time from script start, service+location preselected (${runs} runs)`, ['until', 'median', 'min', 'max'], [
      ['first render', ...['median', 'min', 'max'].map((key) => ms(timings.firstRender[key]))],
      ['first bookable day shown', ...['median', 'min', 'max'].map((key) => ms(timings.firstDay[key]))],
      ['first slot shown', ...['median', 'min', 'max'].map((key) => ms(timings.firstSlot[key]))],
    ]);
  }
  if (renders) {
    const row = (label, figures) => [label, ms(figures.median), ms(figures.min), ms(figures.max)];
    table('Scripting time per render', ['', 'median', 'min', 'max'], [
      row('day with 300 slots, first render', renders.slotList300.first),
      row('day with 300 slots, new selection', renders.slotList300.update),
      row('month, every day bookable, first render', renders.calendarFullMonth.first),
      row('month, every day bookable, new selection', renders.calendarFullMonth.update),
    ]);
  }
  if (heapBytesAfterBooking) console.log(`\nJS heap after a complete booking (after GC, page incl. mock backend): ${kb(heapBytesAfterBooking)}`);
}
