// Checks the built site like a reader, in Debian's headless Chromium driven by playwright-core:
//   - zero axe-core WCAG 2.2 A/AA violations on the home page, the seed's explainer and a
//     stakeholder page, at 1280 px and 375 px (and in dark mode at 1280 px);
//   - no horizontal scrolling at 375 px;
//   - all content present with JavaScript disabled;
//   - no console errors (CSP violations included) and the search box works;
//   - the explainer page weighs at most 60 KB transferred (HTML + CSS + script; served gzipped
//     when the browser accepts it, as every real host does; the uncompressed size is printed too);
//   - screenshots of every page at both widths in tests/browser/screenshots/.
//
// Usage (from the repository root):
//   node tests/browser/check.mjs            # builds with `explainer build` + zola into a temp dir
//   node tests/browser/check.mjs SITE_DIR   # checks an already built site (e.g. public/)
//   node tests/browser/check.mjs --archive  # an archive of 160 articles made by the benchmark
//                                           # from ../shared/eval: the home page's most covered
//                                           # stakeholders and the search over all of them, the
//                                           # paginated explainers section, a page with related
//                                           # explainers and the stakeholder list
// Without a SITE_DIR and without `zola` on PATH it prints SKIP and exits 0.

import { execFileSync, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { mkdtempSync, readFileSync, existsSync, statSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname, extname, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const WIDTHS = [1280, 375];
const MAX_WEIGHT = 60 * 1024;
const SEED_SLUG = process.env.SEED_SLUG || "taliban-weighs-using-us-mass-surveillance-plan";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

let failures = 0;
const fail = (msg) => { failures++; console.log(`FAIL ${msg}`); };
const ok = (msg) => console.log(`ok   ${msg}`);

function onPath(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

// 1. The site to check: built here (base_url set to the local server) or given as an argument.
const ARCHIVE = process.argv[2] === "--archive";
const ARCHIVE_ARTICLES = 160;
let site = process.argv[2] && !ARCHIVE ? resolve(process.argv[2]) : null;
if (!site && !onPath("zola")) {
  console.log("SKIP: zola is not on PATH, so there is no built site to check.");
  console.log("      Install Zola 0.23 (https://www.getzola.org/documentation/getting-started/installation/),");
  console.log("      or pass a built site: node tests/browser/check.mjs public/");
  process.exit(0);
}
let scratch = null;
// A given site keeps its configured base_url; the server rewrites it to its own origin.
const siteBase = (readFileSync(join(repo, "config.toml"), "utf8").match(/^base_url\s*=\s*"([^"]*)"/m) || [])[1] || "https://example.org";

// 2. Serve it on 127.0.0.1.
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".xml": "application/xml", ".csv": "text/csv", ".txt": "text/plain", ".svg": "image/svg+xml" };
let origin = "";
function lookup(urlPath) {
  const path = decodeURIComponent(urlPath);
  let file = normalize(join(site, path));
  if (!file.startsWith(site)) return { status: 403, type: "text/plain", body: "forbidden" };
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  const rebase = (buf, type) => (/html|css|javascript|json|xml/.test(type) ? buf.toString("utf8").split(siteBase).join(origin) : buf);
  if (!existsSync(file)) {
    const notFound = join(site, "404.html");
    return { status: 404, type: TYPES[".html"], body: existsSync(notFound) ? rebase(readFileSync(notFound), "html") : "not found" };
  }
  const type = TYPES[extname(file)] || "application/octet-stream";
  return { status: 200, type, body: rebase(readFileSync(file), type) };
}
// Text is gzipped when the client accepts it (every static host does this), so the browser's
// transferred size is what a reader downloads.
const server = createServer((req, res) => {
  const r = lookup(new URL(req.url, "http://x").pathname);
  const headers = { "content-type": r.type, vary: "accept-encoding" };
  let body = r.body;
  if (/html|css|javascript|json|xml|text|svg/.test(r.type) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
    body = gzipSync(Buffer.from(body), { level: 6 });
    headers["content-encoding"] = "gzip";
  }
  res.writeHead(r.status, headers);
  res.end(body);
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
origin = `http://127.0.0.1:${server.address().port}`;
if (!site) {
  scratch = mkdtempSync(join(tmpdir(), "explainer-browser-"));
  site = join(scratch, "public");
  let root = repo;
  if (ARCHIVE) {
    // The benchmark writes a site (the repository's config and theme) with a generated corpus
    // and builds it; its figures are printed but not checked here.
    root = join(scratch, "archive");
    execFileSync("cargo", ["run", "--release", "--quiet", "--example", "bench", "--", "--articles", String(ARCHIVE_ARTICLES), "--no-zola", "--dir", root], { cwd: repo, stdio: "inherit" });
  } else {
    execFileSync("cargo", ["run", "--release", "--quiet", "--", "build", "--no-zola"], { cwd: repo, stdio: "inherit" });
  }
  execFileSync("zola", ["build", "--base-url", origin, "--output-dir", site, "--force"], { cwd: root, stdio: "inherit" });
}
if (!existsSync(join(site, "index.html"))) {
  console.log(`FAIL ${site} has no index.html: build the site first`);
  process.exit(1);
}

// No external requests, ever: anything not on the local server is aborted (and reported).
async function routeToLocal(context) {
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

const shots = join(here, "screenshots");
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });

// 3. Which pages: home, the seed's explainer, a stakeholder page (the first listed); for an
// archive: home, the explainers section's second page, the first explainer with related
// explainers, a stakeholder page and the list of all stakeholders.
const pages = [["home", "/"]];
if (ARCHIVE) {
  pages.push(["section page 2", "/explainers/page/2/"]);
  const ctx = await browser.newContext();
  await routeToLocal(ctx);
  const p = await ctx.newPage();
  await p.goto(origin + "/explainers/");
  const cards = await p.evaluate(() => [...document.querySelectorAll("main .card a[href*='/explainers/']")].map((a) => new URL(a.href).pathname));
  let related = null;
  for (const c of cards) {
    await p.goto(origin + c);
    if (await p.evaluate(() => document.querySelectorAll("#related li").length > 0)) {
      related = c;
      break;
    }
  }
  if (related) pages.push(["explainer", related]);
  else fail("archive: no explainer on the first section page lists related explainers");
  pages.push(["stakeholder list", "/actors/"]);
  await ctx.close();
} else {
  pages.push(["explainer", `/explainers/${SEED_SLUG}/`]);
}
{
  const ctx = await browser.newContext();
  await routeToLocal(ctx);
  const p = await ctx.newPage();
  await p.goto(origin + "/actors/");
  const href = await p.evaluate(() => {
    const a = [...document.querySelectorAll("main a[href*='/actors/']")].find((a) => /\/actors\/[^/]+\/$/.test(new URL(a.href).pathname));
    return a ? new URL(a.href).pathname : null;
  });
  if (href) pages.push(["stakeholder", href]);
  else console.log("note: no stakeholder pages (no stakeholders extracted yet); stakeholder page not checked");
  pages.push(["404", "/404.html"]);
  await ctx.close();
}

// 4. The checks.
for (const [name, path] of pages) {
  for (const width of WIDTHS) {
    for (const scheme of width === 1280 ? ["light", "dark"] : ["light"]) {
      const label = `${name} ${width}px ${scheme}`;
      // axe runs in a context that bypasses the CSP (it is injected as script); console and
      // CSP errors are collected in a separate, normal context below.
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true, colorScheme: scheme });
      await routeToLocal(ctx);
      const page = await ctx.newPage();
      const resp = await page.goto(origin + path, { waitUntil: "load" });
      if (!resp || (resp.status() !== 200 && name !== "404")) { fail(`${label}: HTTP ${resp && resp.status()}`); await ctx.close(); continue; }
      await page.evaluate(axeSource);
      const result = await page.evaluate(async (tags) => {
        const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
      }, AXE_TAGS);
      if (result.length) fail(`${label}: ${result.length} axe violation(s): ${JSON.stringify(result)}`);
      else ok(`${label}: 0 axe WCAG 2.2 A/AA violations`);
      if (width === 375) {
        const [sw, cw] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        if (sw > cw) fail(`${label}: horizontal scroll (${sw} > ${cw})`);
        else ok(`${label}: no horizontal scroll`);
      }
      await page.screenshot({ path: join(shots, `${name}-${width}-${scheme}.png`), fullPage: true });
      await ctx.close();
    }
  }

  // Console errors (CSP violations are reported there) and page weight, with the CSP on.
  {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 900 } });
    await routeToLocal(ctx);
    const page = await ctx.newPage();
    const errors = [];
    let weight = 0; // transferred bytes (encoded bodies)
    let unpacked = 0; // the same bodies decoded
    const bodies = [];
    const external = [];
    page.on("console", (m) => { if (m.type() === "error" && !(name === "404" && /status of 404/.test(m.text()))) errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) external.push(r.url()); });
    page.on("response", async (r) => {
      const t = r.headers()["content-type"] || "";
      if (/html|css|javascript/.test(t)) {
        bodies.push((async () => {
          try {
            const body = await r.body();
            const sizes = await r.request().sizes();
            weight += sizes.responseBodySize;
            unpacked += body.length;
          } catch { /* redirects have no body */ }
        })());
      }
    });
    await page.goto(origin + path, { waitUntil: "networkidle" });
    if (name === "home" && ARCHIVE) {
      // The most covered stakeholders, a link to all; the search box finds one that is only on
      // the full list (fetched from the stakeholders page).
      const shown = await page.evaluate(() => [...document.querySelectorAll("#actor-index li")].map((li) => li.getAttribute("data-name")));
      const more = await page.evaluate(() => document.querySelector("#search")?.getAttribute("data-actors"));
      if (!more) fail(`${name}: the archive's home page lists every stakeholder (${shown.length}) and has no link to all`);
      else {
        const all = await page.evaluate(async (u) => [...new DOMParser().parseFromString(await (await fetch(u)).text(), "text/html").querySelectorAll("#actor-index li")].map((li) => li.getAttribute("data-name")), more);
        const hidden = all.find((n) => n && !shown.includes(n) && /^[A-Za-z][A-Za-z .'-]{5,}$/.test(n));
        ok(`${name}: ${shown.length} most covered of ${all.length} stakeholders listed`);
        if (!hidden) fail(`${name}: no stakeholder only on the full list to search for`);
        else {
          await page.fill("#search-input", hidden);
          await page.waitForTimeout(800);
          const found = await page.evaluate(() => [...document.querySelectorAll("#search-results li")].map((li) => li.textContent));
          if (found.some((t) => t.startsWith(hidden))) ok(`${name}: search finds "${hidden}", listed only on the stakeholders page`);
          else fail(`${name}: search for "${hidden}" gives ${JSON.stringify(found)}`);
        }
      }
    } else if (name === "home") {
      // The search box appears with JS and finds the seed's explainer.
      const visible = await page.isVisible("#search-input");
      if (!visible) fail(`${name}: search box not shown with JavaScript`);
      else {
        await page.fill("#search-input", "surveillance");
        await page.waitForTimeout(500);
        const n = await page.locator("#search-results li").count();
        if (n > 0) ok(`${name}: search for "surveillance" gives ${n} result(s)`);
        else fail(`${name}: search for "surveillance" found nothing`);
      }
    }
    await Promise.all(bodies);
    if (name === "explainer") {
      const sizes = `${weight} B transferred, ${unpacked} B uncompressed (HTML+CSS+JS)`;
      if (weight === 0 || unpacked === 0) fail(`${name}: page weight not measured (${sizes})`);
      else if (weight > MAX_WEIGHT) fail(`${name}: page weight ${sizes}; ${weight} B > ${MAX_WEIGHT} B`);
      else ok(`${name}: page weight ${sizes}; transferred <= ${MAX_WEIGHT} B`);
      // The lead comes first: key points and what is disputed before the timeline.
      const order = await page.evaluate(() => {
        const at = (id) => document.getElementById(id);
        const before = (a, b) => !!(a && b && (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING));
        return { keyPoints: before(at("key-points"), at("timeline")), disputed: !at("disputed") || before(at("disputed"), at("timeline")), hasDisputed: !!at("disputed") };
      });
      if (!order.keyPoints) fail(`${name}: #key-points does not come before #timeline`);
      else ok(`${name}: #key-points before #timeline`);
      if (!order.disputed) fail(`${name}: #disputed does not come before #timeline`);
      else ok(`${name}: ${order.hasDisputed ? "#disputed before #timeline" : "no disputes on this page"}`);
      // Words a reader meets outside the article (rendered text: not inside a closed disclosure,
      // not the visually hidden labels for screen readers) against the article's own words.
      const words = await page.evaluate(() => {
        const count = (t) => (t.match(/\S+/g) || []).length;
        const article = document.getElementById("article");
        let shown = 0, all = 0;
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const el = n.parentElement;
          if (!el || (article && article.contains(n)) || el.closest("script, style, title, desc")) continue;
          const w = count(n.textContent);
          all += w;
          if (!el.closest(".vh") && el.checkVisibility()) shown += w;
        }
        return { shown, all, article: article ? count(article.querySelector(".article-body")?.textContent || "") : 0 };
      });
      const wmsg = `${words.shown} words shown outside #article (${words.all} in its markup, folded parts included) vs ${words.article} in the article`;
      if (words.shown > words.article) fail(`${name}: ${wmsg}`);
      else ok(`${name}: ${wmsg}`);
      // The first screen a phone reader sees.
      await page.screenshot({ path: join(shots, `${name}-375-first-screen.png`) });
      // A paragraph reached from a link is highlighted (CSS :target, no script).
      const target = await page.evaluate(() => document.querySelector(".timeline-list a, .para-link")?.getAttribute("href") || "#p2");
      await page.goto(origin + path + target);
      const bg = await page.evaluate((id) => getComputedStyle(document.getElementById(id)).backgroundColor, target.slice(1));
      if (bg === "rgba(0, 0, 0, 0)") fail(`${name}: ${target} not highlighted when targeted`);
      else ok(`${name}: ${target} highlighted when targeted (${bg})`);
    }
    if (errors.length) fail(`${name}: console errors: ${errors.join(" | ")}`);
    else ok(`${name}: no console errors`);
    if (external.length) fail(`${name}: external requests: ${external.join(", ")}`);
    await ctx.close();
  }

  // Content without JavaScript: the same main text as with it (search results aside).
  {
    const text = async (js) => {
      const ctx = await browser.newContext({ javaScriptEnabled: js });
      await routeToLocal(ctx);
      const page = await ctx.newPage();
      await page.goto(origin + path, { waitUntil: "load" });
      const t = await page.evaluate(() => {
        const main = document.querySelector("main").cloneNode(true);
        main.querySelector("#search")?.remove();
        return main.innerText.length;
      });
      await ctx.close();
      return t;
    };
    const [withJs, withoutJs] = [await text(true), await text(false)];
    if (withoutJs < (name === "404" ? 50 : 200) || withoutJs !== withJs) fail(`${name}: content without JS ${withoutJs} chars vs ${withJs} with JS`);
    else ok(`${name}: all content present without JavaScript (${withoutJs} chars)`);
  }
}

await browser.close();
server.close();
if (scratch) rmSync(scratch, { recursive: true, force: true });
console.log(failures ? `${failures} check(s) failed; screenshots in ${shots}` : `all checks passed; screenshots in ${shots}`);
process.exit(failures ? 1 : 0);
