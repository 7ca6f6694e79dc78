import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  /** The envelope's recipients (RCPT TO), as the server accepted them. */
  to: string[];
  subject: string;
  text: string;
}

export interface SmtpInbox {
  /** smtp://… of the server, through a gate that can drop connections. */
  url: string;
  mails: ReceivedMail[];
  /** Recipients answered with this reply at RCPT TO, e.g. 550 "no such user". */
  rejectRecipient(address: string, code: number, message: string): void;
  /** Accepts every recipient again. */
  clearRejections(): void;
  /** The next `count` connections are closed as soon as they open, before the greeting. */
  dropConnections(count: number): void;
  /** Connections the gate saw, dropped ones included. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on a free port, behind a small TCP gate. It keeps what it receives, parsed
 * with postal-mime, and can refuse recipients or drop connections the way a broken mail relay does.
 */
export async function startSmtpInbox(): Promise<SmtpInbox> {
  const mails: ReceivedMail[] = [];
  const rejections = new Map<string, { code: number; message: string }>();
  const smtp = new SMTPServer({
    logger: false,
    authOptional: true,
    // Plain SMTP keeps the test about delivery; the built-in test certificate would not verify anyway.
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, callback) {
      const rejection = rejections.get(address.address.toLowerCase());
      if (!rejection) return callback();
      callback(Object.assign(new Error(rejection.message), { responseCode: rejection.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        PostalMime.parse(new Uint8Array(Buffer.concat(chunks))).then(
          (parsed) => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  let toDrop = 0;
  let seen = 0;
  const open = new Set<Socket>();
  const gate: Server = createServer((client) => {
    seen += 1;
    if (toDrop > 0) {
      toDrop -= 1;
      client.destroy();
      return;
    }
    const upstream = connect(smtpPort, '127.0.0.1', () => {
      client.pipe(upstream);
      upstream.pipe(client);
    });
    open.add(client).add(upstream);
    const forget = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
  });
  await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
  const port = (gate.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    rejectRecipient: (address, code, message) => rejections.set(address.toLowerCase(), { code, message }),
    clearRejections: () => rejections.clear(),
    dropConnections: (count) => {
      toDrop = count;
    },
    connections: () => seen,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => gate.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}
