#!/usr/bin/env bash
# How long a new listing takes to reach the public book, on a running local stack (local-stack/run-local.sh):
# Alice lists one MI250X at a new lowest price in each hub in turn, and the script polls GET /api/market/depth
# every 10 ms until that price is the book's best ask. Prints, per listing, the offering request's time and the
# time until the book shows it (both from the request's start). Rerunnable: each run lists below the last.
#   local-stack/listing-latency.sh [COUNT] [GAP_SECONDS]      default 16 listings, 2.5 s apart
set -euo pipefail
count=${1:-16}
gap=${2:-2.5}
api=${FLOPX_API:-http://localhost:8080/api}
realm=${FLOPX_REALM:-http://localhost:8090/realms/flopx}
model=MI250X-128GB
token() {
  curl -sf -d grant_type=password -d client_id=flopx-cli -d username="$1" -d password=flopx-demo \
    "$realm/protocol/openid-connect/token" | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
alice=$(token alice) && olivia=$(token olivia) || {
  echo "no token from $realm: is the stack running (local-stack/run-local.sh)?" >&2
  exit 1
}
day=$(date -u -d "+5 days" +%F)
until_day=$(date -u -d "$day + 1 day" +%F)
hubs=(ningxia gansu guizhou inner-mongolia jing-jin-ji yangtze-delta greater-bay chengdu-chongqing)
best_ask() { # the lowest best ask of the model in any hub, or 100000 when none
  curl -sf -H "Authorization: Bearer $olivia" "$api/market/depth?model=$model" \
    | grep -o '"bestAsk":[0-9]*' | cut -d: -f2 | sort -n | head -1 || true
}
price=$(best_ask)
price=${price:-100000}
for i in $(seq 1 "$count"); do
  hub=${hubs[$(((i - 1) % 8))]}
  price=$((price - 1))
  if [ "$price" -lt 1 ]; then
    echo "every price down to 1 is taken: restart the stack on fresh data" >&2
    exit 1
  fi
  site=$(curl -s -H "Authorization: Bearer $alice" -H 'Content-Type: application/json' "$api/sites" \
    -d '{"name":"Latency probe '"$hub"'","hub":"'"$hub"'","pue":1.2,"greenRating":"5A","backboneConnected":true,"interconnect":"ROCE"}' \
    | grep -o '"\(id\|existingId\)":"[^"]*"' | head -1 | cut -d'"' -f4 || true)
  if [ -z "$site" ]; then
    echo "no site in $hub for alice: see POST $api/sites" >&2
    exit 1
  fi
  sleep "$gap"
  started=$(now_ms)
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $alice" -H 'Content-Type: application/json' \
    "$api/offerings" -d '{"model":"'$model'","siteId":"'"$site"'","devices":1,"availableFrom":"'"$day"'T00:00:00Z",
      "availableUntil":"'"$until_day"'T00:00:00Z","pricePerDeviceHour":'$price',"currency":"CNY"}')
  answered=$(($(now_ms) - started))
  shown="not within 15 s"
  while [ $(($(now_ms) - started)) -lt 15000 ]; do
    if curl -s -H "Authorization: Bearer $olivia" "$api/market/depth?hub=$hub&model=$model" | grep -q "\"bestAsk\":$price[,}]"; then
      shown="$(($(now_ms) - started)) ms"
      break
    fi
    sleep 0.01
  done
  echo "$hub: offering $status in $answered ms, in the book after $shown"
done
