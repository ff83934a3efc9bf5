/**
 * The entry of the ZMS build, `dist/termin-buchen-zms.js`: the same element as termin-buchen.js, plus the
 * adapter for a ZMS (eappointment) citizen API, chosen with `backend="zms"`. Kept out of the main build
 * so that towns on the termin-buchen contract do not download it.
 */
import './api/zms/register.js';

export * from './termin-buchen.js';
