-- wrk script of bench/ingest.sh. BENCH_MODE=post sends the sample order-published body with a
-- new escrow id on every request (so each one is a new event, not a duplicate); any other mode
-- sends wrk's plain request (the GET baseline). Both count 2xx/other answers and print one
-- machine-readable line that ingest.sh parses.
local mode = os.getenv("BENCH_MODE") or "get"
local threads = {}
local counter = 0
-- BENCH_DELAY_MS: each connection waits this long after an answer (a steady rate for bench/soak.sh)
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")

function setup(thread)
   thread:set("tid", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   accepted = 0
   ok = 0
   other = 0
end

if mode == "post" then
   local template = assert(io.open(os.getenv("BENCH_BODY"), "rb")):read("*a")
   local sample_id = "8810231"
   local prefix = os.getenv("BENCH_RUN") or "1"
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers[os.getenv("BENCH_SECRET_HEADER") or "X-Truust-Secret"] = os.getenv("BENCH_SECRET")

   function request()
      counter = counter + 1
      -- digits only: the id also appears as a JSON number (payin.escrow_id)
      local id = string.format("%s%d%09d", prefix, tid, counter)
      return wrk.format(nil, nil, nil, (template:gsub(sample_id, id)))
   end
end

if delay_ms > 0 then
   function delay()
      return delay_ms
   end
end

function response(status, headers, body)
   if status == 202 then
      accepted = accepted + 1
   elseif status >= 200 and status < 300 then
      ok = ok + 1
   else
      other = other + 1
   end
end

function done(summary, latency, requests)
   local a, o, x = 0, 0, 0
   for _, thread in ipairs(threads) do
      a = a + thread:get("accepted")
      o = o + thread:get("ok")
      x = x + thread:get("other")
   end
   local errors = summary.errors
   io.write(string.format(
      "RESULT requests=%d duration_us=%d accepted=%d other_2xx=%d non_2xx=%d socket_errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
      summary.requests, summary.duration, a, o, x,
      errors.connect + errors.read + errors.write + errors.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
