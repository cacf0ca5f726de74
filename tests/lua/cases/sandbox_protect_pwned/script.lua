-- sandbox_protect_pwned: issue 16's exploit — replace string.match/gsub so the library's name
-- checks pass "./../PWNED" — must stop at the first assignment; nothing is written anywhere
local rapp=require("rapp"); local m,g=string.match,string.gsub
string.match=function(s,p,...) if p=="^[A-Za-z0-9][A-Za-z0-9_-]*$" then return s end return m(s,p,...) end
string.gsub=function(s,p,r,n) if p=="[^A-Za-z0-9._-]" or p=="^%.+" then return s,0 end return g(s,p,r,n) end
return rapp.report{name="./../PWNED",title="x",formats={"txt"},
  build=function(r) r.doc:paragraph("echo pwned") end}
