import { renderNoteHtml } from "@/lib/notes/markdown";

/** Renders a note's Markdown: the HTML comes from markdown-it with raw HTML off (lib/notes/markdown.ts). */
export function Markdown({ source }: { source: string }) {
  return (
    <div
      className="space-y-2 text-sm text-slate-800 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-200 [&_blockquote]:pl-3 [&_blockquote]:text-slate-600 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-[0.85em] [&_h3]:font-semibold [&_h4]:font-semibold [&_h5]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_p]:whitespace-pre-wrap [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-2 [&_pre]:text-xs [&_ul]:list-disc [&_ul]:pl-5"
      dangerouslySetInnerHTML={{ __html: renderNoteHtml(source) }}
    />
  );
}
