"""API of the polling-station app (central side), mounted at /api/v1/."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["station"])
