"""One screen per module, each with its `.tcss` stylesheet beside it (see `registry`)."""
