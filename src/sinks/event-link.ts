// The link a push notification opens: the CI run that sent the event (the action puts it in
// `details.run_url`), when there is one and it is a web address.
import type { NotificationEvent } from '../core/event.js';

export function runLinkOf(event: NotificationEvent): string | undefined {
  const url = event.details.run_url;
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : undefined;
}
