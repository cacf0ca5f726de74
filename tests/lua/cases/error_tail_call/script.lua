-- error_tail_call: a query in a helper's tail call (`return db:rows(...)`) reports the line of
-- the query and the caller's line in the traceback (issue 10), as without the tail call
local rapp = require("rapp")
local function all(db, sql)
  return db:rows(sql)
end
return rapp.report { name = "t", title = "Test", formats = { "txt" },
  params = { { name = "period", type = "period" } },
  build = function(r)
    local rows = all(r.db, "SELECT nosuchcolumn FROM area")
    r.doc:paragraph(#rows)
  end }
