import type { Messages } from './messages.js';

/** English messages: natural British/international English for citizens with little German. */
export const en: Messages = {
  calendar: {},
};
