import type { ReactNode } from "react";
import { parseMarkdown, type Inline } from "@/lib/notes/markdown";

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case "text":
        return <span key={i} className="whitespace-pre-wrap">{node.text}</span>;
      case "strong":
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case "em":
        return <em key={i}>{renderInline(node.children)}</em>;
      case "code":
        return <code key={i} className="rounded bg-slate-100 px-1 font-mono text-[0.85em]">{node.text}</code>;
      case "link":
        return (
          <a key={i} href={node.href} rel="noopener noreferrer" target="_blank" className="text-brand-700 underline">
            {renderInline(node.children)}
          </a>
        );
    }
  });
}

/** Renders a note's Markdown as React elements only: no HTML string is ever injected. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="space-y-2 text-sm text-slate-800">
      {parseMarkdown(source).map((block, i) => {
        switch (block.type) {
          case "heading": {
            const Tag = (["h3", "h4", "h5"] as const)[block.level - 1]!;
            return <Tag key={i} className="font-semibold text-slate-900">{renderInline(block.children)}</Tag>;
          }
          case "list": {
            const Tag = block.ordered ? "ol" : "ul";
            return <Tag key={i} className={`${block.ordered ? "list-decimal" : "list-disc"} space-y-1 pl-5`}>{block.items.map((item, j) => <li key={j}>{renderInline(item)}</li>)}</Tag>;
          }
          case "quote":
            return <blockquote key={i} className="border-l-4 border-slate-200 pl-3 text-slate-600">{renderInline(block.children)}</blockquote>;
          case "code":
            return <pre key={i} className="overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs">{block.text}</pre>;
          default:
            return <p key={i}>{renderInline(block.children)}</p>;
        }
      })}
    </div>
  );
}
