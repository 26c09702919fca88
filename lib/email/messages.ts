// The app's emails, each as plain text and as HTML with the same words and the same link.
import { INVITATION_DAYS } from "@/lib/auth/invitations";
import type { OutgoingEmail } from "./transport";
import { escapeHtml } from "./html";

function compose(to: string, subject: string, paragraphs: string[], link: { url: string; label: string }, footer: string): OutgoingEmail {
  const text = [...paragraphs, `${link.label}: ${link.url}`, footer].join("\n\n");
  const html = [
    "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a\">",
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`,
    `<p style="font-size:12px;color:#475569">${escapeHtml(footer)}</p>`,
    "</body></html>",
  ].join("\n");
  return { to, subject, text, html };
}

export function invitationEmail(input: { to: string; url: string; teamName: string; role: string; invitedBy: string }): OutgoingEmail {
  return compose(
    input.to,
    `You are invited to ${input.teamName} on Commissioning Atlas`,
    [`${input.invitedBy} invited you to join ${input.teamName} on Commissioning Atlas as ${input.role}.`, `The link works once and for ${INVITATION_DAYS} days.`],
    { url: input.url, label: "Accept the invitation" },
    "If you did not expect this invitation, ignore this email.",
  );
}

export function passwordResetEmail(input: { to: string; url: string; validMinutes: number }): OutgoingEmail {
  return compose(
    input.to,
    "Reset your Commissioning Atlas password",
    [
      "Someone, probably you, asked to reset the password of your Commissioning Atlas account.",
      `The link works once and for ${input.validMinutes} minutes. Setting a new password signs you out everywhere.`,
    ],
    { url: input.url, label: "Choose a new password" },
    "If you did not ask for this, ignore this email: your password stays as it is.",
  );
}
