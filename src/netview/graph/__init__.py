"""The network as a graph: degrees, strength, groups, layout, paths, follow-ups. No Qt."""
