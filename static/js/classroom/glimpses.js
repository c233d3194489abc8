// The class view's picture of every student's run, built from the server's `glimpses`.
//
// Each message lists every student once (their own run at thumbnail size, or that they
// follow the class); a student missing from a message has left. The page counts each
// student's updates and when they came (shown as data attributes for the browser tests,
// which measure the rate). sortStudents orders the tiles by test loss or by name.
// Non-goal: drawing (classroom/draw/classview.js) or the socket.

/** A class view with no student yet. */
export function createClassView() {
  return { open: false, students: new Map(), version: 0 };
}

/** Apply a `glimpses` message received at `now` (ms). */
export function applyGlimpses(view, msg, now) {
  const seen = new Set();
  for (const entry of msg.students ?? []) {
    const known = view.students.get(entry.student);
    seen.add(entry.student);
    view.students.set(entry.student, { ...entry, updates: (known?.updates ?? 0) + 1, firstAt: known?.firstAt ?? now, lastAt: now });
  }
  for (const number of [...view.students.keys()]) if (!seen.has(number)) view.students.delete(number);
  view.version++;
  return view;
}

/** Forget every student (the view closed: the next opening starts afresh). */
export function resetClassView(view) {
  view.students.clear();
  view.version++;
  return view;
}

const byName = (a, b) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: "base" });

/**
 * The students in tile order: by "name", or by "loss" (lowest test loss first; students
 * without a finite loss, then those following the class, last, each group by name).
 */
export function sortStudents(view, by) {
  const students = [...view.students.values()];
  if (by === "name") return students.sort(byName);
  const rank = (s) => (s.following ? 2 : Number.isFinite(s.loss_test) ? 0 : 1);
  return students.sort((a, b) => rank(a) - rank(b) || (rank(a) === 0 ? a.loss_test - b.loss_test : 0) || byName(a, b));
}

/**
 * One tile's caption: "epoch 1,234 · test loss 0.0213 · training" (or "follows the class");
 * an image run's adds its test accuracy ("· 87 % right").
 */
export function tileCaption(entry) {
  if (entry.following) return "follows the class";
  const loss = Number.isFinite(entry.loss_test) ? entry.loss_test.toPrecision(3) : "—";
  const images = entry.problem === "images" && Number.isFinite(entry.metric_test) ? ` · ${Math.round(entry.metric_test * 100)} % right` : "";
  return `epoch ${entry.epoch.toLocaleString("en")} · test loss ${loss}${images} · ${entry.running ? "training" : "paused"}`;
}
