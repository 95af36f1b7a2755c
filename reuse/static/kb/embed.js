/* Smart Villages catalogue widget: no framework, no dependency.
 *
 *   <script src="https://KB/static/kb/embed.js" async></script>
 *   <div data-kb-practices data-dimension="mobility" data-lang="de" data-limit="6">
 *     <a href="https://KB/de/praktiken/?dimension=mobility">Smart Villages</a>
 *   </div>
 *
 * Filters: data-dimension, data-challenge, data-country, data-status, data-funding, data-q
 * (several values separated by spaces), data-lang (en fr de it sl), data-limit (1-24),
 * data-heading.
 * Cards render in a shadow root, so the host page's CSS does not reach them; theme them
 * with CSS custom properties on the element: --kb-accent, --kb-text, --kb-muted, --kb-bg,
 * --kb-card-bg, --kb-border, --kb-radius, --kb-font, --kb-card-min.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script ? new URL(script.src, location.href).origin : location.origin;
  var LANGS = ["en", "fr", "de", "it", "sl"];
  var TEXT = {
    en: ["Good practices from Smart Villages", "See all practices", "The practices could not be loaded.", "Open the catalogue", "practices"],
    fr: ["Bonnes pratiques Smart Villages", "Voir toutes les pratiques", "Les pratiques n’ont pas pu être chargées.", "Ouvrir le catalogue", "pratiques"],
    de: ["Gute Praktiken von Smart Villages", "Alle Praktiken ansehen", "Die Praktiken konnten nicht geladen werden.", "Katalog öffnen", "Praktiken"],
    it: ["Buone pratiche di Smart Villages", "Vedi tutte le pratiche", "Non è stato possibile caricare le pratiche.", "Apri il catalogo", "pratiche"],
    sl: ["Dobre prakse Smart Villages", "Vse prakse", "Prakse ni bilo mogoče naložiti.", "Odpri katalog", "prakse"]
  };
  var FILTERS = ["dimension", "challenge", "country", "status", "funding"];
  var CSS =
    ":host{all:initial;display:block;font-family:var(--kb-font,system-ui,sans-serif);" +
    "color:var(--kb-text,#1b1f23);background:var(--kb-bg,transparent);line-height:1.45;font-size:16px}" +
    "h2{font-size:1.25em;margin:0 0 .75em}h3{font-size:1em;margin:.5em 0 .25em}" +
    "ul.cards{list-style:none;margin:0;padding:0;display:grid;gap:.75em;" +
    "grid-template-columns:repeat(auto-fill,minmax(var(--kb-card-min,14em),1fr))}" +
    "li.card{background:var(--kb-card-bg,#fff);border:1px solid var(--kb-border,#d5dbe0);" +
    "border-radius:var(--kb-radius,.5em);padding:.75em}" +
    "a{color:var(--kb-accent,#1d5c4d)}a:focus-visible{outline:3px solid #f2a900;outline-offset:2px}" +
    "p{margin:.25em 0}.meta{color:var(--kb-muted,#4a5560);font-size:.875em}" +
    ".chips{list-style:none;margin:.5em 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25em}" +
    ".chips li{font-size:.75em;background:#e6f0ed;color:#17473c;border-radius:1em;padding:.1em .5em}" +
    ".lang{font-size:.7em;border:1px solid currentColor;border-radius:.2em;padding:0 .2em;margin-left:.25em}" +
    ".more{margin-top:.75em}";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function params(host, lang, limit) {
    var query = new URLSearchParams({ lang: lang, page_size: String(limit) });
    FILTERS.forEach(function (name) {
      (host.getAttribute("data-" + name) || "").split(/[\s,]+/).forEach(function (v) {
        if (v) query.append(name, v);
      });
    });
    var q = host.getAttribute("data-q");
    if (q) query.set("q", q); else query.set("sort", "newest");
    return query;
  }

  function catalogueLink(host, lang) {
    var fallback = host.querySelector("a[href]");
    if (fallback) return fallback.href;
    return origin + "/" + lang + "/";
  }

  function labels(facets, name) {
    var out = {};
    ((facets && facets[name]) || []).forEach(function (f) { out[f.value] = f.label; });
    return out;
  }

  function card(result, lang, dims, countries) {
    var title = el("h3", {}, [el("a", { href: result.url }, [result.title])]);
    if (result.language !== lang) {
      title.appendChild(el("span", { class: "lang", lang: result.language }, [result.language.toUpperCase()]));
    }
    var country = result.country;
    try { country = countries.of(result.country) || country; } catch (e) { /* keep the code */ }
    return el("li", { class: "card", lang: result.language }, [
      title,
      el("p", { class: "meta" }, [country]),
      el("p", {}, [result.summary.length > 180 ? result.summary.slice(0, 177) + "…" : result.summary]),
      el("ul", { class: "chips", "aria-label": "Dimensions" }, result.dimensions.map(function (d) {
        return el("li", {}, [dims[d] || d]);
      }))
    ]);
  }

  function render(host) {
    if (host.shadowRoot || host.getAttribute("data-kb-ready")) return;
    host.setAttribute("data-kb-ready", "1");
    var lang = host.getAttribute("data-lang") || document.documentElement.lang.slice(0, 2);
    if (LANGS.indexOf(lang) < 0) lang = "en";
    var limit = Math.min(Math.max(parseInt(host.getAttribute("data-limit"), 10) || 6, 1), 24);
    var text = TEXT[lang];
    var query = params(host, lang, limit);
    var more = catalogueLink(host, lang);
    var root = host.attachShadow({ mode: "open" });
    var heading = el("h2", {}, [host.getAttribute("data-heading") || text[0]]);
    var status = el("p", { role: "status" }, []);
    root.appendChild(el("style", {}, [CSS]));
    var section = el("section", { lang: lang, "aria-busy": "true" }, [heading, status]);
    root.appendChild(section);

    function fail() {
      section.setAttribute("aria-busy", "false");
      status.textContent = text[2] + " ";
      status.appendChild(el("a", { href: more }, [text[3]]));
    }

    fetch(origin + "/api/v1/search/?" + query.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (data) {
        var dims = labels(data.facets, "dimension");
        var countries = window.Intl && Intl.DisplayNames ? new Intl.DisplayNames([lang], { type: "region" }) : { of: function (c) { return c; } };
        section.setAttribute("aria-busy", "false");
        status.textContent = "";
        section.appendChild(el("ul", { class: "cards" }, data.results.map(function (r) {
          return card(r, lang, dims, countries);
        })));
        section.appendChild(el("p", { class: "more" }, [el("a", { href: more }, [text[1] + " (" + data.count + " " + text[4] + ")"])]));
      })
      .catch(fail);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-practices]"), render);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
