"""The room as the facilitator sees it: the screen that shows the address and the queue,
and the workshop screen's side of it (opening, closing, accepting into the history)."""
