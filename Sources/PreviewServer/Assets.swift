/// The style sheet and the script of the pages, served from the binary (no build step, nothing
/// from elsewhere). The script only adds to pages that work as plain forms: live counts and the cap
/// (the server refuses an over-cap list anyway), and the zip upload.
enum Assets {
    static let css = #"""
        :root { --ink: #1b1b1b; --muted: #555; --line: #c8c8c8; --accent: #0b5cad; --bad: #a4000f; --ok: #1d6b2f; --warn: #8a5300; --paper: #fff; --soft: #f3f5f8; }
        * { box-sizing: border-box; }
        html { font-size: 100%; }
        body { margin: 0; color: var(--ink); background: var(--paper); line-height: 1.6;
          font-family: "Noto Sans CJK TC", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif; }
        header, main, footer { max-width: 60rem; margin: 0 auto; padding: 0.75rem 1rem; }
        header { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; align-items: center; border-bottom: 1px solid var(--line); }
        .brand { margin: 0; font-weight: bold; }
        nav ul, .filter ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
        a { color: var(--accent); }
        a[aria-current] { font-weight: bold; color: var(--ink); }
        :focus-visible { outline: 3px solid #f5a000; outline-offset: 2px; }
        .skip { position: absolute; left: -100vw; }
        .skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: 0.5rem; z-index: 1; }
        h1 { font-size: 1.6rem; line-height: 1.3; }
        h2 { font-size: 1.3rem; margin-top: 2rem; }
        h3 { font-size: 1.1rem; margin: 0.25rem 0; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.95em; overflow-wrap: anywhere; }
        button, .button { font: inherit; padding: 0.4rem 0.9rem; border: 2px solid var(--accent); border-radius: 0.3rem;
          background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; display: inline-block; }
        .inline { display: inline-block; margin-right: 0.5rem; }
        input[type=text], select { font: inherit; padding: 0.3rem; max-width: 100%; width: 30rem; border: 1px solid var(--muted); }
        .panel { background: var(--soft); border: 1px solid var(--line); padding: 0.75rem 1rem; margin: 1rem 0; border-radius: 0.3rem; }
        .panel label { display: block; font-weight: bold; }
        .notice { padding: 0.5rem 0.75rem; border-left: 0.4rem solid; }
        .notice.error { border-color: var(--bad); background: #fdecee; }
        .notice.ok { border-color: var(--ok); background: #eaf6ec; }
        .items, .ticklist, .fixes, .documents, .departments { padding-left: 0; list-style: none; }
        .item { border: 1px solid var(--line); border-radius: 0.3rem; padding: 0.75rem 1rem; margin: 0.75rem 0; }
        .item:target, li:target { outline: 3px solid #f5a000; background: #fff8e5; }
        .facts { display: flex; flex-wrap: wrap; gap: 0 1.5rem; margin: 0; }
        .facts dt { color: var(--muted); }
        .facts dt::after { content: "："; }
        .facts dd { margin: 0 1rem 0 0; }
        .facts div { display: flex; }
        .ok { color: var(--ok); } .warn { color: var(--warn); } .bad { color: var(--bad); }
        .summary { white-space: pre-wrap; }
        .none { color: var(--muted); }
        .attachments, .pages { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
        figure { margin: 0; max-width: 12rem; }
        figure img, .pages img { max-width: 100%; height: auto; border: 1px solid var(--line); }
        figcaption { font-size: 0.85rem; overflow-wrap: anywhere; }
        fieldset { border: 1px solid var(--line); border-radius: 0.3rem; margin: 1rem 0; }
        legend { font-weight: bold; padding: 0 0.3rem; }
        .ticklist li { display: flex; gap: 0.6rem; align-items: flex-start; padding: 0.35rem 0; border-bottom: 1px solid var(--soft); }
        .ticklist input { width: 1.3rem; height: 1.3rem; margin-top: 0.2rem; flex: none; }
        .ticklist label { display: flex; flex-direction: column; }
        .ticklist .meta { color: var(--muted); font-size: 0.9rem; }
        .ticklist li.blocked label { color: var(--muted); }
        .mode label { margin-right: 1.5rem; }
        .caps { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; padding-left: 1.2rem; }
        .caps .full { font-weight: bold; }
        .caps .over { color: var(--bad); font-weight: bold; }
        #cap-message:not(:empty) { padding: 0.5rem 0.75rem; border-left: 0.4rem solid var(--warn); background: #fff4e0; }
        .actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
        .fixes li { border-left: 0.4rem solid var(--warn); padding: 0.4rem 0.75rem; margin: 0.5rem 0; background: var(--soft); }
        .fixes li.error { border-color: var(--bad); }
        .severity { font-weight: bold; }
        .todo { display: block; color: var(--muted); }
        footer { color: var(--muted); font-size: 0.9rem; border-top: 1px solid var(--line); }
        """#

    /// The tab's icon: without one the browser asks for /favicon.ico, which has no token.
    static let icon = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b5cad"/><path d="M4 4h8v2H4zm0 3h8v2H4zm0 3h5v2H4z" fill="#fff"/></svg>"##

    static let javaScript = #"""
        "use strict";
        document.addEventListener("DOMContentLoaded", () => {
          const ticks = document.getElementById("ticks");
          if (ticks) setUpTicks(ticks);
          const upload = document.getElementById("upload-form");
          if (upload) setUpUpload(upload);
        });

        // Live counts against each cap; a box that would exceed a full cap is disabled, as the
        // central database's own screen refuses it. The server checks again on saving.
        function setUpTicks(form) {
          const boxes = Array.from(form.querySelectorAll("input[type=checkbox][data-scopes]"));
          const caps = Array.from(document.querySelectorAll("[data-cap]"));
          const message = document.getElementById("cap-message");
          const lists = Array.from(form.querySelectorAll("fieldset.ticks"));
          const modes = Array.from(form.querySelectorAll("input[name=mode]"));
          const scopes = (box) => box.dataset.scopes.split(" ").filter((s) => s.length > 0);
          const fill = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
          function update() {
            const uploading = modes.some((m) => m.checked && m.value === "自行上傳");
            lists.forEach((fieldset) => { fieldset.disabled = uploading; });
            const counts = {};
            boxes.forEach((box) => { if (box.checked) scopes(box).forEach((s) => { counts[s] = (counts[s] || 0) + 1; }); });
            const full = new Set();
            const lines = [];
            caps.forEach((cap) => {
              const count = counts[cap.dataset.cap] || 0;
              const limit = Number(cap.dataset.limit);
              cap.querySelector(".count").textContent = String(count);
              cap.classList.toggle("full", count >= limit);
              cap.classList.toggle("over", count > limit);
              if (count >= limit) full.add(cap.dataset.cap);
              if (count > limit) lines.push(fill(form.dataset.over, { cap: cap.dataset.cap, count, limit, excess: count - limit }));
              else if (count === limit) lines.push(fill(form.dataset.full, { cap: cap.dataset.cap, limit }));
            });
            boxes.forEach((box) => {
              if (box.dataset.locked) return;
              const blocked = !box.checked && scopes(box).some((s) => full.has(s));
              box.disabled = blocked;
              box.closest("li").classList.toggle("blocked", blocked);
            });
            message.textContent = uploading ? "" : lines.join(" ");
          }
          boxes.forEach((box) => box.addEventListener("change", update));
          modes.forEach((mode) => mode.addEventListener("change", update));
          update();
        }

        // The zip is sent as the request's body; the server unpacks it in a private folder.
        function setUpUpload(form) {
          const status = document.getElementById("upload-status");
          form.addEventListener("submit", async (event) => {
            event.preventDefault();
            const file = form.querySelector("input[type=file]").files[0];
            if (!file) return;
            status.textContent = form.dataset.busy;
            const response = await fetch(form.action, { method: "POST", body: file, headers: { "Content-Type": "application/zip" } });
            if (response.ok) { window.location.assign(form.action.replace(/upload$/, "record")); return; }
            status.textContent = await response.text();
          });
        }
        """#
}
