// The class data set on the page: built from collection messages, counted, saved as CSV.
import assert from "node:assert/strict";
import { test } from "node:test";

import { parsePointsCsv } from "../../static/js/csv.js";
import {
  NEW_MS, applyCollection, collectionCsv, collectionImagesText, contributors, createCollection, isImages,
  isOpen, mineCount, nearestPoint, nextAging, noteMine, plotRows, thumbnails,
} from "../../static/js/classroom/collection.js";

const base = { state: "open", problem: "classification", classes: 2, per_student: 30, per_room: 1000, total: 0, removed: [] };

test("changes add and remove points; a full message replaces everything", () => {
  const data = createCollection();
  applyCollection(data, { ...base, full: true, points: [[1, 0.5, 1, 1, 3]], names: [[3, "Ada"]] }, 0);
  applyCollection(data, { ...base, full: false, points: [[2, -1, 2, -1, 4], [3, 2, 2, 1, 3]], names: [[4, "Bo"]] }, 1000);
  applyCollection(data, { ...base, full: false, points: [], removed: [1] }, 2000);
  assert.deepEqual([...data.points.keys()], [2, 3]);
  assert.deepEqual(contributors(data), [{ student: 3, name: "Ada", count: 1 }, { student: 4, name: "Bo", count: 1 }]);
  applyCollection(data, { ...base, full: true, points: [] }, 3000);
  assert.equal(data.points.size, 0);
  assert.ok(isOpen(data));
});

test("points are new for NEW_MS after they arrive; points of a full set are not", () => {
  const data = createCollection();
  applyCollection(data, { ...base, full: true, points: [[1, 0, 0, 1, 1]] }, 0);
  applyCollection(data, { ...base, full: false, points: [[2, 1, 1, -1, 1]] }, 5000);
  assert.deepEqual(plotRows(data, 6000), { old: [[0, 0, 1]], fresh: [[1, 1, -1]] });
  assert.equal(nextAging(data, 6000), 5000 + NEW_MS);
  assert.deepEqual(plotRows(data, 5000 + NEW_MS).fresh, []);
  assert.equal(nextAging(data, 5000 + NEW_MS), null);
});

test("a student counts the points its acks named that the server still holds", () => {
  const data = createCollection();
  applyCollection(data, { ...base, full: false, points: [[7, 0, 0, 1, 2], [8, 1, 0, 1, 2]] }, 0);
  noteMine(data, [7, 8]);
  applyCollection(data, { ...base, full: false, points: [], removed: [8] }, 0);
  assert.equal(mineCount(data), 1);
});

test("the nearest point within the radius, else none", () => {
  const data = createCollection();
  applyCollection(data, { ...base, full: true, points: [[1, 0, 0, 1, 1], [2, 1, 0, 1, 1]] }, 0);
  assert.equal(nearestPoint(data, 0.8, 0.1, 0.5), 2);
  assert.equal(nearestPoint(data, 3, 3, 0.5), null);
});

test("the CSV reads back as the same points, for an upload later", () => {
  const data = createCollection();
  applyCollection(data, { ...base, full: true, points: [[2, -1.25, 3.5, -1, 1], [1, 0.1, 0.2, 1, 2]] }, 0);
  const text = collectionCsv(data);
  assert.equal(text, "x1,x2,label\n0.1,0.2,1\n-1.25,3.5,-1\n");
  assert.deepEqual(parsePointsCsv(text).unassigned, [[0.1, 0.2, 1], [-1.25, 3.5, -1]]);
});

const imageBase = { ...base, problem: "images", classes: 3, image_size: 2, scale: 240, class_names: ["bar", "ring", "cross"] };
const bytes = (...levels) => btoa(String.fromCharCode(...levels));

test("a set of images decodes one byte a pixel and lists the newest first, new ones marked", () => {
  const data = createCollection();
  applyCollection(data, { ...imageBase, full: true, images: [[1, bytes(0, 240, 15, 120), 2, 5]] }, 0);
  applyCollection(data, { ...imageBase, full: false, images: [[2, bytes(240, 0, 0, 0), 0, 6]] }, 5000);
  assert.ok(isImages(data));
  assert.deepEqual(Array.from(data.points.get(1).pixels), [0, 1, 1 / 16, 0.5]);
  const tiles = thumbnails(data, 6000);
  assert.deepEqual(tiles.map((t) => [t.id, t.name, t.fresh]), [[2, "bar", true], [1, "cross", false]]);
  applyCollection(data, { ...imageBase, full: false, images: [], removed: [2] }, 7000);
  assert.deepEqual(thumbnails(data, 7000).map((t) => t.id), [1]);
  assert.deepEqual(contributors(data), [{ student: 5, name: "Student 5", count: 1 }]);
  applyCollection(data, { ...base, full: true, points: [] }, 8000);
  assert.ok(!isImages(data), "a fresh set of points is no longer images");
});

test("the images save in the text of images, values 0 … 16 in the order they came", () => {
  const data = createCollection();
  applyCollection(data, { ...imageBase, full: true, images: [[4, bytes(8, 0, 0, 0), 1, 1], [3, bytes(0, 240, 15, 120), 2, 1]] }, 0);
  assert.equal(collectionImagesText(data), "# 2x2 images: 4 pixel values 0-16 row by row from the top left, the label, then optionally train or test\n"
    + "0,16,1,8,2\n0.5333,0,0,0,1\n");
});
