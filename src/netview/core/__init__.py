"""Plain data, identities, errors and the progress protocol. No I/O, no Qt."""
