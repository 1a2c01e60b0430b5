// Herald's version, for --version and the User-Agent every request carries (a test keeps it equal
// to package.json's: the bundles do not read package.json at run time).
export const HERALD_VERSION = '0.1.0';

/** What Herald calls itself to services (Discord asks API clients to say who they are). */
export const USER_AGENT = `herald-notify/${HERALD_VERSION}`;
