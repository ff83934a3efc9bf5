import { de } from './de.js';
import { en } from './en.js';

export type Messages = typeof de;
export type Lang = 'de' | 'en';

export const catalogs: Record<Lang, Messages> = { de, en };
