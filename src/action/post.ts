// Entry of the action's post step (dist/action/post.js).
import { realPorts } from './ports.js';
import { runPost } from './post-step.js';

await runPost(await realPorts());
