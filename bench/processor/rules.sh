#!/usr/bin/env bash
# Writes COUNT benchmark rules into DIR, spread evenly over the event types load.lua sends, each
# with a 'log' action, plus offers.yaml with an offer that started an hour ago.
# Conditions are the kinds our sample rules use; with load.lua's bodies about 0.7 rules fire per
# event (amount thresholds ~4%, a 24 h offer window once per buyer, campaigns 5%, VIP buyers 2%).
# Usage: rules.sh DIR COUNT
set -euo pipefail
dir=${1:?usage: rules.sh DIR COUNT}
count=${2:?usage: rules.sh DIR COUNT}
types=(order.published order.cancelled order.released payin.confirmed payout.created)
mkdir -p "$dir"

cat > "$dir/offers.yaml" <<YAML
offers:
  bench:
    start: $(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
YAML

condition() {
  local n=$1 k=$(($1 / ${#types[@]}))
  case $((k % 5)) in
    0) echo "decimal(escrow.amount) >= $((1900 - 10 * (k % 4))) && escrow.currency == 'EUR'" ;;
    1) echo "within(event.receivedAt, offers['bench'].start, 'PT24H') && escrow.metadata.buyer_email != null" ;;
    2) echo "escrow.metadata.campaign == 'spring-$((k % 20))' && payin.status == 'CONFIRMED'" ;;
    3) echo "escrow.currency == 'GBP' && escrow.amount >= $((k * 10)) && escrow.amount < $((k * 10 + 100))" ;;
    *) echo "matches(escrow.metadata.buyer_email, '.*@vip[.]example[.]com')" ;;
  esac
}

for ((n = 0; n < count; n++)); do
  k=$((n / ${#types[@]}))
  {
    echo "id: bench-$n"
    echo "on: [${types[n % ${#types[@]}]}]"
    echo "when: \"$(condition "$n")\""
    echo "priority: $((count - n))"
    # The offer-window rule is a promo: once per buyer, as first-day-buyers is.
    [ $((k % 5)) -eq 1 ] && echo "once-per: lower(escrow.metadata.buyer_email)"
    echo "actions:"
    echo "  - log: { message: \"bench-$n fired for {escrow.id}\" }"
  } > "$dir/bench-$n.yaml"
done
