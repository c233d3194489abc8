// Which notice the page shows: one at a time, the latest that is still on.
//
// A notice is on from set(id, text) until set(id, null); a newer one hides an older one
// and the older comes back when the newer goes (a connection notice outlives a restart's
// flash). Non-goal: timers and the page (draw/readouts.js shows what current() says).

/** An empty board: { set(id, text | null), current(): { id, text } | null }. */
export function createNoticeBoard() {
  const on = new Map(); // id → { text, order }
  let order = 0;
  return {
    set(id, text) {
      if (text) on.set(id, { text, order: ++order });
      else on.delete(id);
    },
    current() {
      let latest = null;
      for (const [id, notice] of on) if (!latest || notice.order > latest.order) latest = { id, ...notice };
      return latest && { id: latest.id, text: latest.text };
    },
  };
}
