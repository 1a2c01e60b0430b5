// Commands added by later parts of Herald (watch, exec, setup, …) register here.
import type { Command } from 'commander';
import { registerExec } from './exec.js';

export const extraCommands: ((program: Command) => void)[] = [registerExec];
