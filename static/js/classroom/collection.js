// The class data set as this page knows it: built from the server's `collection` messages.
//
// A teacher's page sees every point with the student who added it (and their name);
// a student's page sees every point too, and knows its own from its acks. Points
// that arrived in the last NEW_MS are "new" (ringed on the teacher's plot).
// Non-goal: talking to the socket or touching the page.

export const NEW_MS = 10_000;

/** No class data set (the teacher has not opened one). */
export function createCollection() {
  return { state: "none", problem: "classification", classes: 2, perStudent: 0, perRoom: 0, points: new Map(), names: new Map(), mine: new Set(), version: 0 };
}

/** Apply a `collection` message at time `now` (ms): the whole set (`full`) or its changes. */
export function applyCollection(data, msg, now) {
  data.state = msg.state;
  data.problem = msg.problem;
  data.classes = msg.classes;
  data.perStudent = msg.per_student;
  data.perRoom = msg.per_room;
  if (msg.full) {
    data.points.clear();
    data.mine.clear();
  }
  for (const [id, x1, x2, label, student] of msg.points ?? []) {
    data.points.set(id, { id, x1, x2, label, student, at: msg.full ? -Infinity : now });
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
