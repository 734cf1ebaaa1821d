"""Audit event types of the roll app (declared once; see nirvachan.core.events)."""
