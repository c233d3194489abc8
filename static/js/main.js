// Wire the page: socket messages → state → render, and widgets → socket.
//
// Holds no math and draws nothing itself: pure modules compute, draw/*
// modules paint. Rendering happens at most once per animation frame, however
// many messages arrive in between.
import { io } from "../vendor/socket.io.esm.min.js";
import { createClient } from "./client.js";
import { controlSpecs, editLayers, layerLimits } from "./fields.js";
import { createGridEvaluator } from "./forward.js";
import { decimate } from "./history.js";
import { applyFrame, applyHello, applyRun, applyRunning, applySettings, createState } from "./state.js";
import { buildControls } from "./draw/controls.js";
import { createHeatmap } from "./draw/heatmap.js";
import { createLossChart } from "./draw/losschart.js";
import { createNetworkView } from "./draw/network.js";
import { createReadouts } from "./draw/readouts.js";

const GRID = 80; // heatmap resolution, cells per side
const RESTART_NOTICE = "Network changed: training restarted";
const $ = (id) => document.getElementById(id);

const state = createState();
const readouts = createReadouts();
const heatmap = createHeatmap($("heatmap"));
const chart = createLossChart($("loss-chart"));
const network = createNetworkView($("network"), { onEdit: editNetwork });
const drawn = { settings: -1, frame: -1, run: -1, points: "" };
let controls = null;
let evaluator = null;
let evaluatorKey = "";
let showTest = false;
let renderRequested = false;

const socket = io(); // same origin, default path
const client = createClient(socket, {
  hello(msg) {
    applyHello(state, msg);
    controls = buildControls(
      { data: $("controls-data"), training: $("controls-training") },
      controlSpecs(state.schema, state.catalog),
      { onChange: configure },
    );
    setEnabled(true);
    schedule();
  },
  run(msg) {
    applyRun(state, msg);
    schedule();
  },
  frame(msg) {
    applyFrame(state, msg);
    schedule();
  },
});

socket.on("connect", () => {
  state.connected = true;
  readouts.notice("notice-connection", null);
});
socket.on("disconnect", () => {
  state.connected = false;
  readouts.notice("notice-connection", "Disconnected from the server. Reconnecting…");
  setEnabled(false);
});
socket.on("connect_error", (error) => {
  readouts.notice("notice-connection", `Cannot reach the server: ${error.message}`);
});

function setEnabled(enabled) {
  for (const id of ["play", "step", "reset", "regenerate"]) $(id).disabled = !enabled;
  controls?.setEnabled(enabled);
  drawn.settings = -1; // refresh the layer buttons
  schedule();
}

function showError(error) {
  const { field = "", message = "Refused by the server." } = error ?? {};
  if (!controls?.showError(field, message)) readouts.flash("notice-error", message);
}

async function configure(name, value) {
  controls?.clearError(name);
  const ack = await client.send("configure", { [name]: value });
  if (ack.ok) {
    applySettings(state, ack.settings);
    if (ack.restarted) readouts.flash("notice-restart", RESTART_NOTICE);
  } else {
    showError(ack.error);
    state.versions.settings++; // put the refused control back to the server's value
  }
  schedule();
}

async function command(event) {
  const ack = await client.send(event);
  if (!ack.ok) showError(ack.error);
  else if (typeof ack.running === "boolean") applyRunning(state, ack.running);
  schedule();
}

function editNetwork(action, index) {
  const layers = state.settings?.hidden_layers;
  if (!layers) return;
  const next = editLayers(layers, action, index, layerLimits(state.schema?.hidden_layers));
  if (next.join() !== layers.join()) configure("hidden_layers", next);
}

$("play").addEventListener("click", () => command(state.running ? "pause" : "play"));
$("step").addEventListener("click", () => command("step"));
$("reset").addEventListener("click", () => command("reset"));
$("regenerate").addEventListener("click", () => configure("seed", Math.floor(Math.random() * 2 ** 31)));
$("add-layer").addEventListener("click", () => editNetwork("add-layer"));
$("remove-layer").addEventListener("click", () => editNetwork("remove-layer"));
$("show-test").addEventListener("change", (event) => {
  showTest = event.target.checked;
  schedule();
});
new ResizeObserver(() => {
  chart.resize();
  drawn.frame = -1;
  schedule();
}).observe(document.body);

function schedule() {
  if (renderRequested) return;
  renderRequested = true;
  requestAnimationFrame(render);
}

function renderSettings() {
  controls?.setValues(state.settings);
  const layers = state.settings?.hidden_layers ?? [];
  const limits = layerLimits(state.schema?.hidden_layers);
  $("layer-count").textContent = `${layers.length} hidden ${layers.length === 1 ? "layer" : "layers"}`;
  $("add-layer").disabled = !state.connected || layers.length >= limits.maxLayers;
  $("remove-layer").disabled = !state.connected || layers.length === 0;
}

function renderNetwork() {
  const limits = layerLimits(state.schema?.hidden_layers);
  const rebuilt = network.setStructure(state.sizes, limits, state.connected);
  if (!state.weights || !state.settings) return;
  const key = `${state.sizes.join()}|${state.domain}`;
  if (key !== evaluatorKey) {
    evaluator = createGridEvaluator(state.sizes, GRID, state.domain);
    evaluatorKey = key;
  }
  if (rebuilt || drawn.frame !== state.versions.frame) {
    // The activation these weights were trained with, as the frame says.
    const activation = state.activation ?? state.settings.activation;
    const layers = evaluator.evaluate(state.weights, state.biases, activation, state.outputActivation);
    network.draw({ layers, size: GRID, weights: state.weights, inputScale: state.domain });
    heatmap.drawField(layers.at(-1)[0], GRID);
  }
}

function render() {
  renderRequested = false;
  const { versions } = state;
  if (drawn.settings !== versions.settings) renderSettings();
  readouts.show(state);
  if (state.sizes) renderNetwork();
  const pointsKey = `${versions.run}|${showTest}|${$("heatmap").clientWidth}`;
  if (pointsKey !== drawn.points) heatmap.drawPoints(state.data.train, state.data.test, state.domain, showTest);
  if (drawn.frame !== versions.frame || drawn.run !== versions.run) chart.update(decimate(state.history, chart.width()));
  Object.assign(drawn, { settings: versions.settings, frame: versions.frame, run: versions.run, points: pointsKey });
}
