// The packages loaded lazily (see load.ts). scripts/build.mjs reads LAZY_PACKAGES from this file.
import { lazyRequire } from './load.js';

export const LAZY_PACKAGES = ['undici', 'cli-progress', 'nodemailer', 'ioredis'] as const;

export const loadUndici = () => lazyRequire<typeof import('undici')>('undici');
export const loadCliProgress = () => lazyRequire<typeof import('cli-progress')>('cli-progress');
export const loadNodemailer = () => lazyRequire<typeof import('nodemailer')>('nodemailer');
export const loadIoredis = () => lazyRequire<typeof import('ioredis')>('ioredis');
