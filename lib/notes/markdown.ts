// Notes' Markdown (CommonMark, with bare URLs as links), rendered by markdown-it: its parser is
// linear in the note's length (the hand-written one it replaced was quadratic on runs of `[`, and
// micromark, under react-markdown, takes seconds on 20,000 characters of `*a`). Raw HTML is
// never passed through: with html off, every <tag> in a note is escaped and shows as text.
import MarkdownIt from "markdown-it";

/** Only http, https and mailto targets stay links; javascript:, data: and the rest stay text. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.toString() : null;
  } catch {
    return null;
  }
}

// React's escaping, apostrophe included, so text renders exactly as React would render it
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };
const escapeText = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const markdown = new MarkdownIt("commonmark", { html: false, linkify: true }).enable("linkify");
markdown.validateLink = (url) => safeHref(url) !== null;
markdown.renderer.rules.text = (tokens, idx) => escapeText(tokens[idx]!.content);
markdown.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx]!;
  token.attrSet("rel", "noopener noreferrer");
  token.attrSet("target", "_blank");
  token.attrJoin("class", "text-brand-700 underline");
  return self.renderToken(tokens, idx, options);
};
// A note sits inside a card under the page's own headings, so its # is an h3
const shiftHeading = (tokens: { tag: string }[], idx: number) => {
  const token = tokens[idx]!;
  token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 2)}`;
};
markdown.core.ruler.push("atlas_headings", (state) => {
  state.tokens.forEach((token, idx) => {
    if (token.type === "heading_open" || token.type === "heading_close") shiftHeading(state.tokens, idx);
  });
});
markdown.renderer.rules.image = (tokens, idx) => escapeText(tokens[idx]!.content);

/** The note as HTML in which only Markdown's own elements appear, every text escaped. */
export function renderNoteHtml(source: string): string {
  return markdown.render(source);
}
