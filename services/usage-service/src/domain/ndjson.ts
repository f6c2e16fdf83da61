// Lines of an NDJSON body as its bytes arrive in chunks of any size (a
// chunk may end inside a line or inside a UTF-8 character). Pure.
import { invalid } from "@simhub/platform/domain";

/** A line longer than this is refused: a body without newlines must not fill the memory. */
export const MAX_LINE_BYTES = 16 * 1024;

export class NdjsonLines {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private rest = "";
  /** Lines handed out so far (the next line's number is lineCount + 1). */
  lineCount = 0;

  /** The complete lines of `chunk` with what came before it, with their 0-based line index. */
  push(chunk: Uint8Array): { index: number; text: string }[] {
    const text = this.rest + this.decode(chunk, true);
    const parts = text.split("\n");
    this.rest = parts.pop() ?? "";
    if (this.rest.length > MAX_LINE_BYTES) {
      throw invalid(
        `line ${this.lineCount + parts.length + 1} is longer than ${MAX_LINE_BYTES} bytes`,
        [],
        "LINE_TOO_LONG",
      );
    }
    return this.number(parts);
  }

  /** The last line, when the body does not end with a newline. */
  end(): { index: number; text: string }[] {
    const text = this.rest + this.decode(new Uint8Array(0), false);
    this.rest = "";
    return this.number(text === "" ? [] : [text]);
  }

  private decode(chunk: Uint8Array, stream: boolean): string {
    try {
      return this.decoder.decode(chunk, { stream });
    } catch {
      throw invalid(`line ${this.lineCount + 1} is not valid UTF-8`, [], "INVALID_UTF8");
    }
  }

  private number(parts: string[]): { index: number; text: string }[] {
    return parts.map((text) => {
      if (text.length > MAX_LINE_BYTES) {
        throw invalid(
          `line ${this.lineCount + 1} is longer than ${MAX_LINE_BYTES} bytes`,
          [],
          "LINE_TOO_LONG",
        );
      }
      return { index: this.lineCount++, text: text.endsWith("\r") ? text.slice(0, -1) : text };
    });
  }
}
