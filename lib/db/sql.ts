// A small composable SQL builder: fragments keep their values separate from the text, and
// numbering ($1, $2, ...) happens once at the end, so the same query runs through Prisma's
// $queryRawUnsafe or a node-postgres cursor (for streamed exports) without string-built values.
export class Sql {
  constructor(readonly strings: readonly string[], readonly values: readonly unknown[]) {}

  /** Text with $n placeholders and the values in order. */
  build(): { text: string; values: unknown[] } {
    const values: unknown[] = [];
    const text = this.render((value) => {
      values.push(value);
      return `$${values.length}`;
    });
    return { text, values };
  }

  /**
   * Text with each value written in as `literal` quotes it, for the one statement that takes no
   * parameters: COPY (SELECT ...) TO STDOUT.
   */
  inline(literal: (value: unknown) => string): string {
    return this.render(literal);
  }

  private render(placeholder: (value: unknown) => string): string {
    let text = this.strings[0]!;
    this.values.forEach((value, index) => {
      text += value instanceof Sql ? value.render(placeholder) : placeholder(value);
      text += this.strings[index + 1]!;
    });
    return text;
  }
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return new Sql(strings, values);
}

/** Joins fragments with a separator, e.g. conditions with " AND ". */
export function join(fragments: Sql[], separator: string): Sql {
  if (fragments.length === 0) return sql``;
  const strings = [""];
  for (let i = 1; i < fragments.length; i++) strings.push(separator);
  strings.push("");
  return new Sql(strings, fragments);
}

/** Trusted SQL text (identifiers and keywords chosen from fixed lists, never user input). */
export function raw(text: string): Sql {
  return new Sql([text], []);
}

/** A table alias written into SQL text (`p`, `scope`): refused unless it is a plain identifier. */
export function alias(name: string): Sql {
  if (!/^[a-z_]\w*$/.test(name)) throw new Error(`not a table alias: ${name}`);
  return raw(name);
}
