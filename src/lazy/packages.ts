// Heavy packages (the HTTP client, SMTP, Redis, the progress bar) stay out of the start-up path:
// each is imported when first used, and in the bundles it is a chunk file read only then.
// Literal specifiers, so the bundler sees each one.
import { exportsOf } from './load.js';

export const loadUndici = () => import('./undici-dispatchers.js');
export const loadCliProgress = () => exportsOf<typeof import('cli-progress')>(import('cli-progress'));
export const loadNodemailer = () => exportsOf<typeof import('nodemailer')>(import('nodemailer'));
export const loadIoredis = () => exportsOf<typeof import('ioredis')>(import('ioredis'));
