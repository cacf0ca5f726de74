local rapp = require("rapp")
return rapp.report { name = "sort", title = "Sortering", formats = { "txt" }, build = function(r)
  local n = r.db:value([[WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000000)
    SELECT count(*) FROM (SELECT printf('%0*d', 1000, i) AS s FROM c ORDER BY s DESC)]])
  r.doc:paragraph(tostring(n))
end }
