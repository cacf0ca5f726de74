-- api_markdown_file_error: a refused text from r.db:text fails the run with the script's line,
-- the text's file and the line in it; no output is written.
local rapp = require("rapp")
return rapp.report {
  name = "api_markdown_file_error", title = "Feil i tekst",
  params = { { name = "period", type = "period", kinds = { "tertial" } } },
  build = function(r, p)
    r.doc:paragraph("Før")
    r.doc:markdown(r.db:text("ENH1100", "tiltak", p.period))
  end,
}
