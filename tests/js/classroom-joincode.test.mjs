// Room codes typed by students or read from the join address.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CODE_ALPHABET, codeFromPath, codeProblem, displayCode, normalizeCode } from "../../static/js/classroom/joincode.js";

test("a typed code is upper-cased with spaces and dashes removed", () => {
  assert.equal(normalizeCode(" abc def "), "ABCDEF");
  assert.equal(normalizeCode("ab-cd-ef"), "ABCDEF");
  assert.equal(normalizeCode("a b\tc d e f"), "ABCDEF");
});

test("a well-formed code has no problem", () => {
  assert.equal(codeProblem("k7m 9pq"), null);
});

test("look-alike characters are refused, never guessed", () => {
  for (const c of ["0", "O", "1", "I", "L"]) {
    assert.equal(CODE_ALPHABET.includes(c), false);
    assert.match(codeProblem(`ABCDE${c}`), new RegExp(`"${c}" cannot be in a class code`));
  }
});

test("a code of the wrong length names both lengths", () => {
  assert.match(codeProblem("ABCD"), /has 6 characters; "ABCD" has 4/);
  assert.match(codeProblem(""), /Type the class code/);
});

test("the code is read from the join address", () => {
  assert.equal(codeFromPath("/join/ABCDEF"), "ABCDEF");
  assert.equal(codeFromPath("/join/abcdef/"), "ABCDEF");
  assert.equal(codeFromPath("/join/ABC0EF"), null);
  assert.equal(codeFromPath("/"), null);
  assert.equal(codeFromPath("/join/ABCDEF/qr.svg"), null);
});

test("codes are shown in two halves", () => {
  assert.equal(displayCode("abcdef"), "ABC DEF");
});

test("students open the server's join address; without one, this page's origin", async () => {
  const { joinAddress } = await import("../../static/js/classroom/joincode.js");
  const lan = joinAddress({ code: "ABCDEF", join_path: "/join/ABCDEF", join_url: "http://192.168.1.20:5000/join/ABCDEF", lan: true }, "http://127.0.0.1:5000", "ABCDEF");
  assert.deepEqual(lan, { url: "http://192.168.1.20:5000/join/ABCDEF", text: "192.168.1.20:5000/join/ABCDEF", lan: true });
  const local = joinAddress({ join_url: "http://127.0.0.1:5000/join/ABCDEF", lan: false }, "http://127.0.0.1:5000", "ABCDEF");
  assert.equal(local.lan, false);
  const older = joinAddress({ code: "ABCDEF", join_path: "/join/ABCDEF" }, "http://127.0.0.1:5000", "ABCDEF");
  assert.deepEqual(older, { url: "http://127.0.0.1:5000/join/ABCDEF", text: "127.0.0.1:5000/join/ABCDEF", lan: null });
  assert.equal(joinAddress({ join_url: "javascript:alert(1)" }, "http://h", "ABCDEF").url, "http://h/join/ABCDEF");
});
