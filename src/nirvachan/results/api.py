"""API of the results app, mounted at /api/v1/results/."""

from ninja import Router

router = Router(tags=["results"])
