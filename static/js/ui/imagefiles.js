// Wire an image run's files and edits: upload and download a text of images, add a drawing
// to the training or test set.
//
// The text format and its errors (naming the line) are the server's (docs/PROTOCOL.md
// "Text of images"); sizes are checked before sending. Errors show next to the buttons.
import { fileName, tooBig } from "../modelfile.js";
import { saveText, takeFile } from "./download.js";

const $ = (id) => document.getElementById(id);

function say(id, message) {
  $(id).textContent = message ?? "";
  $(id).hidden = !message;
}

/**
 * `ctx` = { state, client, schedule, flash(text), drawing() → { counts, label } | null }.
 * Returns { setEnabled(bool), canAdd(bool) }.
 */
export function wireImageFiles({ state, client, schedule, flash, drawing }) {
  let enabled = false;
  let addable = false;

  $("download-images").addEventListener("click", async () => {
    say("error-images", null);
    const ack = await client.send("export_images");
    if (!ack.ok) return say("error-images", ack.error?.message ?? "The server refused to export.");
    saveText(fileName("images", state.epoch, "txt"), ack.images, "text/plain");
  });

  $("upload-images").addEventListener("change", async (event) => {
    say("error-images", null);
    const file = await takeFile(event.target);
    if (!file) return;
    const big = tooBig(file.text, Math.min(state.limits.max_image_bytes ?? Infinity, state.limits.max_message_bytes), "file of images");
    if (big) return say("error-images", big);
    const ack = await client.send("upload_images", { images: file.text });
    if (!ack.ok) return say("error-images", `${file.name}: ${ack.error?.message ?? "refused"}`);
    flash(`Loaded ${ack.train} training and ${ack.test} test images from ${file.name}: training restarted`);
    schedule();
  });

  async function add(set) {
    say("error-pad", null);
    const drawn = drawing();
    if (!drawn) return;
    const ack = await client.send("add_images", { images: [drawn.counts], labels: [drawn.label], set });
    if (!ack.ok) return say("error-pad", ack.error?.message ?? "The server refused the drawing.");
    flash(`Your drawing is in the ${set === "train" ? "training" : "test"} set now (${ack.train} training, ${ack.test} test images)`);
    schedule();
  }
  $("pad-add-train").addEventListener("click", () => add("train"));
  $("pad-add-test").addEventListener("click", () => add("test"));

  function update() {
    for (const id of ["download-images", "upload-images"]) $(id).disabled = !enabled;
    for (const id of ["pad-add-train", "pad-add-test"]) $(id).disabled = !(enabled && addable);
  }

  return {
    setEnabled(on) { enabled = on; update(); },
    canAdd(on) { if (addable !== on) { addable = on; update(); } },
  };
}
