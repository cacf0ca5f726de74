-- api_markdown_refused: every construct doc:markdown refuses, each an error naming the line (and
-- the file when the text came from r.db:text); a refused text adds nothing to the document.
local rapp = require("rapp")
local cases = {
  "Tekst\n\n<div>html</div>\n",
  "Tekst med <b>html</b> inni.\n",
  "Et bilde:\n\n![kart](kart.png)\n",
  "Kode:\n\n    innrykket kode\n",
  "```\ngjerdet kode\n```\n",
  "Over\n\n---\n\nUnder\n",
  "| a | b |\n|---|---|\n| 1 | 2 |\n",
  "- en\n  - to\n",
  "[lenke](javascript:alert(1))\n",
  "[lenke](fil.html)\n",
  "> # Overskrift i sitat\n",
}
return rapp.report {
  name = "api_markdown_refused", title = "Markdown som nektes",
  params = { { name = "period", type = "period", kinds = { "tertial" } } },
  build = function(r, p)
    for i, text in ipairs(cases) do
      local ok, err = pcall(r.doc.markdown, r.doc, text)
      r.doc:paragraph(i .. ": " .. tostring(ok) .. " " .. tostring(err))
    end
    local ok, err = pcall(r.doc.markdown, r.doc, r.db:text("ENH1100", "tiltak", p.period))
    r.doc:paragraph("fil: " .. tostring(ok) .. " " .. tostring(err))
    local ok2, err2 = pcall(r.doc.markdown, r.doc, 42)
    r.doc:paragraph("tall: " .. tostring(ok2) .. " " .. tostring(err2))
  end,
}
