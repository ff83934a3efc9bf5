/**
 * A real SMTP server for tests (smtp-server), keeping every message it accepted, parsed by mailparser.
 * It can be stopped and started again on the same port, and told to stall on the next message (accept the
 * connection and the data, never answer), to catch a sender in the middle of a send.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  port: number;
  messages: ParsedMail[];
  /** The raw messages, as received. */
  raw: string[];
  stop(): Promise<void>;
  start(): Promise<void>;
  /** The next message's data is read, then never answered; resolves when that message has arrived. */
  stallNext(): Promise<void>;
  /** Waits until at least `count` messages were accepted. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const raw: string[] = [];
  let stall: (() => void) | undefined;
  let server: SMTPServer | undefined;
  let boundPort = port;

  const listen = async () => {
    const current = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(_auth, _session, callback) {
        callback(null, { user: 'test' });
      },
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (stall) {
            const stalled = stall;
            stall = undefined;
            stalled();
            // Never answered: the sender is left waiting for "250 OK".
            return;
          }
          const text = Buffer.concat(chunks).toString('utf8');
          void simpleParser(text).then((parsed) => {
            raw.push(text);
            messages.push(parsed);
            callback();
          }, callback);
        });
      },
    });
    current.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      current.server.once('error', reject);
      current.listen(boundPort, '127.0.0.1', () => resolve());
    });
    boundPort = (current.server.address() as AddressInfo).port;
    server = current;
  };
  await listen();

  return {
    get url() {
      return `smtp://test:secret@127.0.0.1:${boundPort}`;
    },
    get port() {
      return boundPort;
    },
    messages,
    raw,
    async stop() {
      const current = server;
      server = undefined;
      if (!current) return;
      // close() waits for open connections; a stalled one would keep it waiting, so end them.
      for (const connection of current.connections) connection.close();
      await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    start: listen,
    stallNext() {
      return new Promise<void>((resolve) => {
        stall = resolve;
      });
    },
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages within ${timeoutMs} ms, got ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return messages;
    },
  };
}
