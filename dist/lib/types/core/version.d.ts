export declare const HERALD_VERSION = "0.1.0";
/** What Herald calls itself to services (Discord asks API clients to say who they are). */
export declare const USER_AGENT = "herald-notify/0.1.0";
