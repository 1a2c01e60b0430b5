import type { NotificationEvent } from '../core/event.js';
import type { SinkEntry } from '../config/load.js';
import type { DispatcherDeps } from './dispatch-types.js';
export declare function keepDeadLetter(deps: DispatcherDeps, sink: SinkEntry, event: NotificationEvent, attempts: number, reason: string): Promise<boolean>;
