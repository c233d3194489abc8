// Wire a tab list: click or arrow keys choose a tab, its panel shows, the others hide.

/** Wire the tabs inside `tablist`; onChange(id of the chosen tab). Returns { current(), choose(id) }. */
export function wireTabs(tablist, onChange) {
  const tabs = [...tablist.querySelectorAll('[role="tab"]')];
  let current = tabs.find((t) => t.getAttribute("aria-selected") === "true")?.id ?? tabs[0].id;

  function choose(id, focus = false) {
    current = id;
    for (const tab of tabs) {
      const on = tab.id === id;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
      if (on && focus) tab.focus();
    }
    onChange(id);
  }
  tabs.forEach((tab) => {
    tab.addEventListener("click", () => choose(tab.id));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      event.preventDefault();
      const shown = tabs.filter((t) => t === tab || getComputedStyle(t).display !== "none"); // an image run hides the point tabs
      const at = shown.indexOf(tab);
      choose(shown[(at + step + shown.length) % shown.length].id, true);
    });
  });
  return { current: () => current, choose };
}
