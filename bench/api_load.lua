-- wrk script of bench/api_load.py: GETs the URL with each client's token in turn (BENCH_TOKENS,
-- comma-separated; none for the unauthenticated baseline), then prints the figures as one JSON line.

local requests_by_token = {}
local sent = 0

function init(args)
   local headers = { Accept = "application/json" }
   for token in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do
      headers["Authorization"] = "Token " .. token
      table.insert(requests_by_token, wrk.format("GET", nil, headers))
   end
   if #requests_by_token == 0 then
      table.insert(requests_by_token, wrk.format("GET", nil, headers))
   end
end

function request()
   sent = sent + 1
   return requests_by_token[sent % #requests_by_token + 1]
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      'BENCH_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, '
         .. '"max_us": %d, "non_2xx": %d, "socket_errors": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
      latency:percentile(99), latency.max, errors.status,
      errors.connect + errors.read + errors.write + errors.timeout))
end
