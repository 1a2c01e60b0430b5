/** The proxy's origin (never its credentials) for this URL, or undefined when it goes direct. */
export declare function proxyFor(url: URL, explicitProxy: string | undefined, env: Record<string, string | undefined>): string | undefined;
