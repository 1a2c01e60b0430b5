export declare const loadUndici: () => Promise<typeof import("./undici-dispatchers.js")>;
export declare const loadCliProgress: () => Promise<typeof import("cli-progress")>;
export declare const loadNodemailer: () => Promise<typeof import("nodemailer")>;
export declare const loadIoredis: () => Promise<typeof import("ioredis")>;
