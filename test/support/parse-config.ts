// Reads and checks config text in one synchronous step, as `send` would (without the file read):
// how the tests check configs. The registry must hold the kinds the text names (`registry.load()`).
import { checkConfigTree } from '../../src/config/check.js';
import { readConfigText } from '../../src/config/parse-text.js';
import type { LoadedConfig, LoadOptions } from '../../src/config/types.js';
import { expandUrlSink } from '../../src/config/url-sink.js';

export function parseConfigText(text: string, file: string | null, options: LoadOptions): LoadedConfig {
  const { root, where } = readConfigText(text, file);
  return checkConfigTree(root, file, where, options, expandUrlSink);
}
