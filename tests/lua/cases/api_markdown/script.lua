-- api_markdown: every Markdown construct doc:markdown prints — sub-headings nested under the
-- current heading, paragraphs with emphasis, strong and both, inline code as text, bullet and
-- numbered lists (with their start), links (http, https, mailto), block quotes with a list,
-- hard and soft line breaks — and a text from r.db:text.
local rapp = require("rapp")
return rapp.report {
  name = "api_markdown", title = "Markdown",
  params = { { name = "period", type = "period", kinds = { "tertial" } } },
  build = function(r, p)
    r.doc:heading(1, "Oppvekst")
    r.doc:markdown(r.db:text("OPPV", "vurdering", p.period))
    r.doc:heading(2, "Alle former")
    r.doc:markdown([[
# Under nivå 2

Et avsnitt med *kursiv*, **fet**, ***begge*** og `kode`,
over to linjer.  
Hard linjeskift.

- første punkt med [lenke](https://fjordvik.kommune.no/plan)
- andre punkt

3. tredje
4. fjerde

> Sitat med **vekt**.
>
> - punkt i sitat

Skriv til [postmottak](mailto:post@fjordvik.kommune.no) eller se <https://example.no>.

## Dypere
### Dypest (nivå 3 er største)
]])
  end,
}
