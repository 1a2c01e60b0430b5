// Commands added by later parts of Herald (watch, exec, setup, …) register here.
import type { Command } from 'commander';
import { registerWatch } from './watch.js';

export const extraCommands: ((program: Command) => void)[] = [registerWatch];
