"""Audit event types of the monitoring app (declared once; see nirvachan.core.events)."""
