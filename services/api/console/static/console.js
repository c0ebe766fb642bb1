// chokewatch console: small enhancements. Every page works without this file.
"use strict";

// Times: shown in the viewer's time zone, with the UTC time on hover (the title attribute).
function localTimes(root) {
  const format = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
    timeZoneName: "short",
  });
  for (const el of root.querySelectorAll("time[datetime]")) {
    const at = new Date(el.getAttribute("datetime"));
    if (Number.isNaN(at.getTime())) continue;
    el.title = at.toISOString().replace("T", " ").slice(0, 16) + " UTC";
    el.textContent = format.format(at);
  }
}

// The incidents feed: say when newer incidents have been reported.
function watchFeed() {
  const live = document.getElementById("live");
  if (!live || !live.dataset.after) return;
  const after = live.dataset.after;
  const ask = async () => {
    try {
      const reply = await fetch("/console/updates?after=" + encodeURIComponent(after),
                                { credentials: "same-origin", headers: { accept: "application/json" } });
      if (!reply.ok) return;
      const { new: count } = await reply.json();
      if (count > 0) {
        live.textContent = "";
        const link = document.createElement("a");
        link.href = window.location.pathname + window.location.search;
        link.textContent = count === 1 ? "1 new incident: show it" : count + " new incidents: show them";
        live.appendChild(link);
      }
    } catch (_) { /* offline for a moment: ask again later */ }
  };
  setInterval(ask, 10000);
}

// An alert history: keep each alert's delivery status current.
function watchDeliveries() {
  const table = document.querySelector("table.history[data-statuses]");
  if (!table) return;
  const refresh = async () => {
    try {
      const reply = await fetch(table.dataset.statuses, { credentials: "same-origin" });
      if (!reply.ok) return;
      const { items } = await reply.json();
      for (const item of items) {
        const row = table.querySelector(`tr[data-alert-id="${CSS.escape(item.alert_id)}"]`);
        if (!row) continue;
        const status = row.querySelector('[data-field="status"]');
        if (status && status.textContent !== item.status) {
          status.textContent = item.status;
          status.className = "status status-" + item.status.replace(/ /g, "-");
          const cell = row.querySelector('[data-field="channels"]');
          cell.textContent = "";
          for (const c of item.channels) {
            const line = document.createElement("div");
            line.textContent = c.channel + ": " + c.outcome + (c.reason ? " — " + c.reason : "");
            cell.appendChild(line);
          }
        }
      }
    } catch (_) { /* ask again later */ }
  };
  setInterval(refresh, 5000);
}

document.addEventListener("DOMContentLoaded", () => {
  localTimes(document);
  watchFeed();
  watchDeliveries();
});
