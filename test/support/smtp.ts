// A real SMTP server (smtp-server) on 127.0.0.1 that records each message and can be scripted to
// refuse with an SMTP code (421, 451, 550…), for the email sink's contract tests.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  user?: string;
  secure: boolean;
}

export interface SmtpDouble {
  port: number;
  mails: ReceivedMail[];
  /** How many client connections the server has accepted. */
  connections(): number;
  /** SMTP reply codes to answer DATA with, in order; then messages are accepted. */
  failData(codes: number[]): void;
  close(): Promise<void>;
}

export async function startSmtp(options: { secure?: boolean; tls?: { key: string; cert: string }; users?: Record<string, string>; starttls?: boolean } = {}): Promise<SmtpDouble> {
  const mails: ReceivedMail[] = [];
  let failures: number[] = [];
  let connections = 0;
  const serverOptions: SMTPServerOptions = {
    secure: options.secure ?? false,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    authOptional: !options.users,
    allowInsecureAuth: true,
    disabledCommands: options.starttls === false || !options.tls ? ['STARTTLS'] : [],
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (options.users && options.users[auth.username ?? ''] === auth.password) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const code = failures.shift();
        if (code) return callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: code }));
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
          secure: session.secure,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    connections: () => connections,
    failData(codes) {
      failures = [...codes];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Headers (unfolded, lower-cased names) and the body of a raw message. */
export function parseMail(raw: string): { headers: Record<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.slice(split + 4).replace(/\r\n/g, '\n') };
}
