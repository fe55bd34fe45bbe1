-- wrk script for `make bench`: rotates over realistic claim filters for the
-- perf10k account (10,000 claims). The session cookie comes from -H.
local paths = {
  "/api/v1/claims",
  "/api/v1/claims?category=prescription",
  "/api/v1/claims?range=last12&status=paid",
  "/api/v1/claims?q=atorvastatin",
  "/api/v1/claims?provider=cedar&sort=owed&dir=asc",
  "/api/v1/claims?network=out&range=this_year",
  "/api/v1/claims?q=office%20visit&page=3",
  "/api/v1/claims?min_owed=50&sort=provider",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
