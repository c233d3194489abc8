// Remember which rooms this browser teaches, so a reload can `claim` them back.
//
// `storage` is anything with getItem/setItem/removeItem (localStorage in the
// page, a Map-backed stub in tests). One key per code, as the token is per room.
// Non-goal: expiry (the server refuses a stale token and we then forget it).

const PREFIX = "nn-playground.teacher.";
const LAST = "nn-playground.teacher.last";

/** Store the teacher `token` of room `code` and remember it as the latest. */
export function saveTeacher(storage, code, token) {
  storage.setItem(PREFIX + code, token);
  storage.setItem(LAST, code);
}

/** The saved token of `code`, or null. */
export function teacherToken(storage, code) {
  return code ? storage.getItem(PREFIX + code) : null;
}

/** { code, token } of the room to reclaim: the `room` named by the address first, else the latest. */
export function roomToClaim(storage, addressCode) {
  const code = addressCode || storage.getItem(LAST);
  const token = teacherToken(storage, code);
  return code && token ? { code, token } : null;
}

/** Forget room `code` (its token was refused, or the room closed). */
export function forgetTeacher(storage, code) {
  storage.removeItem(PREFIX + code);
  if (storage.getItem(LAST) === code) storage.removeItem(LAST);
}
