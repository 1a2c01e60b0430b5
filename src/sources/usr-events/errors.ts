// A watch that cannot go on for a reason that is not a user mistake (an invalid line, a truncated
// file, a held lock, unsent events): exit 1 with `Notification failed: <message>` (dnadesign §3.0).
// User mistakes stay ConfigError/UsageError (exit 2).
export class WatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WatchError';
  }
}
