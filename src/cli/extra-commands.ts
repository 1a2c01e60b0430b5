// Commands added by later parts of Herald (watch, exec, setup, …) register here.
import type { Command } from 'commander';

export const extraCommands: ((program: Command) => void)[] = [];
