// mailto:// and mailtos:// (Apprise's email URLs) → an email_smtp sink: plain SMTP on 25, or
// STARTTLS on 587 / implicit TLS on 465, the sender from the user part, the SMTP host from ?smtp=
// or a few providers Apprise also knows.
import { fail, options, type Builder } from './service-url-parse.js';

// Apprise knows the SMTP servers of the big providers; Herald knows these few and takes ?smtp= otherwise.
const SMTP_HOSTS: Record<string, string> = {
  'gmail.com': 'smtp.gmail.com',
  'googlemail.com': 'smtp.gmail.com',
  'outlook.com': 'smtp-mail.outlook.com',
  'hotmail.com': 'smtp-mail.outlook.com',
  'live.com': 'smtp-mail.outlook.com',
  'yahoo.com': 'smtp.mail.yahoo.com',
  'fastmail.com': 'smtp.fastmail.com',
  'icloud.com': 'smtp.mail.me.com',
  'me.com': 'smtp.mail.me.com',
  'zoho.com': 'smtp.zoho.com',
};

export const email =
  (secure: boolean): Builder =>
  (url) => {
    const o = options(url, { to: 'to', from: 'from', smtp: 'smtp', name: 'name', mode: 'mode', user: 'user', pass: 'pass' });
    const user = o.user ?? url.user;
    const from = o.from ?? (user?.includes('@') ? user : user && url.host ? `${user}@${url.host}` : undefined);
    if (!from) fail(url, 'no sender', 'write mailto://USER:PASSWORD@example.org (sender USER@example.org) or add ?from=ops@example.org');
    const mode = secure ? (o.mode ?? 'starttls') : 'plain';
    if (!['starttls', 'ssl', 'plain'].includes(mode)) fail(url, `mode must be ssl or starttls (got '${mode}')`, 'write ?mode=ssl (port 465) or ?mode=starttls (port 587)');
    const domain = url.host.toLowerCase();
    const config: Record<string, unknown> = {
      kind: 'email_smtp',
      host: o.smtp ?? SMTP_HOSTS[domain] ?? url.host,
      port: Number(url.port ?? (mode === 'ssl' ? 465 : mode === 'starttls' ? 587 : 25)),
      from_addr: o.name ? `${o.name} <${from}>` : from,
      to_addrs: (o.to ?? from).split(/[,\s]+/).filter(Boolean),
      ssl: mode === 'ssl',
      starttls: mode === 'starttls',
    };
    const password = o.pass ?? url.password;
    if (user && password) Object.assign(config, { username: user, password });
    return { config, secrets: password ? [password] : [] };
  };
