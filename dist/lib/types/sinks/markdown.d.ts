export declare function escapeMarkdown(text: string): string;
/** For plain-text fields (a notification's fallback) that are not Markdown but still ping. */
export declare function neutralizeMentions(text: string): string;
/** A title on one line (a line break would end the bold early), escaped. */
export declare function markdownTitle(title: string): string;
