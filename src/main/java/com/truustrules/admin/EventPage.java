package com.truustrules.admin;

import java.util.List;

/** One page of the event list; next is the cursor for the following page, null on the last. */
public record EventPage(List<EventSummary> items, Long next) {
}
