"""API of the finance app, mounted at /api/v1/finance/."""

from ninja import Router

router = Router(tags=["finance"])
