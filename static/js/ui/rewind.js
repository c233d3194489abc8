// Wire the timeline under the loss curve: drag it to a past epoch, "Back to now", "Play from here".
//
// Dragging asks the server for that epoch (`rewind`, one request at a time, the
// latest wins: latest.js); the server shows it to everyone watching (`rewound`),
// and state.js puts the past numbers where every view reads them. Back at the
// last epoch, or with "Back to now", the present returns. "Play from here"
// is Play: the server continues a branch from the epoch shown. Only a page
// that steers the run drags; a student's timeline shows where the teacher is.
import { latest } from "../latest.js";

const $ = (id) => document.getElementById(id);

/**
 * `ctx` = { state, client, chart, schedule(), showError(error), command(event), canSteer() }.
 * Returns { render() } (called by the render loop).
 */
export function wireRewind({ state, client, chart, schedule, showError, command, canSteer }) {
  const slider = $("rewind");
  const panel = slider.closest(".panel-loss");
  let dragging = false;

  const ask = latest(async (epoch) => {
    const ack = await client.send("rewind", { epoch });
    if (ack.ok) state.earliest = ack.earliest;
    else showError(ack.error);
    schedule();
  });

  const latestEpoch = () => state.rewound?.now ?? state.epoch;
  slider.addEventListener("input", () => {
    dragging = true;
    const epoch = Number(slider.value);
    ask(epoch >= latestEpoch() ? null : epoch);
  });
  slider.addEventListener("change", () => { dragging = false; });
  $("rewind-now").addEventListener("click", () => ask(null));
  $("rewind-play").addEventListener("click", () => command("play"));

  return {
    render() {
      const now = latestEpoch();
      const rewound = state.rewound;
      const steer = canSteer() && state.connected;
      slider.min = String(Math.min(state.earliest, now));
      slider.max = String(now);
      // While the user moves it (a drag, or keys faster than the server answers) the slider
      // keeps their value; then it shows what the server shows.
      if (!dragging && !ask.busy()) slider.value = String(rewound?.epoch ?? now);
      slider.disabled = !steer || now <= state.earliest;
      slider.setAttribute("aria-valuetext", rewound ? `epoch ${rewound.epoch} of ${now}` : `now, epoch ${now}`);
      $("rewind-epoch").textContent = rewound ? `epoch ${rewound.epoch} of ${now}` : `epoch ${now}, now`;
      $("rewind-epoch").title = rewound && steer ? "Play goes on from this epoch; the later epochs are dropped" : "";
      $("rewind-now").hidden = !rewound || !steer;
      $("rewind-play").hidden = !rewound || !steer;
      panel.classList.toggle("is-rewound", Boolean(rewound));
      // The header's epoch says it is the past: the class looks there, not at the timeline.
      document.body.classList.toggle("is-rewound", Boolean(rewound));
      $("epoch-label").textContent = rewound ? "Rewound to" : "Epoch";
      chart.setMarker(rewound?.epoch ?? null);
    },
  };
}
