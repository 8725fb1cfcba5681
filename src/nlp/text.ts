/** Pure text helpers shared by ingestion, sentiment and content-based recommendations. */

/** Runs of control characters other than tab and line ends (C0 and DEL). */
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]+/g;
const space = /\s/;

/** A run of control characters between two non-space characters separates them ("good\u0000bad" → "good bad"); elsewhere it goes. */
function replaceControl(run: string, offset: number, text: string): string {
  const before = text[offset - 1];
  const after = text[offset + run.length];
  return before !== undefined && after !== undefined && !space.test(before) && !space.test(after) ? " " : "";
}

/** Anything but printable ASCII (a space to a tilde). */
const notPrintableAscii = /[^\x20-\x7e]/;

/** Unicode-normalised, line ends unified, control characters removed (or a space between two words), trimmed. */
export function cleanText(text: string): string {
  // Printable ASCII is its own NFC form and holds no line end or control character: one scan instead of three.
  if (!notPrintableAscii.test(text)) return text.trim();
  return text.normalize("NFC").replace(/\r\n?/g, "\n").replace(controlChars, replaceControl).trim();
}

const hashtagPattern = /(^|[^\p{L}\p{N}_&#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const mentionPattern = /(^|[^\p{L}\p{N}_@.])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,98}[A-Za-z0-9_])?)/gu;

function collect(pattern: RegExp, text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(pattern)) seen.add(m[2].toLowerCase().slice(0, 100));
  return [...seen];
}

/** `#Summer #summer #2024run` → ["summer", "2024run"]: lower-cased, unique, in order; a tag needs a letter. */
export function parseHashtags(text: string): string[] {
  return collect(hashtagPattern, text);
}

/** `hi @Brand.Co!` → ["brand.co"]; e-mail addresses are not mentions. */
export function parseMentions(text: string): string[] {
  return collect(mentionPattern, text);
}

/**
 * A topic (a post's category) as stored and as filters match it: cleaned (`cleanText`), runs of whitespace
 * (tabs, line breaks, no-break and other Unicode spaces) folded to one space, lower-cased.
 */
export function normalizeTopic(topic: string): string {
  return cleanText(topic).replace(/\s+/gu, " ").toLowerCase();
}

/** A hashtag as stored and as filters match it: cleaned (`cleanText`), without a leading #, lower-cased. */
export function normalizeHashtag(tag: string): string {
  return cleanText(cleanText(tag).replace(/^#/, "")).toLowerCase();
}

/** A handle as stored: without a leading @, trimmed, lower-cased. */
export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@+/, "").toLowerCase();
}
