// tests/html/browser_check.js — loads Rapp's HTML edition in Debian's chromium (puppeteer-core,
// no browser download) and checks it as a reader's browser sees it:
//   - axe-core with the wcag2a, wcag2aa, wcag21a and wcag21aa rules: 0 violations (with every
//     chart's data table in <details> opened, so those are checked too);
//   - at 1280 px and at 390 px (a phone): the page never scrolls sideways; only the table
//     regions (.tbl) may, and each of those is a focusable region, so a keyboard can scroll it;
//   - no request leaves the file (no fetched fonts, styles, scripts or images);
//   - screenshots of the first screens at each width under OUT_DIR, for the developer to look at.
// With --canary PAGE, PAGE has known faults and must fail with each of them (color-contrast,
// image-alt, sideways scrolling): a check that silently checks nothing cannot pass.
// One browser, one page after the other; a page not checked within PAGE_LIMIT_MS is checked once
// more in a new browser. Prints each page as it is done, and the time it all took.
// Usage: node browser_check.js CHROMIUM OUT_DIR [--canary PAGE] FILE.html...
'use strict';
const path = require('path');
const fs = require('fs');
const puppeteer = require('puppeteer-core');
const axePath = require.resolve('axe-core/axe.min.js');

const args = process.argv.slice(2);
const [chromium, outDir] = args;
let canary = null;
const files = [];
for (let i = 2; i < args.length; i++) {
  if (args[i] === '--canary') canary = args[++i];
  else files.push(args[i]);
}
if (!chromium || !outDir || files.length === 0) {
  console.error('usage: node browser_check.js CHROMIUM OUT_DIR [--canary PAGE] FILE.html...');
  process.exit(2);
}
const widths = [1280, 390];
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const started = Date.now();

// Checks one page at both widths; returns { lines, problems }.
async function checkPage(browser, file, shots) {
  const name = path.basename(file, '.html');
  const lines = [], problems = [];
  const page = await browser.newPage();
  const outside = [];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    if (u.startsWith('file:') || u.startsWith('data:')) req.continue();
    else { outside.push(u); req.abort(); }
  });
  for (const w of widths) {
    await page.setViewport({ width: w, height: 900 });
    await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.addScriptTag({ path: axePath });
    const t0 = Date.now();
    const res = await page.evaluate(async (t) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: t } });
      return { violations: r.violations.map((v) => ({ id: v.id, help: v.help,
                 nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary) })),
               passes: r.passes.length };
    }, tags);
    for (const v of res.violations)
      problems.push(`${name} at ${w} px: axe ${v.id} (${v.help}):\n    ` + v.nodes.join('\n    '));
    const lay = await page.evaluate(() => {
      const de = document.documentElement, vw = de.clientWidth;
      const wide = [];
      for (const el of document.querySelectorAll('body *')) {
        if (el.closest('.tbl') || el.closest('.vh') || el.classList.contains('skip')) continue;
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > vw + 0.5)
          wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' right=' + Math.round(r.right));
      }
      const regions = [...document.querySelectorAll('.tbl')];
      return { scrollWidth: de.scrollWidth, vw, wide: wide.slice(0, 10), regions: regions.length,
               scrolling: regions.filter((r) => r.scrollWidth > r.clientWidth + 1).length,
               unfocusable: regions.filter((r) => r.tabIndex !== 0 || r.getAttribute('role') !== 'region').length };
    });
    if (lay.scrollWidth > lay.vw) problems.push(`${name} at ${w} px: the page scrolls sideways (${lay.scrollWidth} > ${lay.vw})`);
    if (lay.wide.length) problems.push(`${name} at ${w} px: outside the viewport: ${lay.wide.join(', ')}`);
    if (lay.unfocusable) problems.push(`${name} at ${w} px: ${lay.unfocusable} table regions are not focusable regions`);
    // the first two screens of the page, in parts an image viewer shows legibly: the viewport
    // scrolled, never captureBeyondViewport (on a long page chromium then lays out the whole
    // height, which took minutes on a loaded machine and once hung CI)
    const tile = w > 600 ? 1400 : 1000;
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    if (shots) await page.setViewport({ width: w, height: tile });
    for (let y = 0, i = 1; shots && y < height && i <= 2; y += tile, i++) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.screenshot({ path: path.join(outDir, `${name}-${w}-${String(i).padStart(2, '0')}.png`) });
    }
    lines.push(`${name} at ${w} px: axe ${res.passes} rules passed, ${res.violations.length} violations ` +
               `(${((Date.now() - t0) / 1000).toFixed(1)} s); ${lay.regions} table regions, ` +
               `${lay.scrolling} scroll sideways` + (shots ? `; screenshots ${path.join(outDir, name + '-' + w + '-NN.png')}` : ''));
  }
  if (outside.length) problems.push(`${name}: requests outside the file: ${outside.slice(0, 5).join(', ')}`);
  await page.close();
  return { lines, problems };
}

// A page whose check takes longer than this is a hung browser, not a slow one (a page takes
// 2-10 s; the whole test 60-80 s in CI): chromium is killed and started again, and the page is
// checked once more. A second hang is a failure with the page's name, not a ctest timeout.
const PAGE_LIMIT_MS = 120000;

async function launch() {
  return puppeteer.launch({
    executablePath: chromium,
    headless: true,
    protocolTimeout: PAGE_LIMIT_MS,
    userDataDir: fs.mkdtempSync(path.join(outDir, 'profile-')),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
           '--disable-extensions', '--font-render-hinting=none'],
  });
}

function kill(browser) {
  const proc = browser && browser.process();
  if (proc && proc.exitCode === null) proc.kill('SIGKILL');
}

// checkPage within PAGE_LIMIT_MS: { result } or { hung: true }
async function checkWithin(browser, file, shots) {
  let timer;
  const limit = new Promise((resolve) => { timer = setTimeout(() => resolve({ hung: true }), PAGE_LIMIT_MS); });
  try {
    return await Promise.race([checkPage(browser, file, shots).then((result) => ({ result })), limit]);
  } finally {
    clearTimeout(timer);
  }
}

(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  let browser = await launch();
  let failures = 0;
  // one page at a time (screenshots of two tabs at once can hang chromium); each page's lines
  // are printed as soon as it is done, so a log shows how far the check came
  const report = (job, r) => {
    if (job.canary) {
      const all = r.problems.join('\n');
      const missed = ['axe color-contrast', 'axe image-alt', 'scrolls sideways'].filter((w) => !all.includes(w));
      if (missed.length) { failures++; console.log(`FAIL: the canary page's known faults were not all found: missing ${missed.join(', ')}`); }
      else console.log("ok: the canary page's known faults are found (contrast, image without alt, sideways scrolling)");
      return;
    }
    for (const l of r.lines) console.log('ok: ' + l);
    for (const p of r.problems) { failures++; console.log('FAIL: ' + p); }
  };
  try {
    const jobs = files.map((f) => ({ file: f, canary: false }));
    if (canary) jobs.unshift({ file: canary, canary: true });
    for (const job of jobs) {
      let out = await checkWithin(browser, job.file, !job.canary);
      if (out.hung) {
        console.log(`note: ${path.basename(job.file)} not checked within ${PAGE_LIMIT_MS / 1000} s: chromium restarted, once more`);
        kill(browser);
        browser = await launch();
        out = await checkWithin(browser, job.file, !job.canary);
      }
      if (out.hung) {
        failures++;
        console.log(`FAIL: ${path.basename(job.file)}: chromium did not finish the check within ${PAGE_LIMIT_MS / 1000} s, twice`);
        kill(browser);
        browser = await launch();
        continue;
      }
      report(job, out.result);
    }
  } finally {
    await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 10000))]);
    kill(browser);
  }
  const checks = files.length * widths.length;
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(failures === 0 ? `ok: ${checks} page checks, 0 problems` : `${failures} problems in ${checks} page checks`);
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.error('FAIL: ' + (e && e.stack || e)); process.exit(1); });
