// Wire an image run's page: the network drawing, the pad and the test images, the picked
// pixel's arithmetic, the test set; render() runs with every page render (ui/renderloop.js).
//
// The page computes everything from the latest frame's weights (images/forward.js): the
// shown image's feature maps at every layer and its class probabilities, again with every
// frame while training and with every stroke while drawing. body.kind-images switches the
// panels to their image parts (css/images.css).
import { countsOf, gridOf, imageNetwork, maxAbs } from "../images/data.js";
import { pixelMath, softmaxMath } from "../images/arithmetic.js";
import { forwardImage } from "../images/forward.js";
import { clearPad, createPad, inkRows, isBlank } from "../images/pad.js";
import { intensities, reduceDrawing } from "../images/reduce.js";
import { architectureLabel, compareRuns, confusedImages, confusionView } from "../images/report.js";
import { createCnnView } from "../draw/cnn.js";
import { drawPixelMath, drawSoftmax, num } from "../draw/convmath.js";
import { drawPicture, drawProbabilities, drawTestSet } from "../draw/imageview.js";
import { wireImageFiles } from "./imagefiles.js";
import { wireImagePanes, wirePadPointer } from "./imagepad.js";

const $ = (id) => document.getElementById(id);

/** `ctx` = { state, client, dock, tabs, schedule, flash }. Returns { render(), setEnabled(bool) }. */
export function wireImages({ state, client, dock, tabs, schedule, flash }) {
  let pad = createPad(8);
  let source = { kind: "test", index: 0 }; // a test image first: the maps show something at once
  let pick = null;
  let compared = [];
  let comparedKey = "";
  let shownKey = "";
  let testKey = "";
  let strokes = 0; // bumps with every stroke: the drawing changed
  const cnn = createCnnView($("cnn"), {
    onPick(chosen) {
      pick = chosen;
      dock.show("math");
      tabs.choose("tab-conv");
      schedule();
    },
  });
  const files = wireImageFiles({ state, client, schedule, flash, drawing });

  function drawing() {
    if (isBlank(pad)) return null;
    return { counts: countsOf(reduceDrawing(inkRows(pad), pad.size)), label: Number($("pad-class").value) };
  }

  /** { flat, label, text } of the image the network reads now. */
  function shown(images) {
    const test = images.test;
    if (source.kind === "test" && test.length) {
      const index = ((source.index % test.length) + test.length) % test.length;
      const { pixels, label } = test[index];
      return { flat: pixels, label, text: `Test image ${index + 1} of ${test.length}: ${images.classNames[label] ?? label}` };
    }
    const flat = intensities(reduceDrawing(inkRows(pad), pad.size)).flat();
    return { flat, label: Number($("pad-class").value), text: "Your drawing" };
  }

  function show(kind, index = 0) {
    source = kind === "test" ? { kind, index } : { kind };
    $("image-draw").setAttribute("aria-pressed", String(kind === "draw"));
    schedule();
  }

  wirePadPointer($("pad"), {
    pad: () => pad,
    onStart: () => { if (source.kind !== "draw") { clearPad(pad); show("draw"); } },
    onInk: () => { strokes++; schedule(); },
  });
  wireImagePanes(() => { testKey = ""; schedule(); });
  $("pad-clear").addEventListener("click", () => { clearPad(pad); strokes++; show("draw"); });
  $("image-draw").addEventListener("click", () => show("draw"));
  $("image-prev").addEventListener("click", () => show("test", source.kind === "test" ? source.index - 1 : 0));
  $("image-next").addEventListener("click", () => show("test", source.kind === "test" ? source.index + 1 : 0));
  $("pad-class").addEventListener("change", schedule);

  function classOptions(names) {
    const select = $("pad-class");
    if ([...select.options].map((o) => o.textContent).join() === names.join()) return;
    const chosen = select.value;
    select.replaceChildren(...names.map((name, k) => Object.assign(document.createElement("option"), { value: String(k), textContent: name })));
    if (chosen !== "" && Number(chosen) < names.length) select.value = chosen;
  }

  function renderTestSet(images) {
    const key = `${state.report?.epoch}|${state.run}|${compared.length}|${compared[0]?.accuracy}`;
    if ($("test-pane").hidden || !state.report || key === testKey) return;
    testKey = key;
    drawTestSet({
      view: confusionView(state.report, images.classNames), epoch: state.report.epoch,
      confused: confusedImages(state.report, images.test), compared, names: images.classNames, side: images.size,
      onChoose: (index) => { show("test", index); $("image-tab-image").click(); },
    });
  }

  function noteRun() {
    const settings = state.settings;
    const key = ["dataset", "seed", "image_size", "num_classes", "num_points", "noise", "train_ratio"].map((k) => settings[k]).join("|");
    if (key !== comparedKey) { compared = []; comparedKey = key; }
    compared = compareRuns(compared, { run: state.run, dataset: key, label: architectureLabel(settings, state.classes), parameters: state.parameterCount, accuracy: state.metricTest, epoch: state.epoch });
  }

  /** Run the shown image through the network and draw it everywhere it shows. */
  function drawShown(images, network, mathShown) {
    const image = shown(images);
    const forward = forwardImage(network, gridOf(image.flat, images.size));
    if (cnn.setStructure(images, state.sizes, images.classNames) && pick && !pixelMath(network, forward, pick)) pick = null;
    const math = pick ? pixelMath(network, forward, pick) : null;
    const scales = { conv: forward.conv.map((l) => maxAbs(l.a)), kernel: network.conv_kernels.map(maxAbs), dense: forward.dense.map((d) => maxAbs(d.a)) };
    const value = math ? `${math.kind === "pool" ? "max" : "a"} = ${num(math.kind === "pool" ? math.value : math.a)}` : "";
    cnn.draw({ image: gridOf(image.flat, images.size), forward, network, scales, pick, value });
    const softmax = softmaxMath(forward, images.classNames, image.label, state.settings?.loss);
    $("image-which").textContent = image.text;
    $("image-draw").setAttribute("aria-pressed", String(source.kind === "draw"));
    $("network-params").textContent = `${state.parameterCount.toLocaleString("en")} parameters`;
    drawPicture($("pad"), image.flat, images.size, source.kind === "draw" ? pad : null);
    drawProbabilities($("probabilities"), softmax);
    if (mathShown) { drawPixelMath(math); drawSoftmax(softmax); }
  }

  return {
    setEnabled: files.setEnabled,
    /** The pad's drawing as 0 … 16 values (what add_images and contribute send), null if blank. */
    drawnCounts: () => drawing()?.counts ?? null,
    /** Wipe the pad for the next drawing. */
    clearDrawing() { clearPad(pad); strokes++; show("draw"); },
    /** Draw an image run's parts when something they show changed (the frame, the image, the pick). */
    render() {
      const images = state.images;
      document.body.classList.toggle("kind-images", Boolean(images));
      const network = images && imageNetwork(state);
      if (!network) return;
      if (pad.size !== images.size) pad = createPad(images.size);
      classOptions(images.classNames);
      noteRun();
      files.canAdd(!isBlank(pad));
      renderTestSet(images);
      const mathShown = dock.current() === "math" && !dock.folded() && tabs.current() === "tab-conv";
      const key = [state.versions.frame, state.run, source.kind, source.index, strokes, JSON.stringify(pick), mathShown,
        $("pad-class").value, $("cnn").clientWidth, $("cnn").clientHeight].join("|");
      if (key === shownKey) return;
      shownKey = key;
      drawShown(images, network, mathShown);
    },
  };
}
