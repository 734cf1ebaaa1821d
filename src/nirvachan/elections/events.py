"""Audit event types of the elections app (declared once; see nirvachan.core.events)."""
