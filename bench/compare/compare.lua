-- wrk script of bench/compare/run.sh: every request is a new order-published event (the escrow
-- id varies per thread and request) carrying the secret header. Counts 2xx and other answers per
-- thread and prints one RESULT line at the end; wrk runs done() even when the server died mid-run,
-- which is what the kill -9 phase relies on.
local threads = {}
local counter = 0
local template = assert(io.open(os.getenv("COMPARE_BODY"), "rb")):read("*a")
local run = os.getenv("COMPARE_RUN") or "1"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Truust-Secret"] = os.getenv("COMPARE_SECRET")

function setup(thread)
   thread:set("tid", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   ok = 0
   other = 0
end

function request()
   counter = counter + 1
   -- digits only: the id also appears as a JSON number (payin.escrow_id)
   local id = string.format("%s%d%09d", run, tid, counter)
   return wrk.format(nil, nil, nil, (template:gsub("8810231", id)))
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      ok = ok + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local o, x = 0, 0
   for _, thread in ipairs(threads) do
      o = o + thread:get("ok")
      x = x + thread:get("other")
   end
   local e = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d ok_2xx=%d non_2xx=%d socket_errors=%d p50_us=%d p99_us=%d\n",
      summary.requests, summary.duration, o, x, e.connect + e.read + e.write + e.timeout,
      latency:percentile(50), latency:percentile(99)))
end
