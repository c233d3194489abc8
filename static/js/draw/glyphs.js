// Point glyphs: one shape per class (circle, square, triangle, diamond, star), so classes
// differ without colour too. Used by the output plot and the data set thumbnails.

/** Each glyph as a text character (legends, labels). */
export const GLYPH_TEXT = Object.freeze({ circle: "●", square: "■", triangle: "▲", diamond: "◆", star: "★" });

/** Trace glyph `glyph` of radius `r` at (x, y) on `ctx` (the caller fills and strokes). */
export function glyphPath(ctx, glyph, x, y, r) {
  ctx.beginPath();
  if (glyph === "square") ctx.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
  else if (glyph === "triangle") {
    ctx.moveTo(x, y - r * 1.2); ctx.lineTo(x + r * 1.1, y + r * 0.8); ctx.lineTo(x - r * 1.1, y + r * 0.8); ctx.closePath();
  } else if (glyph === "diamond") {
    ctx.moveTo(x, y - r * 1.3); ctx.lineTo(x + r * 1.1, y); ctx.lineTo(x, y + r * 1.3); ctx.lineTo(x - r * 1.1, y); ctx.closePath();
  } else if (glyph === "star") {
    for (let k = 0; k < 10; k++) {
      const a = -Math.PI / 2 + (k * Math.PI) / 5;
      const rr = k % 2 ? r * 0.6 : r * 1.4;
      ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
    }
    ctx.closePath();
  } else ctx.arc(x, y, r, 0, 2 * Math.PI);
}
