// Page flags in the address: projector mode, colour palette, lesson, room.
//
// They live beside the settings in the query string ("?projector=1&palette=cvd&
// lesson=first-lecture&learning_rate=0.03..."). keepFlags() puts them back into
// a settings query so writing the settings never drops them.
// Non-goal: the settings themselves (urlstate.js).

export const FLAG_NAMES = Object.freeze(["projector", "palette", "lesson", "room"]);
export const PALETTES = Object.freeze(["standard", "cvd"]);

const TRUE = new Set(["1", "true", "yes", "on"]);

/** { projector: bool, palette: "standard" | "cvd", lesson: str | null, room: str | null } of `search`. */
export function readFlags(search) {
  const params = new URLSearchParams(search);
  const palette = params.get("palette");
  return {
    projector: TRUE.has(String(params.get("projector") ?? "").toLowerCase()),
    palette: PALETTES.includes(palette) ? palette : "standard",
    lesson: params.get("lesson") || null,
    room: params.get("room") || null,
  };
}

/** `search` with flag `name` set to `value` (removed when value is null, false or the default). */
export function setFlag(search, name, value) {
  const params = new URLSearchParams(search);
  const off = value === null || value === undefined || value === false || (name === "palette" && value === "standard");
  if (off) params.delete(name);
  else params.set(name, value === true ? "1" : String(value));
  return tidy(params.toString());
}

/** Settings query `query` followed by the flags present in `search` ("a=1&projector=1"). */
export function keepFlags(query, search) {
  const params = new URLSearchParams(query);
  const from = new URLSearchParams(search);
  for (const name of FLAG_NAMES) if (from.has(name)) params.set(name, from.get(name));
  return tidy(params.toString());
}

function tidy(text) {
  return text.replaceAll("%2C", ",");
}
