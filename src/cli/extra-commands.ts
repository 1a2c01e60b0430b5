// Commands added by later parts of Herald (watch, exec, setup, …) register here.
import type { Command } from 'commander';
import { registerWatch } from './watch.js';
import { registerSetup } from './setup.js';
import { registerProfile } from './profile.js';
import { registerSpool } from './spool.js';

export const extraCommands: ((program: Command) => void)[] = [registerWatch, registerSetup, registerProfile, registerSpool];
