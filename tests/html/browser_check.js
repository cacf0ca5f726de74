// tests/html/browser_check.js — loads Rapp's HTML edition in Debian's chromium (puppeteer-core,
// no browser download) and checks it as a reader's browser sees it:
//   - axe-core with the wcag2a, wcag2aa, wcag21a and wcag21aa rules: 0 violations;
//   - at 1280 px and at 390 px (a phone): the page never scrolls sideways; only the table
//     regions (.tbl) may, and each of those is focusable, so a keyboard can scroll it too;
//   - no request leaves the file (no fetched fonts, styles, scripts or images);
//   - a screenshot of each width under OUT_DIR, for the developer to look at.
// Usage: node browser_check.js CHROMIUM OUT_DIR FILE.html...
// Prints the time it took; the whole check should stay under about 40 s.
'use strict';
const path = require('path');
const fs = require('fs');
const puppeteer = require('puppeteer-core');
const axePath = require.resolve('axe-core/axe.min.js');

const [chromium, outDir, ...files] = process.argv.slice(2);
if (!chromium || !outDir || files.length === 0) {
  console.error('usage: node browser_check.js CHROMIUM OUT_DIR FILE.html...');
  process.exit(2);
}
const widths = [1280, 390];
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const started = Date.now();
(async () => {
  fs.mkdirSync(outDir, { recursive: true });
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: fs.mkdtempSync(path.join(outDir, 'profile-')),
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
           '--disable-extensions', '--font-render-hinting=none'],
  });
  let failures = 0, checks = 0;
  const fail = (msg) => { failures++; console.log('FAIL: ' + msg); };
  try {
    for (const file of files) {
      const name = path.basename(file, '.html');
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
        await page.addScriptTag({ path: axePath });
        const t0 = Date.now();
        const res = await page.evaluate(async (t) => {
          const r = await window.axe.run(document, { runOnly: { type: 'tag', values: t } });
          return { violations: r.violations.map((v) => ({ id: v.id, help: v.help,
                     nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary) })),
                   passes: r.passes.length };
        }, tags);
        checks++;
        for (const v of res.violations)
          fail(`${name} at ${w} px: axe ${v.id} (${v.help}):\n    ` + v.nodes.join('\n    '));
        const lay = await page.evaluate(() => {
          const de = document.documentElement, vw = de.clientWidth;
          const wide = [];
          for (const el of document.querySelectorAll('body *')) {
            if (el.closest('.tbl') || el.closest('.vh') || el.classList.contains('skip')) continue;
            const r = el.getBoundingClientRect();
            if (r.width > 0 && r.right > vw + 0.5) wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' right=' + Math.round(r.right));
          }
          const regions = [...document.querySelectorAll('.tbl')];
          const scrolling = regions.filter((r) => r.scrollWidth > r.clientWidth + 1);
          const unfocusable = regions.filter((r) => r.tabIndex !== 0 || r.getAttribute('role') !== 'region');
          return { scrollWidth: de.scrollWidth, vw, wide: wide.slice(0, 10), regions: regions.length,
                   scrolling: scrolling.length, unfocusable: unfocusable.length };
        });
        if (lay.scrollWidth > lay.vw) fail(`${name} at ${w} px: the page scrolls sideways (${lay.scrollWidth} > ${lay.vw})`);
        if (lay.wide.length) fail(`${name} at ${w} px: outside the viewport: ${lay.wide.join(', ')}`);
        if (lay.unfocusable) fail(`${name} at ${w} px: ${lay.unfocusable} table regions are not focusable regions`);
        // the first screens of the page, in parts an image viewer shows legibly
        const shot = path.join(outDir, `${name}-${w}-NN.png`);
        const tile = w > 600 ? 1400 : 1000;
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, i = 1; y < height && i <= 4; y += tile, i++)
          await page.screenshot({ path: path.join(outDir, `${name}-${w}-${String(i).padStart(2, '0')}.png`),
                                  clip: { x: 0, y, width: w, height: Math.min(tile, height - y) },
                                  captureBeyondViewport: true });
        console.log(`ok: ${name} at ${w} px: axe ${res.passes} rules passed, ${res.violations.length} violations ` +
                    `(${((Date.now() - t0) / 1000).toFixed(1)} s); ` +
                    `${lay.regions} table regions, ${lay.scrolling} scroll sideways; screenshot ${shot}`);
      }
      if (outside.length) fail(`${name}: requests outside the file: ${outside.slice(0, 5).join(', ')}`);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(failures === 0 ? `ok: ${checks} page checks, 0 problems` : `${failures} problems in ${checks} page checks`);
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.error('FAIL: ' + (e && e.stack || e)); process.exit(1); });
