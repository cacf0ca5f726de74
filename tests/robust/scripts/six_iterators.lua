local rapp = require("rapp")
return rapp.report { name = "iter", title = "Iteratorer", formats = { "txt" }, build = function(r)
  local its = {}
  for i = 1, 6 do
    local f, st, c = r.db:each([[WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 9)
      SELECT printf('%.*c', 300000000, 'x') AS s, i FROM c ORDER BY s, i DESC]])
    its[i] = { f, st }; f(st, c)
  end
  r.doc:paragraph("ferdig")
end }
