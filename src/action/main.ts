// Entry of the action's main step (dist/action/main.js).
import { realPorts } from './ports.js';
import { runMain } from './main-step.js';

await runMain(await realPorts());
