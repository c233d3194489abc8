// The class data set as this page knows it: built from the server's `collection` messages.
//
// A teacher's page sees every point with the student who added it (and their name);
// a student's page sees every point too, and knows its own from its acks. Points
// that arrived in the last NEW_MS are "new" (ringed on the teacher's plot).
// A set of drawn images (an image run's class) keeps them in `points` too, each
// { id, pixels (intensities 0 … 1, row by row), label, student, at }.
// Non-goal: talking to the socket or touching the page.
import { decodePixels } from "../images/data.js";
import { PIXEL_MAX } from "../images/reduce.js";

export const NEW_MS = 10_000;

/** No class data set (the teacher has not opened one). */
export function createCollection() {
  return { state: "none", problem: "classification", classes: 2, perStudent: 0, perRoom: 0, imageSize: null, classNames: [], points: new Map(), names: new Map(), mine: new Set(), version: 0 };
}

/** Whether the set holds drawn images (else points on the plane). */
export const isImages = (data) => data.imageSize !== null;

/** Apply a `collection` message at time `now` (ms): the whole set (`full`) or its changes. */
export function applyCollection(data, msg, now) {
  data.state = msg.state;
  data.problem = msg.problem;
  data.classes = msg.classes;
  data.perStudent = msg.per_student;
  data.perRoom = msg.per_room;
  data.imageSize = msg.image_size ?? null;
  data.classNames = msg.class_names ?? [];
  if (msg.full) {
    data.points.clear();
    data.mine.clear();
  }
  const at = msg.full ? -Infinity : now;
  for (const [id, x1, x2, label, student] of msg.points ?? []) {
    data.points.set(id, { id, x1, x2, label, student, at });
  }
  for (const [id, base64, label, student] of msg.images ?? []) {
    const [pixels] = decodePixels(base64, msg.image_size, msg.scale);
    data.points.set(id, { id, pixels, label, student, at });
  }
  for (const id of msg.removed ?? []) {
    data.points.delete(id);
    data.mine.delete(id);
  }
  for (const [number, name] of msg.names ?? []) data.names.set(number, name);
  data.version++;
  return data;
}

/** Remember the ids the server gave this page's own points (the `contribute` ack). */
export function noteMine(data, ids) {
  for (const id of ids) data.mine.add(id); // the ack may come before the points' message
  data.version++;
  return data;
}

/** Whether students may add points now. */
export const isOpen = (data) => data.state === "open";

/** Whether the class sees a data set (open or locked; "off" and "none" hide it). */
export const isShown = (data) => data.state === "open" || data.state === "locked";

/** Rows [x1, x2, label] split into old and new ones (arrived within NEW_MS of `now`). */
export function plotRows(data, now) {
  const old = [];
  const fresh = [];
  for (const p of data.points.values()) (now - p.at < NEW_MS ? fresh : old).push([p.x1, p.x2, p.label]);
  return { old, fresh };
}

/** The images newest first, for the teacher's grid: [{ id, pixels, label, name, fresh }]. */
export function thumbnails(data, now) {
  return [...data.points.values()].sort((a, b) => b.id - a.id).map((p) => ({
    id: p.id, pixels: p.pixels, label: p.label, name: data.classNames[p.label] ?? String(p.label), fresh: now - p.at < NEW_MS,
  }));
}

/** When the newest "new" point stops being new (ms), or null: when to redraw. */
export function nextAging(data, now) {
  let next = null;
  for (const p of data.points.values()) {
    const end = p.at + NEW_MS;
    if (end > now && (next === null || end < next)) next = end;
  }
  return next;
}

/** Each student's contribution, most points first: [{ student, name, count }]. */
export function contributors(data) {
  const counts = new Map();
  for (const p of data.points.values()) counts.set(p.student, (counts.get(p.student) ?? 0) + 1);
  return [...counts].map(([student, count]) => ({ student, name: data.names.get(student) ?? `Student ${student}`, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

/** How many points this page added (and the server still holds). */
export function mineCount(data) {
  let n = 0;
  for (const id of data.mine) if (data.points.has(id)) n++;
  return n;
}

/** Id of the point nearest (x1, x2) within `radius` data units, or null. */
export function nearestPoint(data, x1, x2, radius) {
  let best = null;
  let bestDistance = radius;
  for (const p of data.points.values()) {
    const d = Math.hypot(p.x1 - x1, p.x2 - x2);
    if (d <= bestDistance) [best, bestDistance] = [p.id, d];
  }
  return best;
}

/** CSV "x1,x2,label" of the set, in the order points arrived: the upload format, without sets. */
export function collectionCsv(data) {
  const rows = [...data.points.values()].sort((a, b) => a.id - b.id).map((p) => `${p.x1},${p.x2},${p.label}`);
  return `${["x1,x2,label", ...rows].join("\n")}\n`;
}

/** Pixel values 0 … 16 as the text of images writes them: at most 4 decimals, no trailing zeros. */
const gridValue = (intensity) => String(Number((intensity * PIXEL_MAX).toFixed(4)));

/** The images in the text format (docs/PROTOCOL.md "Text of images"), in the order they came:
 *  what upload_images takes again. */
export function collectionImagesText(data) {
  const size = data.imageSize;
  const rows = [...data.points.values()].sort((a, b) => a.id - b.id).map((p) => [...Array.from(p.pixels, gridValue), p.label].join(","));
  const head = `# ${size}x${size} images: ${size * size} pixel values 0-${PIXEL_MAX} row by row from the top left, the label, then optionally train or test`;
  return `${[head, ...rows].join("\n")}\n`;
}
