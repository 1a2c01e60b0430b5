import { type Builder } from './service-url-parse.js';
export declare const email: (secure: boolean) => Builder;
