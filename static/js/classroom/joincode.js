// Room codes: read one from what a student typed or from the join address.
//
// Codes are 6 characters of an alphabet without look-alikes (no 0/O, 1/I/L),
// as docs/PROTOCOL.md says. normalizeCode() forgives case, spaces and dashes;
// it never guesses a look-alike (a typed "O" is an error, not a "0").
// Non-goal: checking that the room exists (the server refuses naming `code`).

export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 6;

/** `text` upper-cased with spaces, dashes and dots removed. */
export function normalizeCode(text) {
  return String(text ?? "").toUpperCase().replace(/[\s\-.]+/g, "");
}

/** Why `text` is not a room code (a sentence), or null when it is one. */
export function codeProblem(text) {
  const code = normalizeCode(text);
  if (code === "") return "Type the class code shown on the teacher's screen.";
  const bad = [...code].find((c) => !CODE_ALPHABET.includes(c));
  if (bad) return `"${bad}" cannot be in a class code (codes use ${CODE_ALPHABET}).`;
  if (code.length !== CODE_LENGTH) return `A class code has ${CODE_LENGTH} characters; "${code}" has ${code.length}.`;
  return null;
}

/** The code of a join address path "/join/CODE" (any case, a trailing slash allowed), or null. */
export function codeFromPath(pathname) {
  const match = /^\/join\/([^/]+)\/?$/.exec(String(pathname ?? ""));
  if (!match) return null;
  const code = normalizeCode(decodeURIComponent(match[1]));
  return codeProblem(code) ? null : code;
}

/** Code shown to a class: "ABC DEF" (two halves read aloud more easily). */
export function displayCode(code) {
  const c = normalizeCode(code);
  return c.length === CODE_LENGTH ? `${c.slice(0, 3)} ${c.slice(3)}` : c;
}

/**
 * The address students open: the server's `join_url` from the share (or claim) ack when it
 * sent one, else this page's origin with the join path. `lan` is the ack's (whether
 * students' devices can reach it), null when the ack did not say.
 * Returns { url, text (without the scheme), lan }.
 */
export function joinAddress(ack, origin, code) {
  const given = typeof ack?.join_url === "string" && /^https?:\/\/[^/]/.test(ack.join_url);
  const path = typeof ack?.join_path === "string" && ack.join_path.startsWith("/") ? ack.join_path : `/join/${code}`;
  const url = given ? ack.join_url : `${origin}${path}`;
  return { url, text: url.replace(/^https?:\/\//, ""), lan: typeof ack?.lan === "boolean" ? ack.lan : null };
}
