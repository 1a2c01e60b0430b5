// The schema library every module in src/ builds its schemas with: zod's functional API
// (zod/mini), with zod's English messages. Classic `zod` is evaluated whole and gives every schema
// its methods; mini is plain functions, so the bundle keeps only those used, which is most of what
// a start-up that checks a config spent on zod (issue 14). Classic installs the English messages
// when imported and mini does not, so they are installed here, once: config errors and `send`'s
// event problems quote them, and users (and tests) match on their text.
// Import it as a namespace (`import * as z`): re-exported star by star, each `z.string` resolves
// to zod's own export and the rest is left out of the bundle; zod's own `z` object, re-exported,
// would defeat that (esbuild and ncc then keep all of zod, ~430 KB).
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
