"""API of the monitoring app, mounted at /api/v1/monitoring/."""

from ninja import Router

router = Router(tags=["monitoring"])
