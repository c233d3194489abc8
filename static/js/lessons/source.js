// Lessons in the address: "?lesson=first-lecture" (a built-in) or "?lesson=<base64url JSON>".
//
// Non-goal: checking the lesson (validate.js) or fetching built-ins (wire).

const BUILT_IN = /^[a-z0-9][a-z0-9-]{0,40}$/;

/** base64url (no padding) of the UTF-8 JSON of `lesson`. */
export function encodeLesson(lesson) {
  const bytes = new TextEncoder().encode(JSON.stringify(lesson));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** What `?lesson=` names: { builtIn: name } | { text: JSON text } | { error }. */
export function readLessonParam(value) {
  const text = String(value ?? "").trim();
  if (BUILT_IN.test(text)) return { builtIn: text };
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return { error: "The lesson in the address is neither a built-in lesson name nor base64url text." };
  try {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { error: "The lesson in the address is damaged (not base64url of UTF-8 text)." };
  }
}
