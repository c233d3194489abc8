// Save text as a file download, and read a chosen file as text (browser only).
//
// Non-goal: building the contents (csv.js, the server's export_model).

/** Offer `text` as a download called `name` with MIME `type`. */
export function saveText(name, text, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Text of the file chosen in `input` (then clear it so the same file can be chosen again), or null. */
export async function takeFile(input) {
  const file = input.files?.[0];
  input.value = "";
  return file ? { name: file.name, size: file.size, text: await file.text() } : null;
}
