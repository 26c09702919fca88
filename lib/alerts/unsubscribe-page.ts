// The public /unsubscribe endpoint, as plain HTML from a route handler: Next cannot serve a page and
// a POST handler on one path, and RFC 8058 needs the POST on the very URL of List-Unsubscribe.
//
// GET only shows what the link will stop and a button: mail scanners and link previews fetch every
// link in a message, so a GET must change nothing. POST (the button, or a mail client's one-click
// `List-Unsubscribe=One-Click`) turns that email off and answers 200. It is cross-site by nature
// (mail clients, webmail) and needs no session or CSRF token, which is safe because the signed token
// is the only credential, it names one user and kind and cannot be edited, and all it can do is
// turn email off, idempotently. An invalid token answers 400 and changes nothing.
import type { Db } from "@/lib/db/client";
import { escapeHtml } from "@/lib/email/html";
import { describeScope, describeUnsubscribe, unsubscribe, type UnsubscribeView } from "./unsubscribe";
import { NOTIFICATION_SETTINGS_PATH } from "./email";

const STYLE = `body{font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a;background:#f8fafc;margin:0}
main{min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;padding:48px 16px}
.card{max-width:28rem;width:100%;box-sizing:border-box;background:#fff;border:1px solid #e2e8f0;border-radius:8px;padding:32px;box-shadow:0 1px 2px rgba(0,0,0,.05)}
.brand{font-weight:600;font-size:18px;margin-bottom:32px}h1{font-size:20px;margin:0 0 8px}p{font-size:14px;color:#475569}
button{background:#1e3a8a;color:#fff;border:0;border-radius:6px;padding:8px 16px;font-size:14px;font-weight:500;cursor:pointer}a{color:#1d4ed8}`;

function page(status: number, title: string, body: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${escapeHtml(title)} · Commissioning Atlas</title><style>${STYLE}</style></head><body><main id="main"><div class="brand">Commissioning Atlas</div><div class="card"><h1>${escapeHtml(title)}</h1>${body}</div></main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      // The token is in the URL: never pass it on to another site
      "referrer-policy": "no-referrer",
      "x-robots-tag": "noindex",
    },
  });
}

const invalid = () =>
  page(400, "This unsubscribe link is not valid", `<p>It may have been cut short when it was copied. Sign in and choose what you are emailed about in <a href="${NOTIFICATION_SETTINGS_PATH}">Settings → Notifications</a>.</p>`);

const tokenOf = (request: Request) => new URL(request.url).searchParams.get("token");

function stopped(view: UnsubscribeView): string {
  return `<p>${escapeHtml(`${view.email} will get no more ${describeScope(view.scope)}.`)} Notifications still appear in the app.</p><p><a href="${NOTIFICATION_SETTINGS_PATH}">Choose what you are emailed about</a> (sign-in needed).</p>`;
}

export async function unsubscribePage(db: Db, request: Request): Promise<Response> {
  const token = tokenOf(request);
  const view = await describeUnsubscribe(db, token);
  if (!view) return invalid();
  if (view.alreadyOff) return page(200, "You are already unsubscribed", stopped(view));
  const action = `/unsubscribe?token=${encodeURIComponent(token!)}`;
  return page(
    200,
    "Stop these emails?",
    `<p>${escapeHtml(`${view.email} will get no more ${describeScope(view.scope)} from Commissioning Atlas.`)} Notifications still appear in the app.</p>` +
      `<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );
}

export async function unsubscribePost(db: Db, request: Request): Promise<Response> {
  const view = await unsubscribe(db, tokenOf(request));
  if (!view) return invalid();
  return page(200, "You are unsubscribed", stopped(view));
}
