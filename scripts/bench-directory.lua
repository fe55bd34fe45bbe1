-- wrk script for `make bench`: rotates over realistic provider directory
-- searches (member1, the whole demo network). The session cookie comes from -H.
local paths = {
  "/api/v1/directory/providers",
  "/api/v1/directory/providers?q=pediatrician&zip=98115&language=es",
  "/api/v1/directory/providers?q=knee%20doctor&within=25",
  "/api/v1/directory/providers?q=therapist&virtual=true&within=50",
  "/api/v1/directory/providers?q=primary%20care&accepting=true&gender=female",
  "/api/v1/directory/providers?within=100&network=any&page=7",
  "/api/v1/directory/providers?q=Cedar%20Family%20Medicine&within=100",
  "/api/v1/directory/providers?q=urgent%20care&zip=98004&plan=EVG-PLT-HMO-2027",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
