"""A user's words to entities: normalising names (normalize) and resolving them (resolve)."""
