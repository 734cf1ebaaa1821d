"""Audit event types of the meetings app (declared once; see nirvachan.core.events)."""
