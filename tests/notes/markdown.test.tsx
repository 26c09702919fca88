import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/notes/markdown";

const render = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe("notes render Markdown safely", () => {
  it("shows <script> as text, never as a script element", () => {
    const html = render("Hello <script>alert('x')</script>");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;");
  });

  it("shows <img onerror> as text", () => {
    const html = render('<img src=x onerror="alert(1)">');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;img");
  });

  it("drops javascript: and data: links, keeping their labels as text", () => {
    const html = render("[click me](javascript:alert(1)) and [data](data:text/html,<b>x</b>)");
    expect(html).not.toMatch(/href="(javascript|data):/i);
    expect(html).not.toContain("<a");
    expect(html).toContain("click me");
  });

  it("renders safe links with rel=noopener noreferrer, and basic formatting", () => {
    const html = render("# Meeting\n\n**CIO** met on *Tuesday*; see [the board paper](https://www.england.nhs.uk/paper) or https://example.nhs.uk/x.\n\n- one\n- two");
    expect(html).toContain('<a href="https://www.england.nhs.uk/paper" rel="noopener noreferrer" target="_blank"');
    expect(html).toContain('href="https://example.nhs.uk/x"');
    expect(html).toContain("<strong>");
    expect(html).toContain("<em>");
    expect(html).toContain("<li>");
    expect(html).toContain("<h3");
  });
});
