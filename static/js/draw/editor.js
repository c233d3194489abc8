// The weight / bias editor: a small modal dialog with one number box.
//
// open() shows the dialog for one parameter and its current value; Set calls
// onSubmit(value), which resolves with the server's ack: the dialog closes
// on success and shows the ack's message otherwise. Esc or Cancel closes it.
// Non-goal: knowing what a parameter is (main.js builds the set_parameter payload).

const byId = (id) => document.getElementById(id);

/** Wire the page's #param-editor dialog; returns { open(title, value, onSubmit) }. */
export function createEditor() {
  const dialog = byId("param-editor");
  const title = byId("param-title");
  const input = byId("param-value");
  const error = byId("param-error");
  let submit = null;
  let returnFocus = null;

  function close() {
    dialog.close();
    returnFocus?.focus?.();
  }

  byId("param-cancel").addEventListener("click", close);
  byId("param-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = Number(input.value);
    if (input.value.trim() === "" || !Number.isFinite(value)) {
      error.textContent = "Enter a number.";
      error.hidden = false;
      return;
    }
    const ack = await submit(value);
    if (ack.ok) close();
    else {
      error.textContent = ack.error?.message ?? "Refused by the server.";
      error.hidden = false;
    }
  });

  return {
    open(heading, value, onSubmit) {
      returnFocus = document.activeElement;
      submit = onSubmit;
      title.textContent = heading;
      input.value = String(value);
      error.hidden = true;
      if (!dialog.open) dialog.showModal();
      input.focus();
      input.select();
    },
  };
}
