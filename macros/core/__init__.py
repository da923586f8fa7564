"""Reading and checking data: located YAML, field declarations, records, quotes, prose macros and
the immutable knowledge base. Plain Python: imports nothing from the other layers or any engine."""
