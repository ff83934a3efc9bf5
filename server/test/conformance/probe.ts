import { contractTargets, TestClock } from '../support/contract-targets.js';
const f = contractTargets().find((x) => x.name.includes('postgres'))!;
const t = await f.start(new TestClock('2026-11-16T09:00:00+01:00'));
const j = async (m: string, p: string, body?: unknown) => { const r = await fetch(t.base + p, { method: m, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }); const text = await r.text(); return [r.status, text ? JSON.parse(text) : null] as const; };
const days = (await j('GET', '/days?location=rathaus&services=personalausweis:1&from=2026-11-18&to=2027-02-10'))[1].days.map((d: any) => d.date);
let bad = 0;
for (const day of days.slice(0, 50)) {
  const [, s] = await j('GET', `/slots?location=rathaus&services=personalausweis:1&date=${day}`);
  for (const i of [0, 5, 10]) {
    const res = await Promise.all(Array.from({ length: 40 }, (_, k) => j('POST', '/holds', { locationId: 'rathaus', services: [{ id: 'personalausweis', quantity: 1 + (k % 4) }], start: s.slots[i + 3 - (k % 4)].start })));
    const st = res.map((r) => r[0]);
    if (st.some((x) => x !== 201 && x !== 409)) { bad++; console.log(day, i, st.join(' ')); }
  }
}
console.log('bad', bad, t.logLines.filter((l) => 'event' in l));
await t.close();
