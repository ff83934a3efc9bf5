import type { Context } from 'hono';
import type { Locale } from '../../../src/api/schemas.js';

/** `de` or `en` from Accept-Language, by the client's preference order; German when neither is named. */
export function requestLocale(c: Context): Locale {
  const header = c.req.header('Accept-Language') ?? '';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const quality = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { language: tag.split('-')[0], quality: quality === undefined ? 1 : Number(quality) };
    })
    .filter(({ language, quality }) => (language === 'de' || language === 'en') && quality > 0)
    .sort((a, b) => b.quality - a.quality);
  return ranked[0]?.language === 'en' ? 'en' : 'de';
}
