// Exports that PostgreSQL reads itself: `COPY (SELECT ...) TO STDOUT` streamed through
// pg-copy-streams on one of the team's export slots (lib/db/pool.ts), each row's fields written
// straight from the COPY's bytes (lib/csv CsvCopyWriter). A cursor round trip and a JavaScript object per row cost more
// than the query itself at 100,000 rows; COPY sends the rows as fast as the reader takes them.
import net from "node:net";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { giveBackExportSlot, takeExportSlot, type ExportSource } from "./pool";
import type { Sql } from "./sql";

const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils;

/**
 * A value written into SQL as node-postgres would have sent it as a parameter: its text form
 * (arrays as array literals, dates as timestamps), quoted, its type left to the context as a
 * parameter's is. COPY takes no parameters.
 */
export function sqlLiteral(value: unknown): string {
  const text = prepareValue(value);
  return text === null || text === undefined ? "NULL" : pg.escapeLiteral(String(text));
}

// Binary COPY: an 11-byte signature, two 32-bit words (flags, length of a header extension), then
// per row a 16-bit field count and per field a 32-bit length (-1 for NULL) and the bytes; -1 as the
// count ends it.
const HEADER_BYTES = 19;
/**
 * How far PostgreSQL may run ahead of the reader, in bytes (pg-copy-streams' buffer): enough that it
 * keeps writing while a chunk is on its way to the client, small enough that memory stays flat. The
 * response stream itself pulls only when read, so the slot is held until the reader has the end.
 */
const READ_AHEAD_BYTES = 256 * 1024;
/** The protocol's code for a CancelRequest, in place of a protocol version */
const CANCEL_REQUEST_CODE = 80877102;

/**
 * Writes the rows of a binary COPY as the bytes of a file: `row` gets each complete row as the
 * offset of each field's bytes in `bytes` and its length (-1 for NULL), in arrays reused from row to
 * row; `take` then returns what was written for the chunk.
 */
export interface CopyRowWriter {
  row(bytes: Buffer, starts: Int32Array, lengths: Int32Array): void;
  take(): Uint8Array;
}

/**
 * Takes the rows of a binary COPY of `fields` columns out of their framing, chunk by chunk, and
 * hands each complete row to a CopyRowWriter; a row cut by the end of a chunk waits for the next.
 * Binary because its fields are their bytes as they are: the text and csv formats escape or quote.
 */
export class CopyRows {
  private pending: Buffer = Buffer.alloc(0);
  private headerRead = false;
  private ended = false;
  private readonly starts: Int32Array;
  private readonly lengths: Int32Array;

  constructor(
    private readonly fields: number,
    private readonly writer: CopyRowWriter,
  ) {
    this.starts = new Int32Array(fields);
    this.lengths = new Int32Array(fields);
  }

  /** What the writer wrote for the rows completed by the next chunk of the COPY. */
  push(chunk: Buffer): Uint8Array {
    const buffer = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let at = 0;
    if (!this.headerRead) {
      if (buffer.length < HEADER_BYTES || buffer.length < HEADER_BYTES + buffer.readUInt32BE(HEADER_BYTES - 4)) return this.keep(buffer, 0);
      at = HEADER_BYTES + buffer.readUInt32BE(HEADER_BYTES - 4);
      this.headerRead = true;
    }
    while (at + 2 <= buffer.length) {
      if (this.ended) throw new Error("COPY sent data after its trailer");
      const count = buffer.readInt16BE(at);
      if (count === -1) {
        this.ended = true;
        at += 2;
        continue;
      }
      if (count !== this.fields) throw new Error(`COPY rows must have ${this.fields} columns, not ${count}`);
      const end = this.rowEnd(buffer, at + 2);
      if (end === -1) break;
      this.writer.row(buffer, this.starts, this.lengths);
      at = end;
    }
    return this.keep(buffer, at);
  }

  /** Throws unless the COPY ended with its trailer. */
  end(): void {
    if (!this.ended || this.pending.length) throw new Error("COPY ended in the middle of a row");
  }

  /** Reads the fields of the row whose first field starts at `at` into starts and lengths: where the row ends, or -1 when it is not all there yet. */
  private rowEnd(buffer: Buffer, at: number): number {
    for (let field = 0; field < this.fields; field++) {
      if (at + 4 > buffer.length) return -1;
      // By hand: readInt32BE's argument checks cost more than the read, once per field
      const length = (buffer[at]! << 24) | (buffer[at + 1]! << 16) | (buffer[at + 2]! << 8) | buffer[at + 3]!;
      at += 4;
      this.starts[field] = at;
      this.lengths[field] = length;
      if (length > 0) at += length;
      if (at > buffer.length) return -1;
    }
    return at;
  }

  private keep(buffer: Buffer, from: number): Uint8Array {
    this.pending = Buffer.from(buffer.subarray(from));
    return this.writer.take();
  }
}

/**
 * PostgreSQL's CancelRequest for the statement `client` is running: a new socket that sends the
 * connection's process id and secret key and is closed by the server, with no authentication and
 * no query (a new connection cost 15-50 ms, a SCRAM exchange among it). True once the server has it.
 */
function sendCancelRequest(client: pg.PoolClient): Promise<boolean> {
  const { host, port, processID, secretKey } = client as unknown as { host: string; port: number; processID: number; secretKey: number };
  const request = Buffer.alloc(16);
  request.writeInt32BE(16, 0);
  request.writeInt32BE(CANCEL_REQUEST_CODE, 4);
  request.writeInt32BE(processID | 0, 8);
  request.writeInt32BE(secretKey | 0, 12);
  return new Promise((resolve) => {
    const socket = host.startsWith("/") ? net.connect(`${host}/.s.PGSQL.${port}`) : net.connect(port, host);
    socket.once("connect", () => socket.end(request));
    socket.once("error", () => resolve(false));
    socket.once("close", (hadError) => resolve(!hadError));
  });
}

/**
 * Takes one of the team's export slots (or answers 429, before any byte is sent), then streams the
 * rows of `query`, which selects `fields` columns, through a binary COPY in a read-only transaction:
 * the stream is `prefix`, then what `writer` writes for the rows. It reads from PostgreSQL only as fast as
 * its reader reads, so memory stays flat. The slot is given back when the rows end or fail, when the
 * reader cancels, or when the request is aborted; a COPY still running is cancelled on the server
 * first, so the slot is free again by the time cancel() settles.
 */
export async function copyRows(source: ExportSource, query: Sql, fields: number, writer: CopyRowWriter, options: { setup?: string[]; prefix?: Uint8Array } = {}): Promise<ReadableStream<Uint8Array>> {
  const slot = await takeExportSlot(source);
  const { client } = slot;
  try {
    await client.query("BEGIN READ ONLY");
    for (const statement of options.setup ?? []) await client.query(statement);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    await giveBackExportSlot(slot);
    throw error;
  }
  const copy = client.query(copyTo(`COPY (${query.inline(sqlLiteral)}) TO STDOUT (FORMAT binary)`, { highWaterMark: READ_AHEAD_BYTES }));
  const chunks = copy[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const rows = new CopyRows(fields, writer);
  let copying = true;
  const nextChunk = async () => {
    try {
      const next = await chunks.next();
      if (next.done) copying = false;
      return next;
    } catch (error) {
      copying = false;
      throw error;
    }
  };

  /** Stops a COPY the reader no longer wants: the server is told to cancel it (on another socket, as this connection is streaming), then what it had sent already is read and dropped. */
  const cancelCopy = async (): Promise<boolean> => {
    if (!(await sendCancelRequest(client))) return false;
    // The COPY ends with the cancel's error, or normally if it had finished; a cancel that came after is ignored by an idle server
    await (async () => {
      while (!(await nextChunk()).done);
    })().catch(() => {});
    return true;
  };

  let finished: Promise<void> | undefined;
  const onAbort = () => void finish();
  const finish = () =>
    (finished ??= (async () => {
      source.signal?.removeEventListener("abort", onAbort);
      // A connection whose COPY could not be stopped is closed, which ends the COPY and drops the lock
      if (copying && !(await cancelCopy())) return client.release(new Error("export COPY could not be cancelled"));
      // Read-only: nothing to commit
      const ended = await client.query("ROLLBACK").then(
        () => null,
        (error: Error) => error,
      );
      await giveBackExportSlot(slot, ended ?? undefined);
    })());
  source.signal?.addEventListener("abort", onAbort, { once: true });
  if (source.signal?.aborted) onAbort();

  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (options.prefix?.length) controller.enqueue(options.prefix);
    },
    async pull(controller) {
      try {
        while (true) {
          const next = await nextChunk();
          if (next.done) {
            rows.end();
            await finish();
            controller.close();
            return;
          }
          const bytes = rows.push(next.value);
          if (bytes.length) return controller.enqueue(bytes);
        }
      } catch (error) {
        await finish();
        controller.error(error);
      }
    },
    cancel: () => finish(),
  });
}
