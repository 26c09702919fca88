// A real SMTP server on loopback (smtp-server, port 0) that keeps every message it receives, parsed
// with mailparser, so tests read what a mailbox would.
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type LoopbackSmtp = { url: string; messages: ParsedMail[]; nextMessage(): Promise<ParsedMail>; close(): Promise<void> };

export async function startLoopbackSmtp(credentials = { user: "atlas", pass: "mail-secret" }): Promise<LoopbackSmtp> {
  const messages: ParsedMail[] = [];
  const waiting: ((mail: ParsedMail) => void)[] = [];
  const server = new SMTPServer({
    // No TLS on loopback; the credentials in SMTP_URL are still checked
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
      else callback(new Error("Invalid username or password"));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push(mail);
        waiting.shift()?.(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  let read = 0;
  return {
    url: `smtp://${credentials.user}:${credentials.pass}@127.0.0.1:${port}`,
    messages,
    nextMessage: () => (read < messages.length ? Promise.resolve(messages[read++]!) : new Promise((resolve) => waiting.push((mail) => { read++; resolve(mail); }))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
