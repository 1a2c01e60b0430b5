// The schema library every module in src/ builds its schemas with: zod's functional API
// (zod/mini), with zod's English messages. Classic `zod` defines dozens of methods on every schema
// and is evaluated whole; mini keeps to functions a bundle takes only what it uses, which is most
// of what a start-up that checks a config spends on zod (issue 14). Classic installs the English
// messages when imported and mini does not, so they are installed here, once: config errors and
// `send`'s event problems quote them, and users (and tests) match on their text.
import { z } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

export { z };
