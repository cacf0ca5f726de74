-- lua/rapp/prelude.lua — runs once in every script state before the script: makes pairs()
-- deterministic. Rationale: Lua 5.4 seeds its string hash per state, so the order of pairs()
-- changes between runs, and a report must give byte-identical output for the same snapshot.
-- pairs() here visits numbers (ascending), then strings (byte order), then booleans, then any
-- other keys (in no defined order). `next` is left as Lua has it.
-- A read-only view of a library table (src/lua/protect.c) is empty itself: pairs() walks the
-- table it reads from.
local _, core = ...
local type, next, rawget, sort, error, view_source = type, next, rawget, table.sort, error, core.view_source

local rank = { number = 1, string = 2, boolean = 3 }

local function before(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return (rank[ta] or 4) < (rank[tb] or 4) end
  if ta == "number" or ta == "string" then return a < b end
  if ta == "boolean" then return (not a) and b end
  return false
end

function pairs(t) -- luacheck: ignore (replaces the global on purpose)
  if type(t) ~= "table" then
    error("bad argument #1 to 'pairs' (table expected, got " .. type(t) .. ")", 2)
  end
  local src = view_source(t) -- never handed out: the loop's state stays t
  local keys, n = {}, 0
  for k in next, src do
    n = n + 1
    keys[n] = k
  end
  sort(keys, before)
  local i = 0
  return function()
    while i < n do
      i = i + 1
      local k = keys[i]
      local v = rawget(src, k)
      if v ~= nil then return k, v end
    end
    return nil
  end, t, nil
end
