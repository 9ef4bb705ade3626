"""Who is who: the person resolver, the name matcher, and merges and splits by hand."""
