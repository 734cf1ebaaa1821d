"""Demo data of the monitoring app (idempotent: a second run adds nothing)."""


def demo_load() -> dict[str, int]:
    return {}
