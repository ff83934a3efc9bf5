/**
 * Phone numbers as citizens type them ("0171 234 5678", "+49 (171) 2345678", "0049 171 …") in the
 * international form SMS gateways expect (E.164: `+491712345678`), or null when it cannot be one.
 */
export function toE164(phone: string, countryCode = '49'): string | null {
  const compact = phone.replace(/[\s()./-]/g, '');
  let international: string;
  if (compact.startsWith('+')) international = compact;
  else if (compact.startsWith('00')) international = `+${compact.slice(2)}`;
  else if (compact.startsWith('0')) international = `+${countryCode}${compact.slice(1)}`;
  else return null;
  return /^\+[1-9]\d{7,14}$/.test(international) ? international : null;
}
