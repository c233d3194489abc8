// Wire the page: socket messages → state → render, and widgets → socket.
//
// Holds no math and draws nothing itself: pure modules compute, draw/*
// modules paint, ui/* modules connect groups of widgets. Rendering happens
// at most once per animation frame, however many messages arrive in between.
import { io } from "../vendor/socket.io.esm.min.js";
import { createClient } from "./client.js";
import { toggleFeature } from "./features.js";
import { controlSpecs, controlView, editLayers, isImages, layerLimits, schemaFor, shownValues } from "./fields.js";
import { applyFrame, applyHello, applyRewound, applyRun, applyRunning, applySettings, createState } from "./state.js";
import { applyBoard, applyBoardChanges, applyPoll, applyQuestion, applyRoom } from "./classroom/state.js";
import { applyCollection } from "./classroom/collection.js";
import { applyGlimpses } from "./classroom/glimpses.js";
import { outputKind } from "./outputs.js";
import { decodeSettings, encodeSettings, hasSettings } from "./urlstate.js";
import { buildControls } from "./draw/controls.js";
import { createEditor } from "./draw/editor.js";
import { createHeatmap } from "./draw/heatmap.js";
import { drawLegend } from "./draw/legend.js";
import { createLossChart } from "./draw/losschart.js";
import { createNetworkView } from "./draw/network.js";
import { createReadouts } from "./draw/readouts.js";
import { createThumbnails } from "./draw/thumbnails.js";
import { wireFiles } from "./ui/files.js";
import { wireKeyboard } from "./ui/keyboard.js";
import { wireMathPanel } from "./ui/mathpanel.js";
import { wirePoints } from "./ui/points.js";
import { createRenderer } from "./ui/renderloop.js";
import { wireRewind } from "./ui/rewind.js";
import { wireScreen } from "./ui/screen.js";
import { wireNetworkFocus } from "./ui/networkfocus.js";
import { wireImages } from "./ui/images.js";
import { wirePeek } from "./ui/peek.js";
import { wireClassroom } from "./classroom/ui/classroom.js";
import { wireClassView } from "./classroom/ui/classview.js";
import { wireCollect } from "./classroom/ui/collect.js";
import { keepFlags } from "./classroom/flags.js";

const RESTART_NOTICE = "Network changed: training restarted";
const $ = (id) => document.getElementById(id);

const state = createState();
const view = { showTest: false, discretize: false, focus: null };
const readouts = createReadouts();
const heatmap = createHeatmap($("heatmap"));
const chart = createLossChart($("loss-chart"));
const editor = createEditor();
const thumbnails = createThumbnails();
let controls = null;
let controlsKind = null; // the problem kind the controls were built for (images have other ranges)
let urlReady = false; // the address is written only once its own settings were applied

const network = createNetworkView($("network"), {
  onEdit: editNetwork,
  onToggleFeature: (name) => state.settings && configure("features", toggleFeature(state.settings.features ?? state.features, name)),
  onFocusNeuron: focusNeuron,
  onPick: editParameter,
  onSelectNeuron: (target) => mathView.selectNeuron(target),
});

wireNetworkFocus($("network"), network);

const peek = wirePeek({ output: $("heatmap"), close: () => { view.focus = null; schedule(); } });
const renderer = createRenderer(state, view, {
  heatmap, chart, network, readouts, peek,
  legend: (kind, classes) => drawLegend($("output-legend"), kind, classes),
  caption: (text) => { $("heatmap-caption").textContent = text; heatmap.setLabel(text); },
  afterSettings: renderSettings,
  after: () => { mathView.render(); classroom.render(); rewind.render(); collect.render(); classView.render(); },
  images: { render: () => images.render() },
});
const schedule = renderer.schedule;
const { dock } = wireScreen({ chart, redraw: renderer.invalidate });
const redraw = () => { thumbnails.repaint(); renderer.invalidate(); }; // colours changed

// Same origin, default path. A reload or a network blip hands back the tab's
// session (id + resume token, kept per tab) so the run goes on where it was.
const SESSION_KEY = "nn-playground-session";
const savedSession = () => { try { return JSON.parse(sessionStorage.getItem(SESSION_KEY)) ?? {}; } catch { return {}; } };
const socket = io({ auth: (send) => send(savedSession()) });
const client = createClient(socket, {
  hello(msg) {
    applyHello(state, msg);
    sessionStorage.setItem(SESSION_KEY, JSON.stringify({ session: msg.session, resume_token: msg.resume_token }));
    urlReady = false; // after a server restart, rebuild the run from the settings in the address
    buildSettings(state.settings?.problem);
    setEnabled(true);
    classroom.resume().then(applyAddress).then(classroom.afterAddress);
  },
  run(msg) {
    applyRun(state, msg);
    schedule();
  },
  frame(msg) {
    applyFrame(state, msg);
    schedule();
  },
  settings(msg) {
    applySettings(state, msg.settings);
    schedule();
  },
  rewound(msg) {
    applyRewound(state, msg);
    schedule();
  },
  collection: (msg) => { applyCollection(state.classroom.collection, msg, Date.now()); schedule(); },
  glimpses: (msg) => { applyGlimpses(state.classroom.view, msg, performance.now()); schedule(); },
  room: (msg) => { applyRoom(state.classroom, msg); schedule(); },
  board: (msg) => { applyBoard(state.classroom, msg); schedule(); },
  board_change: (msg) => { applyBoardChanges(state.classroom, msg); schedule(); },
  question: (msg) => { applyQuestion(state.classroom, msg); schedule(); },
  poll: (msg) => { applyPoll(state.classroom, msg); schedule(); },
});
const mathView = wireMathPanel({ state, client, network, heatmap, dock, showTest: () => view.showTest, schedule });
const images = wireImages({ state, client, dock, tabs: mathView.tabs, schedule, flash: (text) => readouts.flash("notice-restart", text) });
const files = wireFiles({ state, client, schedule, flash: (text) => readouts.flash("notice-restart", text) });
const points = wirePoints({ state, client, surface: $("heatmap"), schedule, error: (m) => readouts.flash("notice-error", m) });
const classroom = wireClassroom({
  state, client, schedule, setEnabled, showError, command, dock,
  redraw, flash: (id, text) => readouts.flash(id, text),
});
const rewind = wireRewind({ state, client, chart, schedule, showError, command, canSteer: () => !classroom.following() });
const flashError = (text) => readouts.flash("notice-error", text);
const collect = wireCollect({ state, client, surface: $("heatmap"), schedule, flash: flashError,
  drawing: { counts: () => images.drawnCounts(), clear: () => images.clearDrawing() } });
const classView = wireClassView({ state, client, dock, schedule, flash: flashError });

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

/** After hello: send the address's settings in one configure (retrying without refused fields). */
async function applyAddress(inRoom = false) {
  if (inRoom || urlReady || !hasSettings(location.search, state.schema)) {
    urlReady = true;
    document.documentElement.dataset.addressApplied = "true";
    return schedule();
  }
  const { settings, errors } = decodeSettings(location.search, state.schema);
  errors.forEach(showError);
  for (let attempt = 0; attempt < 30 && Object.keys(settings).length; attempt++) {
    const ack = await client.send("configure", settings);
    if (ack.ok) {
      applySettings(state, ack.settings);
      break;
    }
    showError({ ...ack.error, message: `From the address: ${ack.error?.message}` });
    const field = String(ack.error?.field ?? "").replace(/[.[].*$/, "");
    if (!(field in settings)) break;
    delete settings[field];
  }
  urlReady = true;
  document.documentElement.dataset.addressApplied = "true"; // read by the browser tests
  schedule();
}

function setEnabled(connected) {
  classroom.setConnected(connected);
  const enabled = connected && !classroom.following(); // a student following the teacher cannot steer
  for (const id of ["play", "step", "reset", "regenerate", "clear-points"]) $(id).disabled = !enabled;
  controls?.setEnabled(enabled);
  files.setEnabled(enabled, connected);
  images.setEnabled(enabled);
  renderer.invalidate();
}

function showError(error) {
  const { field = "", message = "Refused by the server." } = error ?? {};
  if (message === state.stopped?.message) return; // the coach strip already says it: one message
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

/** The hidden layers' limits under the current problem (an image network's dense layers are wider). */
function hiddenLimits() {
  const problem = state.settings?.problem;
  return { ...layerLimits(schemaFor(state.schema, problem)?.hidden_layers), newLayer: isImages(problem) ? 16 : 2 };
}

function editNetwork(action, index) {
  const layers = state.settings?.hidden_layers;
  if (!layers) return;
  const next = editLayers(layers, action, index, hiddenLimits());
  if (next.join() !== layers.join()) configure("hidden_layers", next);
}

/** Build the settings' controls for `problem`'s kind of run (their ranges differ). */
function buildSettings(problem) {
  controlsKind = isImages(problem);
  const errors = controls?.errors() ?? {}; // a refusal from the address stays in sight
  controls = buildControls(
    { data: $("controls-data"), training: $("controls-training"), network: $("controls-network") },
    controlSpecs(state.schema, state.catalog, problem),
    { onChange: configure, thumbnails },
  );
  for (const [field, message] of Object.entries(errors)) controls.showError(field, message);
  setEnabled(state.connected);
}

function focusNeuron(target, pinned) {
  const same = target && view.focus?.layer === target.layer && view.focus?.neuron === target.neuron;
  if (pinned && same && view.focus.pinned) view.focus = null; // tapped again: back to the output
  else if (same && view.focus.pinned) return; // the focus that follows a tap keeps the pin
  else if (target) view.focus = { ...target, pinned };
  else if (!view.focus?.pinned) view.focus = null;
  schedule();
}

function editParameter({ layer, from, to, label }) {
  const value = from === null ? state.biases?.[layer]?.[to] : state.weights?.[layer]?.[from]?.[to];
  if (value === undefined) return;
  editor.open(label, value, async (next) => {
    const ack = await client.send("set_parameter", { layer, to, from, value: next });
    schedule();
    return ack;
  });
}

const act = { toggle: () => command(state.running ? "pause" : "play"), step: () => command("step"), reset: () => command("reset") };
$("play").addEventListener("click", act.toggle);
$("step").addEventListener("click", act.step);
$("reset").addEventListener("click", act.reset);
wireKeyboard((action) => state.connected && act[action]());
$("regenerate").addEventListener("click", () => configure("seed", Math.floor(Math.random() * 2 ** 31)));
$("add-layer").addEventListener("click", () => editNetwork("add-layer"));
$("remove-layer").addEventListener("click", () => editNetwork("remove-layer"));
$("show-test").addEventListener("change", (event) => { view.showTest = event.target.checked; schedule(); });
$("discretize").addEventListener("change", (event) => { view.discretize = event.target.checked; schedule(); });
$("log-scale").addEventListener("change", (event) => chart.setLog(event.target.checked));

function renderSettings() {
  const settings = state.settings;
  if (controls && settings && isImages(settings.problem) !== controlsKind) buildSettings(settings.problem);
  controls?.setValues(shownValues(settings, state.data));
  controls?.setView(controlView(settings, state.schema, state.catalog));
  const layers = settings?.hidden_layers ?? [];
  const limits = hiddenLimits();
  const kind = isImages(settings?.problem) ? "dense" : "hidden";
  $("layer-count").textContent = `${layers.length} ${kind} ${layers.length === 1 ? "layer" : "layers"}`;
  $("add-layer").disabled = !state.connected || layers.length >= limits.maxLayers;
  $("remove-layer").disabled = !state.connected || layers.length === 0;
  const noOwnPoints = settings?.dataset === "custom" && !state.data.train.length && !state.data.test.length;
  points.refresh(outputKind({ classes: state.classes, problem: settings?.problem }), state.classes, noOwnPoints);
  if (urlReady && settings && state.schema) {
    const query = keepFlags(encodeSettings(settings, state.schema), location.search);
    if (location.search.slice(1) !== query) history.replaceState(null, "", `?${query}`);
  }
}
