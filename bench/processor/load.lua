-- wrk script: posts unique Truust-like order events, spread evenly over the types rules.sh uses.
-- Each thread sends BENCH_PER_THREAD events (order ids never repeat, so none is a duplicate),
-- then stops and leaves a marker file BENCH_MARKERS/done-<thread> for processor.sh.
local types = {"order.published", "order.cancelled", "order.released", "payin.confirmed", "payout.created"}
local template = '{"escrow":{"id":"%d","name":"Bench order %d","amount":%.2f,"currency":"%s",'
  .. '"status":"PUBLISHED","auto_settled":"0","metadata":{"buyer_email":"%s","campaign":"spring-%d"}},'
  .. '"platform":"bench","payin":{"id":%d,"escrow_id":%d,"type":"REDSYS","status":"CONFIRMED","save_card":0}}'
local headers = {["Content-Type"] = "application/json", ["X-Truust-Secret"] = os.getenv("BENCH_SECRET") or "bench"}

local threads = {}
local next_thread = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
  table.insert(threads, thread)
end

function init(args)
  quota = tonumber(os.getenv("BENCH_PER_THREAD") or "1000")
  markers = os.getenv("BENCH_MARKERS") or "/tmp"
  sent, answered, accepted, other = 0, 0, 0, 0
end

-- Everything but the type comes from k, the event's number within its type, so each type sees
-- the same mix of amounts (0 to 1999.99), currencies (80% EUR), 1,000 buyers (2% VIP) and 20 campaigns.
function request()
  sent = sent + 1
  local n = thread_id * 100000000 + sent
  local k = math.floor(n / #types)
  local buyer = (k % 50 == 0) and string.format("buyer-%d@vip.example.com", k % 1000)
    or string.format("buyer-%d@example.com", k % 1000)
  local currency = (k % 10 < 8) and "EUR" or ((k % 10 == 8) and "GBP" or "USD")
  local body = string.format(template, n, n, (k * 7919 % 200000) / 100, currency, buyer, k % 20, n, n)
  return wrk.format("POST", "/webhooks/truust/" .. types[n % #types + 1], headers, body)
end

function response(status, headers, body)
  answered = answered + 1
  if status == 202 then accepted = accepted + 1 else other = other + 1 end
  if answered == quota then
    local marker = io.open(markers .. "/done-" .. thread_id, "w")
    marker:write(accepted, " ", other, "\n")
    marker:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local accepted_all, other_all = 0, 0
  for _, thread in ipairs(threads) do
    accepted_all = accepted_all + thread:get("accepted")
    other_all = other_all + thread:get("other")
  end
  io.write(string.format("LOAD accepted=%d other=%d\n", accepted_all, other_all))
end
