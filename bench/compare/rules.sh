# Sourced by bench/compare/run.sh and bench/profile.sh: the promo rule of the comparison, with a
# log action, and its offer window, written as the service reads them.

# write_promo_rules DIR OFFER_START OFFER_END
write_promo_rules() {
    mkdir -p "$1"
    printf 'offers:\n  black-friday:\n    start: %s\n    end: %s\n' "$2" "$3" >"$1/offers.yaml"
    cat >"$1/promo.yaml" <<'YAML'
id: first-day-buyers
on: [order.published]
when: within(event.receivedAt, offers['black-friday'].start, 'PT24H') && escrow.metadata.buyer_email != null
actions:
  - log: { message: "promo for {escrow.metadata.buyer_email}" }
YAML
}
