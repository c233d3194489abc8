"""Look-ups in the engine's registries (activations, losses, features, ...)."""


def lookup(table: dict, name: str, kind: str):
    """Return ``table[name]``, or raise a KeyError that lists the valid names."""
    try:
        return table[name]
    except KeyError:
        raise KeyError(f"unknown {kind} {name!r}; valid: {list(table)}") from None
