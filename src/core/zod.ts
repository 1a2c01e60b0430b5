// The schema library every module in src/ builds its schemas with: zod's functional API
// (zod/mini), with zod's English messages. Classic `zod` was the largest piece of the start-up of
// every command that checks a config (issue 14: a 126 KB chunk, methods on every schema); mini is
// plain functions and the bundle keeps those used (a 78 KB chunk; `send --dry-run` runs ~65 M
// fewer instructions). Classic installs the English messages when imported and mini does not, so
// they are installed here, once: config errors and `send`'s event problems quote them, and users
// (and tests) match on their text.
// Import it as a namespace (`import * as z`): re-exported star by star, `z.string` resolves to
// zod's own export and the rest is left out; zod's own `z` object, re-exported, would keep all of
// zod in the bundle (~430 KB).
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
