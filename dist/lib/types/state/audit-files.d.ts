/** A descriptor kept open across appends, reopened when the name now leads to another file or none. */
export declare class KeptFile {
    private readonly flags;
    private fd;
    private path;
    private ino;
    constructor(flags: number);
    get inode(): number | undefined;
    /** `ino`: what a stat of `path` just gave (undefined: no file there). */
    get(path: string, ino: number | undefined): number;
    close(): void;
}
export declare function inodeOf(path: string): number | undefined;
export declare function openNoFollow(path: string, flags: number): number;
export declare function readRange(path: string, start: number, end: number): string;
export declare function statOf(path: string): {
    size: number;
    ino?: number;
};
