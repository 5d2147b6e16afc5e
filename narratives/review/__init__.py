"""Review: the PAU's review screen (entries per period) and its return-with-comment step."""
