"""Audit event types of the results app (declared once; see nirvachan.core.events)."""
