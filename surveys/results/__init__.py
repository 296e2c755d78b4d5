"""A survey's results: what the answers add up to, computed in the database,
with small-group protection on every breakdown; the comparison of two rounds;
the exports."""
