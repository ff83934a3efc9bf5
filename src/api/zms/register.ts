/** Importing this module makes `backend="zms"` available (only the ZMS build does). */
import { registerBackend } from '../port.js';
import { ZmsBackend } from './backend.js';

registerBackend('zms', (options) => new ZmsBackend(options));
