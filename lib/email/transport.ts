// Outgoing email through the SMTP server named by SMTP_URL (smtp://user:pass@host:587, or smtps:// for
// implicit TLS). Without it the app still works: links are shown to copy, and the UI says why.
import nodemailer, { type Transporter } from "nodemailer";

/** `headers`: extra header fields (List-Unsubscribe and List-Unsubscribe-Post on alert emails). */
export type OutgoingEmail = { to: string; subject: string; text: string; html: string; headers?: Record<string, string> };

let cached: { url: string; transporter: Transporter } | null = null;

export function emailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL?.trim());
}

function transporter(): Transporter {
  const url = process.env.SMTP_URL?.trim();
  if (!url) throw new Error("SMTP_URL is not set: email is not configured.");
  if (cached?.url !== url) {
    // STARTTLS is used whenever the server offers it; a TLS failure is an error, never a silent fallback
    cached = { url, transporter: nodemailer.createTransport(url, { from: senderAddress(), connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) };
  }
  return cached.transporter;
}

/** SMTP_FROM, or no-reply at the app's host. */
export function senderAddress(): string {
  return process.env.SMTP_FROM?.trim() || `Commissioning Atlas <no-reply@${new URL(appUrl()).hostname}>`;
}

/** The app's public URL (NEXTAUTH_URL, which `npm start` sets), for links in messages. */
export function appUrl(): string {
  return (process.env.NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

export async function sendEmail(message: OutgoingEmail): Promise<void> {
  await sendEmailForId(message);
}

/** Sends the message and answers the Message-ID it went out with (alerts record it with their delivery). */
export async function sendEmailForId(message: OutgoingEmail): Promise<string> {
  const info = await transporter().sendMail({ from: senderAddress(), ...message });
  return String(info.messageId ?? "");
}
