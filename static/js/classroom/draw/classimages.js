// Draw the class's drawn images as a grid of small thumbnails, newest first, the new ones
// ringed, each captioned with its class; while the teacher removes, each is a button.
//
// Tiles are kept by id and only the changed ones are touched, so a class sending images
// does not repaint hundreds of canvases. Takes tiles (collection.thumbnails); decides nothing.
import { drawPicture } from "../../draw/imageview.js";
import { element } from "../../draw/dom.js";

/** Returns draw(tiles, side, removing) for the grid `list` (an element). */
export function createClassImages(list) {
  const shown = new Map(); // id -> button

  function tile(item, side) {
    const button = element("button", "btn class-image");
    button.type = "button";
    button.dataset.id = String(item.id);
    const canvas = element("canvas", "class-image-picture");
    button.append(canvas, element("span", "class-image-caption", item.name));
    requestAnimationFrame(() => drawPicture(canvas, item.pixels, side));
    return button;
  }

  return function draw(tiles, side, removing) {
    const ids = new Set(tiles.map((t) => t.id));
    for (const [id, button] of shown) if (!ids.has(id)) { button.remove(); shown.delete(id); }
    let before = list.firstChild;
    for (const item of tiles) {
      if (!shown.has(item.id)) shown.set(item.id, tile(item, side));
      const button = shown.get(item.id);
      if (button !== before) list.insertBefore(button, before);
      before = button.nextSibling;
      button.classList.toggle("is-new", item.fresh);
      button.disabled = !removing;
      button.setAttribute("aria-label", `${removing ? "Remove image" : "Image"} ${item.id}: ${item.name}${item.fresh ? ", new" : ""}`);
    }
    list.dataset.images = String(tiles.length); // for the browser tests
    list.dataset.new = String(tiles.filter((t) => t.fresh).length);
  };
}
