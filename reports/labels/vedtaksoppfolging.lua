-- reports/labels/vedtaksoppfolging.lua — the words of reports/vedtaksoppfolging.lua per language
-- form (docs/scripting.md "Languages and labels"); se falls back to nb with a warning.
return {
  nb = {
    ["title"] = "Oppfølging av politiske vedtak",
    ["subtitle"] = "Status per %s",
    ["h.summary"] = "Sammendrag",
    ["summary"] = "Per %s: **%s vedtak** til oppfølging%s, av dem **%s åpne** (ikke ferdige eller utgått); "
      .. "**%s har passert fristen**.",
    ["for_area"] = " for %s",
    ["item"] = "%s: %s",
    ["item_overdue"] = ", av dem %s med passert frist",
    ["status_note"] = "Status: vedtakets status per %s. Frist passert: vedtaket var ikke ferdig eller utgått "
      .. "per %s, og fristen var før denne datoen.",
    ["case"] = "Saksnr",
    ["meeting"] = "Møtedato",
    ["case_title"] = "Tittel",
    ["decision"] = "Vedtak (kort)",
    ["responsible"] = "Ansvarlig",
    ["deadline"] = "Frist",
    ["status"] = "Status per %s",
    ["comment"] = "Kommentar",
    ["note"] = "Kommentar: den siste kommentaren i saksarkivet ved uttrekket.",
  },
  nn = {
    ["title"] = "Oppfølging av politiske vedtak",
    ["subtitle"] = "Status per %s",
    ["h.summary"] = "Samandrag",
    ["summary"] = "Per %s: **%s vedtak** som skal følgjast opp%s, av dei **%s opne** (ikkje ferdige eller "
      .. "utgått); **%s har passert fristen**.",
    ["for_area"] = " for %s",
    ["item"] = "%s: %s",
    ["item_overdue"] = ", av dei %s med passert frist",
    ["status_note"] = "Status: statusen til vedtaket per %s. Frist passert: vedtaket var ikkje ferdig eller "
      .. "utgått per %s, og fristen var før denne datoen.",
    ["case"] = "Saksnr",
    ["meeting"] = "Møtedato",
    ["case_title"] = "Tittel",
    ["decision"] = "Vedtak (kort)",
    ["responsible"] = "Ansvarleg",
    ["deadline"] = "Frist",
    ["status"] = "Status per %s",
    ["comment"] = "Kommentar",
    ["note"] = "Kommentar: den siste kommentaren i saksarkivet då uttrekket vart laga.",
  },
  se = {},
}
