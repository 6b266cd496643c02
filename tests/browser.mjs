// browser.mjs - the packs as readers use them, in a real browser:
// Debian's chromium driven by playwright-core, pages opened from file://.
// Ends with "browser: N passed, N failed"; screenshots go to
// build/screenshots/.
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, cpSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const top = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = process.env.LECTUREPACK || join(top, "bin/lecturepack");
const pack = join(top, "build/dang-vien-moi-tu-son");
const shots = join(top, "build/screenshots");
mkdirSync(shots, { recursive: true });
let pass = 0, fail = 0;
const ok = (what, cond, extra) => {
  if (cond) pass++;
  else { fail++; console.log(`FAIL ${what}${extra ? ": " + extra : ""}`); }
};
const url = (file) => pathToFileURL(file).href;

// A small repository with a lecture that has no heading at all.
const repo = mkdtempSync(join(tmpdir(), "lp-browser-"));
cpSync(join(top, "themes"), join(repo, "themes"), { recursive: true });
mkdirSync(join(repo, "lectures"), { recursive: true });
mkdirSync(join(repo, "curricula"));
writeFileSync(join(repo, "lectures/khong-de-muc.md"),
  "---\ntitle: \"Bài không có đề mục\"\n---\n\nĐoạn văn nói về hợp tác xã nông nghiệp kiểu mới.\n");
writeFileSync(join(repo, "curricula/thu.yaml"),
  "title: \"Thử\"\ncenter: \"Trung tâm thử\"\nlectures: [khong-de-muc]\n");
execFileSync(bin, ["build", "-C", repo, "-o", "out", "--format", "html", "curricula/thu.yaml"]);

const user = mkdtempSync(join(tmpdir(), "lp-chromium-"));
const context = await chromium.launchPersistentContext(user, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync"],
  viewport: { width: 1280, height: 900 },
});
const page = await context.newPage();
const problems = [];
page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
page.on("pageerror", (e) => problems.push(String(e)));
page.on("request", (r) => { if (!r.url().startsWith("file:")) problems.push("network: " + r.url()); });

async function search(q) {
  await page.fill('input[type="search"]', q);
  await page.waitForTimeout(200);
  return page.$$eval(".search-results li", (lis) => lis.map((li) => ({
    text: li.textContent, href: li.querySelector("a").getAttribute("href"),
  })));
}

try {
  // Search without tone marks finds the lecture, and the hit lands.
  await page.goto(url(join(pack, "index.html")));
  await page.screenshot({ path: join(shots, "index.png"), fullPage: true });
  let hits = await search("nghi quyet dai hoi xiii");
  ok("'nghi quyet dai hoi xiii' finds results", hits.length > 0);
  hits = await search("kinh te thi truong dinh huong");
  ok("'kinh te thi truong dinh huong' finds Bài 5",
    hits.some((h) => h.text.includes("Bài 5")), JSON.stringify(hits.slice(0, 2)));
  const target = hits.find((h) => h.href.includes("#"));
  ok("a hit links to a section", !!target);
  if (target) {
    await page.click(`.search-results a[href="${target.href}"]`);
    await page.waitForLoadState("load");
    const id = target.href.split("#")[1];
    const landed = await page.evaluate((id) => {
      const el = document.getElementById(id);
      if (!el || location.hash !== "#" + id) return false;
      const r = el.getBoundingClientRect();
      return r.top >= -2 && r.top < window.innerHeight;
    }, id);
    ok("clicking a hit lands on the section", landed, page.url());
  }
  await page.goto(url(join(pack, "index.html")));
  hits = await search("dang");
  ok("'dang' finds 'Đảng'", hits.some((h) => /Đảng/.test(h.text)));
  const marked = await page.$$eval(".search-results mark", (ms) => ms.map((m) => m.textContent));
  ok("the hit is highlighted", marked.some((m) => /^đảng$/i.test(m)), JSON.stringify(marked.slice(0, 3)));
  hits = await search("NGHỊ QUYẾT");
  const plain = await search("nghi quyet");
  ok("case and tone marks do not change the results", hits.length === plain.length && hits.length > 0);
  hits = await search("");
  ok("empty query: no results", hits.length === 0);
  hits = await search("[](){}*+?.\\^$|<script>&amp;\"'");
  ok("special characters: no crash, no results", hits.length === 0);
  hits = await search("a".repeat(5000) + " nghi");
  ok("very long query: handled", Array.isArray(hits));
  const ms = await page.evaluate(() => {
    window.lpSearch("khoi dong");	/* first use folds the index */
    const s = performance.now();
    const n = window.lpSearch("nghi quyet dai hoi").length;
    return n > 0 ? performance.now() - s : 1e9;
  });
  ok("a query answers in under 50 ms", ms < 50, `${ms.toFixed(1)} ms`);

  // A lecture with no heading is still found by its text.
  await page.goto(url(join(repo, "out/thu/index.html")));
  hits = await search("hop tac xa");
  ok("a lecture without headings is found by its text",
    hits.some((h) => h.href.startsWith("khong-de-muc.html")), JSON.stringify(hits));

  // Phones: no horizontal scroll at 360 px.
  await page.setViewportSize({ width: 360, height: 740 });
  for (const f of ["index.html", "bai-05.html", "bai-08.html", "tu-son.html"]) {
    await page.goto(url(join(pack, f)));
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    ok(`${f}: no horizontal scroll at 360 px`, over <= 0, `${over}px too wide`);
  }
  await page.goto(url(join(top, "build/report.html")));
  const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  ok("report: no horizontal scroll at 360 px", over <= 0, `${over}px too wide`);
  await page.screenshot({ path: join(shots, "report-phone.png"), fullPage: true });

  // Landmarks, skip link, heading order.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url(join(pack, "bai-05.html")));
  const a11y = await page.evaluate(() => {
    const levels = [...document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")]
      .map((h) => Number(h.tagName[1]));
    let skips = 0;
    for (let i = 1; i < levels.length; i++) if (levels[i] > levels[i - 1] + 1) skips++;
    return {
      main: !!document.querySelector("main"), header: !!document.querySelector("header"),
      nav: !!document.querySelector("nav"), skip: !!document.querySelector('a.skip-link[href="#lp-main"]'),
      h1: levels.filter((l) => l === 1).length, skips,
      imgNoAlt: document.querySelectorAll("img:not([alt])").length,
    };
  });
  ok("landmarks: main, header, nav", a11y.main && a11y.header && a11y.nav);
  ok("skip link to main", a11y.skip);
  ok("one h1 and headings in order", a11y.h1 === 1 && a11y.skips === 0, JSON.stringify(a11y));
  await page.screenshot({ path: join(shots, "lecture-marks-embed.png"), fullPage: true });
  const embed = await page.$(".local-note");
  ok("the lecture shows an embedded district note", !!embed);
  await page.goto(url(join(pack, "bai-08.html")));
  ok("images have alt text", (await page.$$eval("img", (is) => is.every((i) => i.alt.length > 0))));
  await page.emulateMedia({ media: "print" });
  const printed = await page.evaluate(() => getComputedStyle(document.querySelector(".search")).display);
  ok("print hides the search box", printed === "none");
  await page.pdf({ path: join(shots, "bai-08.pdf"), format: "A4" });
  ok("no console error, page error or network request", problems.length === 0, problems.join(" | "));
} catch (e) {
  ok("browser run", false, e.stack);
} finally {
  await context.close();
  rmSync(user, { recursive: true, force: true });
  rmSync(repo, { recursive: true, force: true });
}
console.log(`browser: ${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
