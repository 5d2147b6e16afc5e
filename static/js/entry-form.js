/* The entry page (narratives/entries/entry_form.py), made quicker with script; it works without:
 *
 * - As the officer types, the operations and places the text names are offered as ticks
 *   (the page asks /admin/narratives/entry/propose-links/ with the text). Ticks already made
 *   stay ticked; nothing is linked until the entry is saved with them ticked. Without script
 *   the same ticks appear after "Save and continue editing".
 * - The "Nested under" box offers only entries of the chosen commitment and quarter, asked
 *   again of /admin/narratives/entry/parent-choices/ when either changes. The server checks
 *   the choice whatever the box offered.
 *
 * Names from the server are put in the page as text, never as HTML.
 */
(function () {
  "use strict";

  const WAIT_MS = 400;

  function csrfToken(form) {
    const input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function tickBox(name, index, proposal, checked) {
    const id = "id_" + name + "_" + index;
    const item = document.createElement("li");
    const label = document.createElement("label");
    label.htmlFor = id;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.name = name;
    box.value = proposal.value;
    box.id = id;
    box.checked = checked;
    label.append(box, " ", proposal.label);
    item.append(label);
    return item;
  }

  function drawProposals(container, name, answer) {
    const ticked = new Set(
      [...container.querySelectorAll("input[type=checkbox]:checked")].map((box) => box.value)
    );
    const ticks = container.querySelector(".pcp-proposal-ticks");
    const notes = container.querySelector(".pcp-proposal-notes");
    const status = container.querySelector(".pcp-proposal-status");
    ticks.replaceChildren(
      ...answer.offered.map((p, i) => tickBox(name, i, p, ticked.has(p.value)))
    );
    notes.replaceChildren(
      ...answer.notes.map((note) => {
        const item = document.createElement("li");
        item.textContent = note;
        return item;
      })
    );
    const count = answer.offered.length;
    status.textContent = count
      ? count + (count === 1 ? " link" : " links") + " found in the text: tick the ones to make when you save."
      : answer.notes.length ? "" : container.dataset.nothing || "";
  }

  function watchText(form) {
    const text = form.querySelector("#id_text");
    const container = form.querySelector(".pcp-proposals");
    if (!text || !container) return;
    const status = container.querySelector(".pcp-proposal-status");
    container.dataset.nothing = status ? status.textContent.trim() : "";
    const name = "proposed_links";
    let timer = null;
    let asked = 0;
    text.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        const body = new FormData();
        body.append("text", text.value);
        if (container.dataset.entry) body.append("entry", container.dataset.entry);
        const mine = ++asked;
        fetch(container.dataset.proposalsUrl, {
          method: "POST",
          body: body,
          headers: { "X-CSRFToken": csrfToken(form) },
          credentials: "same-origin",
        })
          .then((response) => (response.ok ? response.json() : null))
          .then((answer) => {
            if (answer && mine === asked) drawProposals(container, name, answer);
          })
          .catch(() => {}); // the ticks come back after saving, as without script
      }, WAIT_MS);
    });
  }

  function chosen(form, name) {
    const box = form.querySelector("[name=" + name + "]:checked, select[name=" + name + "]");
    return box ? box.value : "";
  }

  function watchChoices(form) {
    const parent = form.querySelector("select#id_parent");
    const url = parent && parent.dataset.choicesUrl;
    if (!url) return;
    const entry = parent.dataset.entry || "";
    function refresh() {
      const query = new URLSearchParams({
        commitment: chosen(form, "commitment"),
        period: chosen(form, "period"),
        entry: entry,
      });
      fetch(url + "?" + query, { credentials: "same-origin" })
        .then((response) => (response.ok ? response.json() : null))
        .then((answer) => {
          if (!answer) return;
          const keep = parent.value;
          const none = parent.options[0];
          const outside = [...parent.options].filter((o) => o.value && o.value === parent.dataset.kept);
          const options = answer.choices.map(([value, label]) => new Option(label, value));
          parent.replaceChildren(none, ...options, ...outside);
          parent.value = [...parent.options].some((o) => o.value === keep) ? keep : "";
        })
        .catch(() => {});
    }
    form.addEventListener("change", function (event) {
      if (["commitment", "period"].includes(event.target.name)) refresh();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.querySelector("#entry_form");
    if (!form) return;
    watchText(form);
    watchChoices(form);
  });
})();
