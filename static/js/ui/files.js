// Wire the file buttons: points CSV up/down, model export/import, loss history export, and
// the run as code (a .py file or a notebook, written by the server: `export_code`).
//
// Contents come from pure modules (csv.js, modelfile.js) and the server's
// acks; errors show next to the buttons (#error-csv, #error-model).
// Anyone watching a run may take its code (a student following the class too).
// Sizes are checked before sending: the server drops oversized messages.
import { buildPointsCsv, lossHistoryCsv } from "../csv.js";
import { fileName, parseModel, tooBig } from "../modelfile.js";
import { saveText, takeFile } from "./download.js";

const $ = (id) => document.getElementById(id);

function say(id, message) {
  $(id).textContent = message ?? "";
  $(id).hidden = !message;
}

/** Wire the buttons; `ctx` = { state, client, schedule, flash(text) }. Returns { setEnabled(bool) }. */
export function wireFiles({ state, client, schedule, flash }) {
  $("download-csv").addEventListener("click", () => {
    saveText(fileName("points", state.epoch, "csv"), buildPointsCsv(state.data), "text/csv");
  });

  $("upload-csv").addEventListener("change", async (event) => {
    say("error-csv", null);
    const file = await takeFile(event.target);
    if (!file) return;
    const big = tooBig(file.text, Math.min(state.limits.max_csv_bytes ?? Infinity, state.limits.max_message_bytes), "CSV file");
    if (big) return say("error-csv", big);
    const ack = await client.send("upload_csv", { csv: file.text });
    if (!ack.ok) return say("error-csv", ack.error?.message ?? "The server refused the CSV.");
    flash(`Loaded ${ack.train} training and ${ack.test} test points from ${file.name}: training restarted`);
    schedule();
  });

  $("export-model").addEventListener("click", async () => {
    say("error-model", null);
    const ack = await client.send("export_model");
    if (!ack.ok) return say("error-model", ack.error?.message ?? "The server refused to export.");
    saveText(fileName("model", ack.model.epoch ?? state.epoch, "json"), JSON.stringify(ack.model), "application/json");
  });

  $("import-model").addEventListener("change", async (event) => {
    say("error-model", null);
    const file = await takeFile(event.target);
    if (!file) return;
    const big = tooBig(file.text, state.limits.max_message_bytes, "model file");
    if (big) return say("error-model", big);
    let model;
    try {
      model = parseModel(file.text);
    } catch (error) {
      return say("error-model", error.message);
    }
    const ack = await client.send("import_model", { model });
    if (!ack.ok) return say("error-model", `${ack.error?.field ?? "model"}: ${ack.error?.message ?? "refused"}`);
    flash(`Model imported: training continues from epoch ${ack.epoch}`);
    schedule();
  });

  $("export-loss").addEventListener("click", () => {
    saveText(fileName("loss-history", state.epoch, "csv"), lossHistoryCsv(state.history), "text/csv");
  });

  async function exportCode(format) {
    say("error-model", null);
    const ack = await client.send("export_code", { format });
    if (!ack.ok) return say("error-model", ack.error?.message ?? "The server refused to export.");
    saveText(ack.filename, ack.text, ack.media_type);
    say("export-note", ack.reproduces
      ? `${ack.filename}: trains ${ack.epochs} epochs and ends with this run's weights.`
      : `${ack.filename}: this run's settings and data from its start, ${ack.epochs} epochs. The run was changed while it trained (a setting, a weight, points or drawings) or was imported, so its own weights came another way.`);
  }
  $("export-python").addEventListener("click", () => exportCode("python"));
  $("export-notebook").addEventListener("click", () => exportCode("notebook"));

  return {
    /** Steering files need `enabled` (connected, not following); the code only `connected`. */
    setEnabled(enabled, connected = enabled) {
      for (const id of ["download-csv", "upload-csv", "export-model", "import-model", "export-loss"]) $(id).disabled = !enabled;
      for (const id of ["export-python", "export-notebook"]) $(id).disabled = !connected;
    },
  };
}
