"use client";

import { useEffect, useState } from "react";
import { Input, type InputProps } from "./input";

type Props = {
  /** The value in the URL */
  value: string;
  /** Called with the trimmed text once typing pauses (or on Enter) */
  onCommit: (value: string) => void;
  delay?: number;
} & Omit<InputProps, "value" | "onChange" | "defaultValue">;

/**
 * A text input that writes to the URL after a pause in typing. A URL change made elsewhere
 * (clear filters, a saved view) replaces the text; the echo of our own change does not, so
 * typing is never overwritten by a slower server response.
 */
export function DebouncedInput({ value, onCommit, delay = 300, onKeyDown, ...rest }: Props) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (value !== sent) {
      setText(value);
      setSent(value);
    }
  }

  useEffect(() => {
    if (text.trim() === sent) return;
    const timer = setTimeout(() => {
      setSent(text.trim());
      onCommit(text.trim());
    }, delay);
    return () => clearTimeout(timer);
  }, [text, sent, delay, onCommit]);

  return (
    <Input
      {...rest}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === "Enter" && text.trim() !== sent) {
          event.preventDefault();
          setSent(text.trim());
          onCommit(text.trim());
        }
        onKeyDown?.(event);
      }}
    />
  );
}
