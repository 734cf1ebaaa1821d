"""API of the elections app, mounted at /api/v1/elections/."""

from ninja import Router

router = Router(tags=["elections"])
