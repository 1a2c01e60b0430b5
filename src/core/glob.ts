// Glob patterns in `events` and `match_labels`, where "*" stands for any run of characters (newlines
// included). The value being matched comes from event data, so the match must not backtrack: a
// pattern compiled to `^.*a.*a….*b$` takes seconds on a 36-character label. Between two stars the
// leftmost occurrence of a literal piece is always the best choice (whatever a later occurrence
// could match, the earlier one leaves at least as much room for), so one forward pass of literal
// searches decides the match.

/** Whether `value` matches `pattern` as a whole; without "*" the two must be equal. */
export function matchesGlob(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === value;
  const pieces = pattern.split('*');
  const head = pieces[0]!;
  const tail = pieces[pieces.length - 1]!;
  if (head.length + tail.length > value.length) return false;
  if (!value.startsWith(head) || !value.endsWith(tail)) return false;
  let from = head.length;
  const end = value.length - tail.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (!piece) continue;
    const at = value.indexOf(piece, from);
    if (at === -1 || at + piece.length > end) return false;
    from = at + piece.length;
  }
  return true;
}
