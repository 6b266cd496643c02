// screenshots.mjs - pictures of the sample pack on a phone and a desktop,
// for a person to look at (not run by make check):
//   node tests/tools/screenshots.mjs [OUTDIR]
// writes phone-page.png (a lecture at 360x740), phone-drawer.png (its
// contents drawer open), phone-index.png (the contents page) and
// desktop-page.png (1280x900) into OUTDIR (build/screenshots).
import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const top = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pack = join(top, "build/dang-vien-moi-tu-son");
const out = resolve(process.argv[2] || join(top, "build/screenshots"));
mkdirSync(out, { recursive: true });
const url = (f) => pathToFileURL(join(pack, f)).href;

const user = mkdtempSync(join(tmpdir(), "lp-shots-"));
const context = await chromium.launchPersistentContext(user, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  viewport: { width: 360, height: 740 },
});
try {
  const page = await context.newPage();
  const shot = async (file, name, full) => {
    await page.goto(url(file));
    await page.waitForLoadState("load");
    await page.screenshot({ path: join(out, name), fullPage: !!full });
  };
  await shot("bai-05.html", "phone-page.png");
  await page.click(".nav-toggle");
  await page.waitForFunction(() => {
    const r = document.getElementById("lp-nav").getBoundingClientRect();
    return r.left >= 0;
  });
  await page.screenshot({ path: join(out, "phone-drawer.png") });
  await shot("index.html", "phone-index.png");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot("bai-05.html", "desktop-page.png");
  console.log(`screenshots: ${out}`);
} finally {
  await context.close();
  rmSync(user, { recursive: true, force: true });
}
