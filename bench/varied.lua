-- wrk script: every request asks for the next path of a list (one path a line, in the file named by the
-- first script argument); each thread starts at its own place in the list, so the threads never ask for the
-- same pages one after the other. Counts the answers the page cache gave (X-Page-Cache: hit) and prints
-- them at the end as "page-cache hits: <hits> of <responses>".
--
--   wrk -t2 -c16 -d10s -s bench/varied.lua http://127.0.0.1:8765 -- urls.txt 2

local threads = {}
local created = 0

function setup(thread)
  created = created + 1
  thread:set("number", created)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  local count = tonumber(args[2]) or 1
  index = math.floor((number - 1) * #paths / count)
  hits = 0
  responses = 0
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function response(status, headers, body)
  responses = responses + 1
  if headers["X-Page-Cache"] == "hit" then
    hits = hits + 1
  end
end

function done(summary, latency, requests)
  local total_hits, total_responses = 0, 0
  for _, thread in ipairs(threads) do
    total_hits = total_hits + thread:get("hits")
    total_responses = total_responses + thread:get("responses")
  end
  io.write(string.format("page-cache hits: %d of %d\n", total_hits, total_responses))
end
