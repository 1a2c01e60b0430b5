// The tolerant, lossless JSON reader lives in core (dead letters read back with it too).
export { parseRecordText, pythonStyleError } from '../../core/lossless-json.js';
