"""API of the roll app, mounted at /api/v1/roll/."""

from ninja import Router

router = Router(tags=["roll"])
