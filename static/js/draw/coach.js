// Draw the coach notes: one sentence each, in a status region above the network.
//
// Takes the notes of coach.js; the neurons they name are highlighted by draw/overlay.js.

/** Show `notes` ([{ kind, text }]) inside `root`; an empty list empties it. */
export function drawCoach(root, notes) {
  const key = notes.map((n) => n.text).join("|");
  if (root.dataset.key === key) return;
  root.dataset.key = key;
  root.replaceChildren(...notes.map((note) => {
    const p = document.createElement("p");
    p.className = `coach-note coach-${note.kind}`;
    p.dataset.kind = note.kind;
    p.textContent = note.text;
    p.title = note.text;
    p.addEventListener("click", () => p.classList.toggle("is-open"));
    return p;
  }));
}
